// The whole plan's read commands through the real binaries, in each output format: plan picture,
// plan trace, plan follow-up and group show, and what measure show, plan show, status and
// measures list gained (causes, partners, goals, follow-up, adoption, flags, working groups,
// citizen promises). The plan is written straight through the API (the write commands have their
// own tests), each read asking with --min-position for the last write.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;
using Stub = v1::ActionPlanService::Stub;

// The Värnamo picture in small: three focus areas; findings from crime statistics (citing a safety
// walk), a staff dialogue no cause rests on, the safety survey and a retired one; causes 1 and 2
// in narkotika and 1 in otrygghet (the last two without a measure); measure m-1 (police, citing
// cause 1, with socialtjänsten as partner, a goal and the police's follow-up for 2026-T3); a
// working group; a citizen promise; the adoption; and m-2, proposed after it without a cause or a
// goal.
class CliPlanReads : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    if (HasFatalFailure()) return;
    stub_ = v1::ActionPlanService::NewStub(
        grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
    CreatePlanAndAgencies();

    v1::RecordResidentInputRequest input;
    input.set_plan_id(kPlan);
    input.set_input_id("in-1");
    input.set_focus_area("narkotika");
    input.set_channel(v1::INPUT_CHANNEL_SAFETY_WALK);
    input.set_area("Resecentrum");
    input.set_received_on("2026-09-12");
    input.set_people(14);
    input.set_summary("Otryggt vid resecentrum på kvällarna");
    Write(coordinator_, &Stub::RecordResidentInput, input);
    input.set_input_id("in-9");
    input.clear_focus_area();
    input.clear_area();
    input.set_channel(v1::INPUT_CHANNEL_SURVEY);
    input.set_people(812);
    input.set_summary("Trygghetsmätningen 2026");
    Write(coordinator_, &Stub::RecordResidentInput, input);

    Finding("f-1", "narkotika", v1::FINDING_SOURCE_CRIME_STATISTICS,
            "Narkotikabrotten har ökat, \"främst\" i centrum", {"in-1"});
    Finding("f-2", "narkotika", v1::FINDING_SOURCE_STAFF_DIALOGUE, "Fler unga i riskzon", {});
    Finding("f-3", "otrygghet", v1::FINDING_SOURCE_SAFETY_SURVEY, "Mörka gångstråk", {});
    Finding("f-gammal", "otrygghet", v1::FINDING_SOURCE_OTHER, "Gammal uppgift", {});
    v1::RetireFindingRequest retire;
    retire.set_plan_id(kPlan);
    retire.set_finding_id("f-gammal");
    retire.set_reason("Inaktuell");
    Write(coordinator_, &Stub::RetireFinding, retire);

    Cause("c-1", "narkotika", "Öppen handel vid resecentrum", "f-1");
    Cause("c-2", "narkotika", "Svag vuxennärvaro", "f-1");
    Cause("c-3", "otrygghet", "Dålig belysning", "f-3");

    v1::ProposeMeasureRequest propose;
    propose.set_plan_id(kPlan);
    propose.set_measure_id("m-1");
    propose.set_focus_area("narkotika");
    propose.set_title("Riktade kontroller vid resecentrum");
    propose.add_cause_ids("c-1");
    propose.set_kind(v1::MEASURE_KIND_SITUATIONAL);
    propose.set_effort(v1::EFFORT_ORDINARY_WORK);
    propose.set_expected_effect(v1::EXPECTED_EFFECT_SHORT_TERM);
    Write(coordinator_, &Stub::ProposeMeasure, propose);
    TryggOk(coordinator_, {"measure", "prioritise", "m-1", "--priority", "high"});
    TryggOk(coordinator_, {"measure", "assign", "m-1", "--agency", kPolice, "--due", "2099-06-30"});

    v1::AddPartnerRequest partner;
    partner.set_measure_id("m-1");
    partner.set_agency_id(kSocial);
    partner.set_commitment("Fältassistenter två kvällar i månaden");
    Write(coordinator_, &Stub::AddPartner, partner);

    v1::SetOperationalGoalRequest goal;
    goal.set_measure_id("m-1");
    goal.set_goal_id("g-1");
    goal.set_indicator("kontroller per månad");
    goal.set_unit("st");
    goal.set_baseline(10);
    goal.set_target(40);
    goal.set_by_date("2027-06-30");
    Write(coordinator_, &Stub::SetOperationalGoal, goal);

    v1::RecordFollowUpRequest follow_up;
    follow_up.set_measure_id("m-1");
    follow_up.set_period("2026-T3");
    follow_up.set_health(v1::HEALTH_GREEN);
    follow_up.set_hours(12);
    follow_up.set_cost_sek(5000);
    v1::IndicatorValue* value = follow_up.add_values();
    value->set_goal_id("g-1");
    value->set_value(45);
    Write(police_, &Stub::RecordFollowUp, follow_up);

    v1::FormWorkingGroupRequest group;
    group.set_plan_id(kPlan);
    group.set_group_id("wg-centrum");
    group.set_name("Trygg i centrum");
    group.add_agency_ids(kPolice);
    group.add_agency_ids(kSocial);
    group.add_focus_areas("narkotika");
    Write(coordinator_, &Stub::FormWorkingGroup, group);

    v1::MakeCitizenPromiseRequest promise;
    promise.set_plan_id(kPlan);
    promise.set_promise_id("p-1");
    promise.set_text("Vi ska synas mer vid resecentrum");
    promise.add_measure_ids("m-1");
    promise.add_signatories("lokalpolisområdeschef");
    promise.set_valid_from("2027-01-01");
    promise.set_valid_to("2027-12-31");
    Write(coordinator_, &Stub::MakeCitizenPromise, promise);

    v1::AdoptPlanRequest adopt;
    adopt.set_plan_id(kPlan);
    adopt.set_adopted_by("Kommunstyrelsen");
    adopt.set_decision_date("2026-12-10");
    adopt.set_reference("KS 2026/412");
    adopt.add_signatories("kommunstyrelsens ordförande");
    Write(coordinator_, &Stub::AdoptPlan, adopt);

    propose.Clear();
    propose.set_plan_id(kPlan);
    propose.set_measure_id("m-2");
    propose.set_focus_area("otrygghet");
    propose.set_title("Belysning längs gångstråken");
    Write(coordinator_, &Stub::ProposeMeasure, propose);
  }

  // Sends `request` (with a fresh command id) as `token` and expects it to succeed.
  template <class Request>
  void Write(const std::string& token,
             grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, v1::CommandReply*),
             Request request) {
    request.set_command_id("plan-reads-" + std::to_string(++writes_));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(std::chrono::system_clock::now() + kDeadline);
    v1::CommandReply reply;
    const grpc::Status status = (stub_.get()->*rpc)(&context, request, &reply);
    ASSERT_TRUE(status.ok()) << request.GetTypeName() << ": " << status.error_message();
    last_position_ = std::max(last_position_, reply.position());
  }

  void Finding(const std::string& id, const std::string& focus_area, v1::FindingSource source,
               const std::string& text, const std::vector<std::string>& inputs) {
    v1::RecordFindingRequest finding;
    finding.set_plan_id(kPlan);
    finding.set_finding_id(id);
    finding.set_focus_area(focus_area);
    finding.set_source(source);
    finding.set_period("2024–2026");
    finding.set_text(text);
    for (const std::string& input : inputs) finding.add_input_ids(input);
    Write(coordinator_, &Stub::RecordFinding, finding);
  }

  void Cause(const std::string& id, const std::string& focus_area, const std::string& text,
             const std::string& finding) {
    v1::IdentifyCauseRequest cause;
    cause.set_plan_id(kPlan);
    cause.set_cause_id(id);
    cause.set_focus_area(focus_area);
    cause.set_text(text);
    cause.add_finding_ids(finding);
    Write(coordinator_, &Stub::IdentifyCause, cause);
  }

  // trygg ARGS --min-position <the last write's> as the reader, expecting success.
  std::string Read(std::vector<std::string> args, const std::string& token = "") {
    args.push_back("--min-position");
    args.push_back(std::to_string(last_position_));
    return TryggOk(token.empty() ? reader_ : token, args);
  }

  // The first line of `text` that starts with `prefix`, or "" when none does.
  static std::string LineStarting(const std::string& text, const std::string& prefix) {
    for (const std::string& line : Lines(text)) {
      if (line.starts_with(prefix)) return line;
    }
    return "";
  }

  std::unique_ptr<Stub> stub_;
  int writes_ = 0;
  uint64_t last_position_ = 0;
};

