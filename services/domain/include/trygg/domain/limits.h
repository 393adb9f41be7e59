// Every limit the domain enforces on a command's fields. Exceeding one is INVALID_ARGUMENT with a
// message naming the field and the limit. Lengths in characters count Unicode code points of
// valid UTF-8, so "å" is one character (two bytes).
#pragma once

#include <cstddef>
#include <cstdint>

namespace trygg::domain {

// command_id: the client's idempotency key, 1..100 characters of visible ASCII (0x21-0x7E).
// ASCII keeps characters equal to bytes, so a key always fits the event store's 200-byte
// metadata and idempotency-key limits with room for a prefix.
inline constexpr std::size_t kMaxCommandIdChars = 100;

// plan_id, agency_id, measure_id and focus-area keys: 1..100 characters of [a-z0-9-]. They
// become stream ids ("measure-" + id) and URL path segments, hence the narrow alphabet.
inline constexpr std::size_t kMaxIdChars = 100;

// Names and titles (plan name, municipality, focus-area name, agency name, measure title):
// 1..200 characters, one line, no control characters, not only spaces.
inline constexpr std::size_t kMaxNameChars = 200;

// An agency's kind ("police", "municipality", ...): 0..200 characters, one line.
inline constexpr std::size_t kMaxKindChars = 200;

// Free text (description, note, rationale, outcome, reason): 0..10,000 characters; may span
// lines (tab, LF and CR are allowed; other control characters are not).
inline constexpr std::size_t kMaxTextChars = 10000;

// A plan has 1..50 focus areas, with unique keys.
inline constexpr std::size_t kMinFocusAreas = 1;
inline constexpr std::size_t kMaxFocusAreas = 50;

// ReportProgress: percent_complete is 0..100.
inline constexpr std::uint32_t kMaxPercentComplete = 100;

}  // namespace trygg::domain
