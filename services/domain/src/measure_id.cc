#include "trygg/domain/measure_id.h"

#include <absl/strings/str_cat.h>

namespace trygg::domain {

std::uint64_t Fnv1a64(std::string_view bytes) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string GenerateItemId(std::string_view prefix, std::string_view principal,
                           std::string_view command_id) {
  // The NUL separator keeps ("ab", "c") and ("a", "bc") apart; principals and command ids never
  // contain NUL (validation rejects control characters).
  std::string input;
  input.reserve(principal.size() + 1 + command_id.size());
  input.append(principal).push_back('\0');
  input.append(command_id);
  const std::uint64_t hash = Fnv1a64(input);

  // The top 48 bits: in FNV's multiply, high bits depend on more of the input than low bits.
  std::string id(prefix);
  absl::StrAppend(&id, absl::Hex(hash >> 16, absl::kZeroPad12));
  return id;
}

std::string GenerateMeasureId(std::string_view principal, std::string_view command_id) {
  return GenerateItemId(kMeasureIdPrefix, principal, command_id);
}

}  // namespace trygg::domain