TEST_F(CliPlanReads, PlanPictureInEveryFormat) {
  std::string out = Read({"plan", "picture", kPlan});
  EXPECT_TRUE(
      out.starts_with("Situation picture of tryggare-varnamo-2026\n\nNarkotika "
                      "(narkotika)\n"))
      << out;
  const std::string f1 = LineStarting(out, "f-1 ");
  EXPECT_TRUE(Contains(f1, "crime-statistics")) << out;
  EXPECT_TRUE(Contains(f1, "in-1")) << out;
  EXPECT_TRUE(f1.ends_with("Narkotikabrotten har ökat, \"främst\" i centrum")) << out;
  EXPECT_TRUE(Contains(out, "\n   1.  c-1  f-1")) << out;
  EXPECT_TRUE(Contains(out, "\n   2.  c-2  f-1")) << out;
  EXPECT_TRUE(Contains(out, "Residents' input about the whole plan\n")) << out;
  EXPECT_FALSE(Contains(out, "f-gammal")) << "retired: only with --include-retired";

  out = Read({"plan", "picture", kPlan, "--include-retired", "--focus-area", "otrygghet"});
  EXPECT_FALSE(Contains(out, "Narkotika")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "f-gammal "), "RETIRED (Inaktuell): Gammal uppgift"))
      << out;

  const auto picture =
      FromJson<v1::SituationPicture>(Read({"plan", "picture", kPlan, "-o", "json"}));
  ASSERT_EQ(picture.focus_areas_size(), 3);
  EXPECT_EQ(picture.focus_areas(0).findings_size(), 2);
  ASSERT_EQ(picture.focus_areas(0).causes_size(), 2);
  EXPECT_EQ(picture.focus_areas(0).causes(1).number(), 2u);
  ASSERT_EQ(picture.general_inputs_size(), 1);
  EXPECT_EQ(picture.general_inputs(0).people(), 812u);

  const auto records = ParseCsv(Read({"plan", "picture", kPlan, "-o", "csv"}));
  ASSERT_GE(records.size(), 2u);
  EXPECT_EQ(records[0][0], "focus_area");
  EXPECT_EQ(records[0].back(), "text");
  int findings = 0, causes = 0, inputs = 0;
  for (const auto& record : records) {
    findings += record[1] == "finding";
    causes += record[1] == "cause";
    inputs += record[1] == "input";
    if (record[2] == "f-1") {
      EXPECT_EQ(record.back(), "Narkotikabrotten har ökat, \"främst\" i centrum");
    }
    if (record[2] == "c-1") {
      EXPECT_EQ(record[9], "m-1");
    }
  }
  EXPECT_EQ(findings, 3);
  EXPECT_EQ(causes, 3);
  EXPECT_EQ(inputs, 2);
}

