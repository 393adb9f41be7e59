// The pure pieces of trygg-audit: what --at means (positions, dates at the end of the day in
// Europe/Stockholm, RFC 3339 times), --expect-head digests, CSV quoting, and the wire form of an
// event, which must re-hash to the stored hash.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "audit/as_of.h"
#include "audit/export.h"
#include "audit/output.h"
#include "audit/payload.h"
#include "audit/verify.h"
#include "testutil/status_matchers.h"
#include "trygg/domain/today.h"
#include "trygg/eventstore/record_hash.h"
#include "trygg/v1/events.pb.h"
#include "trygg/wire/wire.h"

using ::trygg::testing::IsOk;

namespace trygg::audit {
namespace {

using namespace std::chrono;

Timestamp Utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return Timestamp(sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) + seconds(ss));
}

class AsOfTest : public ::testing::Test {
 protected:
  // Dates in these tests are Swedish ones, whatever TZ the test runs under.
  void SetUp() override { ASSERT_TRUE(absl::LoadTimeZone("Europe/Stockholm", &zone_)); }
  eventstore::Result<AsOf> ParseAsOf(std::string_view text) const {
    return audit::ParseAsOf(text, zone_);
  }
  absl::TimeZone zone_;
};

TEST_F(AsOfTest, APositionIsDigitsOnly) {
  auto at = ParseAsOf("1234");
  ASSERT_TRUE(at.ok()) << at.status().ToString();
  EXPECT_EQ(at->kind, AsOf::Kind::kPosition);
  EXPECT_EQ(at->position, 1234u);
  EXPECT_FALSE(ParseAsOf("0").ok());
  EXPECT_FALSE(ParseAsOf("12a").ok());
  EXPECT_FALSE(ParseAsOf("").ok());
  EXPECT_FALSE(ParseAsOf("99999999999999999999999").ok());
}

// A date means the end of that day in Sweden: before the next local midnight, which is 23:00 UTC
// in winter and 22:00 UTC in summer.
TEST_F(AsOfTest, ADateIsTheEndOfThatDayInStockholm) {
  auto winter = ParseAsOf("2026-03-01");
  ASSERT_TRUE(winter.ok()) << winter.status().ToString();
  EXPECT_EQ(winter->kind, AsOf::Kind::kTime);
  EXPECT_EQ(winter->today, "2026-03-01");
  EXPECT_EQ(winter->last_included, Utc(2026, 3, 1, 23, 0) - microseconds(1));

  auto summer = ParseAsOf("2026-05-01");
  ASSERT_THAT(summer, IsOk());
  EXPECT_EQ(summer->last_included, Utc(2026, 5, 1, 22, 0) - microseconds(1));
  EXPECT_EQ(summer->today, "2026-05-01");

  // The day the clocks go forward (2026-03-29) ends at 22:00 UTC too.
  auto spring = ParseAsOf("2026-03-29");
  ASSERT_THAT(spring, IsOk());
  EXPECT_EQ(spring->last_included, Utc(2026, 3, 29, 22, 0) - microseconds(1));
  auto new_year = ParseAsOf("2026-12-31");
  ASSERT_THAT(new_year, IsOk());
  EXPECT_EQ(new_year->last_included, Utc(2026, 12, 31, 23, 0) - microseconds(1));

  EXPECT_FALSE(ParseAsOf("2026-02-30").ok());
  EXPECT_FALSE(ParseAsOf("2026-13-01").ok());
  EXPECT_FALSE(ParseAsOf("2026-3-1").ok());
}

TEST_F(AsOfTest, ATimeNeedsAZoneAndItsDateIsTheSwedishOne) {
  auto z = ParseAsOf("2026-04-20T10:00:00Z");
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  EXPECT_EQ(z->kind, AsOf::Kind::kTime);
  EXPECT_EQ(z->last_included, Utc(2026, 4, 20, 10, 0));
  EXPECT_EQ(z->today, "2026-04-20");

  auto offset = ParseAsOf("2026-04-20T12:00:00+02:00");
  ASSERT_THAT(offset, IsOk());
  EXPECT_EQ(offset->last_included, Utc(2026, 4, 20, 10, 0));
  auto west = ParseAsOf("2026-04-20T05:30:00-04:30");
  ASSERT_THAT(west, IsOk());
  EXPECT_EQ(west->last_included, Utc(2026, 4, 20, 10, 0));

  auto late = ParseAsOf("2026-05-01T22:30:00Z");  // 00:30 on 2 May in Stockholm
  ASSERT_THAT(late, IsOk());
  EXPECT_EQ(late->today, "2026-05-02");

  auto fraction = ParseAsOf("2026-04-20T10:00:00.1234567Z");
  ASSERT_THAT(fraction, IsOk());
  EXPECT_EQ(fraction->last_included, Utc(2026, 4, 20, 10, 0) + microseconds(123456));

  EXPECT_FALSE(ParseAsOf("2026-04-20T10:00:00").ok()) << "a time without a zone is ambiguous";
  EXPECT_FALSE(ParseAsOf("2026-04-20T24:00:00Z").ok());
  EXPECT_FALSE(ParseAsOf("2026-04-20T10:00:00.Z").ok());
  EXPECT_FALSE(ParseAsOf("2026-04-20T10:00Z").ok());
  EXPECT_FALSE(ParseAsOf("yesterday").ok());
}

