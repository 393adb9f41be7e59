// trygg-server's HTTP side port through the real binary: /metrics scraped while writes run (each
// scrape checked by promtool) with values that move as the load says (events appended, head
// position, group commits, subscribers, connections, projection lag); /healthz and /readyz,
// including 503 "starting" during a long start; --http none serves no port; a port in use stops
// the start (exit 1) naming --http, before the store is touched.
#include <grpc/grpc.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>
#include <grpcpp/impl/codegen/client_unary_call.h>
#include <grpcpp/impl/codegen/rpc_method.h>
#include <grpcpp/support/sync_stream.h>
#include <grpcpp/security/credentials.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http_client.h"
#include "plan_writes.h"
#include "promtool.h"
#include "server_process.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"

#ifndef TRYGG_ALERT_RULES
#error "TRYGG_ALERT_RULES must name deploy/prometheus/trygg-alerts.yml"
#endif

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

// The commands written before ReadyzSays503WhileTheServerStarts restarts on the store: enough
// that verifying it and rebuilding the projections take far longer than one /readyz.
constexpr int kStartStoreWrites = 2000;
// At most this many scrapes under load go through promtool (each takes tens of milliseconds).
constexpr int kPromtoolScrapes = 3;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// GET /metrics: the body, after checking the answer's status and content type.
std::string Scrape(const std::string& http) {
  const HttpReply reply = HttpRequest(http, "/metrics");
  EXPECT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(reply.content_type, "text/plain; version=0.0.4; charset=utf-8");
  return reply.body;
}

// The value of `series` (a metric name with its labels, as exposed) in `text`; NaN when absent.
double Value(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
  }
  return std::nan("");
}

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

// Proposes `count` measures from each of `threads` threads at once; each acknowledged command is
// one event. Returns how many were acknowledged and the highest position a reply named.
struct Acknowledged {
  uint64_t events = 0;
  uint64_t last_position = 0;
};
Acknowledged ProposeMeasures(v1::ActionPlanService::Stub& stub, const std::string& coordinator,
                             int threads, int count, const std::string& prefix,
                             std::atomic<bool>* done = nullptr) {
  std::atomic<uint64_t> events{0};
  std::atomic<uint64_t> last{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < count; ++i) {
        const std::string id = prefix + "-" + std::to_string(t) + "-" + std::to_string(i);
        v1::ProposeMeasureRequest propose;
        propose.set_command_id(id);
        propose.set_plan_id(kPlan);
        propose.set_focus_area("narkotika");
        propose.set_title("Åtgärd " + id);
        propose.set_measure_id(id);
        v1::CommandReply reply;
        const grpc::Status status = stub.ProposeMeasure(Context(coordinator).get(), propose, &reply);
        ExpectOk(status);
        if (!status.ok()) continue;
        ++events;
        uint64_t seen = last.load();
        while (reply.position() > seen && !last.compare_exchange_weak(seen, reply.position())) {
        }
      }
    });
  }
  for (std::thread& w : writers) w.join();
  if (done != nullptr) *done = true;
  return {events.load(), last.load()};
}

// Polls /metrics until `series` has `value` (true) or kDeadline passes (false).
bool AwaitValue(const std::string& http, const std::string& series, double value) {
  const auto deadline = Clock::now() + kDeadline;
  while (Clock::now() < deadline) {
    if (Value(Scrape(http), series) == value) return true;
  }
  return false;
}

class MetricsE2ETest : public ::testing::Test {
 protected:
  void SetUp() override {
    coordinator_ = AddToken(dir_, "samordnare", "coordinator", "varnamo-kommun-ks");
    server_.emplace(dir_, std::vector<std::string>{"--tokens", dir_.Sub("tokens").string()});
    ASSERT_FALSE(server_->address().empty());
    ASSERT_FALSE(server_->http_address().empty()) << "no 'http on' line";
    channel_ = Channel(server_->address());
    stub_ = v1::ActionPlanService::NewStub(channel_);
    v1::CommandReply reply;
    CreatePlanAndAgency(*stub_, coordinator_, reply);
  }

  void TearDown() override {
    stub_.reset();
    channel_.reset();
    if (server_) {
      EXPECT_EQ(server_->Terminate(), 0);
    }
  }

