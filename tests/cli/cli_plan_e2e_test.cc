// The whole plan's write commands through the real binaries (SPEC12 "CLI command names"):
// residents' input, findings, causes, measure links, goals, partners, follow-up, working groups,
// citizen promises and adoption. Each command's table line names what it wrote; what the server
// then holds is read straight from StatusService, so these tests do not depend on how trygg's
// read commands show it. The revise and change commands keep what the command line leaves out.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "trygg/v1/action_plan.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

class CliPlan : public CliTest {
 protected:
  // Calls StatusService as the coordinator; fails the test unless the call succeeds.
  template <class Request, class Response>
  Response Read(grpc::Status (v1::StatusService::Stub::*rpc)(grpc::ClientContext*, const Request&,
                                                             Response*),
                const Request& request) const {
    auto stub = v1::StatusService::NewStub(
        grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + coordinator_);
    context.set_deadline(std::chrono::system_clock::now() + kDeadline);
    Response response;
    const grpc::Status status = (stub.get()->*rpc)(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::SituationPicture Picture() const {
    v1::GetSituationPictureRequest request;
    request.set_plan_id(kPlan);
    request.set_include_retired(true);
    return Read(&v1::StatusService::Stub::GetSituationPicture, request);
  }

  v1::Measure Measure(const std::string& id) const {
    v1::GetMeasureRequest request;
    request.set_measure_id(id);
    return Read(&v1::StatusService::Stub::GetMeasure, request);
  }

  v1::PlanOverview Overview() const {
    v1::GetPlanOverviewRequest request;
    request.set_plan_id(kPlan);
    return Read(&v1::StatusService::Stub::GetPlanOverview, request);
  }

  // The finding or cause `id` in Picture(); fails the test when there is none.
  static v1::Finding FindingIn(const v1::SituationPicture& picture, const std::string& id) {
    for (const auto& area : picture.focus_areas()) {
      for (const auto& finding : area.findings()) {
        if (finding.finding_id() == id) return finding;
      }
    }
    ADD_FAILURE() << "no finding " << id;
    return {};
  }
  static v1::Cause CauseIn(const v1::SituationPicture& picture, const std::string& id) {
    for (const auto& area : picture.focus_areas()) {
      for (const auto& cause : area.causes()) {
        if (cause.cause_id() == id) return cause;
      }
    }
    ADD_FAILURE() << "no cause " << id;
    return {};
  }

  // A finding f-1 (narkotika, citing in-1) and a cause c-1 resting on it.
  void RecordPicture() const {
    TryggOk(coordinator_,
            {"input", "record", kPlan, "--channel", "dialogue", "--received", "2026-09-17",
             "--summary", "Oro för langning vid skolan", "--id", "in-1"});
    TryggOk(coordinator_, {"finding", "record", kPlan, "--focus-area", "narkotika", "--source",
                           "crime-statistics", "--period", "2025-2026", "--text",
                           "Anmälda narkotikabrott +38 %", "--cites", "in-1", "--id", "f-1"});
    TryggOk(coordinator_,
            {"cause", "identify", kPlan, "--focus-area", "narkotika", "--text",
             "Öppen försäljning vid resecentrum", "--rests-on", "f-1", "--id", "c-1"});
  }
};

std::vector<std::string> Strings(const google::protobuf::RepeatedPtrField<std::string>& field) {
  return {field.begin(), field.end()};
}

TEST_F(CliPlan, SituationPictureIsRecordedRevisedAndRetired) {
  CreatePlanAndAgencies();
  std::string out = TryggOk(
      coordinator_, {"input", "record", kPlan, "--channel", "safety-walk", "--received",
                     "2026-09-17", "--focus-area", "otrygghet", "--area", "Mossleberg", "--people",
                     "24", "--summary", "Mörkt vid gångtunneln", "--id", "in-1"});
  EXPECT_TRUE(
      out.starts_with("Recorded residents' input in-1 in plan tryggare-varnamo-2026: "
                      "version 2, log position "))
      << out;
  out = TryggOk(police_, {"finding", "record", kPlan, "--focus-area", "narkotika", "--source",
                          "police-intelligence", "--period", "2025-2026", "--text",
                          "Försäljning vid resecentrum", "--cites", "in-1", "--id", "f-1"});
  EXPECT_TRUE(out.starts_with("Recorded finding f-1 in plan tryggare-varnamo-2026: version 3"))
      << out;
  // An id the server makes is in the reply's item_id.
  out = TryggOk(coordinator_,
                {"-o", "json", "finding", "record", kPlan, "--focus-area", "narkotika", "--source",
                 "safety-survey", "--period", "2026", "--text", "Otrygghet kvällstid"});
  const std::string f2 = JsonMember<v1::CommandReply>(out, "reply").item_id();
  EXPECT_TRUE(f2.starts_with("f-")) << out;

  out = TryggOk(coordinator_, {"cause", "identify", kPlan, "--focus-area", "narkotika", "--text",
                               "Öppen försäljning", "--rests-on", "f-1", "--id", "c-1"});
  EXPECT_TRUE(out.starts_with("Identified cause c-1 in plan tryggare-varnamo-2026")) << out;

  // Revise keeps what is not given: the citations, then the text.
  out = TryggOk(coordinator_, {"finding", "revise", kPlan, "f-1", "--text", "Reviderad text"});
  EXPECT_TRUE(out.starts_with("Revised finding f-1 in plan tryggare-varnamo-2026")) << out;
  TryggOk(coordinator_, {"cause", "revise", kPlan, "c-1", "--rests-on", "f-1", "--rests-on", f2});
  v1::SituationPicture picture = Picture();
  EXPECT_EQ(FindingIn(picture, "f-1").text(), "Reviderad text");
  EXPECT_EQ(Strings(FindingIn(picture, "f-1").input_ids()), std::vector<std::string>{"in-1"});
  EXPECT_EQ(FindingIn(picture, "f-1").source(), v1::FINDING_SOURCE_POLICE_INTELLIGENCE);
  EXPECT_EQ(CauseIn(picture, "c-1").text(), "Öppen försäljning");
  EXPECT_EQ(CauseIn(picture, "c-1").number(), 1u);
  EXPECT_EQ(Strings(CauseIn(picture, "c-1").finding_ids()), (std::vector<std::string>{"f-1", f2}));
  // --no-cites drops the citations and keeps the text.
  TryggOk(coordinator_, {"finding", "revise", kPlan, "f-1", "--no-cites"});
  EXPECT_TRUE(FindingIn(Picture(), "f-1").input_ids().empty());
  EXPECT_EQ(FindingIn(Picture(), "f-1").text(), "Reviderad text");

  out = TryggOk(coordinator_, {"cause", "retire", kPlan, "c-1", "--reason", "Sammanslagen"});
  EXPECT_TRUE(out.starts_with("Retired cause c-1 in plan tryggare-varnamo-2026")) << out;
  out = TryggOk(coordinator_, {"finding", "retire", kPlan, f2, "--reason", "Ersatt"});
  EXPECT_TRUE(out.starts_with("Retired finding " + f2 + " in plan")) << out;
  picture = Picture();
  EXPECT_TRUE(CauseIn(picture, "c-1").retired());
  EXPECT_EQ(CauseIn(picture, "c-1").retirement_reason(), "Sammanslagen");
  EXPECT_TRUE(FindingIn(picture, f2).retired());
}

TEST_F(CliPlan, PlanWritesTakeTheExpectedVersionOfThePlanAndCsvCarriesTheItemId) {
  CreatePlanAndAgencies();
  ExpectFailure(Trygg(coordinator_, {"input", "record", kPlan, "--channel", "survey", "--received",
                                     "2026-09-17", "--summary", "S", "--expected-version", "7"}),
                5, "version");
  const auto records = ParseCsv(TryggOk(
      coordinator_, {"-o", "csv", "input", "record", kPlan, "--channel", "survey", "--received",
                     "2026-09-17", "--summary", "S", "--expected-version", "1", "--id", "in-9"}));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0],
            (std::vector<std::string>{"command_id", "id", "version", "position", "item_id"}));
  EXPECT_EQ(records[1][1], kPlan);
  EXPECT_EQ(records[1][2], "2");
  EXPECT_EQ(records[1][4], "in-9");
}

