// Today(now, zone): the civil date at an instant, the date rule server and audit share.
#include "trygg/domain/today.h"

#include <absl/time/civil_time.h>
#include <gtest/gtest.h>

namespace trygg::domain {
namespace {

absl::TimeZone Stockholm() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(std::string(kDefaultTimeZone), &zone));
  return zone;
}

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone());
}

TEST(Today, IsTheCivilDateInTheZone) {
  EXPECT_EQ(Today(Utc(2026, 6, 15, 12, 0), Stockholm()), "2026-06-15");
  EXPECT_EQ(Today(Utc(2026, 12, 31, 23, 30), Stockholm()), "2027-01-01");  // 00:30 CET
  EXPECT_EQ(Today(Utc(2026, 12, 31, 23, 30), absl::UTCTimeZone()), "2026-12-31");
}

// An instant (UTC), the date in Stockholm then, and the local time, for reading.
struct Instant {
  absl::CivilMinute utc;
  const char* date;
  const char* local;
};

// 2026-03-29: clocks go from 02:00 CET (+01:00) to 03:00 CEST (+02:00); the day has 23 hours and
// ends at 22:00 UTC. 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET; the day has 25 hours,
// starts at 22:00 UTC the day before and ends at 23:00 UTC.
constexpr Instant kAcrossTheSwitches[] = {
    {absl::CivilMinute(2026, 3, 28, 22, 59), "2026-03-28", "23:59 CET"},
    {absl::CivilMinute(2026, 3, 28, 23, 0), "2026-03-29", "00:00 CET"},
    {absl::CivilMinute(2026, 3, 29, 0, 59), "2026-03-29", "01:59 CET"},
    {absl::CivilMinute(2026, 3, 29, 1, 0), "2026-03-29", "03:00 CEST"},
    {absl::CivilMinute(2026, 3, 29, 21, 59), "2026-03-29", "23:59 CEST"},
    {absl::CivilMinute(2026, 3, 29, 22, 0), "2026-03-30", "00:00 CEST"},
    {absl::CivilMinute(2026, 10, 24, 21, 59), "2026-10-24", "23:59 CEST"},
    {absl::CivilMinute(2026, 10, 24, 22, 0), "2026-10-25", "00:00 CEST"},
    {absl::CivilMinute(2026, 10, 25, 0, 30), "2026-10-25", "02:30 CEST"},
    {absl::CivilMinute(2026, 10, 25, 1, 30), "2026-10-25", "02:30 CET"},
    {absl::CivilMinute(2026, 10, 25, 22, 59), "2026-10-25", "23:59 CET"},
    {absl::CivilMinute(2026, 10, 25, 23, 0), "2026-10-26", "00:00 CET"},
};

TEST(Today, AcrossTheSummerTimeSwitches) {
  const absl::TimeZone stockholm = Stockholm();
  for (const Instant& at : kAcrossTheSwitches) {
    EXPECT_EQ(Today(absl::FromCivil(at.utc, absl::UTCTimeZone()), stockholm), at.date)
        << at.utc << " UTC, " << at.local;
  }
}

TEST(LastMicrosecondOf, EndsAtTheNextLocalMidnightAlsoWhenTheClocksChange) {
  const absl::TimeZone zone = Stockholm();
  // 2026-06-30 ends at 2026-06-30T22:00:00Z (summer time, UTC+2).
  EXPECT_EQ(LastMicrosecondOf(absl::CivilDay(2026, 6, 30), zone),
            absl::ToUnixMicros(absl::FromCivil(absl::CivilSecond(2026, 6, 30, 22, 0, 0),
                                               absl::UTCTimeZone())) -
                1);
  // 2026-03-29 has 23 hours: it began at 23:00Z the day before and ends at 22:00Z.
  EXPECT_EQ(LastMicrosecondOf(absl::CivilDay(2026, 3, 29), zone) -
                LastMicrosecondOf(absl::CivilDay(2026, 3, 28), zone),
            int64_t{23} * 3600 * 1'000'000);
  // 2026-10-25 has 25.
  EXPECT_EQ(LastMicrosecondOf(absl::CivilDay(2026, 10, 25), zone) -
                LastMicrosecondOf(absl::CivilDay(2026, 10, 24), zone),
            int64_t{25} * 3600 * 1'000'000);
}

TEST(TimeZoneError, EmptyForAKnownZone) {
  EXPECT_EQ(TimeZoneError("Europe/Stockholm"), "");
  EXPECT_EQ(TimeZoneError("UTC"), "");
}

TEST(TimeZoneError, NamesAnUnknownZone) {
  const std::string error = TimeZoneError("Europe/Atlantis");
  EXPECT_NE(error.find("unknown time zone 'Europe/Atlantis'"), std::string::npos) << error;
  EXPECT_NE(TimeZoneError(""), "");
}

}  // namespace
}  // namespace trygg::domain
