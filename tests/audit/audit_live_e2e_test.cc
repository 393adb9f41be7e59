// trygg-audit next to a running trygg-server, all real processes: after the example plan and a
// mixed workload of further commands, the audit reads the server's store while the server has it
// open (a RocksDB secondary), verifies it there and over the API, and `compare` finds the server
// serving exactly what the log says; a backup taken while the server is writing verifies, and
// compare reports the events the server has beyond it. Also: a backup taken while an in-process
// writer appends is a byte-identical, consistent prefix.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "audit_test_util.h"
#include "example_plan_tokens.h"
#include "server_process.h"
#include "testutil/test_certs.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

#ifndef TRYGG_LOAD_EXAMPLE
#error "TRYGG_LOAD_EXAMPLE must name the trygg-load-example binary"
#endif

namespace trygg::audit_testing {
namespace {

using ::trygg::testing::AddToken;
using ::trygg::testing::LoaderArgs;
using ::trygg::testing::RunBinary;
using ::trygg::testing::RunningServer;

using Tokens = ::trygg::testing::ExampleTokens;

// Commands through ActionPlanService, as the agencies' systems would send them.
class Commands {
 public:
  Commands(const std::string& address, const Tokens& tokens)
      : stub_(v1::ActionPlanService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
        t_(tokens) {}

  // Everything a busy week brings: progress, a completion, a new measure through its first
  // steps, a re-assignment, a re-prioritisation and a withdrawal.
  void MixedWorkload() {
    v1::ReportProgressRequest progress;
    progress.set_command_id("audit-progress-1");
    progress.set_measure_id("example-1");
    progress.set_percent_complete(80);
    progress.set_note("Samverkansmöten varannan vecka");
    Run("ReportProgress", t_.social, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->ReportProgress(c, progress, r);
    });
    v1::CompleteMeasureRequest complete;
    complete.set_command_id("audit-complete-6");
    complete.set_measure_id("example-6");
    complete.set_outcome("Vandringar i alla bostadsområden, rapport till styrgruppen");
    Run("CompleteMeasure", t_.housing, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->CompleteMeasure(c, complete, r);
    });
    v1::ProposeMeasureRequest propose;
    propose.set_command_id("audit-propose-1");
    propose.set_measure_id("audit-1");
    propose.set_plan_id("tryggare-varnamo-2026");
    propose.set_focus_area("otrygghet");
    propose.set_title("Nattvandrare vid resecentrum, fredag och lördag");
    Run("ProposeMeasure", t_.police, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->ProposeMeasure(c, propose, r);
    });
    v1::PrioritiseMeasureRequest prioritise;
    prioritise.set_command_id("audit-prioritise-1");
    prioritise.set_measure_id("audit-1");
    prioritise.set_priority(v1::PRIORITY_HIGH);
    Run("PrioritiseMeasure", t_.coordinator, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->PrioritiseMeasure(c, prioritise, r);
    });
    v1::AssignMeasureRequest assign;
    assign.set_command_id("audit-assign-1");
    assign.set_measure_id("audit-1");
    assign.set_agency_id("polisen-lpo-varnamo");
    assign.set_due_date("2027-01-31");
    Run("AssignMeasure", t_.coordinator, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->AssignMeasure(c, assign, r);
    });
    v1::StartMeasureRequest start;
    start.set_command_id("audit-start-1");
    start.set_measure_id("audit-1");
    Run("StartMeasure", t_.police, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->StartMeasure(c, start, r);
    });
    v1::AssignMeasureRequest reassign;
    reassign.set_command_id("audit-reassign-2");
    reassign.set_measure_id("example-2");
    reassign.set_agency_id("varnamo-kommun-ks");
    reassign.set_due_date("2027-05-31");
    reassign.set_note("Flyttad till kommunledningen");
    Run("AssignMeasure", t_.coordinator, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->AssignMeasure(c, reassign, r);
    });
    v1::PrioritiseMeasureRequest reprioritise;
    reprioritise.set_command_id("audit-reprioritise-8");
    reprioritise.set_measure_id("example-8");
    reprioritise.set_priority(v1::PRIORITY_LOW);
    Run("PrioritiseMeasure", t_.coordinator, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->PrioritiseMeasure(c, reprioritise, r);
    });
    v1::WithdrawMeasureRequest withdraw;
    withdraw.set_command_id("audit-withdraw-10");
    withdraw.set_measure_id("example-10");
    withdraw.set_reason("Ersätts av audit-1");
    Run("WithdrawMeasure", t_.coordinator, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->WithdrawMeasure(c, withdraw, r);
    });
  }

  // Records social services' follow-up of the SSPF measure for 2027-T1; returns its position.
  uint64_t FollowUpSspf() {
    v1::RecordFollowUpRequest follow_up;
    follow_up.set_command_id("audit-follow-up-1");
    follow_up.set_measure_id("example-1");
    follow_up.set_period("2027-T1");
    follow_up.set_health(v1::HEALTH_GREEN);
    return Run("RecordFollowUp", t_.social, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->RecordFollowUp(c, follow_up, r);
    });
  }

  // Completes a measure as its responsible agency; returns the event's position.
  uint64_t Complete(const std::string& measure, const std::string& agency_token) {
    v1::CompleteMeasureRequest complete;
    complete.set_command_id("audit-complete-" + measure);
    complete.set_measure_id(measure);
    complete.set_outcome("Klar");
    return Run("CompleteMeasure", agency_token, [&](grpc::ClientContext* c, v1::CommandReply* r) {
      return stub_->CompleteMeasure(c, complete, r);
    });
  }

 private:
  template <typename Call>
  uint64_t Run(const std::string& what, const std::string& token, Call call) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(std::chrono::system_clock::now() + ::trygg::testing::kDeadline);
    v1::CommandReply reply;
    grpc::Status status = call(&context, &reply);
    EXPECT_TRUE(status.ok()) << what << ": " << status.error_message();
    return reply.position();
  }

  std::unique_ptr<v1::ActionPlanService::Stub> stub_;
  const Tokens& t_;
};

class AuditLiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tokens_ = ::trygg::testing::MakeExampleTokens(dir_);
    server_ = std::make_unique<RunningServer>(
        dir_, std::vector<std::string>{"--tokens", dir_.Sub("tokens").string()});
    ASSERT_FALSE(server_->address().empty());
    env_ = {{"TRYGG_TOKEN", tokens_.auditor}};
  }

  void TearDown() override {
    if (server_) {
      EXPECT_EQ(server_->Terminate(), 0);
    }
  }

  AuditRun Audit(std::vector<std::string> args) { return RunAudit(dir_, std::move(args), env_); }
  std::string data() const { return dir_.Sub("data").string(); }

  TempDir dir_;
  Tokens tokens_;
  std::unique_ptr<RunningServer> server_;
  std::map<std::string, std::string> env_;
};

TEST_F(AuditLiveTest, AgreesWithTheLiveServerAfterAMixedWorkload) {
  ASSERT_EQ(RunBinary(TRYGG_LOAD_EXAMPLE, LoaderArgs(server_->address(), tokens_)).exit_status, 0);
  Commands(server_->address(), tokens_).MixedWorkload();

  // The store, read while the server has it open.
  AuditRun on_disk = Audit({"verify", "--data", data(), "--output", "json"});
  ASSERT_EQ(on_disk.exit_code, 0) << Printed(on_disk);
  google::protobuf::Struct disk = ParseJson(on_disk.out);
  EXPECT_NE(StringMember(disk, "source").find("secondary instance"), std::string::npos)
      << Printed(on_disk);
  // The same log through EventLogService.
  AuditRun over_api = Audit({"verify", "--server", server_->address(), "--output", "json"});
  ASSERT_EQ(over_api.exit_code, 0) << Printed(over_api);
  google::protobuf::Struct api = ParseJson(over_api.out);
  EXPECT_EQ(StringMember(api, "head_hash"), StringMember(disk, "head_hash"));
  EXPECT_EQ(NumberMember(api, "events"), NumberMember(disk, "events"));
  EXPECT_GT(NumberMember(api, "events"), 60);

  // As-of-now replay equals what the server serves, replayed from its store or from its API.
  AuditRun from_store = Audit({"compare", "--data", data(), "--server", server_->address()});
  EXPECT_EQ(from_store.exit_code, 0) << Printed(from_store);
  EXPECT_NE(from_store.out.find("EQUAL"), std::string::npos) << Printed(from_store);
  AuditRun from_api = Audit({"compare", "--server", server_->address(), "--output", "json"});
  ASSERT_EQ(from_api.exit_code, 0) << Printed(from_api);
  google::protobuf::Struct compared = ParseJson(from_api.out);
  EXPECT_TRUE(compared.fields().at("equal").bool_value());
  EXPECT_EQ(NumberMember(compared, "measures"), 16);  // the example's 15 and audit-1
  EXPECT_EQ(NumberMember(compared, "agencies"), 8);
  EXPECT_EQ(NumberMember(compared, "plans"), 1);
  // The whole plan's queries too: its situation picture, traceability, the follow-up summaries of
  // both periods the example followed up, and both working groups.
  EXPECT_EQ(NumberMember(compared, "situation_pictures"), 1);
  EXPECT_EQ(NumberMember(compared, "traceabilities"), 1);
  EXPECT_EQ(NumberMember(compared, "follow_up_summaries"), 2);
  EXPECT_EQ(NumberMember(compared, "working_groups"), 2);

  // replay prints them for the plan.
  AuditRun replayed = Audit({"replay", "--data", data(), "--plan", "tryggare-varnamo-2026"});
  ASSERT_EQ(replayed.exit_code, 0) << Printed(replayed);
  for (const std::string part :
       {"adopted: version 1 by Kommunstyrelsen on 2026-11-04 (KS 2026/412)", "  traceability",
        "working groups: styrgrupp-trygghet (4 agencies), "
        "arbetsgrupp-centrum (3 agencies)",
        "situation picture narkotika: 3 findings, 3 causes",
        "follow-up 2026-T3: 3 green, 1 yellow, 1 red", "follow-up 2027-T1: "}) {
    EXPECT_NE(replayed.out.find(part), std::string::npos) << part << "\n" << Printed(replayed);
  }
  AuditRun replayed_json =
      Audit({"replay", "--data", data(), "--plan", "tryggare-varnamo-2026", "--output", "json"});
  ASSERT_EQ(replayed_json.exit_code, 0) << Printed(replayed_json);
  const google::protobuf::Struct plan_json = ParseJson(replayed_json.out);
  const auto& summaries = plan_json.fields().at("follow_up_summaries").list_value();
  ASSERT_EQ(summaries.values_size(), 2);
  EXPECT_EQ(summaries.values(0).struct_value().fields().at("period").string_value(), "2026-T3");
  EXPECT_EQ(summaries.values(1).struct_value().fields().at("period").string_value(), "2027-T1");
  EXPECT_EQ(MemberAs<v1::SituationPicture>(plan_json, "situation_picture").focus_areas_size(), 3);
  EXPECT_EQ(MemberAs<v1::Traceability>(plan_json, "traceability").focus_areas_size(), 3);

  // The store and the API tell the same history and export the same bytes.
  AuditRun history_disk =
      Audit({"history", "--data", data(), "--measure", "audit-1", "--output", "json"});
  AuditRun history_api = Audit(
      {"history", "--server", server_->address(), "--measure", "audit-1", "--output", "json"});
  ASSERT_EQ(history_disk.exit_code, 0) << Printed(history_disk);
  ASSERT_EQ(history_api.exit_code, 0) << Printed(history_api);
  const google::protobuf::Struct history = ParseJson(history_api.out);
  EXPECT_EQ(history.fields().at("events").list_value().values_size(),
            4);  // proposed, prioritised, assigned, started
  EXPECT_EQ(ParseJson(history_disk.out).fields().at("events").DebugString(),
            ParseJson(history_api.out).fields().at("events").DebugString());
  AuditRun export_disk = Audit({"export", "--data", data(), "--format", "jsonl"});
  AuditRun export_api = Audit({"export", "--server", server_->address(), "--format", "jsonl"});
  ASSERT_EQ(export_disk.exit_code, 0) << Printed(export_disk);
  ASSERT_EQ(export_api.exit_code, 0) << Printed(export_api);
  EXPECT_EQ(export_disk.out, export_api.out);

  // Without an auditor's token the server refuses, and the audit says so.
  AuditRun anonymous = RunAudit(dir_, {"verify", "--server", server_->address()});
  EXPECT_EQ(anonymous.exit_code, 1) << Printed(anonymous);
  EXPECT_NE(anonymous.err.find("UNAUTHENTICATED"), std::string::npos) << Printed(anonymous);
}

