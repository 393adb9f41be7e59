// The moment an audit replays to (`replay --at`), and the dates and times around it.
//
// Dates are calendar dates in the configured time zone (trygg-audit's --time-zone, default
// Europe/Stockholm, as trygg-server's): "today", for overdue measures, is the date there
// (domain::Today). Times in the log are UTC.
#pragma once

#include <absl/time/time.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trygg/eventstore/status.h"
#include "trygg/eventstore/types.h"

namespace trygg::audit {

using eventstore::Timestamp;

// What `--at` names.
struct AsOf {
  enum class Kind {
    kHead,      // the whole log (no --at); "today" is the current date
    kPosition,  // up to and including a global position; "today" is the date it was recorded
    kTime,      // every event recorded at or before `last_included`; "today" is `today`
  };
  Kind kind = Kind::kHead;
  uint64_t position = 0;      // kPosition
  Timestamp last_included{};  // kTime
  std::string today;          // kTime: "YYYY-MM-DD"
  std::string text;           // as given, for messages
};

// Parses `--at`:
//   "1234"                        a position (digits only, at least 1);
//   "2026-03-01"                  the end of that day in `zone`: every event recorded before the
//                                 next midnight there (summer time included); "today" is that
//                                 date;
//   "2026-03-01T12:00:00Z",       an RFC 3339 time with a time zone (Z or ±HH:MM), optional
//   "2026-03-01T13:00:00.5+01:00" fractional seconds (1 to 9 digits, truncated to the
//                                 microsecond); "today" is its date in `zone`.
// kInvalidArgument, naming what is wrong, for anything else.
[[nodiscard]] eventstore::Result<AsOf> ParseAsOf(std::string_view text, const absl::TimeZone& zone);

// "2026-03-01T12:00:00.123456Z" (always six fractional digits, UTC).
[[nodiscard]] std::string FormatUtc(Timestamp t);

// An RFC 3339 time, "YYYY-MM-DDTHH:MM:SS[.F]Z" or "...±HH:MM", with fixed-width fields, T, t or a
// space between date and time, Z or z, seconds 00-59 (the log's clock has no leap seconds) and 1
// to 9 fractional digits (truncated to the microsecond); nullopt otherwise.
[[nodiscard]] std::optional<Timestamp> ParseRfc3339(std::string_view text);

}  // namespace trygg::audit
