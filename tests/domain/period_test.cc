// The follow-up period rule: every form with its first and last day, the canonical spelling,
// what is refused, leap years, and the order "latest period" uses.
#include "trygg/domain/period.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "validation_expectations.h"

namespace trygg::domain {
namespace {

using ::trygg::domain::testing::RejectedNaming;

struct Named {
  std::string text;
  std::string canonical;
  std::string first_day;
  std::string last_day;
};

TEST(PeriodTest, EveryFormHasItsDays) {
  const std::vector<Named> cases = {
      {"2026", "2026", "2026-01-01", "2026-12-31"},
      {"2026-T1", "2026-T1", "2026-01-01", "2026-04-30"},
      {"2026-T2", "2026-T2", "2026-05-01", "2026-08-31"},
      {"2026-T3", "2026-T3", "2026-09-01", "2026-12-31"},
      {"2026-Q1", "2026-Q1", "2026-01-01", "2026-03-31"},
      {"2026-Q2", "2026-Q2", "2026-04-01", "2026-06-30"},
      {"2026-Q3", "2026-Q3", "2026-07-01", "2026-09-30"},
      {"2026-Q4", "2026-Q4", "2026-10-01", "2026-12-31"},
      {"2026-H1", "2026-H1", "2026-01-01", "2026-06-30"},
      {"2026-H2", "2026-H2", "2026-07-01", "2026-12-31"},
      {"2026-09-01/2026-12-31", "2026-09-01/2026-12-31", "2026-09-01", "2026-12-31"},
      {"2026-05-17/2026-05-17", "2026-05-17/2026-05-17", "2026-05-17", "2026-05-17"},
      {"0001", "0001", "0001-01-01", "0001-12-31"},
      {"9999-Q4", "9999-Q4", "9999-10-01", "9999-12-31"},
  };
  for (const Named& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Period> period = ParsePeriod(c.text);
    ASSERT_TRUE(period.ok()) << period.status().error_message();
    EXPECT_EQ(period->canonical, c.canonical);
    EXPECT_EQ(period->first_day, c.first_day);
    EXPECT_EQ(period->last_day, c.last_day);
  }
}

TEST(PeriodTest, LowerCaseLettersAreCanonicalisedToUpperCase) {
  for (const auto& [text, canonical] : std::vector<std::pair<std::string, std::string>>{
           {"2026-t3", "2026-T3"}, {"2026-q1", "2026-Q1"}, {"2026-h2", "2026-H2"}}) {
    const Result<Period> period = ParsePeriod(text);
    ASSERT_TRUE(period.ok()) << text;
    EXPECT_EQ(period->canonical, canonical);
  }
}

TEST(PeriodTest, ARangeIsNotRenamedToTheNamedPeriodItSpans) {
  const Result<Period> range = ParsePeriod("2026-01-01/2026-03-31");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->canonical, "2026-01-01/2026-03-31");
}

TEST(PeriodTest, MalformedPeriodsAreRefusedNamingTheField) {
  for (const std::string bad : {"",
                                "26",
                                "20260",
                                "0000",
                                "2026-",
                                "2026-T0",
                                "2026-T4",
                                "2026-Q0",
                                "2026-Q5",
                                "2026-H0",
                                "2026-H3",
                                "2026-X1",
                                "2026-T",
                                "2026-T12",
                                "2026T1",
                                "2026 T1",
                                " 2026",
                                "2026 ",
                                "2026-1",
                                "2026-01",
                                "2026-01-01",
                                "2026-01-01/",
                                "/2026-01-01",
                                "2026-01-01-2026-02-01",
                                "2026-02-30/2026-03-01",
                                "2026-01-01/2026-13-01",
                                "2026-01-01/2026-1-01",
                                "2026-01-01 / 2026-02-01",
                                "år 2026",
                                "२०२६",
                                "2026-T\xC2\xB9"}) {
    const Result<Period> period = ParsePeriod(bad);
    EXPECT_TRUE(RejectedNaming(period.status(), "period")) << "'" << bad << "'";
  }
}

TEST(PeriodTest, MessagesSayWhatIsAccepted) {
  EXPECT_EQ(ParsePeriod("2026-T4").status().error_message(),
            "period must be YYYY, YYYY-T1..T3, YYYY-Q1..Q4, YYYY-H1/H2 or a date range "
            "YYYY-MM-DD/YYYY-MM-DD (got '2026-T4')");
  EXPECT_EQ(ParsePeriod("").status().error_message(),
            "period must be YYYY, YYYY-T1..T3, YYYY-Q1..Q4, YYYY-H1/H2 or a date range "
            "YYYY-MM-DD/YYYY-MM-DD (got nothing)");
  // Long or unprintable text is not echoed back.
  EXPECT_EQ(ParsePeriod(std::string(40, 'x')).status().error_message(),
            "period must be YYYY, YYYY-T1..T3, YYYY-Q1..Q4, YYYY-H1/H2 or a date range "
            "YYYY-MM-DD/YYYY-MM-DD");
  EXPECT_EQ(ParsePeriod("2026-12-31/2026-01-01").status().error_message(),
            "period must not end before it starts (got '2026-12-31/2026-01-01')");
  EXPECT_EQ(ParsePeriod("2026-01-01/2027-01-02").status().error_message(),
            "period must cover at most 366 days (got 367)");
}

TEST(PeriodTest, ARangeCoversAtMost366DaysCountingBothEnds) {
  EXPECT_TRUE(ParsePeriod("2026-01-01/2027-01-01").ok());   // 366 days
  EXPECT_FALSE(ParsePeriod("2026-01-01/2027-01-02").ok());  // 367
  EXPECT_TRUE(ParsePeriod("2028-01-01/2028-12-31").ok());   // a leap year: 366
  EXPECT_FALSE(ParsePeriod("2028-01-01/2029-01-01").ok());  // 367
  EXPECT_FALSE(ParsePeriod("2026-01-01/2036-01-01").ok());
}

TEST(PeriodTest, LeapDaysExistOnlyInLeapYears) {
  EXPECT_TRUE(ParsePeriod("2028-02-29/2028-03-01").ok());
  EXPECT_TRUE(ParsePeriod("2000-02-01/2000-02-29").ok());  // divisible by 400
  EXPECT_FALSE(ParsePeriod("2026-02-29/2026-03-01").ok());
  EXPECT_FALSE(ParsePeriod("1900-02-01/1900-02-29").ok());  // divisible by 100, not 400
  // A leap year's first tertial and quarter still end on 30 April and 31 March.
  EXPECT_EQ(ParsePeriod("2028-T1")->last_day, "2028-04-30");
  EXPECT_EQ(ParsePeriod("2028-Q1")->last_day, "2028-03-31");
}

Period Parsed(const std::string& text) {
  Result<Period> period = ParsePeriod(text);
  EXPECT_TRUE(period.ok()) << text;
  return period.ok() ? *period : Period{};
}

TEST(PeriodTest, OrderIsByLastDayThenFirstDayThenText) {
  // Sorted as PeriodBefore orders them; each is before every later one. A range and a named
  // period with the same days are told apart by their text.
  const std::vector<std::string> ordered = {"2025",
                                            "2026-Q1",
                                            "2026-T1",
                                            "2026-H1",
                                            "2026-Q2",
                                            "2026-T2",
                                            "2026-Q3",
                                            "2026",
                                            "2026-H2",
                                            "2026-T3",
                                            "2026-10-01/2026-12-31",
                                            "2026-Q4",
                                            "2026-12-01/2026-12-31",
                                            "2027-T1"};
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    for (std::size_t j = 0; j < ordered.size(); ++j) {
      const Period a = Parsed(ordered[i]);
      const Period b = Parsed(ordered[j]);
      EXPECT_EQ(PeriodBefore(a, b), i < j) << ordered[i] << " vs " << ordered[j];
    }
  }
}

TEST(PeriodTest, TheLatestOfAPlansPeriodsIsTheMaximum) {
  std::vector<Period> periods = {Parsed("2026-T2"), Parsed("2026-T3"), Parsed("2026"),
                                 Parsed("2026-T1")};
  const auto latest = std::max_element(periods.begin(), periods.end(), PeriodBefore);
  EXPECT_EQ(latest->canonical, "2026-T3");
}

}  // namespace
}  // namespace trygg::domain