TEST_F(CliPlanReads, PlanTraceShowsEveryFlagWhereItAppliesInEveryFormat) {
  std::string out = Read({"plan", "trace", kPlan});
  EXPECT_TRUE(Contains(out, "Traceability (follow-up period 2026-T3):\n")) << out;
  EXPECT_TRUE(Contains(out, "⚑ 2 causes without a measure\n")) << out;
  EXPECT_TRUE(Contains(out, "⚑ 1 measure without a cause\n")) << out;
  EXPECT_TRUE(Contains(out, "⚑ 1 partner that never followed up\n")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "f-2 "), "⚑ no cause rests on it")) << out;
  EXPECT_TRUE(Contains(out, "c-2  f-1")) << out;
  EXPECT_TRUE(Contains(out, "⚑ no measure")) << out;
  const std::string m1 = LineStarting(out, "m-1 ");
  EXPECT_TRUE(Contains(m1, "1.")) << "the cause's number: " << out;
  EXPECT_TRUE(Contains(m1, "⚑ partner never followed up (" + std::string(kSocial) + ")")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "m-2 "), "⚑ no cause, ⚑ no goal")) << out;
  EXPECT_TRUE(Contains(out, "kontroller per månad from 10 st to 40 st by 2027-06-30")) << out;
  EXPECT_TRUE(Contains(out, "45 st (2026-T3), met")) << out;
  EXPECT_TRUE(Contains(out, "2026-T3  GREEN")) << out;

  const auto trace = FromJson<v1::Traceability>(Read({"plan", "trace", kPlan, "-o", "json"}));
  EXPECT_EQ(trace.counts().period(), "2026-T3");
  EXPECT_EQ(trace.counts().causes_without_measure(), 2u);  // c-2 and c-3
  EXPECT_EQ(trace.counts().findings_unused(), 1u);
  EXPECT_EQ(trace.next_page_token(), "");
  ASSERT_EQ(trace.focus_areas_size(), 3);
  EXPECT_EQ(trace.focus_areas(0).measures_size(), 1);

  const auto records = ParseCsv(Read({"plan", "trace", kPlan, "-o", "csv"}));
  ASSERT_GE(records.size(), 2u);
  EXPECT_EQ(records[0],
            (std::vector<std::string>{"focus_area", "cause_number", "cause_id", "finding_ids",
                                      "measure_id", "title", "status", "responsible_agency_id",
                                      "partners", "goals", "follow_ups", "flags"}));
  bool m1_under_cause_1 = false, c2_alone = false, m2_alone = false;
  for (const auto& r : records) {
    if (r[4] == "m-1" && r[1] == "1") m1_under_cause_1 = r[7] == kPolice && r[8] == kSocial;
    if (r[2] == "c-2") c2_alone = r[4].empty() && r[11] == "CAUSE_WITHOUT_MEASURE";
    if (r[4] == "m-2") m2_alone = r[2].empty() && Contains(r[11], "MEASURE_WITHOUT_CAUSE");
  }
  EXPECT_TRUE(m1_under_cause_1);
  EXPECT_TRUE(c2_alone);
  EXPECT_TRUE(m2_alone);

  // Judged for a period nobody followed up, the assigned m-1 lacks its follow-up.
  out = Read({"plan", "trace", kPlan, "--period", "2026-T2", "--focus-area", "narkotika"});
  EXPECT_TRUE(Contains(out, "Traceability (follow-up period 2026-T2):\n")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "m-1 "), "⚑ no follow-up")) << out;
  EXPECT_FALSE(Contains(out, "Otrygghet")) << out;
}