// The layout is fixed-width; the separators may come in either case, or a space for T.
TEST_F(AsOfTest, ATimeHasTheRfc3339Layout) {
  const Timestamp ten = Utc(2026, 4, 20, 10, 0);
  EXPECT_EQ(ParseRfc3339("2026-04-20t10:00:00z"), ten);
  EXPECT_EQ(ParseRfc3339("2026-04-20 10:00:00Z"), ten);
  EXPECT_EQ(ParseRfc3339("2026-04-20T10:00:00.123456789Z"), ten + microseconds(123456));
  EXPECT_EQ(ParseRfc3339("1969-12-31T23:59:59.9999999Z"), Timestamp() - microseconds(1));
  EXPECT_FALSE(ParseRfc3339("2026-04-20T10:00:00.1234567891Z")) << "ten fractional digits";
  EXPECT_FALSE(ParseRfc3339("2026-4-20T10:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-04-20T10:00:60Z")) << "no leap seconds in the log's clock";
  EXPECT_FALSE(ParseRfc3339("2026-04-20T10:60:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-02-30T10:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-04-20T10:00:00+2:00"));
  EXPECT_FALSE(ParseRfc3339("2026-04-20T10:00:00+24:00"));
  EXPECT_FALSE(ParseRfc3339(" 2026-04-20T10:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-04-20T10:00:00Z "));
  EXPECT_FALSE(ParseRfc3339("2026-04-20T10:00:00.Z"));
}

// The day the clocks go back (2026-10-25) has 25 hours and ends at 23:00 UTC; in another zone a
// date ends at that zone's midnight.
TEST_F(AsOfTest, ADateEndsAtMidnightInTheGivenZone) {
  auto autumn = ParseAsOf("2026-10-25");
  ASSERT_THAT(autumn, IsOk());
  EXPECT_EQ(autumn->last_included, Utc(2026, 10, 25, 23, 0) - microseconds(1));

  auto utc = audit::ParseAsOf("2026-05-01", absl::UTCTimeZone());
  ASSERT_THAT(utc, IsOk());
  EXPECT_EQ(utc->last_included, Utc(2026, 5, 2, 0, 0) - microseconds(1));
  auto late = audit::ParseAsOf("2026-05-01T22:30:00Z", absl::UTCTimeZone());
  ASSERT_THAT(late, IsOk());
  EXPECT_EQ(late->today, "2026-05-01");
}

TEST_F(AsOfTest, FormatsUtcWithMicroseconds) {
  EXPECT_EQ(FormatUtc(Utc(2026, 4, 20, 10, 0, 5) + microseconds(42)),
            "2026-04-20T10:00:05.000042Z");
  EXPECT_EQ(FormatUtc(Timestamp()), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(domain::LocalDate(Utc(2026, 12, 31, 23, 30), zone_), "2027-01-01");
}

TEST(ExpectedHeadTest, ParsesHashAtPosition) {
  const std::string hex(64, 'a');
  auto parsed = ParseExpectedHead(hex + "@42");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->position, 42u);
  EXPECT_EQ(parsed->hash[0], 0xaa);
  EXPECT_THAT(ParseExpectedHead(std::string(64, 'F') + "@1"), IsOk());
  EXPECT_FALSE(ParseExpectedHead(hex).ok());
  EXPECT_FALSE(ParseExpectedHead(hex + "@0").ok());
  EXPECT_FALSE(ParseExpectedHead(hex + "@").ok());
  EXPECT_FALSE(ParseExpectedHead(hex + "@-1").ok());
  EXPECT_FALSE(ParseExpectedHead(std::string(63, 'a') + "@1").ok());
  EXPECT_FALSE(ParseExpectedHead(std::string(64, 'g') + "@1").ok());
}

