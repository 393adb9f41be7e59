// The whole plan through the services (issue 12): residents' input, findings, causes, goals,
// partners, follow-up, working groups, citizen promises and adoption written with
// ActionPlanService, and read back with StatusService's queries, through a real gRPC server on a
// loopback port over a real event store in a temporary directory and a real token file.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "action_plan_client.h"
#include "api/auth.h"
#include "service_fixture.h"
#include "testutil/eventstore_util.h"
#include "trygg/domain/measure_id.h"
#include "trygg/domain/streams.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::api {
namespace {

using eventstore::RecordedEvent;
using grpc::StatusCode;
using service_testing::Context;
using service_testing::CreatePlanRequest;
using service_testing::Fails;
using service_testing::Ok;
using service_testing::Outcome;
using service_testing::Payload;
using service_testing::RegisterRequest;
using service_testing::SameReply;

using service_testing::kMeasure;
using service_testing::kPlan;
using service_testing::kPolice;
using service_testing::kRescue;
using service_testing::kSocial;

// Seeded: an input, two findings (one to retire), two causes (one to retire), two goals of
// kMeasure (one to retire), a working group and a citizen promise.
constexpr char kInput[] = "in-dialog-pilagarden";
constexpr char kFinding[] = "f-brottsstatistik";
constexpr char kOldFinding[] = "f-gammal";
constexpr char kCause[] = "c-oppen-handel";
constexpr char kOldCause[] = "c-gammal";
constexpr char kGoal[] = "g-anmalningar";
constexpr char kOldGoal[] = "g-gammal";
constexpr char kGroup[] = "wg-centrum";
constexpr char kPromise[] = "p-nattvandring";

// --- requests, each valid against the seeded plan ------------------------------------------------

v1::RecordResidentInputRequest InputRequest(std::string command_id, std::string id = "") {
  v1::RecordResidentInputRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_input_id(std::move(id));
  r.set_focus_area("otrygghet");
  r.set_channel(v1::INPUT_CHANNEL_SAFETY_WALK);
  r.set_area("Pilagården");
  r.set_received_on("2026-03-12");
  r.set_people(25);
  r.set_summary("Många känner sig otrygga vid busstationen på kvällarna.");
  return r;
}

v1::RecordFindingRequest FindingRequest(std::string command_id, std::string id = "") {
  v1::RecordFindingRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_finding_id(std::move(id));
  r.set_focus_area("narkotika");
  r.set_text("Narkotikabrotten i centrum har ökat tre år i rad.");
  r.set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
  r.set_period("2023–2025");
  r.set_area("Centrum");
  r.add_input_ids(kInput);
  return r;
}

v1::ReviseFindingRequest ReviseFindingRequest(std::string command_id) {
  v1::ReviseFindingRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_finding_id(kFinding);
  r.set_text("Narkotikabrotten i centrum har ökat fyra år i rad.");
  r.add_input_ids(kInput);
  return r;
}

v1::RetireFindingRequest RetireFindingRequest(std::string command_id) {
  v1::RetireFindingRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_finding_id(kOldFinding);
  r.set_reason("Ersatt av nyare statistik.");
  return r;
}

v1::IdentifyCauseRequest CauseRequest(std::string command_id, std::string id = "",
                                      std::string focus_area = "narkotika") {
  v1::IdentifyCauseRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_cause_id(std::move(id));
  r.set_focus_area(std::move(focus_area));
  r.set_text("Öppen handel vid busstationen.");
  r.add_finding_ids(kFinding);
  return r;
}

v1::ReviseCauseRequest ReviseCauseRequest(std::string command_id) {
  v1::ReviseCauseRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_cause_id(kCause);
  r.set_text("Öppen handel vid busstationen och i parken.");
  r.add_finding_ids(kFinding);
  return r;
}

v1::RetireCauseRequest RetireCauseRequest(std::string command_id) {
  v1::RetireCauseRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_cause_id(kOldCause);
  r.set_reason("Gick upp i en annan orsak.");
  return r;
}

v1::LinkMeasureToCauseRequest LinkRequest(std::string command_id) {
  v1::LinkMeasureToCauseRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(kMeasure);
  r.set_cause_id(kCause);
  return r;
}

v1::UnlinkMeasureFromCauseRequest UnlinkRequest(std::string command_id) {
  v1::UnlinkMeasureFromCauseRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(kMeasure);
  r.set_cause_id(kCause);
  r.set_reason("Åtgärden når inte handeln.");
  return r;
}

v1::SetOperationalGoalRequest GoalRequest(std::string command_id, std::string id = "") {
  v1::SetOperationalGoalRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(kMeasure);
  r.set_goal_id(std::move(id));
  r.set_indicator("Anmälda brott i centrum per kvartal");
  r.set_unit("antal");
  r.set_baseline(120);
  r.set_target(90);
  r.set_by_date("2026-12-31");
  return r;
}

v1::RetireOperationalGoalRequest RetireGoalRequest(std::string command_id) {
  v1::RetireOperationalGoalRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(kMeasure);
  r.set_goal_id(kOldGoal);
  r.set_reason("Mättes inte.");
  return r;
}

v1::AddPartnerRequest AddPartnerRequest(std::string command_id, std::string agency_id = kRescue) {
  v1::AddPartnerRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(kMeasure);
  r.set_agency_id(std::move(agency_id));
  r.set_commitment("Deltar två kvällar i månaden.");
  return r;
}

v1::RemovePartnerRequest RemovePartnerRequest(std::string command_id) {
  v1::RemovePartnerRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(kMeasure);
  r.set_agency_id(kRescue);
  r.set_reason("Har inte personal i år.");
  return r;
}

v1::RecordFollowUpRequest FollowUpRequest(std::string command_id, std::string party = "",
                                          v1::Health health = v1::HEALTH_GREEN) {
  v1::RecordFollowUpRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(kMeasure);
  r.set_period("2026-T1");
  r.set_party(std::move(party));
  r.set_health(health);
  r.set_hours(12.5);
  r.set_cost_sek(4'000);
  r.set_comment("Fyra kvällar genomförda.");
  v1::IndicatorValue* value = r.add_values();
  value->set_goal_id(kGoal);
  value->set_value(110);
  return r;
}

v1::FormWorkingGroupRequest GroupRequest(std::string command_id, std::string id = "") {
  v1::FormWorkingGroupRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_group_id(std::move(id));
  r.set_name("Samverkansgrupp centrum");
  r.add_agency_ids(kPolice);
  r.add_agency_ids(kSocial);
  r.add_focus_areas("otrygghet");
  return r;
}

v1::ChangeWorkingGroupRequest ChangeGroupRequest(std::string command_id) {
  v1::ChangeWorkingGroupRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_group_id(kGroup);
  r.set_name("Samverkansgrupp centrum och Pilagården");
  r.add_agency_ids(kPolice);
  r.add_agency_ids(kSocial);
  r.add_agency_ids(kRescue);
  r.add_focus_areas("otrygghet");
  return r;
}

v1::MakeCitizenPromiseRequest PromiseRequest(std::string command_id, std::string id = "") {
  v1::MakeCitizenPromiseRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_promise_id(std::move(id));
  r.set_text("Vi finns på plats i centrum varje fredag och lördag kväll.");
  r.add_measure_ids(kMeasure);
  r.add_signatories("lokalpolisområdeschef");
  r.add_signatories("kommunstyrelsens ordförande");
  r.set_valid_from("2026-01-01");
  r.set_valid_to("2026-12-31");
  return r;
}

v1::EndCitizenPromiseRequest EndPromiseRequest(std::string command_id) {
  v1::EndCitizenPromiseRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_promise_id(kPromise);
  r.set_reason("Ersatt av 2027 års löfte.");
  return r;
}

v1::AdoptPlanRequest AdoptRequest(std::string command_id) {
  v1::AdoptPlanRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_adopted_by("Kommunstyrelsen");
  r.set_decision_date("2026-04-15");
  r.set_reference("KS 2026/412");
  r.add_signatories("kommunstyrelsens ordförande");
  return r;
}

// --- the fixture --------------------------------------------------------------------------------

class WholePlanTest : public service_testing::ServiceTest {
 protected:
  WholePlanTest() : ServiceTest(/*with_status=*/true) {}

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServiceTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(Seed());
  }

  // The plan, three agencies, kMeasure assigned to the police with the social services as its
  // partner, and the plan's seeded things (see the constants above).
  void Seed() {
    const auto ok = [](const Outcome& outcome) { ASSERT_TRUE(Ok(outcome)); };
    ok(As(coordinator_, CreatePlanRequest("skapa-plan")));
    ok(As(coordinator_, RegisterRequest("reg-polis", kPolice, "Polisen LPO Värnamo", "police")));
    ok(As(coordinator_,
          RegisterRequest("reg-soc", kSocial, "Socialtjänsten Värnamo", "social services")));
    ok(As(coordinator_,
          RegisterRequest("reg-rtj", kRescue, "Räddningstjänsten Värnamo", "rescue")));
    v1::ProposeMeasureRequest propose;
    propose.set_command_id("foresla");
    propose.set_plan_id(kPlan);
    propose.set_focus_area("otrygghet");
    propose.set_title("Nattvandring i centrum");
    propose.set_measure_id(kMeasure);
    ok(As(coordinator_, propose));
    v1::PrioritiseMeasureRequest prioritise;
    prioritise.set_command_id("prioritera");
    prioritise.set_measure_id(kMeasure);
    prioritise.set_priority(v1::PRIORITY_HIGH);
    ok(As(coordinator_, prioritise));
    v1::AssignMeasureRequest assign;
    assign.set_command_id("tilldela");
    assign.set_measure_id(kMeasure);
    assign.set_agency_id(kPolice);
    assign.set_due_date("2026-12-31");
    ok(As(coordinator_, assign));
    ok(As(coordinator_, InputRequest("seed-input", kInput)));
    ok(As(coordinator_, FindingRequest("seed-finding", kFinding)));
    ok(As(coordinator_, FindingRequest("seed-old-finding", kOldFinding)));
    ok(As(coordinator_, CauseRequest("seed-cause", kCause)));
    ok(As(coordinator_, CauseRequest("seed-old-cause", kOldCause)));
    ok(As(coordinator_, AddPartnerRequest("seed-partner", kSocial)));
    ok(As(coordinator_, GoalRequest("seed-goal", kGoal)));
    ok(As(coordinator_, GoalRequest("seed-old-goal", kOldGoal)));
    ok(As(coordinator_, GroupRequest("seed-group", kGroup)));
    ok(As(coordinator_, PromiseRequest("seed-promise", kPromise)));
    seeded_ = Head();
  }

  // The decoded event at the head of `stream_id`.
  template <class Event>
  Event Last(const std::string& stream_id) {
    const std::vector<RecordedEvent> events = Stream(stream_id);
    if (events.empty()) {
      ADD_FAILURE() << stream_id << " is empty";
      return Event();
    }
    return Payload<Event>(events.back());
  }

  std::uint64_t seeded_ = 0;
};

const std::string kPlanStream = domain::PlanStream(kPlan);
const std::string kMeasureStream = domain::MeasureStream(kMeasure);

// --- validation ---------------------------------------------------------------------------------

// Every new command with one bad field at a time: INVALID_ARGUMENT naming the field, nothing
// appended.
TEST_F(WholePlanTest, EveryNewCommandRefusesABadFieldNamingIt) {
  struct Row {
    std::string field;  // the message must name it
    std::function<Outcome()> call;
  };
  std::vector<Row> rows;
  const auto bad = [&](std::string field, auto request, auto edit) {
    edit(request);
    rows.push_back({std::move(field), [this, request] { return As(coordinator_, request); }});
  };
  const std::string long_text(10'001, 'x');
  const double nan = std::numeric_limits<double>::quiet_NaN();

  bad("command_id", InputRequest("c"), [](auto& r) { r.clear_command_id(); });
  bad("plan_id", InputRequest("c"), [](auto& r) { r.set_plan_id("Tryggare Värnamo"); });
  bad("input_id", InputRequest("c"), [](auto& r) { r.set_input_id("In 1"); });
  bad("channel", InputRequest("c"), [](auto& r) { r.set_channel(v1::INPUT_CHANNEL_UNSPECIFIED); });
  bad("received_on", InputRequest("c"), [](auto& r) { r.set_received_on("2026-02-30"); });
  bad("summary", InputRequest("c"), [](auto& r) { r.clear_summary(); });
  bad("area", InputRequest("c"), [](auto& r) { r.set_area(std::string(201, 'a')); });

  bad("command_id", FindingRequest("c"), [](auto& r) { r.set_command_id("a b"); });
  bad("finding_id", FindingRequest("c"), [](auto& r) { r.set_finding_id("F_1"); });
  bad("text", FindingRequest("c"), [](auto& r) { r.clear_text(); });
  bad("source", FindingRequest("c"), [](auto& r) { r.set_source(v1::FINDING_SOURCE_UNSPECIFIED); });
  bad("period", FindingRequest("c"), [](auto& r) { r.clear_period(); });
  bad("input_ids", FindingRequest("c"), [](auto& r) { r.set_input_ids(0, "Inte ett id"); });

  bad("finding_id", ReviseFindingRequest("c"), [](auto& r) { r.clear_finding_id(); });
  bad("text", ReviseFindingRequest("c"), [](auto& r) { r.set_text(std::string(1'001, 't')); });
  bad("reason", RetireFindingRequest("c"), [](auto& r) { r.clear_reason(); });
  bad("plan_id", RetireFindingRequest("c"), [](auto& r) { r.clear_plan_id(); });

  bad("cause_id", CauseRequest("c"), [](auto& r) { r.set_cause_id("C 1"); });
  bad("text", CauseRequest("c"), [](auto& r) { r.clear_text(); });
  bad("finding_ids", CauseRequest("c"), [](auto& r) { r.clear_finding_ids(); });
  bad("cause_id", ReviseCauseRequest("c"), [](auto& r) { r.clear_cause_id(); });
  bad("finding_ids", ReviseCauseRequest("c"), [](auto& r) { r.clear_finding_ids(); });
  bad("reason", RetireCauseRequest("c"), [&](auto& r) { r.set_reason(long_text); });

  bad("measure_id", LinkRequest("c"), [](auto& r) { r.clear_measure_id(); });
  bad("cause_id", LinkRequest("c"), [](auto& r) { r.set_cause_id("C 1"); });
  bad("cause_id", UnlinkRequest("c"), [](auto& r) { r.clear_cause_id(); });
  bad("reason", UnlinkRequest("c"), [&](auto& r) { r.set_reason(long_text); });

  bad("goal_id", GoalRequest("c"), [](auto& r) { r.set_goal_id("Mål 1"); });
  bad("indicator", GoalRequest("c"), [](auto& r) { r.clear_indicator(); });
  bad("unit", GoalRequest("c"), [](auto& r) { r.set_unit(std::string(21, 'u')); });
  bad("baseline", GoalRequest("c"), [&](auto& r) { r.set_baseline(nan); });
  bad("target", GoalRequest("c"),
      [](auto& r) { r.set_target(std::numeric_limits<double>::infinity()); });
  bad("by_date", GoalRequest("c"), [](auto& r) { r.set_by_date("31/12/2026"); });
  bad("goal_id", RetireGoalRequest("c"), [](auto& r) { r.clear_goal_id(); });

  bad("agency_id", AddPartnerRequest("c"), [](auto& r) { r.set_agency_id("Räddningstjänsten"); });
  bad("commitment", AddPartnerRequest("c"), [](auto& r) { r.clear_commitment(); });
  bad("agency_id", RemovePartnerRequest("c"), [](auto& r) { r.clear_agency_id(); });

  bad("measure_id", FollowUpRequest("c"), [](auto& r) { r.set_measure_id("M 1"); });
  bad("period", FollowUpRequest("c"), [](auto& r) { r.set_period("2026-T4"); });
  bad("period", FollowUpRequest("c"), [](auto& r) { r.set_period("2026-12-31/2026-01-01"); });
  bad("party", FollowUpRequest("c"), [](auto& r) { r.set_party("Polisen"); });
  bad("health", FollowUpRequest("c"), [](auto& r) { r.set_health(v1::HEALTH_UNSPECIFIED); });
  bad("hours", FollowUpRequest("c"), [](auto& r) { r.set_hours(-1); });
  bad("cost_sek", FollowUpRequest("c"), [](auto& r) { r.set_cost_sek(10'000'000'001); });
  bad("values", FollowUpRequest("c"), [&](auto& r) { r.mutable_values(0)->set_value(nan); });
  bad("comment", FollowUpRequest("c", kPolice, v1::HEALTH_RED), [](auto& r) { r.clear_comment(); });

  bad("group_id", GroupRequest("c"), [](auto& r) { r.set_group_id("WG"); });
  bad("name", GroupRequest("c"), [](auto& r) { r.clear_name(); });
  bad("agency_ids", GroupRequest("c"), [](auto& r) { r.clear_agency_ids(); });
  bad("group_id", ChangeGroupRequest("c"), [](auto& r) { r.clear_group_id(); });
  bad("agency_ids", ChangeGroupRequest("c"), [](auto& r) { r.set_agency_ids(0, "Polisen"); });

  bad("promise_id", PromiseRequest("c"), [](auto& r) { r.set_promise_id("Löfte"); });
  bad("text", PromiseRequest("c"), [](auto& r) { r.clear_text(); });
  bad("measure_ids", PromiseRequest("c"), [](auto& r) { r.clear_measure_ids(); });
  bad("signatories", PromiseRequest("c"), [](auto& r) { r.clear_signatories(); });
  bad("valid_from", PromiseRequest("c"), [](auto& r) { r.set_valid_from("2026-13-01"); });
  bad("valid_to", PromiseRequest("c"), [](auto& r) { r.set_valid_to("2025-12-31"); });
  bad("promise_id", EndPromiseRequest("c"), [](auto& r) { r.clear_promise_id(); });
  bad("reason", EndPromiseRequest("c"), [](auto& r) { r.clear_reason(); });

  bad("adopted_by", AdoptRequest("c"), [](auto& r) { r.clear_adopted_by(); });
  bad("decision_date", AdoptRequest("c"), [](auto& r) { r.set_decision_date("i går"); });
  bad("reference", AdoptRequest("c"), [](auto& r) { r.clear_reference(); });
  bad("signatories", AdoptRequest("c"), [](auto& r) {
    for (int i = 0; i < 10; ++i) r.add_signatories("ledamot");
  });

  for (const Row& row : rows) {
    const Outcome outcome = row.call();
    EXPECT_TRUE(Fails(outcome, StatusCode::INVALID_ARGUMENT, row.field)) << row.field;
  }
  EXPECT_EQ(Head(), seeded_);
}

// --- permissions --------------------------------------------------------------------------------

// Every new command as every role, the oracle written from the "Roles": a role that may
// not call it is PERMISSION_DENIED naming the role, and appends nothing; one that may, succeeds.
TEST_F(WholePlanTest, EveryNewCommandAsEveryRole) {
  const std::set<Role> coordinator = {Role::kCoordinator};
  const std::set<Role> coordinator_or_agency = {Role::kCoordinator, Role::kAgency};
  struct Row {
    std::string rpc;
    std::set<Role> allowed;
    std::function<Outcome(const std::string& token, const std::string& command_id)> call;
  };
  std::vector<Row> rows;
  const auto row = [&](std::string rpc, std::set<Role> allowed, auto request) {
    rows.push_back({std::move(rpc), std::move(allowed),
                    [this, request](const std::string& token, const std::string& command_id) {
                      auto sent = request;
                      sent.set_command_id(command_id);
                      return As(token, sent);
                    }});
  };
  // In an order in which each succeeds for each role that may call it (the agency is the police,
  // responsible for kMeasure).
  row("RecordResidentInput", coordinator_or_agency, InputRequest(""));
  row("RecordFinding", coordinator_or_agency, FindingRequest(""));
  row("ReviseFinding", coordinator, ReviseFindingRequest(""));
  row("RetireFinding", coordinator, RetireFindingRequest(""));
  row("IdentifyCause", coordinator, CauseRequest(""));
  row("ReviseCause", coordinator, ReviseCauseRequest(""));
  row("RetireCause", coordinator, RetireCauseRequest(""));
  row("LinkMeasureToCause", coordinator, LinkRequest(""));
  row("UnlinkMeasureFromCause", coordinator, UnlinkRequest(""));
  row("SetOperationalGoal", coordinator, GoalRequest(""));
  row("RetireOperationalGoal", coordinator, RetireGoalRequest(""));
  row("AddPartner", coordinator, AddPartnerRequest(""));
  row("RemovePartner", coordinator, RemovePartnerRequest(""));
  row("RecordFollowUp", coordinator_or_agency, FollowUpRequest("", kPolice));
  row("FormWorkingGroup", coordinator, GroupRequest(""));
  row("ChangeWorkingGroup", coordinator, ChangeGroupRequest(""));
  row("MakeCitizenPromise", coordinator, PromiseRequest(""));
  row("EndCitizenPromise", coordinator, EndPromiseRequest(""));
  row("AdoptPlan", coordinator, AdoptRequest(""));

  const std::vector<std::pair<Role, std::string>> callers = {{Role::kReader, reader_},
                                                             {Role::kAuditor, auditor_},
                                                             {Role::kAgency, police_},
                                                             {Role::kCoordinator, coordinator_}};
  for (const Row& r : rows) {
    for (const auto& [role, token] : callers) {
      const std::string role_name(RoleName(role));
      SCOPED_TRACE(r.rpc + " as " + role_name);
      const std::uint64_t head = Head();
      const Outcome outcome = r.call(token, r.rpc + "-" + role_name);
      if (r.allowed.contains(role)) {
        EXPECT_TRUE(Ok(outcome));
        EXPECT_EQ(Head(), head + 1);
      } else {
        EXPECT_TRUE(Fails(outcome, StatusCode::PERMISSION_DENIED, "role " + role_name));
        EXPECT_EQ(Head(), head);
      }
    }
  }
}

// --- generated ids and idempotency --------------------------------------------------------------

// A command that records a new thing without an id gets one derived from the caller and the
// command_id; a retry answers the first reply, item_id included, and appends nothing.
TEST_F(WholePlanTest, GeneratedItemIdsAreStableOnRetry) {
  struct Row {
    std::string_view prefix;
    std::string command_id;
    std::string stream;
    std::function<Outcome()> call;
  };
  const auto send = [this](auto request) {
    return [this, request] { return As(coordinator_, request); };
  };
  const std::vector<Row> rows = {
      {domain::kInputIdPrefix, "ny-input", kPlanStream, send(InputRequest("ny-input"))},
      {domain::kFindingIdPrefix, "nytt-fynd", kPlanStream, send(FindingRequest("nytt-fynd"))},
      {domain::kCauseIdPrefix, "ny-orsak", kPlanStream, send(CauseRequest("ny-orsak"))},
      {domain::kGoalIdPrefix, "nytt-mal", kMeasureStream, send(GoalRequest("nytt-mal"))},
      {domain::kWorkingGroupIdPrefix, "ny-grupp", kPlanStream, send(GroupRequest("ny-grupp"))},
      {domain::kPromiseIdPrefix, "nytt-lofte", kPlanStream, send(PromiseRequest("nytt-lofte"))},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.command_id);
    const Outcome first = row.call();
    ASSERT_TRUE(Ok(first));
    EXPECT_EQ(first.reply.item_id(),
              domain::GenerateItemId(row.prefix, "samordnare", row.command_id));
    EXPECT_EQ(first.reply.id(), row.stream == kPlanStream ? kPlan : kMeasure);
    EXPECT_EQ(first.reply.position(), Head());
    const std::uint64_t head = Head();
    const Outcome again = row.call();
    ASSERT_TRUE(Ok(again));
    EXPECT_TRUE(SameReply(again.reply, first.reply))
        << again.reply.ShortDebugString() << " vs " << first.reply.ShortDebugString();
    EXPECT_EQ(Head(), head);
  }
  // Retries still answer once the plan has moved on.
  ASSERT_TRUE(Ok(As(coordinator_, AdoptRequest("anta"))));
  const std::uint64_t head = Head();
  for (const Row& row : rows) {
    const Outcome again = row.call();
    ASSERT_TRUE(Ok(again)) << row.command_id;
    EXPECT_EQ(again.reply.item_id(),
              domain::GenerateItemId(row.prefix, "samordnare", row.command_id));
  }
  EXPECT_EQ(Head(), head);
}

TEST_F(WholePlanTest, ItemIdNamesTheGivenIdAndTheThingActedOn) {
  const Outcome input = As(coordinator_, InputRequest("given", "in-enkat-2026"));
  ASSERT_TRUE(Ok(input));
  EXPECT_EQ(input.reply.item_id(), "in-enkat-2026");
  EXPECT_EQ(input.reply.id(), kPlan);
  EXPECT_EQ(Last<v1::ResidentInputRecorded>(kPlanStream).input_id(), "in-enkat-2026");

  const Outcome retired = As(coordinator_, RetireFindingRequest("retire"));
  ASSERT_TRUE(Ok(retired));
  EXPECT_EQ(retired.reply.item_id(), kOldFinding);
  const Outcome goal = As(coordinator_, RetireGoalRequest("retire-goal"));
  ASSERT_TRUE(Ok(goal));
  EXPECT_EQ(goal.reply.item_id(), kOldGoal);
  EXPECT_EQ(goal.reply.id(), kMeasure);
  // A command on the plan or measure as a whole names no item.
  const Outcome adopted = As(coordinator_, AdoptRequest("anta"));
  ASSERT_TRUE(Ok(adopted));
  EXPECT_TRUE(adopted.reply.item_id().empty());
}

TEST_F(WholePlanTest, ACommandIdReusedForAnotherItemIsAlreadyExists) {
  ASSERT_TRUE(Ok(As(coordinator_, InputRequest("samma"))));
  v1::RecordResidentInputRequest other = InputRequest("samma");
  other.set_summary("Något annat.");
  EXPECT_TRUE(Fails(As(coordinator_, other), StatusCode::ALREADY_EXISTS, "command_id 'samma'"));
  // A given id that is taken.
  EXPECT_TRUE(Fails(As(coordinator_, FindingRequest("nytt", kFinding)), StatusCode::ALREADY_EXISTS,
                    kFinding));
}

// --- follow-up ----------------------------------------------------------------------------------

// kMeasure is the police's, with the social services as partner: each agency follows up its own
// part, never another's; the coordinator any party's.
TEST_F(WholePlanTest, AnAgencyFollowsUpOnlyItsOwnPart) {
  const std::uint64_t head = Head();
  EXPECT_TRUE(Fails(As(police_, FollowUpRequest("polis-for-soc", kSocial)),
                    StatusCode::PERMISSION_DENIED, kSocial));
  EXPECT_TRUE(Fails(As(social_, FollowUpRequest("soc-for-polis", kPolice)),
                    StatusCode::PERMISSION_DENIED, kPolice));
  EXPECT_EQ(Head(), head);

  ASSERT_TRUE(Ok(As(police_, FollowUpRequest("polis-egen"))));
  EXPECT_EQ(Last<v1::FollowUpRecorded>(kMeasureStream).party(), kPolice);
  ASSERT_TRUE(Ok(As(social_, FollowUpRequest("soc-egen", kSocial, v1::HEALTH_YELLOW))));
  const v1::FollowUpRecorded partner = Last<v1::FollowUpRecorded>(kMeasureStream);
  EXPECT_EQ(partner.party(), kSocial);
  EXPECT_EQ(partner.health(), v1::HEALTH_YELLOW);
  EXPECT_EQ(partner.period(), "2026-T1");
  const std::vector<RecordedEvent> stream = Stream(kMeasureStream);
  EXPECT_EQ(stream.back().metadata.principal, "socialtjansten");

  // An agency with no part in the measure has nothing to follow up.
  EXPECT_TRUE(Fails(As(rescue_, FollowUpRequest("rtj")), StatusCode::FAILED_PRECONDITION, kRescue));
  // The coordinator records any party's.
  ASSERT_TRUE(Ok(As(coordinator_, FollowUpRequest("samordnare-soc", kSocial))));
  EXPECT_EQ(Last<v1::FollowUpRecorded>(kMeasureStream).party(), kSocial);
  EXPECT_EQ(Head(), head + 3);
}

TEST_F(WholePlanTest, FollowUpPeriodIsStoredCanonical) {
  v1::RecordFollowUpRequest range = FollowUpRequest("intervall", kPolice);
  range.set_period("2026-01-01/2026-04-30");
  ASSERT_TRUE(Ok(As(police_, range)));
  EXPECT_EQ(Last<v1::FollowUpRecorded>(kMeasureStream).period(), "2026-01-01/2026-04-30");
  v1::RecordFollowUpRequest quarter = FollowUpRequest("kvartal", kPolice);
  quarter.set_period("2026-Q2");
  ASSERT_TRUE(Ok(As(police_, quarter)));
  EXPECT_EQ(Last<v1::FollowUpRecorded>(kMeasureStream).period(), "2026-Q2");
}

// --- findings and causes ------------------------------------------------------------------------

TEST_F(WholePlanTest, PoliceIntelligenceComesOnlyFromThePolice) {
  v1::RecordFindingRequest intelligence = FindingRequest("underrattelse");
  intelligence.set_source(v1::FINDING_SOURCE_POLICE_INTELLIGENCE);
  const std::uint64_t head = Head();
  EXPECT_TRUE(Fails(As(social_, intelligence), StatusCode::PERMISSION_DENIED, ""));
  EXPECT_EQ(Head(), head);
  // The same agency may record findings from its own sources.
  v1::RecordFindingRequest dialogue = FindingRequest("dialog");
  dialogue.set_source(v1::FINDING_SOURCE_STAFF_DIALOGUE);
  ASSERT_TRUE(Ok(As(social_, dialogue)));
  ASSERT_TRUE(Ok(As(police_, intelligence)));
  EXPECT_EQ(Last<v1::FindingRecorded>(kPlanStream).source(),
            v1::FINDING_SOURCE_POLICE_INTELLIGENCE);
  ASSERT_TRUE(Ok(As(coordinator_, intelligence)));
  EXPECT_EQ(Head(), head + 3);
}

TEST_F(WholePlanTest, CausesAreNumberedWithinTheirFocusArea) {
  // Seeded: kCause (1) and kOldCause (2) in narkotika.
  const auto number = [this](const std::string& command_id, const std::string& focus_area) {
    v1::IdentifyCauseRequest request = CauseRequest(command_id, "", focus_area);
    EXPECT_TRUE(Ok(As(coordinator_, request))) << command_id;
    return Last<v1::CauseIdentified>(kPlanStream).number();
  };
  EXPECT_EQ(number("orsak-3", "narkotika"), 3u);
  EXPECT_EQ(number("orsak-otrygghet-1", "otrygghet"), 1u);
  // A retired cause keeps its number: the next is never a reused one.
  ASSERT_TRUE(Ok(As(coordinator_, RetireCauseRequest("pensionera"))));
  EXPECT_EQ(number("orsak-4", "narkotika"), 4u);
  EXPECT_EQ(number("orsak-otrygghet-2", "otrygghet"), 2u);
}

TEST_F(WholePlanTest, ARetiredFindingCannotCarryANewCause) {
  ASSERT_TRUE(Ok(As(coordinator_, RetireFindingRequest("pensionera"))));
  v1::IdentifyCauseRequest request = CauseRequest("orsak");
  request.set_finding_ids(0, kOldFinding);
  EXPECT_TRUE(Fails(As(coordinator_, request), StatusCode::FAILED_PRECONDITION, kOldFinding));
  request.set_finding_ids(0, "f-finns-inte");
  EXPECT_TRUE(Fails(As(coordinator_, request), StatusCode::NOT_FOUND, "f-finns-inte"));
}

// --- adoption and versions ----------------------------------------------------------------------

TEST_F(WholePlanTest, EachAdoptionIsTheNextPlanVersion) {
  ASSERT_TRUE(Ok(As(coordinator_, AdoptRequest("anta-1"))));
  EXPECT_EQ(Last<v1::PlanAdopted>(kPlanStream).version(), 1u);
  ASSERT_TRUE(Ok(As(coordinator_, InputRequest("efter-antagande"))));
  v1::AdoptPlanRequest again = AdoptRequest("anta-2");
  again.set_decision_date("2026-10-20");
  again.set_reference("KS 2026/877");
  ASSERT_TRUE(Ok(As(coordinator_, again)));
  const v1::PlanAdopted second = Last<v1::PlanAdopted>(kPlanStream);
  EXPECT_EQ(second.version(), 2u);
  EXPECT_EQ(second.reference(), "KS 2026/877");
  EXPECT_EQ(Stream(kPlanStream).back().metadata.principal, "samordnare");
}

TEST_F(WholePlanTest, ExpectedVersionOnPlanCommandsIsTheStreamsVersion) {
  const std::uint64_t version = Stream(kPlanStream).size();
  v1::RecordResidentInputRequest stale = InputRequest("gammal-version");
  stale.set_expected_version(version - 1);
  EXPECT_TRUE(Fails(As(coordinator_, stale), StatusCode::ABORTED,
                    "is at version " + std::to_string(version)));
  v1::AdoptPlanRequest stale_adoption = AdoptRequest("gammal-antagande");
  stale_adoption.set_expected_version(1);
  EXPECT_TRUE(Fails(As(coordinator_, stale_adoption), StatusCode::ABORTED, "version"));
  const std::uint64_t head = Head();

  v1::RecordResidentInputRequest current = InputRequest("aktuell-version");
  current.set_expected_version(version);
  const Outcome written = As(coordinator_, current);
  ASSERT_TRUE(Ok(written));
  EXPECT_EQ(written.reply.version(), version + 1);
  EXPECT_EQ(Head(), head + 1);
}

TEST_F(WholePlanTest, ExpectedVersionOnMeasureCommandsIsTheMeasuresVersion) {
  const std::uint64_t version = Stream(kMeasureStream).size();
  v1::AddPartnerRequest stale = AddPartnerRequest("gammal");
  stale.set_expected_version(version - 1);
  EXPECT_TRUE(Fails(As(coordinator_, stale), StatusCode::ABORTED,
                    "is at version " + std::to_string(version)));
  v1::AddPartnerRequest current = AddPartnerRequest("aktuell");
  current.set_expected_version(version);
  ASSERT_TRUE(Ok(As(coordinator_, current)));
}

// --- the rest of the plan through the commands --------------------------------------------------

TEST_F(WholePlanTest, NotFoundNamesTheUnknownThing) {
  v1::ReviseFindingRequest finding = ReviseFindingRequest("okand");
  finding.set_finding_id("f-finns-inte");
  EXPECT_TRUE(Fails(As(coordinator_, finding), StatusCode::NOT_FOUND, "f-finns-inte"));
  v1::RecordResidentInputRequest plan = InputRequest("okand-plan");
  plan.set_plan_id("ingen-plan");
  EXPECT_TRUE(Fails(As(coordinator_, plan), StatusCode::NOT_FOUND, "ingen-plan"));
  v1::FormWorkingGroupRequest group = GroupRequest("okand-medlem");
  group.add_agency_ids("ingen-myndighet");
  EXPECT_TRUE(Fails(As(coordinator_, group), StatusCode::NOT_FOUND, "ingen-myndighet"));
  v1::MakeCitizenPromiseRequest promise = PromiseRequest("okand-atgard");
  promise.add_measure_ids("ingen-atgard");
  EXPECT_TRUE(Fails(As(coordinator_, promise), StatusCode::NOT_FOUND, "ingen-atgard"));
  v1::AddPartnerRequest partner = AddPartnerRequest("okand-partner", "ingen-myndighet");
  EXPECT_TRUE(Fails(As(coordinator_, partner), StatusCode::NOT_FOUND, "ingen-myndighet"));
  v1::LinkMeasureToCauseRequest link = LinkRequest("okand-orsak");
  link.set_cause_id("c-finns-inte");
  EXPECT_TRUE(Fails(As(coordinator_, link), StatusCode::NOT_FOUND, "c-finns-inte"));
  link.set_measure_id("ingen-atgard");
  EXPECT_TRUE(Fails(As(coordinator_, link), StatusCode::NOT_FOUND, "ingen-atgard"));
  EXPECT_EQ(Head(), seeded_);
}

TEST_F(WholePlanTest, MeasureEventsGoToTheMeasureAndPlanEventsToThePlan) {
  ASSERT_TRUE(Ok(As(coordinator_, LinkRequest("koppla"))));
  EXPECT_EQ(Last<v1::MeasureLinkedToCause>(kMeasureStream).cause_id(), kCause);
  ASSERT_TRUE(Ok(As(coordinator_, ChangeGroupRequest("andra-grupp"))));
  const v1::WorkingGroupChanged changed = Last<v1::WorkingGroupChanged>(kPlanStream);
  EXPECT_EQ(changed.group_id(), kGroup);
  EXPECT_EQ(changed.agency_ids_size(), 3);
  ASSERT_TRUE(Ok(As(coordinator_, EndPromiseRequest("avsluta"))));
  EXPECT_EQ(Last<v1::CitizenPromiseEnded>(kPlanStream).promise_id(), kPromise);
  EXPECT_TRUE(Fails(As(coordinator_, EndPromiseRequest("avsluta-igen")),
                    StatusCode::FAILED_PRECONDITION, kPromise));
}

// --- the queries --------------------------------------------------------------------------------

class WholePlanQueryTest : public WholePlanTest {
 protected:
  template <class Request, class Response>
  grpc::Status Query(grpc::Status (v1::StatusService::Stub::*method)(grpc::ClientContext*,
                                                                     const Request&, Response*),
                     Request request, Response* response, const std::string* token = nullptr) {
    request.set_min_position(Head());
    auto context = Context(token != nullptr ? *token : reader_);
    return (server_->status().*method)(context.get(), request, response);
  }

  grpc::Status Picture(const std::string& plan_id, v1::SituationPicture* out) {
    v1::GetSituationPictureRequest request;
    request.set_plan_id(plan_id);
    return Query(&v1::StatusService::Stub::GetSituationPicture, request, out);
  }
  grpc::Status Trace(v1::GetTraceabilityRequest request, v1::Traceability* out) {
    return Query(&v1::StatusService::Stub::GetTraceability, std::move(request), out);
  }
  grpc::Status Summary(v1::GetFollowUpSummaryRequest request, v1::FollowUpSummary* out) {
    return Query(&v1::StatusService::Stub::GetFollowUpSummary, std::move(request), out);
  }
  grpc::Status Group(v1::GetWorkingGroupStatusRequest request, v1::WorkingGroupStatus* out) {
    return Query(&v1::StatusService::Stub::GetWorkingGroupStatus, std::move(request), out);
  }

  // Calls `method` with a request made by edit(request) from an empty one, with `token` (none
  // when empty), and returns the status.
  template <class Request, class Response, class Edit>
  grpc::Status Send(grpc::Status (v1::StatusService::Stub::*method)(grpc::ClientContext*,
                                                                    const Request&, Response*),
                    const Edit& edit, const std::string& token) {
    Request request;
    edit(request);
    Response response;
    auto context = Context(token);
    return (server_->status().*method)(context.get(), request, &response);
  }
};

const v1::FocusAreaPicture* AreaOf(const v1::SituationPicture& picture, const std::string& key) {
  for (const v1::FocusAreaPicture& area : picture.focus_areas()) {
    if (area.focus_area().key() == key) return &area;
  }
  return nullptr;
}

TEST_F(WholePlanQueryTest, SituationPictureShowsFindingsTheirInputAndCauses) {
  v1::SituationPicture picture;
  ASSERT_TRUE(Ok(Picture(kPlan, &picture)));
  EXPECT_EQ(picture.plan_id(), kPlan);
  ASSERT_EQ(picture.focus_areas_size(), 3);
  const v1::FocusAreaPicture* narcotics = AreaOf(picture, "narkotika");
  ASSERT_NE(narcotics, nullptr);
  ASSERT_EQ(narcotics->findings_size(), 2);
  EXPECT_EQ(narcotics->findings(0).finding_id(), kFinding);
  EXPECT_EQ(narcotics->findings(0).source(), v1::FINDING_SOURCE_CRIME_STATISTICS);
  EXPECT_EQ(narcotics->findings(0).recorded_by(), "samordnare");
  ASSERT_EQ(narcotics->causes_size(), 2);
  EXPECT_EQ(narcotics->causes(0).cause_id(), kCause);
  EXPECT_EQ(narcotics->causes(0).number(), 1u);
  ASSERT_GE(narcotics->inputs_size(), 1);  // cited by the findings
  EXPECT_EQ(narcotics->inputs(0).input_id(), kInput);

  // Retired things leave the picture unless asked for.
  ASSERT_TRUE(Ok(As(coordinator_, RetireCauseRequest("pensionera"))));
  ASSERT_TRUE(Ok(Picture(kPlan, &picture)));
  EXPECT_EQ(AreaOf(picture, "narkotika")->causes_size(), 1);
  v1::GetSituationPictureRequest with_retired;
  with_retired.set_plan_id(kPlan);
  with_retired.set_include_retired(true);
  with_retired.set_focus_area("narkotika");
  ASSERT_TRUE(Ok(Query(&v1::StatusService::Stub::GetSituationPicture, with_retired, &picture)));
  ASSERT_EQ(picture.focus_areas_size(), 1);
  EXPECT_EQ(picture.focus_areas(0).causes_size(), 2);
}

TEST_F(WholePlanQueryTest, TraceabilityFlagsWhatIsMissingAndClearsIt) {
  v1::GetTraceabilityRequest request;
  request.set_plan_id(kPlan);
  v1::Traceability trace;
  ASSERT_TRUE(Ok(Trace(request, &trace)));
  EXPECT_EQ(trace.plan_id(), kPlan);
  // kMeasure cites no cause, and no measure addresses either cause yet.
  EXPECT_EQ(trace.counts().measures_without_cause(), 1u);
  EXPECT_EQ(trace.counts().causes_without_measure(), 2u);
  EXPECT_EQ(trace.counts().measures_without_goal(), 0u);

  ASSERT_TRUE(Ok(As(coordinator_, LinkRequest("koppla"))));
  ASSERT_TRUE(Ok(Trace(request, &trace)));
  EXPECT_EQ(trace.counts().measures_without_cause(), 0u);
  EXPECT_EQ(trace.counts().causes_without_measure(), 1u);
  bool traced = false;
  for (const v1::FocusAreaTrace& area : trace.focus_areas()) {
    for (const v1::TracedMeasure& measure : area.measures()) {
      if (measure.measure_id() != kMeasure) continue;
      traced = true;
      EXPECT_EQ(measure.responsible_agency_id(), kPolice);
      ASSERT_EQ(measure.cause_ids_size(), 1);
      EXPECT_EQ(measure.cause_ids(0), kCause);
      EXPECT_EQ(measure.goals_size(), 2);
    }
  }
  EXPECT_TRUE(traced);
}

TEST_F(WholePlanQueryTest, FollowUpSummaryCountsEachPartysHealth) {
  ASSERT_TRUE(Ok(As(police_, FollowUpRequest("polis"))));
  ASSERT_TRUE(Ok(As(social_, FollowUpRequest("soc", kSocial, v1::HEALTH_YELLOW))));
  v1::GetFollowUpSummaryRequest request;
  request.set_plan_id(kPlan);
  request.set_period("2026-T1");
  v1::FollowUpSummary summary;
  ASSERT_TRUE(Ok(Summary(request, &summary)));
  EXPECT_EQ(summary.period(), "2026-T1");
  EXPECT_EQ(summary.totals().green(), 1u);
  EXPECT_EQ(summary.totals().yellow(), 1u);
  EXPECT_EQ(summary.totals().red(), 0u);
  EXPECT_DOUBLE_EQ(summary.totals().hours(), 25.0);
  EXPECT_EQ(summary.totals().cost_sek(), 8'000u);
  std::set<std::string> agencies;
  for (const v1::AgencyFollowUp& agency : summary.agencies()) agencies.insert(agency.agency_id());
  EXPECT_TRUE(agencies.contains(kPolice));
  EXPECT_TRUE(agencies.contains(kSocial));
}

TEST_F(WholePlanQueryTest, WorkingGroupStatusShowsItsMembersMeasures) {
  v1::GetWorkingGroupStatusRequest request;
  request.set_plan_id(kPlan);
  request.set_group_id(kGroup);
  v1::WorkingGroupStatus status;
  ASSERT_TRUE(Ok(Group(request, &status)));
  EXPECT_EQ(status.group().group_id(), kGroup);
  EXPECT_EQ(status.group().agency_ids_size(), 2);
  EXPECT_EQ(status.total_measures(), 1u);
  ASSERT_EQ(status.measures_size(), 1);
  EXPECT_EQ(status.measures(0).measure_id(), kMeasure);
}

TEST_F(WholePlanQueryTest, AgencyStatusListsThePartnersMeasures) {
  v1::GetAgencyStatusRequest request;
  request.set_agency_id(kSocial);
  v1::AgencyStatus status;
  ASSERT_TRUE(Ok(Query(&v1::StatusService::Stub::GetAgencyStatus, request, &status)));
  EXPECT_EQ(status.total_measures(), 0u);
  EXPECT_EQ(status.total_partner_measures(), 1u);
  ASSERT_EQ(status.partner_measures_size(), 1);
  EXPECT_EQ(status.partner_measures(0).measure_id(), kMeasure);
  ASSERT_EQ(status.partner_measures(0).partners_size(), 1);
  EXPECT_EQ(status.partner_measures(0).partners(0).agency_id(), kSocial);
}

// The four queries' refusals: a malformed or missing id and a malformed period or page are
// INVALID_ARGUMENT naming the field, an unknown plan or group NOT_FOUND naming it, and a call
// without a token UNAUTHENTICATED; every role may read each.
TEST_F(WholePlanQueryTest, TheNewQueriesRefuseBadRequestsAndServeEveryRole) {
  using S = v1::StatusService::Stub;
  struct Row {
    std::string name;
    std::function<grpc::Status(const std::string& token)> call;
    StatusCode code;
    std::string part;
  };
  std::vector<Row> rows;
  const auto row = [&](std::string name, auto method, auto edit, StatusCode code,
                       std::string part) {
    rows.push_back(
        {std::move(name),
         [this, method, edit](const std::string& token) { return Send(method, edit, token); }, code,
         std::move(part)});
  };
  const auto picture = &S::GetSituationPicture;
  const auto trace = &S::GetTraceability;
  const auto summary = &S::GetFollowUpSummary;
  const auto group = &S::GetWorkingGroupStatus;
  const StatusCode ok = StatusCode::OK, invalid = StatusCode::INVALID_ARGUMENT,
                   not_found = StatusCode::NOT_FOUND;
  // Each edit starts from an empty request.
  const auto plan = [](auto& r) { r.set_plan_id(kPlan); };
  row("picture", picture, plan, ok, "");
  row(
      "picture without plan", picture, [](auto&) {}, invalid, "plan_id");
  row(
      "picture of a malformed plan", picture, [](auto& r) { r.set_plan_id("Tryggare Värnamo"); },
      invalid, "plan_id");
  row(
      "picture of an unknown plan", picture, [](auto& r) { r.set_plan_id("ingen-plan"); },
      not_found, "ingen-plan");
  row("trace", trace, plan, ok, "");
  row(
      "trace of a malformed plan", trace, [](auto& r) { r.set_plan_id("X"); }, invalid, "plan_id");
  row(
      "trace of an unknown plan", trace, [](auto& r) { r.set_plan_id("ingen-plan"); }, not_found,
      "ingen-plan");
  row(
      "trace for a malformed period", trace,
      [](auto& r) {
        r.set_plan_id(kPlan);
        r.set_period("2026-T4");
      },
      invalid, "period");
  row(
      "trace with page_size 1001", trace,
      [](auto& r) {
        r.set_plan_id(kPlan);
        r.set_page_size(1'001);
      },
      invalid, "page_size");
  row(
      "trace with a garbage page_token", trace,
      [](auto& r) {
        r.set_plan_id(kPlan);
        r.set_page_token("garbage");
      },
      invalid, "page_token");
  const auto plan_and_period = [](auto& r) {
    r.set_plan_id(kPlan);
    r.set_period("2026-T1");
  };
  row("summary", summary, plan_and_period, ok, "");
  row("summary without period", summary, plan, invalid, "period");
  row(
      "summary for a malformed period", summary,
      [](auto& r) {
        r.set_plan_id(kPlan);
        r.set_period("2026-Q5");
      },
      invalid, "period");
  row(
      "summary without plan", summary, [](auto& r) { r.set_period("2026-T1"); }, invalid,
      "plan_id");
  row(
      "summary of an unknown plan", summary,
      [](auto& r) {
        r.set_plan_id("ingen-plan");
        r.set_period("2026-T1");
      },
      not_found, "ingen-plan");
  const auto plan_and_group = [](auto& r) {
    r.set_plan_id(kPlan);
    r.set_group_id(kGroup);
  };
  row("group", group, plan_and_group, ok, "");
  row("group without group_id", group, plan, invalid, "group_id");
  row(
      "group with a malformed group_id", group,
      [](auto& r) {
        r.set_plan_id(kPlan);
        r.set_group_id("WG 1");
      },
      invalid, "group_id");
  row(
      "unknown group", group,
      [](auto& r) {
        r.set_plan_id(kPlan);
        r.set_group_id("wg-finns-inte");
      },
      not_found, "wg-finns-inte");
  row(
      "group of an unknown plan", group,
      [](auto& r) {
        r.set_plan_id("ingen-plan");
        r.set_group_id(kGroup);
      },
      not_found, "ingen-plan");
  row(
      "group with page_size 501", group,
      [](auto& r) {
        r.set_plan_id(kPlan);
        r.set_group_id(kGroup);
        r.set_page_size(501);
      },
      invalid, "page_size");

  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    for (const std::string* token : {&reader_, &auditor_, &police_, &coordinator_}) {
      const grpc::Status status = r.call(*token);
      if (r.code == StatusCode::OK) {
        EXPECT_TRUE(Ok(status));
      } else {
        EXPECT_TRUE(Fails(status, r.code, r.part));
      }
    }
    EXPECT_TRUE(Fails(r.call(""), StatusCode::UNAUTHENTICATED, ""));
  }
}

}  // namespace
}  // namespace trygg::api