TEST_F(CliPlanReads, PlanFollowUpInEveryFormat) {
  std::string out = Read({"plan", "follow-up", kPlan, "--period", "2026-T3"});
  EXPECT_TRUE(
      out.starts_with("Follow-up of tryggare-varnamo-2026 for 2026-T3\n1 green, 0 yellow, "
                      "0 red, "))
      << out;
  EXPECT_TRUE(Contains(out, "12 h, 5000 SEK; goals: 1 met")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, std::string(kPolice) + " "), "5000")) << out;
  EXPECT_TRUE(Contains(out, "\nPer focus area\n")) << out;

  const auto summary = FromJson<v1::FollowUpSummary>(
      Read({"plan", "follow-up", kPlan, "--period", "2026-T3", "-o", "json"}));
  EXPECT_EQ(summary.period(), "2026-T3");
  EXPECT_EQ(summary.totals().green(), 1u);
  EXPECT_EQ(summary.totals().cost_sek(), 5000u);
  EXPECT_EQ(summary.totals().goals_met(), 1u);

  const auto records =
      ParseCsv(Read({"plan", "follow-up", kPlan, "--period", "2026-T3", "-o", "csv"}));
  ASSERT_GE(records.size(), 2u);
  EXPECT_EQ(records[0][0], "period");
  EXPECT_EQ(records[1][1], "plan");
  EXPECT_EQ(records[1][4], "1");  // green
  bool police = false;
  for (const auto& r : records) police = police || (r[1] == "agency" && r[2] == kPolice);
  EXPECT_TRUE(police);

  // The period is checked by the server, which names the field.
  ExpectFailure(Trygg(reader_, {"plan", "follow-up", kPlan, "--period", "2026-T4"}), 2, "period");
  ExpectFailure(Trygg(reader_, {"plan", "follow-up", kPlan}), 2, "--period");
  ExpectFailure(Trygg(reader_, {"plan", "follow-up", "ingen-plan", "--period", "2026"}), 3,
                "ingen-plan");
}

