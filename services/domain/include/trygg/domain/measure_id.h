// Ids for measures and for the things inside a plan or a measure, when a command gives none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trygg::domain {

// The prefixes of generated ids, one per kind of thing, so that an id says what it names.
inline constexpr std::string_view kMeasureIdPrefix = "m-";
inline constexpr std::string_view kInputIdPrefix = "in-";
inline constexpr std::string_view kFindingIdPrefix = "f-";
inline constexpr std::string_view kCauseIdPrefix = "c-";
inline constexpr std::string_view kGoalIdPrefix = "g-";
inline constexpr std::string_view kWorkingGroupIdPrefix = "wg-";
inline constexpr std::string_view kPromiseIdPrefix = "p-";

// `prefix` followed by 12 lowercase hex digits: the top 48 bits of the 64-bit FNV-1a hash of
// principal, a NUL byte, and command_id. Deterministic across processes, builds and platforms,
// so a retried command (same principal, same command_id) gets the same id. Two different commands
// colliding is possible (48 bits) but then Decide answers ALREADY_EXISTS rather than overwriting
// anything. With one of the prefixes above the result is a valid id (IsValidId).
[[nodiscard]] std::string GenerateItemId(std::string_view prefix, std::string_view principal,
                                         std::string_view command_id);

// GenerateItemId(kMeasureIdPrefix, principal, command_id): "m-" and 12 hex digits.
[[nodiscard]] std::string GenerateMeasureId(std::string_view principal,
                                            std::string_view command_id);

// The FNV-1a 64-bit hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
[[nodiscard]] std::uint64_t Fnv1a64(std::string_view bytes) noexcept;

}  // namespace trygg::domain