  const std::string& http() const { return server_->http_address(); }

  TempDir dir_;
  std::string coordinator_;
  std::optional<RunningServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ActionPlanService::Stub> stub_;
};

TEST_F(MetricsE2ETest, ValuesMoveAsTheWritesSay) {
  const std::string before = Scrape(http());
  EXPECT_EQ(PromtoolComplaints(before), "");
  const double appended = Value(before, "trygg_events_appended_total");
  const double commits = Value(before, "trygg_group_commit_events_count");
  const double committed = Value(before, "trygg_group_commit_events_sum");
  const double syncs = Value(before, "trygg_group_commit_sync_seconds_count");
  EXPECT_EQ(appended, 2);  // the plan and the agency
  EXPECT_EQ(Value(before, "trygg_log_head_position"), 2);
  // Every method served has its row from the start: ours, health's and reflection's.
  for (const std::string service :
       {"trygg.v1.ActionPlanService\",method=\"CreatePlan", "trygg.v1.StatusService\",method=\"WhoAmI",
        "trygg.v1.EventLogService\",method=\"Subscribe", "grpc.health.v1.Health\",method=\"Check",
        "grpc.reflection.v1alpha.ServerReflection\",method=\"ServerReflectionInfo"}) {
    EXPECT_FALSE(
        std::isnan(Value(before, "trygg_rpc_handled_total{service=\"" + service + "\",code=\"OK\"}")))
        << service;
  }

  // Scrapes while 4 writers propose measures: each one well-formed, the counters never going back.
  std::atomic<bool> done{false};
  Acknowledged acknowledged;
  std::thread load([&] { acknowledged = ProposeMeasures(*stub_, coordinator_, 4, 50, "m", &done); });
  int scrapes = 0;
  double last_appended = appended;
  while (!done) {
    const std::string text = Scrape(http());
    if (++scrapes <= kPromtoolScrapes) {
      EXPECT_EQ(PromtoolComplaints(text), "");
    }
    const double now = Value(text, "trygg_events_appended_total");
    EXPECT_GE(now, last_appended);
    last_appended = now;
    EXPECT_GE(Value(text, "trygg_connections"), 1) << "a client is connected";
  }
  load.join();
  ASSERT_EQ(acknowledged.events, 200u);

  const std::string after = Scrape(http());
  EXPECT_EQ(PromtoolComplaints(after), "");
  // Every acknowledged event was appended, and nothing else was.
  EXPECT_EQ(Value(after, "trygg_events_appended_total") - appended, acknowledged.events);
  EXPECT_EQ(Value(after, "trygg_log_head_position"), acknowledged.last_position);
  // Every call counted by method and code, and timed.
  const std::string propose = "service=\"trygg.v1.ActionPlanService\",method=\"ProposeMeasure\"";
  EXPECT_EQ(Value(after, "trygg_rpc_handled_total{" + propose + ",code=\"OK\"}") -
                Value(before, "trygg_rpc_handled_total{" + propose + ",code=\"OK\"}"),
            acknowledged.events);
  EXPECT_EQ(Value(after, "trygg_rpc_duration_seconds_count{" + propose + "}"), acknowledged.events);
  // The group commits hold exactly those events; one sync each; +Inf holds every commit.
  const double new_commits = Value(after, "trygg_group_commit_events_count") - commits;
  EXPECT_EQ(Value(after, "trygg_group_commit_events_sum") - committed, acknowledged.events);
  EXPECT_GE(new_commits, 1);
  EXPECT_LE(new_commits, acknowledged.events);
  EXPECT_EQ(Value(after, "trygg_group_commit_sync_seconds_count") - syncs, new_commits);
  EXPECT_EQ(Value(after, "trygg_group_commit_events_bucket{le=\"+Inf\"}"),
            Value(after, "trygg_group_commit_events_count"));
  EXPECT_GT(Value(after, "trygg_group_commit_sync_seconds_sum"), 0);
  EXPECT_GE(Value(after, "trygg_connections"), 1);
  EXPECT_GT(Value(after, "trygg_store_size_bytes"), 0);
  EXPECT_EQ(Value(after, "trygg_store_writable"), 1);
  EXPECT_EQ(Value(after, "trygg_ready"), 1);
  EXPECT_EQ(Value(after, "process_open_fds") > 0 && Value(after, "process_max_fds") > 0, true);
  // The projections catch up with the log.
  EXPECT_TRUE(AwaitValue(http(), "trygg_projection_lag_events", 0));
}

