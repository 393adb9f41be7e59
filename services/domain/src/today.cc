#include "trygg/domain/today.h"

#include <absl/time/civil_time.h>

namespace trygg::domain {

std::string Today(absl::Time now, const absl::TimeZone& zone) {
  return absl::FormatCivilTime(absl::ToCivilDay(now, zone));
}

std::string LocalDate(std::chrono::sys_time<std::chrono::microseconds> t,
                      const absl::TimeZone& zone) {
  return Today(absl::FromUnixMicros(t.time_since_epoch().count()), zone);
}

int64_t LastMicrosecondOf(absl::CivilDay day, const absl::TimeZone& zone) {
  return absl::ToUnixMicros(absl::FromCivil(day + 1, zone)) - 1;
}

std::string TimeZoneError(const std::string& name) {
  absl::TimeZone zone;
  if (absl::LoadTimeZone(name, &zone)) return "";
  return "unknown time zone '" + name +
         "': give an IANA name such as Europe/Stockholm (the system's tzdata, "
         "/usr/share/zoneinfo, must have it)";
}

}  // namespace trygg::domain