TEST_F(CliPlan, AMeasureIsTiedToCausesGoalsPartnersAndFollowedUp) {
  CreatePlanAndAgencies();
  RecordPicture();
  TryggOk(coordinator_, {"cause", "identify", kPlan, "--focus-area", "narkotika", "--text",
                         "Svag vuxennärvaro", "--rests-on", "f-1", "--id", "c-2"});
  std::string out =
      TryggOk(police_, {"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika",
                        "--title", "Riktade kontroller", "--id", "m-1", "--cause", "c-1", "--kind",
                        "situational", "--effort", "ordinary-work", "--effect", "short-term"});
  EXPECT_TRUE(out.starts_with("Proposed measure m-1: version 1")) << out;
  out = TryggOk(coordinator_, {"measure", "link", "m-1", "c-2"});
  EXPECT_TRUE(out.starts_with("Linked cause c-2 to measure m-1: version 2")) << out;
  out = TryggOk(coordinator_, {"measure", "unlink", "m-1", "c-1", "--reason", "Fel orsak"});
  EXPECT_TRUE(out.starts_with("Unlinked cause c-1 from measure m-1: version 3")) << out;
  out = TryggOk(coordinator_,
                {"goal", "set", "m-1", "--indicator", "Anmälda brott", "--unit", "st", "--baseline",
                 "120", "--target", "90", "--by", "2027-12-31", "--id", "g-1"});
  EXPECT_TRUE(out.starts_with("Set goal g-1 of measure m-1: version 4")) << out;
  TryggOk(coordinator_, {"goal", "set", "m-1", "--indicator", "Tillfällig", "--baseline", "0",
                         "--target", "1", "--by", "2027-12-31", "--id", "g-2"});
  out = TryggOk(coordinator_, {"goal", "retire", "m-1", "g-2", "--reason", "Mäts inte"});
  EXPECT_TRUE(out.starts_with("Retired goal g-2 of measure m-1: version 6")) << out;
  TryggOk(coordinator_, {"measure", "prioritise", "m-1", "--priority", "high"});
  TryggOk(coordinator_, {"measure", "assign", "m-1", "--agency", kPolice, "--due", "2099-12-31"});
  out = TryggOk(coordinator_,
                {"partner", "add", "m-1", kSocial, "--commitment", "Fältassistenter kvällstid"});
  EXPECT_TRUE(out.starts_with("Added partner " + std::string(kSocial) + " to measure m-1")) << out;

  // The responsible agency follows up its own part; the partner its own.
  out = TryggOk(police_, {"follow-up", "record", "m-1", "--period", "2026-T3", "--health", "yellow",
                          "--hours", "120", "--cost", "45000", "--comment", "Halvvägs", "--value",
                          "g-1=104.5"});
  EXPECT_TRUE(out.starts_with("Recorded follow-up 2026-T3 of measure m-1")) << out;
  TryggOk(social_, {"follow-up", "record", "m-1", "--period", "2026-T3", "--health", "green"});
  v1::Measure measure = Measure("m-1");
  EXPECT_EQ(Strings(measure.cause_ids()), std::vector<std::string>{"c-2"});
  EXPECT_EQ(measure.kind(), v1::MEASURE_KIND_SITUATIONAL);
  EXPECT_EQ(measure.effort(), v1::EFFORT_ORDINARY_WORK);
  EXPECT_EQ(measure.expected_effect(), v1::EXPECTED_EFFECT_SHORT_TERM);
  ASSERT_EQ(measure.goals_size(), 1);
  EXPECT_EQ(measure.goals(0).goal_id(), "g-1");
  EXPECT_EQ(measure.goals(0).unit(), "st");
  EXPECT_DOUBLE_EQ(measure.goals(0).latest_value(), 104.5);
  ASSERT_EQ(measure.partners_size(), 1);
  EXPECT_EQ(measure.partners(0).commitment(), "Fältassistenter kvällstid");
  ASSERT_EQ(measure.latest_follow_ups_size(), 2);
  EXPECT_EQ(measure.latest_follow_ups(0).party(), kPolice);
  EXPECT_EQ(measure.latest_follow_ups(0).health(), v1::HEALTH_YELLOW);
  EXPECT_EQ(measure.latest_follow_ups(0).cost_sek(), 45000u);
  EXPECT_EQ(measure.latest_follow_ups(1).party(), kSocial);

  // An agency cannot record another agency's part.
  ExpectFailure(Trygg(social_, {"follow-up", "record", "m-1", "--period", "2026-T3", "--health",
                                "green", "--party", kPolice}),
                4, "");
  out = TryggOk(coordinator_, {"partner", "remove", "m-1", kSocial, "--reason", "Klart"});
  EXPECT_TRUE(out.starts_with("Removed partner " + std::string(kSocial) + " from measure m-1"))
      << out;
  EXPECT_EQ(Measure("m-1").partners_size(), 0);
  // --wait shows the measure as it now stands.
  out = TryggOk(coordinator_, {"-o", "json", "measure", "link", "m-1", "c-1", "--wait"});
  EXPECT_EQ(Strings(JsonMember<v1::Measure>(out, "measure").cause_ids()),
            (std::vector<std::string>{"c-2", "c-1"}));
}

