// Encode/Decode round trips for every event type, the type names the log stores, what Decode
// refuses, and stream names.
#include "trygg/domain/codec.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "trygg/domain/streams.h"

namespace trygg::domain {
namespace {

std::vector<DomainEvent> OneOfEach() {
  v1::PlanCreated plan;
  plan.set_plan_id("tryggare-varnamo-2026");
  plan.set_name("Tryggare Värnamo 2026");
  plan.set_municipality("Värnamo kommun");
  v1::FocusArea* area = plan.add_focus_areas();
  area->set_key("otillaten-paverkan");
  area->set_name("Otillåten påverkan på offentliganställda");

  v1::AgencyRegistered agency;
  agency.set_agency_id("polisen-lpo-varnamo");
  agency.set_name("Polisen, lokalpolisområde Värnamo");
  agency.set_kind("police");

  v1::MeasureProposed proposed;
  proposed.set_measure_id("m-1");
  proposed.set_plan_id("tryggare-varnamo-2026");
  proposed.set_focus_area("otillaten-paverkan");
  proposed.set_title("Utbildning för handläggare");
  proposed.set_description("Två halvdagar.\nFör alla förvaltningar.");

  v1::MeasurePrioritised prioritised;
  prioritised.set_measure_id("m-1");
  prioritised.set_priority(v1::PRIORITY_LOW);
  prioritised.set_rationale("Få anmälda fall.");

  v1::MeasureAssigned assigned;
  assigned.set_measure_id("m-1");
  assigned.set_agency_id("polisen-lpo-varnamo");
  assigned.set_due_date("2026-09-30");
  assigned.set_note("Med kommunens HR.");

  v1::MeasureStarted started;
  started.set_measure_id("m-1");

  v1::MeasureProgressReported progress;
  progress.set_measure_id("m-1");
  progress.set_percent_complete(55);
  progress.set_note("Första tillfället hållet.");

  v1::MeasureCompleted completed;
  completed.set_measure_id("m-1");
  completed.set_outcome("48 deltagare.");

  v1::MeasureWithdrawn withdrawn;
  withdrawn.set_measure_id("m-2");
  withdrawn.set_reason("Dubblett.");

  return {plan, agency, proposed, prioritised, assigned, started, progress, completed, withdrawn};
}

bool SameEvent(const DomainEvent& a, const DomainEvent& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&b](const auto& message) {
        using Message = std::decay_t<decltype(message)>;
        return google::protobuf::util::MessageDifferencer::Equals(message, std::get<Message>(b));
      },
      a);
}

TEST(CodecTest, EveryEventTypeRoundTrips) {
  const std::vector<DomainEvent> events = OneOfEach();
  ASSERT_EQ(events.size(), std::variant_size_v<DomainEvent>);
  for (const DomainEvent& event : events) {
    const EncodedEvent encoded = Encode(event);
    SCOPED_TRACE(encoded.type);
    EXPECT_EQ(encoded.type, EventType(event));
    const std::optional<DomainEvent> decoded = Decode(encoded.type, encoded.payload);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_TRUE(SameEvent(*decoded, event));
  }
}

TEST(CodecTest, TypeIsTheMessagesFullName) {
  const std::vector<DomainEvent> events = OneOfEach();
  const std::vector<std::string> expected = {
      "trygg.v1.PlanCreated",
      "trygg.v1.AgencyRegistered",
      "trygg.v1.MeasureProposed",
      "trygg.v1.MeasurePrioritised",
      "trygg.v1.MeasureAssigned",
      "trygg.v1.MeasureStarted",
      "trygg.v1.MeasureProgressReported",
      "trygg.v1.MeasureCompleted",
      "trygg.v1.MeasureWithdrawn",
  };
  ASSERT_EQ(events.size(), expected.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(Encode(events[i]).type, expected[i]);
  }
}

TEST(CodecTest, PayloadIsTheMessagesBinaryEncoding) {
  v1::MeasureStarted started;
  started.set_measure_id("m-7");
  EXPECT_EQ(Encode(started).payload, started.SerializeAsString());
}

TEST(CodecTest, UnknownTypeIsNullopt) {
  v1::MeasureStarted started;
  started.set_measure_id("m-7");
  const std::string payload = started.SerializeAsString();
  EXPECT_FALSE(Decode("trygg.v1.MeasureReopened", payload).has_value());
  EXPECT_FALSE(Decode("MeasureStarted", payload).has_value());
  EXPECT_FALSE(Decode("", payload).has_value());
  EXPECT_FALSE(Decode("trygg.v1.Measure", payload).has_value());  // a message, not an event
}

TEST(CodecTest, UnparsablePayloadIsNullopt) {
  // A length-delimited field 1 claiming 100 bytes with 2 present.
  EXPECT_FALSE(Decode("trygg.v1.MeasureStarted", std::string("\x0a\x64xy", 4)).has_value());
  // A varint that never ends.
  EXPECT_FALSE(Decode("trygg.v1.MeasureStarted", std::string("\x10\xff\xff", 3)).has_value());
  // A string field that is not UTF-8 (proto3 strings must be).
  EXPECT_FALSE(Decode("trygg.v1.MeasureStarted", std::string("\x0a\x02\xc3\x28", 4)).has_value());
}

TEST(CodecTest, EmptyPayloadIsTheDefaultMessage) {
  // proto3: every field at its default encodes to nothing, so "" is a valid payload.
  const auto decoded = Decode("trygg.v1.MeasureStarted", "");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(std::get<v1::MeasureStarted>(*decoded).measure_id(), "");
}

TEST(StreamsTest, NamesArePrefixedIds) {
  EXPECT_EQ(PlanStream("tryggare-varnamo-2026"), "plan-tryggare-varnamo-2026");
  EXPECT_EQ(AgencyStream("polisen-lpo-varnamo"), "agency-polisen-lpo-varnamo");
  EXPECT_EQ(MeasureStream("m-42"), "measure-m-42");
}

}  // namespace
}  // namespace trygg::domain
