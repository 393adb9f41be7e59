// Every trygg command through the real binaries, in each output format: what a table says, that
// json parses back into the contract's messages (proto field names), that csv is RFC 4180, and
// that writes carry a command id, retry idempotently and, with --wait, print the object as it now
// stands.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "testutil/status_matchers.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/status.pb.h"

using ::trygg::testing::IsOk;

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

using CliCommands = CliTest;

TEST_F(CliCommands, EveryWriteInTableOutputSaysWhatItDidWithVersionPositionAndCommandId) {
  std::string out = TryggOk(
      coordinator_, {"plan", "create", kPlan, "--name", "Tryggare Värnamo 2026", "--municipality",
                     "Värnamo kommun", "--focus-area", "narkotika=Narkotika", "--focus-area",
                     "otillaten-paverkan=Otillåten påverkan"});
  EXPECT_TRUE(
      out.starts_with("Created plan tryggare-varnamo-2026: version 1, log position 1 "
                      "(command id "))
      << out;
  out = TryggOk(coordinator_,
                {"agency", "register", kPolice, "--name", "Polisen, lokalpolisområde Värnamo"});
  EXPECT_TRUE(out.starts_with("Registered agency polisen-lpo-varnamo: version 1")) << out;
  out = TryggOk(coordinator_, {"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika",
                               "--title", "Riktade kontroller", "--id", "m-1"});
  EXPECT_TRUE(out.starts_with("Proposed measure m-1: version 1")) << out;
  out = TryggOk(coordinator_, {"measure", "prioritise", "m-1", "--priority", "high"});
  EXPECT_TRUE(out.starts_with("Prioritised measure m-1: version 2")) << out;
  out = TryggOk(coordinator_,
                {"measure", "assign", "m-1", "--agency", kPolice, "--due", "2099-10-31"});
  EXPECT_TRUE(out.starts_with("Assigned measure m-1: version 3")) << out;
  out = TryggOk(police_, {"measure", "start", "m-1"});
  EXPECT_TRUE(out.starts_with("Started measure m-1: version 4")) << out;
  out = TryggOk(police_, {"measure", "progress", "m-1", "--percent", "40", "--note", "Halvvägs"});
  EXPECT_TRUE(out.starts_with("Reported progress on measure m-1: version 5")) << out;
  out = TryggOk(police_, {"measure", "complete", "m-1", "--outcome", "Klart"});
  EXPECT_TRUE(out.starts_with("Completed measure m-1: version 6")) << out;
  // A measure proposed by an agency, with an id the server makes, then withdrawn.
  out = TryggOk(police_, {"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika",
                          "--title", "Ännu en åtgärd"});
  const std::string prefix = "Proposed measure ";
  ASSERT_TRUE(out.starts_with(prefix)) << out;
  const std::string generated = out.substr(prefix.size(), out.find(':') - prefix.size());
  EXPECT_FALSE(generated.empty());
  out = TryggOk(coordinator_, {"measure", "withdraw", generated, "--reason", "Dubblett"});
  EXPECT_TRUE(out.starts_with("Withdrew measure " + generated + ": version 2")) << out;
  EXPECT_EQ(Lines(out).size(), 1u);
}

TEST_F(CliCommands, WritesInJsonCarryTheCommandIdAndParseBackIntoCommandReply) {
  CreatePlanAndAgencies();
  CliResult result =
      Trygg(coordinator_, {"-o", "json", "measure", "propose", "--plan", kPlan, "--focus-area",
                           "otrygghet", "--title", "Belysning", "--id", "m-1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto object = FromJson<google::protobuf::Struct>(result.out);
  ASSERT_TRUE(object.fields().contains("commandId"));
  const std::string command_id = object.fields().at("commandId").string_value();
  EXPECT_EQ(command_id.size(), 32u);  // 128 random bits in hex
  const auto reply = JsonMember<v1::CommandReply>(result.out, "reply");
  EXPECT_EQ(reply.id(), "m-1");
  EXPECT_EQ(reply.version(), 1u);
  EXPECT_GT(reply.position(), 0u);
  EXPECT_FALSE(object.fields().contains("measure"));  // only with --wait

  // Another write gets another command id.
  const std::string second = TryggOk(
      coordinator_, {"measure", "prioritise", "m-1", "--priority", "medium", "--output", "json"});
  EXPECT_NE(FromJson<google::protobuf::Struct>(second).fields().at("commandId").string_value(),
            command_id);
}

TEST_F(CliCommands, RetryingWithTheSameCommandIdReturnsTheFirstReplyAndWritesNothing) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "Kontroller", "high", kPolice, "2099-01-31");
  const std::vector<std::string> args = {"-o",       "json",         "measure",
                                         "progress", "m-1",          "--percent",
                                         "30",       "--command-id", "rapport-2026-11"};
  const std::string first = TryggOk(police_, args);
  const std::string again = TryggOk(police_, args);
  EXPECT_EQ(first, again);
  EXPECT_EQ(FromJson<google::protobuf::Struct>(first).fields().at("commandId").string_value(),
            "rapport-2026-11");
  const auto reply = JsonMember<v1::CommandReply>(first, "reply");
  EXPECT_EQ(reply.version(), 4u);
  // Nothing was appended by the retry: the measure is still at version 4.
  const auto measure = JsonMember<v1::Measure>(
      TryggOk(police_, {"measure", "show", "m-1", "-o", "json"}), "measure");
  EXPECT_EQ(measure.version(), 4u);
}

