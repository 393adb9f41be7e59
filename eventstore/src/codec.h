// Byte encodings of the storage format (docs/storage-format.md, "Encodings used below").
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace trygg::eventstore::codec {

void PutU8(std::string& out, uint8_t v);
void PutU32(std::string& out, uint32_t v);  // big-endian
void PutU64(std::string& out, uint64_t v);  // big-endian
void StoreU64(char* out, uint64_t v);       // big-endian, into out[0..8)
void PutVarint(std::string& out, uint32_t v);
void PutBytes(std::string& out, std::string_view bytes);  // varint length, then the bytes

// Reads from the front of `in`, advancing it. Each returns nullopt (and leaves `in` unspecified)
// when `in` is too short or malformed. Inline: record decoding is the replay hot path.
inline std::optional<uint8_t> GetU8(std::string_view& in) {
  if (in.empty()) return std::nullopt;
  auto v = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  return v;
}

// One load and a byte swap (a byte-at-a-time loop was not inlined and cost ~4 % of replay).
template <typename T>
inline std::optional<T> GetBigEndian(std::string_view& in) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8);
  if (in.size() < sizeof(T)) return std::nullopt;
  T v;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  if constexpr (std::endian::native == std::endian::little) {
    if constexpr (sizeof(T) == 8) {
      v = __builtin_bswap64(v);
    } else {
      v = __builtin_bswap32(v);
    }
  }
  return v;
}
inline std::optional<uint32_t> GetU32(std::string_view& in) { return GetBigEndian<uint32_t>(in); }
inline std::optional<uint64_t> GetU64(std::string_view& in) { return GetBigEndian<uint64_t>(in); }

inline std::optional<uint32_t> GetVarint(std::string_view& in) {
  uint32_t v = 0;
  for (std::size_t i = 0; i < 5 && i < in.size(); ++i) {
    const auto byte = static_cast<uint8_t>(in[i]);
    if (i == 4 && byte > 0x0f) return std::nullopt;  // would exceed 32 bits
    v |= static_cast<uint32_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      in.remove_prefix(i + 1);
      return v;
    }
  }
  return std::nullopt;
}

inline std::optional<std::string_view> GetBytes(std::string_view& in) {
  auto len = GetVarint(in);
  if (!len || in.size() < *len) return std::nullopt;
  std::string_view bytes = in.substr(0, *len);
  in.remove_prefix(*len);
  return bytes;
}

// Big-endian u64 as an 8-byte string: log keys, index values.
std::string U64Key(uint64_t v);
// Decodes exactly 8 bytes.
std::optional<uint64_t> ParseU64Key(std::string_view bytes);

}  // namespace trygg::eventstore::codec