TEST_F(CliPlanReads, GroupShowInEveryFormat) {
  std::string out = Read({"group", "show", kPlan, "wg-centrum"});
  EXPECT_TRUE(
      out.starts_with("Working group Trygg i centrum (wg-centrum)\nMembers: "
                      "polisen-lpo-varnamo, varnamo-kommun-socialtjansten\nFocus areas: "
                      "narkotika\n1 measure: 1 assigned; 0 overdue\n"))
      << out;
  EXPECT_TRUE(Contains(LineStarting(out, "m-1 "), kPolice)) << out;
  EXPECT_FALSE(Contains(out, "m-2")) << "otrygghet is not the group's";

  const auto group =
      FromJson<v1::WorkingGroupStatus>(Read({"group", "show", kPlan, "wg-centrum", "-o", "json"}));
  EXPECT_EQ(group.group().name(), "Trygg i centrum");
  ASSERT_EQ(group.measures_size(), 1);
  EXPECT_EQ(group.next_page_token(), "");

  const auto records = ParseCsv(Read({"group", "show", kPlan, "wg-centrum", "-o", "csv"}));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0][0], "measure_id");
  EXPECT_EQ(records[1][0], "m-1");

  ExpectFailure(Trygg(reader_, {"group", "show", kPlan, "wg-ingen"}), 3, "wg-ingen");
}

TEST_F(CliPlanReads, MeasureShowHasCausesPartnersGoalsAndFollowUp) {
  std::string out = Read({"measure", "show", "m-1"}, coordinator_);
  EXPECT_TRUE(Contains(
      out, "\nPartners     " + std::string(kSocial) + ": Fältassistenter två kvällar i månaden\n"))
      << out;
  EXPECT_TRUE(Contains(out, "\nCauses       c-1\n")) << out;
  EXPECT_TRUE(Contains(out, "\nKind         situational, ordinary-work, short-term effect\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "\nGoals        g-1: kontroller per månad from 10 st to 40 st by "
                       "2027-06-30; latest 45 st (2026-T3), met\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "\nFollow-up    polisen-lpo-varnamo (2026-T3): GREEN, 12 h, 5000 "
                       "SEK, g-1 = 45\n"))
      << out;
  // The history says what each new event changed.
  EXPECT_TRUE(Contains(out, "partner " + std::string(kSocial) + " added: Fältassistenter")) << out;
  EXPECT_TRUE(Contains(out, "goal g-1 set: kontroller per månad")) << out;
  EXPECT_TRUE(Contains(out, "follow-up 2026-T3 by polisen-lpo-varnamo: GREEN")) << out;

  const auto measure = JsonMember<v1::Measure>(
      Read({"measure", "show", "m-1", "-o", "json"}, coordinator_), "measure");
  ASSERT_EQ(measure.partners_size(), 1);
  EXPECT_EQ(measure.partners(0).agency_id(), kSocial);
  ASSERT_EQ(measure.goals_size(), 1);
  EXPECT_TRUE(measure.goals(0).met());
  ASSERT_EQ(measure.latest_follow_ups_size(), 1);
  EXPECT_EQ(measure.latest_follow_ups(0).health(), v1::HEALTH_GREEN);

  const auto records = ParseCsv(Read({"measure", "show", "m-1", "-o", "csv"}, coordinator_));
  bool partner_event = false;
  for (const auto& r : records) partner_event = partner_event || r[6] == "trygg.v1.PartnerAdded";
  EXPECT_TRUE(partner_event);
}