TEST_F(CliPlan, WorkingGroupsPromisesAndAdoption) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "Riktade kontroller", "high", kPolice, "2099-12-31");
  std::string out = TryggOk(
      coordinator_, {"group", "form", kPlan, "--name", "Samverkansgrupp centrum", "--member",
                     kPolice, "--member", kSocial, "--focus-area", "narkotika", "--id", "wg-1"});
  EXPECT_TRUE(out.starts_with("Formed working group wg-1 in plan tryggare-varnamo-2026")) << out;
  // Change keeps what is not given.
  out = TryggOk(coordinator_, {"group", "change", kPlan, "wg-1", "--name", "Grupp centrum"});
  EXPECT_TRUE(out.starts_with("Changed working group wg-1 in plan")) << out;
  v1::PlanOverview overview = Overview();
  ASSERT_EQ(overview.working_groups_size(), 1);
  EXPECT_EQ(overview.working_groups(0).name(), "Grupp centrum");
  EXPECT_EQ(Strings(overview.working_groups(0).agency_ids()),
            (std::vector<std::string>{kPolice, kSocial}));
  EXPECT_EQ(Strings(overview.working_groups(0).focus_areas()),
            std::vector<std::string>{"narkotika"});
  TryggOk(coordinator_,
          {"group", "change", kPlan, "wg-1", "--member", kPolice, "--all-focus-areas"});
  overview = Overview();
  EXPECT_EQ(overview.working_groups(0).name(), "Grupp centrum");
  EXPECT_EQ(Strings(overview.working_groups(0).agency_ids()), std::vector<std::string>{kPolice});
  EXPECT_TRUE(overview.working_groups(0).focus_areas().empty());

  out = TryggOk(coordinator_, {"promise", "make", kPlan, "--text",
                               "Vi ökar tryggheten vid "
                               "resecentrum",
                               "--measure", "m-1", "--signed-by", "lokalpolisområdeschef",
                               "--signed-by", "kommunstyrelsens ordförande", "--from", "2027-01-01",
                               "--to", "2027-12-31", "--id", "p-1"});
  EXPECT_TRUE(out.starts_with("Made citizen promise p-1 in plan")) << out;
  out = TryggOk(coordinator_, {"promise", "end", kPlan, "p-1", "--reason", "Ersatt"});
  EXPECT_TRUE(out.starts_with("Ended citizen promise p-1 in plan")) << out;
  out = TryggOk(coordinator_, {"plan", "adopt", kPlan, "--by", "Kommunstyrelsen", "--date",
                               "2026-11-24", "--reference", "KS 2026/412", "--signed-by",
                               "kommunstyrelsens ordförande", "--wait", "-o", "json"});
  overview = JsonMember<v1::PlanOverview>(out, "plan");
  EXPECT_EQ(overview.adopted_version(), 1u);
  EXPECT_EQ(overview.latest_adoption().reference(), "KS 2026/412");
  ASSERT_EQ(overview.citizen_promises_size(), 1);
  EXPECT_TRUE(overview.citizen_promises(0).ended());
}