// "Works on a checkpoint taken while the server was writing": a backup taken while commands are
// being written through the server verifies and is a prefix of the server's log; once the server
// has events the backup does not, compare says so (exit 3), naming the log and the measure that
// differ.
TEST_F(AuditLiveTest, BackupTakenWhileTheServerWritesVerifiesAndCompareFindsWhatIsNewer) {
  ASSERT_EQ(RunBinary(TRYGG_LOAD_EXAMPLE, LoaderArgs(server_->address(), tokens_)).exit_status, 0);
  Commands commands(server_->address(), tokens_);
  const fs::path copy = dir_.Sub("backup");
  AuditRun backup;
  {
    std::thread writing([&] { commands.MixedWorkload(); });
    backup = Audit({"backup", "--data", data(), "--out", copy.string(), "--output", "json"});
    writing.join();
  }
  ASSERT_EQ(backup.exit_code, 0) << Printed(backup);
  google::protobuf::Struct report = ParseJson(backup.out);
  EXPECT_TRUE(report.fields().at("ok").bool_value());
  EXPECT_NE(StringMember(report, "source").find("secondary instance"), std::string::npos);

  // The copy is a store of its own: it verifies, read-only, and is a prefix of the server's log.
  AuditRun verified = Audit({"verify", "--data", copy.string(), "--output", "json"});
  ASSERT_EQ(verified.exit_code, 0) << Printed(verified);
  const google::protobuf::Struct copied = ParseJson(verified.out);
  EXPECT_NE(StringMember(copied, "source").find("(read-only)"), std::string::npos);
  const uint64_t copied_head = static_cast<uint64_t>(NumberMember(copied, "head_position"));
  EXPECT_GT(copied_head, 15u) << "the example plan was loaded before the backup";
  AuditRun prefix = Audit({"verify", "--server", server_->address(), "--expect-head",
                           StringMember(copied, "head_hash") + "@" + std::to_string(copied_head)});
  EXPECT_EQ(prefix.exit_code, 0) << Printed(prefix);

  // Now the server certainly has more than the copy.
  commands.Complete("example-11", tokens_.municipality);
  const uint64_t newest = commands.FollowUpSspf();
  AuditRun differs = Audit(
      {"compare", "--data", copy.string(), "--server", server_->address(), "--output", "json"});
  EXPECT_EQ(differs.exit_code, 3) << Printed(differs);
  google::protobuf::Struct diff = ParseJson(differs.out);
  EXPECT_FALSE(diff.fields().at("equal").bool_value());
  EXPECT_EQ(NumberMember(diff, "server_position"), static_cast<double>(newest));
  EXPECT_EQ(NumberMember(diff, "replay_position"), static_cast<double>(copied_head));
  std::set<std::string> what;
  for (const auto& d : diff.fields().at("differences").list_value().values()) {
    what.insert(d.struct_value().fields().at("what").string_value());
  }
  EXPECT_TRUE(what.count("log")) << Printed(differs);
  EXPECT_TRUE(what.count("measure example-11")) << Printed(differs);
  EXPECT_TRUE(what.count("agency varnamo-kommun-ks")) << Printed(differs);
  EXPECT_TRUE(what.count("plan tryggare-varnamo-2026")) << Printed(differs);
  EXPECT_TRUE(what.count("traceability tryggare-varnamo-2026")) << Printed(differs);
  EXPECT_TRUE(what.count("follow-up tryggare-varnamo-2026 2027-T1")) << Printed(differs);
  EXPECT_TRUE(what.count("working group tryggare-varnamo-2026/styrgrupp-trygghet"))
      << Printed(differs);
  EXPECT_FALSE(what.count("situation picture tryggare-varnamo-2026")) << Printed(differs);

  AuditRun table = Audit({"compare", "--data", copy.string(), "--server", server_->address()});
  EXPECT_EQ(table.exit_code, 3) << Printed(table);
  EXPECT_NE(table.out.find("measure example-11: modified: status: MEASURE_STATUS_IN_PROGRESS -> "
                           "MEASURE_STATUS_COMPLETED"),
            std::string::npos)
      << Printed(table);
  EXPECT_NE(table.out.find("log: the server's log has "), std::string::npos) << Printed(table);

  // And the server's own log replays to what it serves.
  AuditRun itself = Audit({"compare", "--server", server_->address()});
  EXPECT_EQ(itself.exit_code, 0) << Printed(itself);
}

