// The one-line descriptions `trygg measure show` and `trygg watch` give the whole plan's events
// (cli/describe.h), one case per event type, and the shared wording of goals and follow-ups.
#include "cli/describe.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::cli {
namespace {

namespace v1 = ::trygg::v1;

template <class Payload>
v1::Event EventOf(const Payload& payload) {
  v1::Event event;
  event.set_type(std::string(Payload::descriptor()->full_name()));
  event.mutable_payload()->PackFrom(payload);
  return event;
}

struct Case {
  std::string name;
  v1::Event event;
  std::string want;
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  auto add = [&cases](const std::string& name, const auto& payload, const std::string& want) {
    cases.push_back({name, EventOf(payload), want});
  };
  {
    v1::ResidentInputRecorded e;
    e.set_plan_id("tryggare-varnamo-2026");
    e.set_input_id("in-1");
    e.set_focus_area("otrygghet");
    e.set_channel(v1::INPUT_CHANNEL_SAFETY_WALK);
    e.set_area("Pilagården");
    e.set_received_on("2026-09-12");
    e.set_people(14);
    e.set_summary("Mörkt vid gångtunneln");
    add("ResidentInputRecorded", e,
        "recorded residents' input in-1 under tryggare-varnamo-2026/otrygghet (safety-walk, "
        "Pilagården, 2026-09-12, 14 people): Mörkt vid gångtunneln");
    e.clear_focus_area();
    e.clear_area();
    e.set_people(1);
    e.set_channel(v1::INPUT_CHANNEL_E_SERVICE);
    add("ResidentInputRecordedForTheWholePlan", e,
        "recorded residents' input in-1 under tryggare-varnamo-2026 (e-service, 2026-09-12, 1 "
        "person): Mörkt vid gångtunneln");
  }
  {
    v1::FindingRecorded e;
    e.set_plan_id("tryggare-varnamo-2026");
    e.set_finding_id("f-1");
    e.set_focus_area("narkotika");
    e.set_text("Narkotikabrotten har ökat");
    e.set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
    e.set_period("2024–2026");
    e.add_input_ids("in-1");
    e.add_input_ids("in-2");
    add("FindingRecorded", e,
        "recorded finding f-1 under tryggare-varnamo-2026/narkotika (crime-statistics, "
        "2024–2026): Narkotikabrotten har ökat; cites in-1, in-2");
  }
  {
    v1::FindingRevised e;
    e.set_finding_id("f-1");
    e.set_text("Ny text");
    add("FindingRevised", e, "revised finding f-1: Ny text");
  }
  {
    v1::FindingRetired e;
    e.set_finding_id("f-1");
    e.set_reason("Inaktuell");
    add("FindingRetired", e, "retired finding f-1: Inaktuell");
  }
  {
    v1::CauseIdentified e;
    e.set_plan_id("tryggare-varnamo-2026");
    e.set_cause_id("c-1");
    e.set_focus_area("narkotika");
    e.set_number(2);
    e.set_text("Öppen handel vid resecentrum");
    e.add_finding_ids("f-1");
    add("CauseIdentified", e,
        "identified cause 2 (c-1) under tryggare-varnamo-2026/narkotika: Öppen handel vid "
        "resecentrum; rests on f-1");
  }
  {
    v1::CauseRevised e;
    e.set_cause_id("c-1");
    e.set_text("Ny orsak");
    e.add_finding_ids("f-1");
    e.add_finding_ids("f-3");
    add("CauseRevised", e, "revised cause c-1: Ny orsak; rests on f-1, f-3");
  }
  {
    v1::CauseRetired e;
    e.set_cause_id("c-1");
    e.set_reason("Sammanslagen med c-2");
    add("CauseRetired", e, "retired cause c-1: Sammanslagen med c-2");
  }
  {
    v1::MeasureLinkedToCause e;
    e.set_cause_id("c-1");
    add("MeasureLinkedToCause", e, "linked to cause c-1");
  }
  {
    v1::MeasureUnlinkedFromCause e;
    e.set_cause_id("c-1");
    add("MeasureUnlinkedFromCause", e, "unlinked from cause c-1");
  }
  {
    v1::OperationalGoalSet e;
    e.set_goal_id("g-1");
    e.set_indicator("andel klotter sanerat inom 24 h");
    e.set_unit("%");
    e.set_baseline(40);
    e.set_target(90.5);
    e.set_by_date("2027-06-30");
    add("OperationalGoalSet", e,
        "goal g-1 set: andel klotter sanerat inom 24 h from 40 % to 90.5 % by 2027-06-30");
  }
  {
    v1::OperationalGoalRetired e;
    e.set_goal_id("g-1");
    e.set_reason("Ersatt");
    add("OperationalGoalRetired", e, "goal g-1 retired: Ersatt");
  }
  {
    v1::PartnerAdded e;
    e.set_agency_id("varnamo-kommun-socialtjansten");
    e.set_commitment("Deltar två kvällar i månaden");
    add("PartnerAdded", e,
        "partner varnamo-kommun-socialtjansten added: Deltar två kvällar i månaden");
  }
  {
    v1::PartnerRemoved e;
    e.set_agency_id("varnamo-kommun-socialtjansten");
    e.set_reason("Omorganisation");
    add("PartnerRemoved", e, "partner varnamo-kommun-socialtjansten removed: Omorganisation");
  }
  {
    v1::FollowUpRecorded e;
    e.set_period("2026-T3");
    e.set_party("polisen-lpo-varnamo");
    e.set_health(v1::HEALTH_YELLOW);
    e.set_hours(12.5);
    e.set_cost_sek(4500);
    e.set_comment("Försenat av semestrar");
    v1::IndicatorValue* value = e.add_values();
    value->set_goal_id("g-1");
    value->set_value(75);
    add("FollowUpRecorded", e,
        "follow-up 2026-T3 by polisen-lpo-varnamo: YELLOW, 12.5 h, 4500 SEK, g-1 = 75: Försenat "
        "av semestrar");
    e.clear_hours();
    e.clear_cost_sek();
    e.clear_values();
    e.clear_comment();
    e.set_health(v1::HEALTH_GREEN);
    add("FollowUpRecordedWithHealthAlone", e, "follow-up 2026-T3 by polisen-lpo-varnamo: GREEN");
  }
  {
    v1::WorkingGroupFormed e;
    e.set_group_id("wg-centrum");
    e.set_name("Trygg i centrum");
    e.add_agency_ids("polisen-lpo-varnamo");
    e.add_agency_ids("varnamo-kommun-socialtjansten");
    e.add_focus_areas("narkotika");
    add("WorkingGroupFormed", e,
        "formed working group wg-centrum \"Trygg i centrum\"; members polisen-lpo-varnamo, "
        "varnamo-kommun-socialtjansten; focus areas narkotika");
  }
  {
    v1::WorkingGroupChanged e;
    e.set_group_id("wg-centrum");
    e.set_name("Trygg i centrum");
    e.add_agency_ids("polisen-lpo-varnamo");
    add("WorkingGroupChanged", e,
        "changed working group wg-centrum \"Trygg i centrum\"; members polisen-lpo-varnamo; every "
        "focus area");
  }
  {
    v1::CitizenPromiseMade e;
    e.set_promise_id("p-1");
    e.set_text("Vi ska synas mer vid resecentrum");
    e.add_measure_ids("m-1");
    e.add_signatories("lokalpolisområdeschef");
    e.add_signatories("kommunstyrelsens ordförande");
    e.set_valid_from("2027-01-01");
    e.set_valid_to("2027-12-31");
    add("CitizenPromiseMade", e,
        "made citizen promise p-1, valid 2027-01-01 to 2027-12-31, signed by "
        "lokalpolisområdeschef, kommunstyrelsens ordförande, fulfilled by m-1: \"Vi ska synas mer "
        "vid resecentrum\"");
  }
  {
    v1::CitizenPromiseEnded e;
    e.set_promise_id("p-1");
    e.set_reason("Uppfyllt");
    add("CitizenPromiseEnded", e, "ended citizen promise p-1: Uppfyllt");
  }
  {
    v1::PlanAdopted e;
    e.set_version(2);
    e.set_adopted_by("Kommunstyrelsen");
    e.set_decision_date("2026-12-10");
    e.set_reference("KS 2026/412");
    e.add_signatories("kommunstyrelsens ordförande");
    add("PlanAdopted", e,
        "adopted as plan version 2 by Kommunstyrelsen on 2026-12-10 (KS 2026/412), signed by "
        "kommunstyrelsens ordförande");
  }
  return cases;
}

TEST(CliDescribeWholePlan, EveryEventTypeInOneLine) {
  for (const Case& c : Cases()) {
    EXPECT_EQ(DescribeChange(c.event), c.want) << c.name;
    EXPECT_EQ(c.want.find('\n'), std::string::npos) << c.name;
  }
}

TEST(CliDescribeWholePlan, GoalsAndFollowUpsAsTheStatusViewsSayThem) {
  v1::OperationalGoal goal;
  goal.set_goal_id("g-1");
  goal.set_indicator("anmälda brott");
  goal.set_baseline(120);
  goal.set_target(80);
  goal.set_by_date("2027-12-31");
  EXPECT_EQ(GoalTarget(goal), "anmälda brott from 120 to 80 by 2027-12-31");
  EXPECT_EQ(GoalLatest(goal), "not measured yet");
  goal.set_latest_value(95);
  goal.set_latest_value_period("2026-T3");
  EXPECT_EQ(GoalLatest(goal), "95 (2026-T3), not met");
  goal.set_met(true);
  goal.set_unit("st");
  EXPECT_EQ(GoalLatest(goal), "95 st (2026-T3), met");

  v1::FollowUp follow_up;
  follow_up.set_health(v1::HEALTH_RED);
  follow_up.set_cost_sek(12000);
  EXPECT_EQ(FollowUpFigures(follow_up), "RED, 12000 SEK");
}

}  // namespace
}  // namespace trygg::cli
