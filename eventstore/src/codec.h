// Byte encodings of the storage format (docs/storage-format.md, "Encodings used below").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trygg::eventstore::codec {

void PutU8(std::string& out, uint8_t v);
void PutU32(std::string& out, uint32_t v);  // big-endian
void PutU64(std::string& out, uint64_t v);  // big-endian
void PutVarint(std::string& out, uint32_t v);
void PutBytes(std::string& out, std::string_view bytes);  // varint length, then the bytes

// Reads from the front of `in`, advancing it. Each returns nullopt (and leaves `in` unspecified)
// when `in` is too short or malformed.
std::optional<uint8_t> GetU8(std::string_view& in);
std::optional<uint32_t> GetU32(std::string_view& in);
std::optional<uint64_t> GetU64(std::string_view& in);
std::optional<uint32_t> GetVarint(std::string_view& in);
std::optional<std::string_view> GetBytes(std::string_view& in);

// Big-endian u64 as an 8-byte string: log keys, index values.
std::string U64Key(uint64_t v);
// Decodes exactly 8 bytes.
std::optional<uint64_t> ParseU64Key(std::string_view bytes);

}  // namespace trygg::eventstore::codec