// Over (mutual) TLS, as off the loopback: the audit trusts the server's CA and shows its own
// certificate; without them the server cannot be reached.
TEST(AuditTlsTest, VerifiesOverMutualTls) {
  TempDir dir;
  const ::trygg::testing::TestCerts certs = ::trygg::testing::MakeTestCerts(dir.path());
  const std::string auditor = AddToken(dir, "revisor", "auditor");
  RunningServer server(
      dir, {"--tokens", dir.Sub("tokens").string(), "--tls-cert", certs.server_cert.string(),
            "--tls-key", certs.server_key.string(), "--tls-client-ca", certs.ca_cert.string()});
  ASSERT_FALSE(server.address().empty());
  const std::map<std::string, std::string> env = {{"TRYGG_TOKEN", auditor}};
  const std::vector<std::string> tls = {"--ca",   certs.ca_cert.string(),
                                        "--cert", certs.client_cert.string(),
                                        "--key",  certs.client_key.string()};
  std::vector<std::string> args = {"verify", "--server", server.address(), "--output", "json"};
  args.insert(args.end(), tls.begin(), tls.end());
  AuditRun ok = RunAudit(dir, args, env);
  EXPECT_EQ(ok.exit_code, 0) << Printed(ok);
  EXPECT_EQ(NumberMember(ParseJson(ok.out), "events"), 0);

  AuditRun no_client_cert =
      RunAudit(dir, {"verify", "--server", server.address(), "--ca", certs.ca_cert.string()}, env);
  EXPECT_EQ(no_client_cert.exit_code, 1) << Printed(no_client_cert);
  AuditRun plaintext = RunAudit(dir, {"verify", "--server", server.address()}, env);
  EXPECT_EQ(plaintext.exit_code, 1) << Printed(plaintext);
  AuditRun key_alone = RunAudit(dir,
                                {"verify", "--server", server.address(), "--ca",
                                 certs.ca_cert.string(), "--key", certs.client_key.string()},
                                env);
  EXPECT_EQ(key_alone.exit_code, 2) << Printed(key_alone);
  EXPECT_NE(key_alone.err.find("give both --cert and --key"), std::string::npos)
      << Printed(key_alone);
  // --cert and --key without --ca mean TLS as they do for trygg, trusting the system's CA
  // certificates, which did not sign this server's.
  AuditRun system_roots = RunAudit(dir,
                                   {"verify", "--server", server.address(), "--cert",
                                    certs.client_cert.string(), "--key", certs.client_key.string()},
                                   env);
  EXPECT_EQ(system_roots.exit_code, 1) << Printed(system_roots);

  // The same settings from trygg's config file: the server, the CA and the client certificate.
  const fs::path config_home = dir.Sub("config");
  fs::create_directories(config_home / "trygg");
  std::ofstream(config_home / "trygg" / "config")
      << "server = " << server.address() << "\nca = " << certs.ca_cert.string()
      << "\ncert = " << certs.client_cert.string() << "\nkey = " << certs.client_key.string()
      << "\n";
  std::map<std::string, std::string> config_env = env;
  config_env["XDG_CONFIG_HOME"] = config_home.string();
  AuditRun from_config = RunAudit(dir, {"verify", "--output", "json"}, config_env);
  EXPECT_EQ(from_config.exit_code, 0) << Printed(from_config);
  // A server from the config file does not compete with --data: the store is read.
  AuditRun store = RunAudit(dir, {"verify", "--data", dir.Sub("no-store").string()}, config_env);
  EXPECT_NE(store.err.find("no-store"), std::string::npos) << Printed(store);
  EXPECT_EQ(server.Terminate(), 0);
}