// The audit prints through the clients' shared table: aligned, indented, and with every control
// character a space, so that a text from a tampered store cannot drive the terminal.
TEST(OutputTest, TablesAreAlignedIndentedAndSanitised) {
  client::Table table = TextTable({"source", "store \x1b[31m/var/trygg"});
  table.AddRow({"events", "1,234"});
  table.AddRow({"title", "V\xC3\xA4rnamo\r\nnext"});
  std::ostringstream out;
  PrintTable(table, out, "  ");
  EXPECT_EQ(out.str(),
            "  source  store  [31m/var/trygg\n"
            "  events  1,234\n"
            "  title   V\xC3\xA4rnamo  next\n");
}

TEST(OutputTest, JsonDocumentsAreOneLine) {
  EXPECT_EQ(JsonDocument().AddNumber("events", 3).AddString("head_hash", "ab").Finish(),
            R"({"events":3,"head_hash":"ab"})");
}

eventstore::RecordedEvent SampleEvent() {
  v1::MeasureAssigned assigned;
  assigned.set_measure_id("m-1");
  assigned.set_agency_id("polisen-lpo-varnamo");
  assigned.set_due_date("2026-12-31");
  eventstore::RecordedEvent e;
  e.position = eventstore::Position(7);
  e.stream_id = "measure-m-1";
  e.version = eventstore::StreamVersion(3);
  e.type = "trygg.v1.MeasureAssigned";
  e.payload = assigned.SerializeAsString();
  e.metadata.principal = "anna";
  e.metadata.agency = "varnamo-kommun-ks";
  e.metadata.command_id = "c-7";
  e.recorded_at = Utc(2026, 4, 20, 10, 0) + microseconds(123456);
  e.prev_hash.fill(0x11);
  e.hash = eventstore::RecordHash(e);
  return e;
}

TEST(WireTest, RoundTripsAndRehashes) {
  const eventstore::RecordedEvent e = SampleEvent();
  v1::Event wire;
  trygg::wire::ToWire(e, &wire);
  EXPECT_EQ(wire.payload().type_url(), "type.googleapis.com/trygg.v1.MeasureAssigned");
  EXPECT_EQ(wire.recorded_at().nanos(), 123456000);
  eventstore::RecordedEvent back;
  ASSERT_THAT(trygg::wire::FromWire(wire, back), IsOk());
  EXPECT_EQ(back, e);
  EXPECT_EQ(eventstore::RecordHash(back), e.hash);

  v1::Event short_hash = wire;
  short_hash.set_hash("abc");
  EXPECT_EQ(trygg::wire::FromWire(short_hash, back).code(), eventstore::Code::kDataLoss);
}

// Before 1970 the Timestamp is normalised (nanos >= 0) and still converts back exactly.
TEST(WireTest, RecordedBefore1970) {
  eventstore::RecordedEvent e = SampleEvent();
  e.recorded_at = Timestamp(microseconds(-1));
  v1::Event wire;
  trygg::wire::ToWire(e, &wire);
  EXPECT_EQ(wire.recorded_at().seconds(), -1);
  EXPECT_EQ(wire.recorded_at().nanos(), 999'999'000);
  eventstore::RecordedEvent back;
  ASSERT_THAT(trygg::wire::FromWire(wire, back), IsOk());
  EXPECT_EQ(back.recorded_at, e.recorded_at);
}

TEST(PayloadTest, KnowsTryggsTypesAndChecksTheirPayloads) {
  EXPECT_TRUE(IsKnownEventType("trygg.v1.PlanCreated"));
  EXPECT_TRUE(IsKnownEventType("trygg.v1.MeasureWithdrawn"));
  EXPECT_FALSE(IsKnownEventType("trygg.v1.Event"));
  EXPECT_FALSE(IsKnownEventType("trygg.v9.MeasureTeleported"));
  PayloadChecker checker;
  const eventstore::RecordedEvent e = SampleEvent();
  EXPECT_EQ(checker.Check(e.type, e.payload), "");
  EXPECT_NE(checker.Check(e.type, std::string(8, '\xff')), "");
  EXPECT_EQ(checker.Check("trygg.v9.MeasureTeleported", "whatever"), "");
  EXPECT_EQ(checker.counts_by_type().at("trygg.v1.MeasureAssigned"), 2u);
  EXPECT_EQ(checker.unknown_types().at("trygg.v9.MeasureTeleported"), 1u);
  EXPECT_EQ(PayloadJson(e.type, e.payload),
            "{\"measure_id\":\"m-1\",\"agency_id\":\"polisen-lpo-varnamo\","
            "\"due_date\":\"2026-12-31\",\"note\":\"\"}");
  EXPECT_EQ(PayloadJson("trygg.v9.MeasureTeleported", "hej"), "\"aGVq\"");
}

}  // namespace
}  // namespace trygg::audit