TEST_F(CliCommands, WaitPrintsTheObjectAsItNowStandsInEveryFormat) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "Kontroller vid försäljningsplatser", "high", "", "");

  // json: the command id, the reply and the measure, already reflecting the write.
  std::string out = TryggOk(coordinator_, {"measure", "assign", "m-1", "--agency", kPolice, "--due",
                                           "2099-03-31", "--wait", "-o", "json"});
  const auto reply = JsonMember<v1::CommandReply>(out, "reply");
  const auto measure = JsonMember<v1::Measure>(out, "measure");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(measure.responsible_agency_id(), kPolice);
  EXPECT_EQ(measure.due_date(), "2099-03-31");
  EXPECT_EQ(measure.version(), reply.version());

  // table: the reply line, then the measure.
  out = TryggOk(police_, {"measure", "start", "m-1", "--wait"});
  EXPECT_TRUE(out.starts_with("Started measure m-1: version 4")) << out;
  EXPECT_TRUE(Contains(out, "\nStatus       IN_PROGRESS, 0% done\n")) << out;
  EXPECT_TRUE(Contains(out, "\nVersion      4 (for --expected-version)\n")) << out;

  // csv: the measure as a record.
  out = TryggOk(police_,
                {"measure", "progress", "m-1", "--percent", "70", "--wait", "--output", "csv"});
  auto records = ParseCsv(out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0][0], "measure_id");
  EXPECT_EQ(records[1][0], "m-1");
  EXPECT_EQ(records[1][4], "IN_PROGRESS");
  EXPECT_EQ(records[1][8], "70");

  // plan create and agency register read back their plan and agency.
  out = TryggOk(coordinator_, {"plan", "create", "plan-2", "--name", "Plan två", "--municipality",
                               "Gislaved", "--focus-area", "a=A", "--wait", "-o", "json"});
  EXPECT_EQ(JsonMember<v1::PlanOverview>(out, "plan").name(), "Plan två");
  out = TryggOk(coordinator_,
                {"agency", "register", "ny-agency", "--name", "Ny", "--wait", "-o", "json"});
  EXPECT_EQ(JsonMember<v1::AgencyStatus>(out, "agency").agency().name(), "Ny");
  out = TryggOk(coordinator_,
                {"agency", "register", "tredje", "--name", "Tredje, AB", "--wait", "-o", "csv"});
  records = ParseCsv(out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1], (std::vector<std::string>{"tredje", "Tredje, AB", "", "0", "0"}));
}

TEST_F(CliCommands, WriteInCsvWithoutWaitIsTheReplyRecord) {
  CreatePlanAndAgencies();
  const std::string out =
      TryggOk(coordinator_, {"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika",
                             "--title", "T", "--id", "m-9", "--command-id", "c-1", "-o", "csv"});
  const auto records = ParseCsv(out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"command_id", "id", "version", "position"}));
  EXPECT_EQ(records[1][0], "c-1");
  EXPECT_EQ(records[1][1], "m-9");
  EXPECT_EQ(records[1][2], "1");
}

