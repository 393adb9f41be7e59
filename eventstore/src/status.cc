#include "trygg/eventstore/status.h"

#include "absl/status/status.h"
#include "absl/strings/escaping.h"

namespace trygg::eventstore {

std::string CodeName(Code code) {
  // The codes are numbered as google.rpc.Code, so abseil's names are gRPC's.
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

Status Status::VersionConflict(std::string message, StreamVersion current) {
  Status s(Code::kAborted, std::move(message));
  s.current_version_ = current;
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string text = CodeName(code_) + ": " + message_;
  if (!detail_.empty()) text += " (" + detail_ + ")";
  return text;
}

std::string ToHex(const Hash& hash) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

std::optional<Hash> FromHex(std::string_view hex) {
  Hash hash{};
  if (hex.size() != 2 * hash.size()) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < hash.size(); ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    hash[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return hash;
}

}  // namespace trygg::eventstore
