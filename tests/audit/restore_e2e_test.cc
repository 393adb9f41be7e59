// The operations guide's backup and restore, run as the guide writes them: the shell blocks of
// docs/operations.md marked `<!-- restore_e2e_test: backup -->` and `<!-- restore_e2e_test:
// restore -->` are read from the guide itself, so a change to the guide's commands is tested by
// the next run. The real trygg-server serves the example plan; the backup block runs while it
// serves; a command acknowledged after the backup must be gone after the restore; the restore block
// runs between the server's stop and its start (its `systemctl stop` and `systemctl start` lines);
// then the server on the restored store serves exactly the head and the plan it served before the
// backup, the restored store verifies, and trygg-audit compare finds its projections equal to a
// replay.
//
// The guide's paths are rewritten to the test's directory (/var/lib/trygg: the store,
// /var/backups/trygg: the backups) and its owner trygg:trygg to the test's own user; everything
// else runs as written, through /bin/sh -e, with trygg-audit first on PATH.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <unistd.h>

#include <fstream>

#include "audit_test_util.h"
#include "example_plan_tokens.h"
#include "server_process.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

#ifndef TRYGG_LOAD_EXAMPLE
#error "TRYGG_LOAD_EXAMPLE must name the trygg-load-example binary"
#endif
#ifndef TRYGG_OPERATIONS_GUIDE
#error "TRYGG_OPERATIONS_GUIDE must name docs/operations.md"
#endif

namespace trygg::audit_testing {
namespace {

using ::trygg::testing::ExampleTokens;
using ::trygg::testing::LoaderArgs;
using ::trygg::testing::RunBinary;
using ::trygg::testing::RunningServer;

constexpr char kPlan[] = "tryggare-varnamo-2026";
constexpr char kStopLine[] = "systemctl stop trygg-server";
constexpr char kStartLine[] = "systemctl start trygg-server";

// The lines of the ```sh block that follows the line `<!-- restore_e2e_test: NAME -->` in the
// guide; empty (and a test failure) when there is none.
std::vector<std::string> GuideBlock(const std::string& name) {
  std::ifstream guide(TRYGG_OPERATIONS_GUIDE);
  const std::string marker = "<!-- restore_e2e_test: " + name + " -->";
  std::string line;
  while (std::getline(guide, line) && line != marker) {
  }
  std::vector<std::string> block;
  if (!std::getline(guide, line) || line != "```sh") {
    ADD_FAILURE() << TRYGG_OPERATIONS_GUIDE << " has no ```sh block after " << marker;
    return block;
  }
  while (std::getline(guide, line) && line != "```") block.push_back(line);
  return block;
}

// `lines` with the guide's paths and owner made the test's.
std::string ForTest(const std::vector<std::string>& lines, const TempDir& dir) {
  const std::vector<std::pair<std::string, std::string>> rewrites = {
      {"/var/lib/trygg", dir.Sub("data").string()},
      {"/var/backups/trygg", dir.Sub("backups").string()},
      {"trygg:trygg", std::to_string(getuid()) + ":" + std::to_string(getgid())}};
  std::string script;
  for (std::string line : lines) {
    for (const auto& [from, to] : rewrites) {
      for (std::size_t at = line.find(from); at != std::string::npos;
           at = line.find(from, at + to.size())) {
        line.replace(at, from.size(), to);
      }
    }
    script += line + "\n";
  }
  return script;
}

// Runs the guide's `lines` (rewritten ForTest) with /bin/sh -e; true when they all succeeded. (A
// command that fails before `&&` does not stop sh -e: the guide writes one command a line.)
bool RunGuideLines(const std::vector<std::string>& lines, const TempDir& dir) {
  const std::string path = fs::path(TRYGG_AUDIT).parent_path().string() + ":/usr/bin:/bin";
  const std::string script = "PATH=" + path + "\n" + ForTest(lines, dir);
  const int exit_status = RunBinary("/bin/sh", {"-ec", script}).exit_status;
  EXPECT_EQ(exit_status, 0) << "the guide's commands failed:\n" << script;
  return exit_status == 0;
}

// Neither blank nor a comment.
bool IsCommand(const std::string& line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first != std::string::npos && line[first] != '#';
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + ::trygg::testing::kDeadline);
  return context;
}

// What a server serves of the example plan, each reply serialized (deterministically), so that
// two servers' can be compared byte for byte.
struct Served {
  uint64_t head_position = 0;
  std::string head, overview, measures, traceability;