// A backup of a store another process is appending to (this test process, through the eventstore
// API, the whole time the backup runs): a consistent, verified, byte-identical prefix.
TEST(AuditBackupTest, BackupWhileAWriterAppendsIsAByteIdenticalPrefix) {
  TempDir dir;
  const fs::path live = dir.Sub("live");
  HistoryWriter w(live);
  w.At(Utc(2026, 3, 2, 9));
  w.Plan("tryggare-varnamo-2026", "Tryggare Värnamo 2026", {"narkotika"});
  w.Agency("polisen-lpo-varnamo", "Polisen");
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> written{0};
  std::mutex mu;
  std::condition_variable progressed;
  std::thread writer([&] {
    for (uint64_t i = 0; !stop.load(); ++i) {
      const std::string m = "m-" + std::to_string(i);
      es::AppendRequest request;
      request.stream_id = domain::MeasureStream(m);
      v1::MeasureProposed proposed;
      proposed.set_measure_id(m);
      proposed.set_plan_id("tryggare-varnamo-2026");
      proposed.set_focus_area("narkotika");
      proposed.set_title("Åtgärd " + std::to_string(i));
      domain::EncodedEvent encoded = domain::Encode(proposed);
      request.events.push_back(es::EventData{encoded.type, encoded.payload, {"anna", "", m, {}}});
      auto result = w.store().Append(std::move(request));
      if (!result.ok()) {
        ADD_FAILURE() << result.status().ToString();
        stop.store(true);
      } else {
        written.store(result->last_position.value());
      }
      std::lock_guard lock(mu);
      progressed.notify_all();
    }
  });
  {
    // The writer is under way before the audit starts.
    std::unique_lock lock(mu);
    // (EXPECT, not ASSERT: the writer thread must be stopped and joined below either way.)
    EXPECT_TRUE(progressed.wait_for(lock, std::chrono::seconds(30),
                                    [&] { return written.load() >= 100 || stop.load(); }));
  }
  AuditRun live_verify = RunAudit(dir, {"verify", "--data", live.string()});
  AuditRun backup = RunAudit(dir, {"backup", "--data", live.string(), "--out",
                                   dir.Sub("copy").string(), "--output", "json"});
  const uint64_t at_backup_end = written.load();
  stop.store(true);
  writer.join();
  const uint64_t final_head = w.store().Head().position.value();
  w.Close();

  EXPECT_EQ(live_verify.exit_code, 0) << Printed(live_verify);
  ASSERT_EQ(backup.exit_code, 0) << Printed(backup);
  const google::protobuf::Struct report = ParseJson(backup.out);
  const uint64_t head = static_cast<uint64_t>(NumberMember(report, "head_position"));
  EXPECT_GE(head, 100u);
  EXPECT_LE(head, at_backup_end);
  EXPECT_GT(final_head, head) << "the writer went on after the backup";

  const std::vector<es::RecordedEvent> copied = ReadLog(dir.Sub("copy"));
  const std::vector<es::RecordedEvent> original = ReadLog(live);
  ASSERT_EQ(copied.size(), head);
  ASSERT_GT(original.size(), copied.size());
  EXPECT_TRUE(std::equal(copied.begin(), copied.end(), original.begin()));
  EXPECT_EQ(StringMember(report, "head_hash"), es::ToHex(copied.back().hash));
  AuditRun again =
      RunAudit(dir, {"backup", "--data", live.string(), "--out", dir.Sub("copy").string()});
  EXPECT_EQ(again.exit_code, 1) << "a backup must not overwrite: " << Printed(again);
}

}  // namespace
}  // namespace trygg::audit_testing
