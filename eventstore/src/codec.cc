#include "codec.h"

namespace trygg::eventstore::codec {

void PutU8(std::string& out, uint8_t v) { out.push_back(static_cast<char>(v)); }

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) PutU8(out, static_cast<uint8_t>(v >> shift));
}

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) PutU8(out, static_cast<uint8_t>(v >> shift));
}

void PutVarint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    PutU8(out, static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  PutU8(out, static_cast<uint8_t>(v));
}

void PutBytes(std::string& out, std::string_view bytes) {
  PutVarint(out, static_cast<uint32_t>(bytes.size()));
  out.append(bytes);
}

std::optional<uint8_t> GetU8(std::string_view& in) {
  if (in.empty()) return std::nullopt;
  auto v = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  return v;
}

namespace {
template <typename T>
std::optional<T> GetBigEndian(std::string_view& in) {
  if (in.size() < sizeof(T)) return std::nullopt;
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  in.remove_prefix(sizeof(T));
  return v;
}
}  // namespace

std::optional<uint32_t> GetU32(std::string_view& in) { return GetBigEndian<uint32_t>(in); }
std::optional<uint64_t> GetU64(std::string_view& in) { return GetBigEndian<uint64_t>(in); }

std::optional<uint32_t> GetVarint(std::string_view& in) {
  uint32_t v = 0;
  for (int i = 0; i < 5; ++i) {
    auto byte = GetU8(in);
    if (!byte) return std::nullopt;
    if (i == 4 && *byte > 0x0f) return std::nullopt;  // would exceed 32 bits
    v |= static_cast<uint32_t>(*byte & 0x7f) << (7 * i);
    if ((*byte & 0x80) == 0) return v;
  }
  return std::nullopt;
}

std::optional<std::string_view> GetBytes(std::string_view& in) {
  auto len = GetVarint(in);
  if (!len || in.size() < *len) return std::nullopt;
  std::string_view bytes = in.substr(0, *len);
  in.remove_prefix(*len);
  return bytes;
}

std::string U64Key(uint64_t v) {
  std::string out;
  out.reserve(8);
  PutU64(out, v);
  return out;
}

std::optional<uint64_t> ParseU64Key(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  return GetU64(bytes);
}

}  // namespace trygg::eventstore::codec