  bool operator==(const Served&) const = default;
};

std::string Bytes(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  EXPECT_TRUE(message.SerializeToCodedStream(&coded));
  coded.Trim();
  return bytes;
}

Served ReadServed(const std::string& address, const ExampleTokens& t) {
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  Served served;
  v1::Head head;
  grpc::Status s = v1::EventLogService::NewStub(channel)->GetHead(Context(t.auditor).get(),
                                                                   v1::GetHeadRequest(), &head);
  EXPECT_TRUE(s.ok()) << s.error_message();
  served.head_position = head.position();
  served.head = Bytes(head);

  auto status = v1::StatusService::NewStub(channel);
  v1::GetPlanOverviewRequest overview_request;
  overview_request.set_plan_id(kPlan);
  overview_request.set_min_position(head.position());
  v1::PlanOverview overview;
  s = status->GetPlanOverview(Context(t.reader).get(), overview_request, &overview);
  EXPECT_TRUE(s.ok()) << s.error_message();
  served.overview = Bytes(overview);

  v1::ListMeasuresRequest measures_request;
  measures_request.set_plan_id(kPlan);
  measures_request.set_page_size(500);
  measures_request.set_min_position(head.position());
  v1::ListMeasuresResponse measures;
  s = status->ListMeasures(Context(t.reader).get(), measures_request, &measures);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(measures.next_page_token().empty());
  served.measures = Bytes(measures);

  v1::GetTraceabilityRequest traceability_request;
  traceability_request.set_plan_id(kPlan);
  traceability_request.set_min_position(head.position());
  v1::Traceability traceability;
  s = status->GetTraceability(Context(t.reader).get(), traceability_request, &traceability);
  EXPECT_TRUE(s.ok()) << s.error_message();
  served.traceability = Bytes(traceability);
  return served;
}

// Social services complete the SSPF measure: a change to the plan's overview, its measures and
// its traceability. Returns the command's position.
uint64_t CompleteSspf(const std::string& address, const ExampleTokens& t) {
  auto stub = v1::ActionPlanService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  v1::CompleteMeasureRequest complete;
  complete.set_command_id("restore-complete-1");
  complete.set_measure_id("example-1");
  complete.set_outcome("Klar efter säkerhetskopian");
  v1::CommandReply reply;
  grpc::Status s = stub->CompleteMeasure(Context(t.social).get(), complete, &reply);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return reply.position();
}

TEST(RestoreE2E, TheGuidesBackupAndRestoreBringBackWhatWasAcknowledgedBeforeTheBackup) {
  const std::vector<std::string> backup_block = GuideBlock("backup");
  std::vector<std::string> restore_block = GuideBlock("restore");
  std::erase_if(restore_block, [](const std::string& line) { return !IsCommand(line); });
  ASSERT_GE(restore_block.size(), 3u);
  ASSERT_EQ(restore_block.front(), kStopLine) << "the guide's restore starts by stopping trygg";
  ASSERT_EQ(restore_block.back(), kStartLine) << "the guide's restore ends by starting trygg";
  const std::vector<std::string> restore_commands(restore_block.begin() + 1,
                                                  restore_block.end() - 1);

  TempDir dir;
  const ExampleTokens t = ::trygg::testing::MakeExampleTokens(dir);
  const std::vector<std::string> server_args = {"--tokens", dir.Sub("tokens").string()};
  auto server = std::make_unique<RunningServer>(dir, server_args);
  ASSERT_FALSE(server->address().empty());
  ASSERT_EQ(RunBinary(TRYGG_LOAD_EXAMPLE, LoaderArgs(server->address(), t)).exit_status, 0);
  const Served before = ReadServed(server->address(), t);
  ASSERT_GT(before.head_position, 90u) << "the example plan is loaded";

  // The backup, while the server serves; then a command the restore must take back.
  ASSERT_TRUE(RunGuideLines(backup_block, dir));
  EXPECT_GT(CompleteSspf(server->address(), t), before.head_position);
  ASSERT_NE(ReadServed(server->address(), t), before);

  // `systemctl stop trygg-server`, the guide's commands, `systemctl start trygg-server`.
  ASSERT_EQ(server->Terminate(), 0);
  ASSERT_TRUE(RunGuideLines(restore_commands, dir));
  server = std::make_unique<RunningServer>(dir, server_args);
  ASSERT_FALSE(server->address().empty()) << "trygg-server does not start on the restored store";

  const Served after = ReadServed(server->address(), t);
  EXPECT_EQ(after.head_position, before.head_position);
  EXPECT_TRUE(after == before) << "the restored server serves another head or plan";

  AuditRun verified = RunAudit(dir, {"--data", dir.Sub("data").string(), "verify"});
  EXPECT_EQ(verified.exit_code, 0) << Printed(verified);
  AuditRun compared = RunAudit(dir, {"compare", "--server", server->address()},
                               {{"TRYGG_TOKEN", t.auditor}});
  EXPECT_EQ(compared.exit_code, 0) << Printed(compared);
  EXPECT_EQ(server->Terminate(), 0);
}

}  // namespace
}  // namespace trygg::audit_testing
