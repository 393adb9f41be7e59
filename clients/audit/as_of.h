// The moment an audit replays to (`replay --at`), and the dates and times around it.
//
// Dates are calendar dates in the process's time zone, which trygg-audit, like trygg-server, sets
// to Europe/Stockholm unless TZ says otherwise (UseTryggTimeZone): "today", for overdue measures,
// is the date there. Times in the log are UTC.
#pragma once

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
//   "2026-03-01"                  the end of that day in the local time zone: every event recorded
//                                 before the next local midnight; "today" is that date;
//   "2026-03-01T12:00:00Z",       an RFC 3339 time with a time zone (Z or ±HH:MM), optional
//   "2026-03-01T13:00:00.5+01:00" fractional seconds (to the microsecond); "today" is its local
//                                 date.
// kInvalidArgument, naming what is wrong, for anything else.
eventstore::Result<AsOf> ParseAsOf(std::string_view text);

// Sets TZ to Europe/Stockholm unless it is set already, as trygg-server does.
void UseTryggTimeZone();

// "YYYY-MM-DD": the local date at `t`.
std::string LocalDate(Timestamp t);
// The local date now.
std::string LocalToday();

// "2026-03-01T12:00:00.123456Z" (always six fractional digits, UTC).
std::string FormatUtc(Timestamp t);

// An RFC 3339 time ("...Z" or "...±HH:MM"); nullopt when malformed.
std::optional<Timestamp> ParseRfc3339(std::string_view text);

}  // namespace trygg::audit
