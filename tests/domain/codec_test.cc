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
  proposed.add_cause_ids("c-1");
  proposed.add_cause_ids("c-2");
  proposed.set_kind(v1::MEASURE_KIND_SOCIAL);
  proposed.set_effort(v1::EFFORT_ONE_OFF);
  proposed.set_expected_effect(v1::EXPECTED_EFFECT_LONG_TERM);

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

  // The whole plan: every field set, repeated ones with two entries, so a field the codec lost
  // would show.
  v1::ResidentInputRecorded input;
  input.set_plan_id("tryggare-varnamo-2026");
  input.set_input_id("in-1");
  input.set_focus_area("otillaten-paverkan");
  input.set_channel(v1::INPUT_CHANNEL_SAFETY_WALK);
  input.set_area("Pilagården");
  input.set_received_on("2026-03-12");
  input.set_people(24);
  input.set_summary("Mörka gångvägar.\nBuskage skymmer sikten.");

  v1::FindingRecorded finding;
  finding.set_plan_id("tryggare-varnamo-2026");
  finding.set_finding_id("f-1");
  finding.set_focus_area("otillaten-paverkan");
  finding.set_text("Hot mot handläggare har ökat.");
  finding.set_source(v1::FINDING_SOURCE_POLICE_INTELLIGENCE);
  finding.set_period("2025–2026");
  finding.set_area("Centrum");
  finding.add_input_ids("in-1");
  finding.add_input_ids("in-2");

  v1::FindingRevised finding_revised;
  finding_revised.set_plan_id("tryggare-varnamo-2026");
  finding_revised.set_finding_id("f-1");
  finding_revised.set_text("Hot mot handläggare har ökat kraftigt.");
  finding_revised.add_input_ids("in-2");
  finding_revised.add_input_ids("in-3");

  v1::FindingRetired finding_retired;
  finding_retired.set_plan_id("tryggare-varnamo-2026");
  finding_retired.set_finding_id("f-1");
  finding_retired.set_reason("Ny statistik.");

  v1::CauseIdentified cause;
  cause.set_plan_id("tryggare-varnamo-2026");
  cause.set_cause_id("c-1");
  cause.set_focus_area("otillaten-paverkan");
  cause.set_number(3);
  cause.set_text("Kriminella nätverk söker inflytande.");
  cause.add_finding_ids("f-1");
  cause.add_finding_ids("f-2");

  v1::CauseRevised cause_revised;
  cause_revised.set_plan_id("tryggare-varnamo-2026");
  cause_revised.set_cause_id("c-1");
  cause_revised.set_text("Nätverk söker inflytande över beslut.");
  cause_revised.add_finding_ids("f-2");
  cause_revised.add_finding_ids("f-3");

  v1::CauseRetired cause_retired;
  cause_retired.set_plan_id("tryggare-varnamo-2026");
  cause_retired.set_cause_id("c-1");
  cause_retired.set_reason("Sammanslagen med c-2.");

  v1::MeasureLinkedToCause linked;
  linked.set_measure_id("m-1");
  linked.set_cause_id("c-1");

  v1::MeasureUnlinkedFromCause unlinked;
  unlinked.set_measure_id("m-1");
  unlinked.set_cause_id("c-1");
  unlinked.set_reason("Fel orsak.");

  v1::OperationalGoalSet goal;
  goal.set_measure_id("m-1");
  goal.set_goal_id("g-1");
  goal.set_indicator("andel handläggare som utbildats");
  goal.set_unit("%");
  goal.set_baseline(12.5);
  goal.set_target(90);
  goal.set_by_date("2026-12-31");

  v1::OperationalGoalRetired goal_retired;
  goal_retired.set_measure_id("m-1");
  goal_retired.set_goal_id("g-1");
  goal_retired.set_reason("Mäts på annat sätt.");

  v1::PartnerAdded partner;
  partner.set_measure_id("m-1");
  partner.set_agency_id("varnamo-kommun-hr");
  partner.set_commitment("Bokar lokaler och kallar deltagare.");

  v1::PartnerRemoved partner_removed;
  partner_removed.set_measure_id("m-1");
  partner_removed.set_agency_id("varnamo-kommun-hr");
  partner_removed.set_reason("Klart.");

  v1::FollowUpRecorded follow_up;
  follow_up.set_measure_id("m-1");
  follow_up.set_period("2026-09-01/2026-12-31");
  follow_up.set_party("polisen-lpo-varnamo");
  follow_up.set_health(v1::HEALTH_YELLOW);
  follow_up.set_hours(37.5);
  follow_up.set_cost_sek(12000);
  follow_up.set_comment("Ett tillfälle flyttat.");
  v1::IndicatorValue* value = follow_up.add_values();
  value->set_goal_id("g-1");
  value->set_value(45);
  value = follow_up.add_values();
  value->set_goal_id("g-2");
  value->set_value(-1.25);

  v1::WorkingGroupFormed group;
  group.set_plan_id("tryggare-varnamo-2026");
  group.set_group_id("wg-1");
  group.set_name("Centrumgruppen");
  group.add_agency_ids("polisen-lpo-varnamo");
  group.add_agency_ids("varnamo-kommun-hr");
  group.add_focus_areas("otillaten-paverkan");

  v1::WorkingGroupChanged group_changed;
  group_changed.set_plan_id("tryggare-varnamo-2026");
  group_changed.set_group_id("wg-1");
  group_changed.set_name("Centrum- och HR-gruppen");
  group_changed.add_agency_ids("varnamo-kommun-hr");
  group_changed.add_focus_areas("otillaten-paverkan");
  group_changed.add_focus_areas("narkotika");

  v1::CitizenPromiseMade promise;
  promise.set_plan_id("tryggare-varnamo-2026");
  promise.set_promise_id("p-1");
  promise.set_text("Vi ska finnas på plats.");
  promise.add_measure_ids("m-1");
  promise.add_measure_ids("m-2");
  promise.add_signatories("lokalpolisområdeschef");
  promise.add_signatories("kommunstyrelsens ordförande");
  promise.set_valid_from("2026-01-01");
  promise.set_valid_to("2026-12-31");

  v1::CitizenPromiseEnded promise_ended;
  promise_ended.set_plan_id("tryggare-varnamo-2026");
  promise_ended.set_promise_id("p-1");
  promise_ended.set_reason("Ersatt.");

  v1::PlanAdopted adopted;
  adopted.set_plan_id("tryggare-varnamo-2026");
  adopted.set_version(2);
  adopted.set_adopted_by("Kommunstyrelsen");
  adopted.set_decision_date("2026-04-15");
  adopted.set_reference("KS 2026/412");
  adopted.add_signatories("kommunstyrelsens ordförande");
  adopted.add_signatories("kommundirektör");

  return {plan,          agency,          proposed,        prioritised, assigned,
          started,       progress,        completed,       withdrawn,   input,
          finding,       finding_revised, finding_retired, cause,       cause_revised,
          cause_retired, linked,          unlinked,        goal,        goal_retired,
          partner,       partner_removed, follow_up,       group,       group_changed,
          promise,       promise_ended,   adopted};
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
      "trygg.v1.ResidentInputRecorded",
      "trygg.v1.FindingRecorded",
      "trygg.v1.FindingRevised",
      "trygg.v1.FindingRetired",
      "trygg.v1.CauseIdentified",
      "trygg.v1.CauseRevised",
      "trygg.v1.CauseRetired",
      "trygg.v1.MeasureLinkedToCause",
      "trygg.v1.MeasureUnlinkedFromCause",
      "trygg.v1.OperationalGoalSet",
      "trygg.v1.OperationalGoalRetired",
      "trygg.v1.PartnerAdded",
      "trygg.v1.PartnerRemoved",
      "trygg.v1.FollowUpRecorded",
      "trygg.v1.WorkingGroupFormed",
      "trygg.v1.WorkingGroupChanged",
      "trygg.v1.CitizenPromiseMade",
      "trygg.v1.CitizenPromiseEnded",
      "trygg.v1.PlanAdopted",
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
