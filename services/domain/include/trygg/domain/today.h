// "Today" for overdue measures: the civil date in the plan's time zone. trygg-server judges
// overdue by it and trygg-audit's replay and compare must judge by the same date, so both take
// it from here, with the zone given as configuration (--time-zone) rather than through TZ.
#pragma once

#include <absl/time/time.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace trygg::domain {

// The zone a plan's dates are in unless configured otherwise: the plans are Swedish.
inline constexpr std::string_view kDefaultTimeZone = "Europe/Stockholm";

// "YYYY-MM-DD": the civil date in `zone` at the instant `now`, the form ListMeasures,
// GetAgencyStatus and GetPlanOverview compare due dates with. Summer time is the zone's business:
// the date changes at local midnight, whatever the offset then.
[[nodiscard]] std::string Today(absl::Time now, const absl::TimeZone& zone);

// Today at `t`, a time as the event log records it (microseconds since the Unix epoch, UTC): the
// date a record was committed on, which a report or replay as of that record judges overdue by.
[[nodiscard]] std::string LocalDate(std::chrono::sys_time<std::chrono::microseconds> t,
                                    const absl::TimeZone& zone);

// The last microsecond of the civil day `day` in `zone`, in microseconds since the Unix epoch:
// a report or replay "as of a date" includes every record committed up to it. The day ends at the
// next local midnight, 23 or 25 hours after it began on the days the clocks change.
[[nodiscard]] int64_t LastMicrosecondOf(absl::CivilDay day, const absl::TimeZone& zone);

// Empty when absl::LoadTimeZone can load `name` (an IANA name such as "Europe/Stockholm", read
// from the system's tzdata); otherwise a message for the user naming the zone. Unlike the rest of
// the domain this reads files (tzdata); the servers and clients call it once, at start.
[[nodiscard]] std::string TimeZoneError(const std::string& name);

}  // namespace trygg::domain