TEST_F(MetricsE2ETest, SubscribersCountTheOpenSubscribeStreams) {
  EXPECT_EQ(Value(Scrape(http()), "trygg_subscribers"), 0);
  auto events = v1::EventLogService::NewStub(channel_);
  auto context = Context(coordinator_);
  v1::SubscribeRequest request;
  auto stream = events->Subscribe(context.get(), request);
  EXPECT_TRUE(AwaitValue(http(), "trygg_subscribers", 1));
  context->TryCancel();
  v1::Event event;
  while (stream->Read(&event)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_TRUE(AwaitValue(http(), "trygg_subscribers", 0));
}

// Each channel with its own subchannel pool is a connection of its own: trygg_connections counts
// them exactly, up and back down (the fixture's channel is the one before and after).
TEST_F(MetricsE2ETest, ConnectionsCountTheOpenGrpcConnections) {
  EXPECT_TRUE(AwaitValue(http(), "trygg_connections", 1));
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < 3; ++i) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels.push_back(
        grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args));
    EXPECT_TRUE(IsServing(channels.back()));  // connected
  }
  EXPECT_TRUE(AwaitValue(http(), "trygg_connections", 4));
  channels.clear();
  EXPECT_TRUE(AwaitValue(http(), "trygg_connections", 1));
}