TEST_F(CliCommands, StatusDefaultsToTheCallersAgencyInEveryFormat) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "Kontroller, \"riktade\"", "high", kPolice, "2020-01-31");
  ProposeAndAssign("m-2", "otrygghet", "Trygghetsvandringar", "low", kPolice, "2099-05-31");
  ProposeAndAssign("m-3", "otrygghet", "SSPF-samverkan", "high", kSocial, "2099-05-31");

  std::string out = TryggOk(police_, {"status"});
  EXPECT_TRUE(
      out.starts_with("Polisen, lokalpolisområde Värnamo (polisen-lpo-varnamo, police)\n"
                      "2 measures: 2 assigned; 1 overdue\n"))
      << out;
  EXPECT_TRUE(Contains(out, "OVERDUE")) << out;
  EXPECT_FALSE(Contains(out, "m-3")) << out;
  EXPECT_FALSE(Contains(out, "\x1b[")) << "no colour into a pipe";

  out = TryggOk(police_, {"status", "-o", "json"});
  const auto status = FromJson<v1::AgencyStatus>(out);
  EXPECT_EQ(status.agency().agency_id(), kPolice);
  ASSERT_EQ(status.measures_size(), 2);
  EXPECT_EQ(status.measures(0).measure_id(), "m-1");  // HIGH first
  EXPECT_TRUE(status.measures(0).overdue());
  EXPECT_EQ(status.overdue(), 1u);
  EXPECT_TRUE(Contains(out, "\"measureId\"")) << "the JSON mapping's lowerCamelCase names";

  out = TryggOk(police_, {"status", "-o", "csv"});
  auto records = ParseCsv(out);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1][0], "m-1");
  EXPECT_EQ(records[1][3], "Kontroller, \"riktade\"");
  EXPECT_EQ(records[1][9], "true");

  // Anyone may ask for any agency.
  out = TryggOk(reader_, {"status", "--agency", kSocial});
  EXPECT_TRUE(Contains(out, "m-3")) << out;
}

TEST_F(CliCommands, PlanShowInEveryFormat) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "A", "high", kPolice, "2020-01-31");
  ProposeAndAssign("m-2", "otrygghet", "B", "high", "", "");
  ProposeAndAssign("m-3", "otrygghet", "C", "", "", "");

  std::string out = TryggOk(reader_, {"plan", "show", kPlan});
  const auto lines = Lines(out);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[0], "Tryggare Värnamo 2026 (tryggare-varnamo-2026), Värnamo kommun");
  EXPECT_EQ(lines[1],
            "Focus areas: narkotika (Narkotika), otrygghet (Otrygghet), otillaten-paverkan "
            "(Otillåten påverkan)");
  EXPECT_EQ(lines[2], "3 measures: 1 proposed, 1 prioritised, 1 assigned");
  EXPECT_EQ(lines[3], "1 overdue; 1 prioritised, not yet assigned");

  const auto plan =
      FromJson<v1::PlanOverview>(TryggOk(reader_, {"plan", "show", kPlan, "-o", "json"}));
  EXPECT_EQ(plan.focus_areas_size(), 3);
  EXPECT_EQ(plan.prioritised_unassigned(), 1u);

  const auto records = ParseCsv(TryggOk(reader_, {"-o", "csv", "plan", "show", kPlan}));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0],
            (std::vector<std::string>{"plan_id", "focus_area", "name", "proposed", "prioritised",
                                      "assigned", "in_progress", "completed", "withdrawn",
                                      "overdue", "prioritised_unassigned", "adopted_version",
                                      "changed_since_adoption"}));
  EXPECT_EQ(records[2], (std::vector<std::string>{kPlan, "otrygghet", "Otrygghet", "1", "1", "0",
                                                  "0", "0", "0", "0", "1", "0", "0"}));
  EXPECT_EQ(records[3][2], "Otillåten påverkan");
}

TEST_F(CliCommands, MeasuresListFiltersAndLimitsInEveryFormat) {
  CreatePlanAndAgencies();
  for (int i = 0; i < 12; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "m-%02d", i);
    ProposeAndAssign(id, i % 2 == 0 ? "narkotika" : "otrygghet", std::string("Åtgärd ") + id,
                     i % 3 == 0 ? "high" : "", "", "");
  }
  auto list =
      FromJson<v1::ListMeasuresResponse>(TryggOk(reader_, {"measures", "list", "-o", "json"}));
  ASSERT_EQ(list.measures_size(), 12);
  EXPECT_EQ(list.measures(0).measure_id(), "m-00");
  EXPECT_EQ(list.measures(11).measure_id(), "m-11");
  EXPECT_EQ(list.next_page_token(), "");

  list = FromJson<v1::ListMeasuresResponse>(
      TryggOk(reader_, {"measures", "list", "--limit", "5", "-o", "json"}));
  ASSERT_EQ(list.measures_size(), 5);
  EXPECT_EQ(list.measures(4).measure_id(), "m-04");

  std::string out = TryggOk(reader_, {"measures", "list", "--limit", "3"});
  EXPECT_EQ(Lines(out).size(), 5u) << out;  // header, 3 rows, the "raise --limit" note
  EXPECT_TRUE(Contains(out, "raise --limit")) << out;

  list = FromJson<v1::ListMeasuresResponse>(TryggOk(
      reader_,
      {"measures", "list", "--focus-area", "otrygghet", "--status", "prioritised", "-o", "json"}));
  ASSERT_EQ(list.measures_size(), 2);  // m-03, m-09
  EXPECT_EQ(list.measures(0).measure_id(), "m-03");
  EXPECT_EQ(list.measures(1).measure_id(), "m-09");

  const auto records = ParseCsv(
      TryggOk(reader_, {"measures", "list", "--status", "PROPOSED", "-o", "csv", "--plan", kPlan}));
  ASSERT_EQ(records.size(), 9u);  // header + the 8 not prioritised
  EXPECT_EQ(records[0][0], "measure_id");
  EXPECT_EQ(records[1][4], "PROPOSED");

  out = TryggOk(reader_, {"measures", "list", "--agency", "ingen"});
  EXPECT_EQ(out, "No measures.\n");
}