TEST_F(CliPlan, ReviseAndChangeOfSomethingThePlanLacksExit3) {
  CreatePlanAndAgencies();
  ExpectFailure(Trygg(coordinator_, {"finding", "revise", kPlan, "f-okand", "--text", "T"}), 3,
                "no finding 'f-okand' in plan tryggare-varnamo-2026");
  ExpectFailure(Trygg(coordinator_, {"cause", "revise", kPlan, "c-okand", "--text", "T"}), 3,
                "no cause 'c-okand'");
  ExpectFailure(Trygg(coordinator_, {"group", "change", kPlan, "wg-okand", "--name", "N"}), 3,
                "no working group 'wg-okand'");
  ExpectFailure(Trygg(coordinator_, {"finding", "revise", "ingen-plan", "f-1", "--text", "T"}), 3,
                "");
}

// One usage error per new command: caught by trygg before anything is sent (exit 2).
TEST_F(CliPlan, UsageErrorsOfEveryNewWriteExit2) {
  struct Case {
    std::vector<std::string> args;
    std::string part;
  };
  const std::string plan = kPlan;
  const Case cases[] = {
      {{"input", "record", plan, "--channel", "brev", "--received", "2026-01-01", "--summary", "S"},
       "'brev' is not a channel; use dialogue, survey, safety-walk, e-service or other"},
      {{"finding", "record", plan, "--focus-area", "narkotika", "--source", "rykten", "--period",
        "2026", "--text", "T"},
       "'rykten' is not a source; use crime-statistics"},
      {{"finding", "revise", plan, "f-1", "--cites", "in-1", "--no-cites"}, "--no-cites"},
      {{"finding", "retire", plan, "f-1"}, "--reason is required"},
      {{"cause", "identify", plan, "--focus-area", "narkotika", "--text", "T"},
       "--rests-on is required"},
      {{"cause", "revise", plan}, "CAUSE is required"},
      {{"cause", "retire", plan, "c-1"}, "--reason is required"},
      {{"measure", "propose", "--plan", plan, "--focus-area", "narkotika", "--title", "T",
        "--effort", "ofta"},
       "'ofta' is not an effort; use one-off or ordinary-work"},
      {{"measure", "link", "m-1"}, "CAUSE is required"},
      {{"measure", "unlink", "m-1"}, "CAUSE is required"},
      {{"goal", "set", "m-1", "--indicator", "I", "--baseline", "många", "--target", "1", "--by",
        "2027-01-01"},
       "--baseline"},
      {{"goal", "retire", "m-1"}, "GOAL is required"},
      {{"partner", "add", "m-1", "vidingehem"}, "--commitment is required"},
      {{"partner", "remove", "m-1"}, "AGENCY is required"},
      {{"follow-up", "record", "m-1", "--period", "2026-T3", "--health", "blue"},
       "'blue' is not a health colour; use green, yellow or red"},
      {{"follow-up", "record", "m-1", "--period", "2026-T3", "--health", "green", "--value", "g-1"},
       "'g-1' is not GOAL=NUMBER"},
      {{"group", "form", plan, "--name", "N"}, "--member is required"},
      {{"group", "change", plan, "wg-1", "--focus-area", "narkotika", "--all-focus-areas"},
       "--all-focus-areas"},
      {{"promise", "make", plan, "--text", "T", "--measure", "m-1", "--signed-by", "R", "--from",
        "2027-01-01"},
       "--to is required"},
      {{"promise", "end", plan, "p-1"}, "--reason is required"},
      {{"plan", "adopt", plan, "--by", "Kommunstyrelsen", "--date", "2026-11-24"},
       "--reference is required"},
      {{"measure", "import", "fil.csv"}, "--plan is required"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(Describe(c.args, {}));
    ExpectFailure(Trygg(coordinator_, c.args), 2, c.part);
  }
}

}  // namespace
}  // namespace trygg::testing