// A refused call counts under its code, a path the server does not serve under "other".
TEST_F(MetricsE2ETest, CallsCountUnderTheirCodeAndUnknownPathsUnderOther) {
  v1::ProposeMeasureRequest bad;  // no plan, no title: INVALID_ARGUMENT
  v1::CommandReply reply;
  EXPECT_EQ(stub_->ProposeMeasure(Context(coordinator_).get(), bad, &reply).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(stub_->ProposeMeasure(Context("not-a-token").get(), bad, &reply).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(RawCall(channel_, "/no.Such/Method", {std::string()}).status.error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  const std::string text = Scrape(http());
  const std::string propose = "service=\"trygg.v1.ActionPlanService\",method=\"ProposeMeasure\"";
  EXPECT_EQ(Value(text, "trygg_rpc_handled_total{" + propose + ",code=\"INVALID_ARGUMENT\"}"), 1);
  EXPECT_EQ(Value(text, "trygg_rpc_handled_total{" + propose + ",code=\"UNAUTHENTICATED\"}"), 1);
  EXPECT_EQ(
      Value(text,
            "trygg_rpc_handled_total{service=\"other\",method=\"other\",code=\"UNIMPLEMENTED\"}"),
      1);
  // SetUp's two commands.
  EXPECT_EQ(Value(text,
                  "trygg_rpc_handled_total{service=\"trygg.v1.ActionPlanService\",method="
                  "\"CreatePlan\",code=\"OK\"}"),
            1);
  EXPECT_EQ(PromtoolComplaints(text), "");
}

// deploy/prometheus/trygg-alerts.yml is written against these metrics' names: each name it uses
// (a trygg_ or process_ name, with a histogram's _bucket) must be in a real scrape, so renaming a
// metric without its alerts, or an alert naming a metric that does not exist, fails here instead
// of leaving an alert that never fires.
TEST_F(MetricsE2ETest, EveryMetricTheAlertRulesUseIsExposed) {
  std::ifstream file(TRYGG_ALERT_RULES);
  ASSERT_TRUE(file) << TRYGG_ALERT_RULES;
  std::set<std::string> names;
  const std::regex name(R"(\b(trygg|process)_[a-z0-9_]+[a-z0-9]\b)");
  std::string line;
  while (std::getline(file, line)) {
    if (line.find('#') != std::string::npos) line.resize(line.find('#'));  // comments name prefixes
    for (auto m = std::sregex_iterator(line.begin(), line.end(), name); m != std::sregex_iterator();
         ++m) {
      names.insert(m->str());
    }
  }
  ASSERT_GE(names.size(), 5U) << "the rules should use trygg's metrics";
  const std::string text = Scrape(http());
  for (const std::string& metric : names) {
    EXPECT_TRUE(Contains(text, "\n" + metric + "{") || Contains(text, "\n" + metric + " "))
        << TRYGG_ALERT_RULES << " uses " << metric << ", which /metrics does not expose";
  }
}

TEST_F(MetricsE2ETest, HealthzAndReadyzAnswerOnAServingServer) {
  HttpReply healthz = HttpRequest(http(), "/healthz");
  EXPECT_EQ(healthz.status, 200) << healthz.error;
  EXPECT_EQ(healthz.body, "ok\n");
  HttpReply readyz = HttpRequest(http(), "/readyz");
  EXPECT_EQ(readyz.status, 200) << readyz.error;
  EXPECT_EQ(readyz.body, "ready\n");
  EXPECT_EQ(HttpRequest(http(), "/readyz", boost::beast::http::verb::head).status, 200);
  EXPECT_EQ(HttpRequest(http(), "/metrics", boost::beast::http::verb::post).status, 405);
  EXPECT_EQ(HttpRequest(http(), "/", boost::beast::http::verb::get).status, 404);
  EXPECT_TRUE(IsServing(server_->address()));
}

// Shutdown: from its first moment grpc.health.v1 says NOT_SERVING (an open Watch of the whole
// server sees it) and /readyz 503 "shutting down", while /healthz still says 200. The open Watch is
// an in-flight call, so the gRPC server's shutdown waits for it (up to its grace period) and the
// HTTP port answers meanwhile.
TEST_F(MetricsE2ETest, ShutdownSaysNotServingAndNotReadyAtOnce) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
  grpc::Slice nothing("");  // HealthCheckRequest{service: ""} serializes to nothing
  const grpc::ByteBuffer request(&nothing, 1);
  std::unique_ptr<grpc::ClientReader<grpc::ByteBuffer>> watch(
      grpc::internal::ClientReaderFactory<grpc::ByteBuffer>::Create(
          channel_.get(),
          grpc::internal::RpcMethod("/grpc.health.v1.Health/Watch",
                                    grpc::internal::RpcMethod::SERVER_STREAMING),
          &context, request));
  const auto status_of = [&watch]() -> std::string {
    grpc::ByteBuffer message;
    std::vector<grpc::Slice> slices;
    if (!watch->Read(&message) || !message.Dump(&slices).ok()) return "no message";
    std::string bytes;
    for (const grpc::Slice& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    return bytes;
  };
  EXPECT_EQ(status_of(), std::string("\x08\x01", 2));  // HealthCheckResponse{SERVING}
  server_->Signal(SIGTERM);
  EXPECT_EQ(status_of(), std::string("\x08\x02", 2));  // NOT_SERVING
  const HttpReply readyz = HttpRequest(http(), "/readyz");
  EXPECT_EQ(readyz.status, 503) << readyz.error;
  EXPECT_EQ(readyz.body, "not ready: shutting down\n");
  EXPECT_EQ(HttpRequest(http(), "/healthz").status, 200);
  EXPECT_EQ(Value(Scrape(http()), "trygg_ready"), 0);
  context.TryCancel();
  watch->Finish();
  stub_.reset();
  channel_.reset();
  EXPECT_EQ(server_->Terminate(), 0);
  server_.reset();
}

// The sockets `pid` listens on (TCP, IPv4 and IPv6): the LISTEN entries of /proc/net/tcp{,6}
// whose inode is one of the process's file descriptors.
std::size_t ListeningSockets(pid_t pid) {
  std::set<std::string> inodes;
  const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
  for (const auto& fd : std::filesystem::directory_iterator(fds)) {
    std::error_code ec;
    const std::string target = std::filesystem::read_symlink(fd.path(), ec).string();
    if (!ec && target.starts_with("socket:[")) inodes.insert(target.substr(8, target.size() - 9));
  }
  std::size_t listening = 0;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::istringstream f(line);
      std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
      f >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >>
          inode;
      listening += state == "0A" && inodes.contains(inode);
    }
  }
  return listening;
}

TEST(MetricsE2E, HttpNoneListensOnTheGrpcPortOnly) {
  TempDir dir;
  RunningServer without(dir, {"--allow-anonymous", "--http", "none"});
  ASSERT_FALSE(without.address().empty());
  EXPECT_EQ(without.http_address(), "");
  EXPECT_EQ(ListeningSockets(without.pid()), 1u);
  EXPECT_EQ(without.Terminate(), 0);
  RunningServer with(dir, {"--allow-anonymous"});
  ASSERT_FALSE(with.http_address().empty());
  EXPECT_EQ(ListeningSockets(with.pid()), 2u);
  EXPECT_EQ(with.Terminate(), 0);
}

TEST(MetricsE2E, AnHttpPortInUseStopsTheStartBeforeTheStoreIsTouched) {
  TempDir dir;
  RunningServer first(dir, {"--allow-anonymous"});
  ASSERT_FALSE(first.http_address().empty());
  TempDir other;
  const Output second = RunServerWithStderr({"--allow-anonymous", "--listen", "127.0.0.1:0",
                                             "--data", other.Sub("data").string(), "--http",
                                             first.http_address()});
  const std::string said = ::testing::PrintToString(second.lines);
  EXPECT_EQ(second.exit_status, 1) << said;
  EXPECT_TRUE(Contains(said, "--http " + first.http_address() + ": cannot listen on")) << said;
  EXPECT_TRUE(Contains(said, "--http none")) << said;
  EXPECT_FALSE(Contains(said, "listening on")) << said;
  EXPECT_FALSE(std::filesystem::exists(other.Sub("data"))) << "the store was created";
  EXPECT_EQ(first.Terminate(), 0);
}

// A start that verifies the whole store (--verify-on-start full) and rebuilds the projections from
// it: meanwhile /healthz says 200 and /readyz 503 "starting", and then 200 once it listens.
TEST(MetricsE2E, ReadyzSays503WhileTheServerStarts) {
  TempDir dir;
  const std::string coordinator = AddToken(dir, "samordnare", "coordinator", "varnamo-kommun-ks");
  const std::string tokens = dir.Sub("tokens").string();
  {
    RunningServer server(dir, {"--tokens", tokens});
    ASSERT_FALSE(server.address().empty());
    auto stub = v1::ActionPlanService::NewStub(Channel(server.address()));
    v1::CommandReply reply;
    CreatePlanAndAgency(*stub, coordinator, reply);
    ProposeMeasures(*stub, coordinator, 8, kStartStoreWrites / 8, "m");
    EXPECT_EQ(server.Terminate(), 0);
  }
  Child child;
  std::string error;
  ASSERT_TRUE(child.Start({TRYGG_SERVER, "--listen", "127.0.0.1:0", "--http", "127.0.0.1:0",
                           "--data", dir.Sub("data").string(), "--tokens", tokens,
                           "--verify-on-start", "full"},
                          &error))
      << error;
  LineReader reader(child.read_fd());
  std::string line;
  ASSERT_EQ(reader.Next(&line, Clock::now() + kDeadline), ReadStatus::kLine);
  const std::string marker = "trygg-server http on ";
  ASSERT_TRUE(line.starts_with(marker)) << line;
  const std::string http = line.substr(marker.size());
  // Until /readyz says 200: every answer 503 with the reason, /healthz 200 meanwhile.
  int starting = 0;
  const auto deadline = Clock::now() + kDeadline;
  HttpReply readyz;
  while (Clock::now() < deadline) {
    readyz = HttpRequest(http, "/readyz");
    if (readyz.status == 200) break;
    EXPECT_EQ(readyz.status, 503) << readyz.error;
    EXPECT_EQ(readyz.body,
              "not ready: starting: opening and verifying the event store, rebuilding the "
              "projections\n");
    EXPECT_EQ(HttpRequest(http, "/healthz").status, 200);
    ++starting;
  }
  EXPECT_EQ(readyz.status, 200);
  EXPECT_GT(starting, 0) << "the start was over before the first /readyz";
  ASSERT_EQ(reader.Next(&line, Clock::now() + kDeadline), ReadStatus::kLine);
  EXPECT_TRUE(Contains(line, "listening on ")) << line;
  EXPECT_EQ(Value(Scrape(http), "trygg_ready"), 1);
  const int status = child.SignalAndWait(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace trygg::testing