// Over one page (the server's largest is 500): proposed by another client straight through the
// API, then listed by trygg, which must follow next_page_token to the end, or stop at --limit.
TEST_F(CliCommands, MeasuresListPagesThroughTheServerTransparently) {
  CreatePlanAndAgencies();
  constexpr int kMeasures = 523;
  auto stub = v1::ActionPlanService::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
  for (int i = 0; i < kMeasures; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "p-%04d", i);
    v1::ProposeMeasureRequest request;
    request.set_command_id(std::string("propose-") + id);
    request.set_plan_id(kPlan);
    request.set_focus_area("narkotika");
    request.set_title(std::string("Åtgärd ") + id);
    request.set_measure_id(id);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + coordinator_);
    context.set_deadline(std::chrono::system_clock::now() + kDeadline);
    v1::CommandReply reply;
    const grpc::Status status = stub->ProposeMeasure(&context, request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  auto list = FromJson<v1::ListMeasuresResponse>(
      TryggOk(reader_, {"measures", "list", "-o", "json", "--timeout", "60"}));
  ASSERT_EQ(list.measures_size(), kMeasures);
  for (int i = 0; i < kMeasures; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "p-%04d", i);
    ASSERT_EQ(list.measures(i).measure_id(), id) << "in id order, each once";
  }
  list = FromJson<v1::ListMeasuresResponse>(
      TryggOk(reader_, {"measures", "list", "-o", "json", "--limit", "510"}));
  ASSERT_EQ(list.measures_size(), 510);
  EXPECT_EQ(list.measures(509).measure_id(), "p-0509");
  const auto records = ParseCsv(TryggOk(reader_, {"measures", "list", "-o", "csv"}));
  EXPECT_EQ(records.size(), static_cast<std::size_t>(kMeasures) + 1);
}

TEST_F(CliCommands, MeasureShowGivesTheStateAndTheFullHistoryInEveryFormat) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "Kontroller", "high", kPolice, "2099-01-31");
  TryggOk(police_, {"measure", "start", "m-1"});
  TryggOk(police_, {"measure", "progress", "m-1", "--percent", "60", "--note", "Två av tre klara"});

  std::string out = TryggOk(auditor_, {"measure", "show", "m-1"});
  EXPECT_TRUE(out.starts_with("Measure      m-1\nTitle        Kontroller\n")) << out;
  EXPECT_TRUE(Contains(out, "\nStatus       IN_PROGRESS, 60% done\n")) << out;
  EXPECT_TRUE(Contains(out, "\nHistory\nVERSION  TIME")) << out;
  for (const char* change :
       {"proposed under tryggare-varnamo-2026/narkotika: \"Kontroller\"", "priority set to HIGH",
        "assigned to polisen-lpo-varnamo, due 2099-01-31", "started",
        "progress 60%: Två av tre klara"}) {
    EXPECT_TRUE(Contains(out, change)) << change << "\n" << out;
  }
  EXPECT_TRUE(Contains(out, "kommunpolis  polisen-lpo-varnamo  started")) << out;

  out = TryggOk(auditor_, {"measure", "show", "m-1", "-o", "json"});
  EXPECT_EQ(JsonMember<v1::Measure>(out, "measure").percent_complete(), 60u);
  const auto object = FromJson<google::protobuf::Struct>(out);
  const auto& history = object.fields().at("history").list_value();
  ASSERT_EQ(history.values_size(), 5);
  std::string event_json;
  ASSERT_THAT(google::protobuf::util::MessageToJsonString(history.values(2), &event_json), IsOk());
  const auto assigned = FromJson<v1::Event>(event_json);
  EXPECT_EQ(assigned.type(), "trygg.v1.MeasureAssigned");
  EXPECT_EQ(assigned.version(), 3u);
  EXPECT_EQ(assigned.principal(), "samordnare");
  v1::MeasureAssigned payload;
  ASSERT_TRUE(assigned.payload().UnpackTo(&payload));
  EXPECT_EQ(payload.agency_id(), kPolice);

  const auto records = ParseCsv(TryggOk(auditor_, {"measure", "show", "m-1", "-o", "csv"}));
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[0][0], "position");
  EXPECT_EQ(records[5][1], "measure-m-1");
  EXPECT_EQ(records[5][2], "5");
  EXPECT_EQ(records[5][6], "trygg.v1.MeasureProgressReported");
  EXPECT_EQ(records[5][7], "progress 60%: Två av tre klara");

  // A reader may not read the event log: the state, without the history.
  out = TryggOk(reader_, {"measure", "show", "m-1"});
  EXPECT_TRUE(out.starts_with("Measure      m-1\n")) << out;
  EXPECT_TRUE(Contains(out, "History not shown")) << out;
  EXPECT_FALSE(
      FromJson<google::protobuf::Struct>(TryggOk(reader_, {"measure", "show", "m-1", "-o", "json"}))
          .fields()
          .contains("history"));
}

