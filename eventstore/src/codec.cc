#include "codec.h"

namespace trygg::eventstore::codec {

void PutU8(std::string& out, uint8_t v) { out.push_back(static_cast<char>(v)); }

namespace {
template <typename T>
void StoreBigEndian(char* out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out[i] = static_cast<char>(v >> (8 * (sizeof(T) - 1 - i)));
  }
}
template <typename T>
void PutBigEndian(std::string& out, T v) {
  char bytes[sizeof(T)];
  StoreBigEndian(bytes, v);
  out.append(bytes, sizeof(T));
}
}  // namespace

void PutU32(std::string& out, uint32_t v) { PutBigEndian(out, v); }
void PutU64(std::string& out, uint64_t v) { PutBigEndian(out, v); }
void StoreU64(char* out, uint64_t v) { StoreBigEndian(out, v); }

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
