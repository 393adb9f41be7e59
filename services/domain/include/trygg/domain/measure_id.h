// Ids for measures proposed without one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trygg::domain {

// "m-" followed by 12 lowercase hex digits: the top 48 bits of the 64-bit FNV-1a hash of
// principal, a NUL byte, and command_id. Deterministic across processes, builds and platforms,
// so a retried ProposeMeasure (same principal, same command_id) gets the same id. Two different
// commands colliding is possible (48 bits) but then DecideProposeMeasure answers ALREADY_EXISTS
// rather than overwriting anything.
[[nodiscard]] std::string GenerateMeasureId(std::string_view principal,
                                            std::string_view command_id);

// The FNV-1a 64-bit hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
[[nodiscard]] std::uint64_t Fnv1a64(std::string_view bytes) noexcept;

}  // namespace trygg::domain