TEST_F(CliCommands, WhoAmIInEveryFormat) {
  EXPECT_EQ(TryggOk(police_, {"whoami"}), "kommunpolis (agency, agency polisen-lpo-varnamo)\n");
  EXPECT_EQ(TryggOk(reader_, {"whoami"}), "lasare (reader, no agency)\n");
  const auto me = FromJson<v1::WhoAmIResponse>(TryggOk(coordinator_, {"whoami", "-o", "json"}));
  EXPECT_EQ(me.principal(), "samordnare");
  EXPECT_EQ(me.role(), "coordinator");
  EXPECT_EQ(me.agency_id(), "varnamo-kommun-ks");
  const auto records = ParseCsv(TryggOk(auditor_, {"whoami", "-o", "csv"}));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1], (std::vector<std::string>{"revisor", "auditor", "", "false"}));
}

TEST_F(CliCommands, MinPositionReadsReflectAWriteJustMade) {
  CreatePlanAndAgencies();
  const std::string out =
      TryggOk(coordinator_, {"-o", "json", "measure", "propose", "--plan", kPlan, "--focus-area",
                             "narkotika", "--title", "T", "--id", "m-1"});
  const auto reply = JsonMember<v1::CommandReply>(out, "reply");
  const auto measure = FromJson<v1::ListMeasuresResponse>(TryggOk(
      reader_,
      {"measures", "list", "--min-position", std::to_string(reply.position()), "-o", "json"}));
  ASSERT_EQ(measure.measures_size(), 1);
  EXPECT_EQ(measure.measures(0).measure_id(), "m-1");
}

TEST_F(CliCommands, HelpOnEveryCommandHasAnExampleAndTheTopLevelListsTheExitCodes) {
  CliResult top = RunCli({"--help"}, Env());
  EXPECT_EQ(top.exit_code, 0);
  for (const char* line :
       {"Exit codes:", "  0  ok", "  1  other error", "  2  usage", "  3  not found",
        "  4  permission or authentication", "  5  conflict", "  6  server unavailable"}) {
    EXPECT_TRUE(Contains(top.out, std::string("\n") + line)) << line << "\n" << top.out;
  }
  const std::vector<std::vector<std::string>> commands = {{"whoami"},
                                                          {"status"},
                                                          {"watch"},
                                                          {"plan"},
                                                          {"plan", "show"},
                                                          {"plan", "create"},
                                                          {"agency"},
                                                          {"agency", "register"},
                                                          {"measures"},
                                                          {"measures", "list"},
                                                          {"measure"},
                                                          {"measure", "show"},
                                                          {"measure", "propose"},
                                                          {"measure", "prioritise"},
                                                          {"measure", "assign"},
                                                          {"measure", "start"},
                                                          {"measure", "progress"},
                                                          {"measure", "complete"},
                                                          {"measure", "withdraw"}};
  for (std::vector<std::string> command : commands) {
    command.push_back("--help");
    CliResult help = RunCli(command, Env());
    EXPECT_EQ(help.exit_code, 0) << command[0];
    EXPECT_TRUE(Contains(help.out, "\nExample:\n  trygg ")) << help.out;
    EXPECT_EQ(help.err, "");
  }
}

}  // namespace
}  // namespace trygg::testing