TEST_F(CliPlanReads, PlanShowHasAdoptionFlagsGroupsAndPromises) {
  std::string out = Read({"plan", "show", kPlan});
  EXPECT_TRUE(Contains(out,
                       "\nAdopted: version 1 by Kommunstyrelsen on 2026-12-10 (KS 2026/412), "
                       "signed by kommunstyrelsens ordförande\n1 measure changed since the "
                       "adoption\n"))
      << out;
  EXPECT_TRUE(Contains(out, "\nTraceability (follow-up period 2026-T3):\n")) << out;
  EXPECT_TRUE(Contains(out, "  ⚑ 2 causes without a measure\n")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "wg-centrum "), "Trygg i centrum")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "p-1 "), "Vi ska synas mer vid resecentrum")) << out;

  const auto plan = FromJson<v1::PlanOverview>(Read({"plan", "show", kPlan, "-o", "json"}));
  EXPECT_EQ(plan.adopted_version(), 1u);
  EXPECT_EQ(plan.latest_adoption().reference(), "KS 2026/412");
  EXPECT_EQ(plan.changed_since_adoption(), 1u);
  EXPECT_EQ(plan.flags().causes_without_measure(), 2u);
  EXPECT_EQ(plan.working_groups_size(), 1);
  EXPECT_EQ(plan.citizen_promises_size(), 1);

  const auto records = ParseCsv(Read({"plan", "show", kPlan, "-o", "csv"}));
  ASSERT_EQ(records.size(), 4u);  // the header and three focus areas
  EXPECT_EQ(records[0][records[0].size() - 2], "adopted_version");
  EXPECT_EQ(records[1][records[1].size() - 2], "1");
  EXPECT_EQ(records[1].back(), "1");
}

TEST_F(CliPlanReads, StatusAndListShowPartnerMeasuresAsSuch) {
  std::string out = Read({"status"}, social_);
  EXPECT_TRUE(Contains(out, "\nPartner in 1 measure of other agencies\n")) << out;
  EXPECT_TRUE(Contains(out, "\nAs partner (another agency is responsible)\n")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "m-1 "), kPolice)) << out;

  const auto status = FromJson<v1::AgencyStatus>(Read({"status", "-o", "json"}, social_));
  EXPECT_EQ(status.total_measures(), 0u);
  ASSERT_EQ(status.partner_measures_size(), 1);
  EXPECT_EQ(status.partner_measures(0).measure_id(), "m-1");

  auto records = ParseCsv(Read({"status", "-o", "csv"}, social_));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].back(), "role");
  EXPECT_EQ(records[1][0], "m-1");
  EXPECT_EQ(records[1].back(), "partner");
  records = ParseCsv(Read({"status", "-o", "csv"}, police_));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].back(), "responsible");

  const auto list = FromJson<v1::ListMeasuresResponse>(
      Read({"measures", "list", "--partner", kSocial, "-o", "json"}));
  ASSERT_EQ(list.measures_size(), 1);
  EXPECT_EQ(list.measures(0).measure_id(), "m-1");
}

}  // namespace
}  // namespace trygg::testing
