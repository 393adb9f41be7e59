// Hostile load against a real trygg-server: a subscriber that never reads while much is written,
// thousands of idle connections, a burst of unauthenticated calls, requests at and over the
// largest message the server receives, many streams on one connection, and the per-principal
// limits on open streams and on the write rate (services/api/limits.h). The server's memory is
// read from /proc/PID/status (VmRSS) and printed, so a run also gives the figures quoted in
// docs/operations.md; the assertions on it are generous bounds, far from what unbounded
// buffering would take.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config.h"
#include "plan_writes.h"
#include "server_process.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;
using grpc::StatusCode;

// The longest progress note the domain accepts (domain::kMaxTextChars): about 10 KB an event.
const std::string kNote(10'000, 'n');

// The server's resident memory in bytes (VmRSS), or 0 when it cannot be read.
int64_t RssBytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;  // "... kB"
  }
  return 0;
}

double MiB(int64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

// A channel of its own: a TCP connection not shared with any other channel of this process
// (gRPC otherwise shares one connection between channels with the same arguments).
std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

// A server with a coordinator, an agency, an auditor and a second coordinator, started with
// `extra` arguments.
struct Deployment {
  explicit Deployment(std::vector<std::string> extra = {})
      : coordinator(AddToken(dir, "samordnare", "coordinator")),
        agency(AddToken(dir, "kommunpolis", "agency", kAgency)),
        auditor(AddToken(dir, "revisor", "auditor")),
        other_coordinator(AddToken(dir, "bitr-samordnare", "coordinator")),
        server(dir,
               [&] {
                 extra.insert(extra.begin(), {"--tokens", dir.Sub("tokens").string()});
                 return extra;
               }()),
        writes(v1::ActionPlanService::NewStub(OwnChannel(server.address()))),
        log(v1::EventLogService::NewStub(OwnChannel(server.address()))) {}

  uint64_t Head() {
    v1::Head head;
    const grpc::Status status = log->GetHead(Context(auditor).get(), v1::GetHeadRequest(), &head);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return head.position();
  }

  int64_t Rss() const { return RssBytes(server.pid()); }

  // The plan, the agency and `measures` measures m-0.. started by the agency.
  void StartMeasures(int measures) {
    v1::CommandReply reply;
    CreatePlanAndAgency(*writes, coordinator, reply);
    for (int i = 0; i < measures; ++i) {
      StartedMeasure(*writes, coordinator, agency, "m-" + std::to_string(i), reply);
    }
  }

  // `per_measure` progress reports with the longest note on each of measures m-0..m-(n-1), one
  // writer thread per measure; the bytes of notes written.
  int64_t ReportProgress(int measures, int per_measure, const std::string& batch) {
    std::vector<std::thread> writers;
    for (int m = 0; m < measures; ++m) {
      writers.emplace_back([this, m, per_measure, batch] {
        auto stub = v1::ActionPlanService::NewStub(OwnChannel(server.address()));
        v1::ReportProgressRequest request;
        request.set_measure_id("m-" + std::to_string(m));
        request.set_note(kNote);
        v1::CommandReply reply;
        for (int i = 0; i < per_measure; ++i) {
          request.set_command_id(batch + "-" + std::to_string(m) + "-" + std::to_string(i));
          request.set_percent_complete(static_cast<uint32_t>(i % 101));
          ExpectOk(stub->ReportProgress(Context(agency).get(), request, &reply));
        }
      });
    }
    for (std::thread& writer : writers) writer.join();
    return int64_t{measures} * per_measure * static_cast<int64_t>(kNote.size());
  }

  TempDir dir;
  std::string coordinator;
  std::string agency;
  std::string auditor;
  std::string other_coordinator;
  RunningServer server;
  std::unique_ptr<v1::ActionPlanService::Stub> writes;
  std::unique_ptr<v1::EventLogService::Stub> log;
};

// A Subscribe stream that reads only when told to: first one event (so the stream is known to be
// open and delivering), then nothing until Drain(), which reads on until the end.
class Follower final : public grpc::ClientReadReactor<v1::Event> {
 public:
  Follower(v1::EventLogService::Stub& stub, const std::string& token, uint64_t from) {
    context_.AddMetadata("authorization", "Bearer " + token);
    context_.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
    request_.set_from_position(from);
    stub.async()->Subscribe(&context_, &request_, this);
    StartRead(&event_);
    StartCall();
  }
  // Cancels the stream and waits until gRPC is done with it.
  ~Follower() override {
    context_.TryCancel();
    std::unique_lock lock(mu_);
    changed_.wait(lock, [this] { return done_; });
  }
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;

  void OnReadDone(bool ok) override {
    std::lock_guard lock(mu_);
    if (!ok) return;  // the stream ended: OnDone says how
    if (event_.position() != last_ + 1) gap_ = true;
    last_ = event_.position();
    ++read_;
    if (draining_) StartRead(&event_);
    changed_.notify_all();
  }

  // Notifies with mu_ held, so the destructor cannot return before OnDone is done with this.
  void OnDone(const grpc::Status& status) override {
    std::lock_guard lock(mu_);
    status_ = status;
    done_ = true;
    changed_.notify_all();
  }

  // Waits until the first event has arrived or the stream has ended; true for an event.
  bool WaitForFirst() {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, kDeadline, [this] { return read_ > 0 || done_; });
    return read_ > 0;
  }

  // Reads everything up to `position`; true when it arrived, every position once and in order.
  bool Drain(uint64_t position) {
    std::unique_lock lock(mu_);
    draining_ = true;
    if (!done_) StartRead(&event_);  // the first read is done: no other is outstanding
    changed_.wait_for(lock, std::chrono::minutes(2), [&] { return last_ >= position || done_; });
    return last_ >= position && !gap_;
  }

  // Waits until the stream has ended; its status (DEADLINE_EXCEEDED if it did not end in time).
  grpc::Status WaitForEnd() {
    std::unique_lock lock(mu_);
    if (!changed_.wait_for(lock, kDeadline, [this] { return done_; })) {
      return grpc::Status(StatusCode::DEADLINE_EXCEEDED, "the stream did not end");
    }
    return status_;
  }

 private:
  grpc::ClientContext context_;
  v1::SubscribeRequest request_;
  v1::Event event_;
  std::mutex mu_;
  std::condition_variable changed_;
  uint64_t last_ = 0;  // the last position read
  uint64_t read_ = 0;
  bool gap_ = false;
  bool draining_ = false;
  bool done_ = false;
  grpc::Status status_;
};

// Subscribers that never read hold the server at one batch each (the subscription pauses while a
// batch is written, and gRPC's flow control holds the write once the client's window is full), so
// writing far more than they could buffer leaves the server's memory where it was. They are
// paused, not dropped: read at last, each gets every event, in order.
TEST(HostileLoadE2E, SubscribersThatNeverReadArePausedNotBuffered) {
#ifdef __SANITIZE_ADDRESS__
  // AddressSanitizer keeps freed memory in a quarantine (256 MiB by default), which the server's
  // RSS would count as growth: the server started here frees at once, so RSS is what it holds.
  const char* asan = std::getenv("ASAN_OPTIONS");
  ::setenv("ASAN_OPTIONS",
           (std::string(asan == nullptr ? "" : asan) + ":quarantine_size_mb=0").c_str(), 1);
#endif
  Deployment d({"--max-writes-per-second-per-principal", "0"});
  constexpr int kWriters = 8;
  constexpr int kSubscribers = 8;
  d.StartMeasures(kWriters);
  // More than a subscription batch (256 events) already stored, so each stalls on a full one.
  d.ReportProgress(kWriters, 40, "before");

  const int64_t before_subscribers = d.Rss();
  std::vector<std::unique_ptr<Follower>> followers;
  for (int i = 0; i < kSubscribers; ++i) {
    followers.push_back(std::make_unique<Follower>(
        *v1::EventLogService::NewStub(OwnChannel(d.server.address())), d.auditor, 1));
  }
  for (auto& follower : followers) ASSERT_TRUE(follower->WaitForFirst());
  const int64_t with_subscribers = d.Rss();

  const int64_t written = d.ReportProgress(kWriters, 400, "while-stalled");
  const int64_t after_writes = d.Rss();
  const uint64_t head = d.Head();
  std::cout << "non-reading subscribers: " << kSubscribers << " took "
            << MiB(with_subscribers - before_subscribers) << " MiB ("
            << MiB(with_subscribers - before_subscribers) / kSubscribers << " MiB each); then "
            << MiB(written) << " MiB of notes written, server RSS " << MiB(with_subscribers)
            << " -> " << MiB(after_writes) << " MiB (head " << head << ")\n";
  // Buffered without limit, every subscriber would hold all that was written while it stalled.
  EXPECT_LT(after_writes - with_subscribers, kSubscribers * written / 2);
  EXPECT_TRUE(IsServing(d.server.address()));

  for (auto& follower : followers) EXPECT_TRUE(follower->Drain(head));
}

// Thousands of idle connections cost the server a bounded amount each, and it goes on serving.
TEST(HostileLoadE2E, ThousandsOfIdleConnections) {
  Deployment d;
  constexpr int kConnections = 2000;
  const int64_t before = d.Rss();
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < kConnections; ++i) {
    channels.push_back(OwnChannel(d.server.address()));
    ASSERT_TRUE(channels.back()->WaitForConnected(std::chrono::system_clock::now() + kDeadline))
        << "connection " << i;
  }
  const int64_t after = d.Rss();
  std::cout << "idle connections: " << kConnections << " took " << MiB(after - before) << " MiB ("
            << (after - before) / kConnections / 1024 << " KiB each)\n";
  EXPECT_TRUE(IsServing(d.server.address()));
  EXPECT_TRUE(IsServing(channels.front()));
  EXPECT_TRUE(IsServing(channels.back()));
  EXPECT_EQ(d.Head(), 0u);
}

// A burst of calls without a valid token: every one UNAUTHENTICATED, nothing appended, and the
// server serves the next caller.
TEST(HostileLoadE2E, BurstOfUnauthenticatedCalls) {
  Deployment d;
  constexpr int kThreads = 8;
  constexpr int kCallsEach = 250;
  const int64_t before = d.Rss();
  std::atomic<int> unauthenticated = 0;
  std::vector<std::thread> callers;
  for (int t = 0; t < kThreads; ++t) {
    callers.emplace_back([&, t] {
      auto stub = v1::ActionPlanService::NewStub(OwnChannel(d.server.address()));
      v1::CreatePlanRequest plan;
      plan.set_plan_id("intrang");
      plan.set_name("Intrång");
      plan.set_municipality("Värnamo kommun");
      v1::CommandReply reply;
      for (int i = 0; i < kCallsEach; ++i) {
        plan.set_command_id("c-" + std::to_string(t) + "-" + std::to_string(i));
        // No token, then a token nobody was given.
        const std::string token = i % 2 == 0 ? "" : "not-a-token-" + std::to_string(i);
        if (stub->CreatePlan(Context(token).get(), plan, &reply).error_code() ==
            StatusCode::UNAUTHENTICATED) {
          ++unauthenticated;
        }
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  std::cout << "unauthenticated burst: " << kThreads * kCallsEach << " calls, server RSS "
            << MiB(before) << " -> " << MiB(d.Rss()) << " MiB\n";
  EXPECT_EQ(unauthenticated.load(), kThreads * kCallsEach);
  EXPECT_EQ(d.Head(), 0u);
  EXPECT_TRUE(IsServing(d.server.address()));
}

// A request of exactly the largest size the server receives reaches the service (which validates
// it: the summary is far too long); one byte more is RESOURCE_EXHAUSTED from gRPC.
TEST(HostileLoadE2E, MessagesAtAndOverTheMaximumSize) {
  Deployment d;
  // A RecordResidentInputRequest of `bytes` serialized bytes, the summary filling the rest.
  const auto request_of = [](std::size_t bytes) {
    v1::RecordResidentInputRequest request;
    request.set_command_id("input");
    request.set_plan_id(kPlan);
    request.set_channel(v1::INPUT_CHANNEL_DIALOGUE);
    request.set_received_on("2026-03-12");
    std::size_t summary = bytes;
    for (int round = 0; round < 4; ++round) {
      request.set_summary(std::string(summary, 's'));
      const std::size_t size = request.ByteSizeLong();
      if (size == bytes) break;
      summary = summary + bytes - size;  // the length prefix shrinks by as much as it grew
    }
    EXPECT_EQ(request.ByteSizeLong(), bytes);
    return request.SerializeAsString();
  };
  const auto limit = static_cast<std::size_t>(server::kMaxReceiveMessageBytes);
  const std::string method = "/trygg.v1.ActionPlanService/RecordResidentInput";
  RawReply at = RawCall(d.server.address(), method, {request_of(limit)}, "Bearer " + d.agency);
  EXPECT_EQ(at.status.error_code(), StatusCode::INVALID_ARGUMENT) << at.status.error_message();
  EXPECT_NE(at.status.error_message().find("summary"), std::string::npos)
      << at.status.error_message();
  RawReply over =
      RawCall(d.server.address(), method, {request_of(limit + 1)}, "Bearer " + d.agency);
  EXPECT_EQ(over.status.error_code(), StatusCode::RESOURCE_EXHAUSTED)
      << over.status.error_message();
  EXPECT_EQ(d.Head(), 0u);
  EXPECT_TRUE(IsServing(d.server.address()));
}

// One principal holds at most --max-streams-per-principal streams (its default here): all of them
// on one connection are served, one more Subscribe or ReadAll is RESOURCE_EXHAUSTED naming the
// flag, another principal is not held to it, and an ended stream gives its place back.
TEST(HostileLoadE2E, StreamsBeyondThePerPrincipalLimitAreRefused) {
  Deployment d;
  const uint32_t limit = server::Config().max_streams_per_principal;
  ASSERT_GT(limit, 0u);
  d.StartMeasures(1);
  auto channel = OwnChannel(d.server.address());
  auto stub = v1::EventLogService::NewStub(channel);
  std::vector<std::unique_ptr<Follower>> held;
  for (uint32_t i = 0; i < limit; ++i) {
    held.push_back(std::make_unique<Follower>(*stub, d.auditor, 1));
    ASSERT_TRUE(held.back()->WaitForFirst()) << "stream " << i;
  }
  Follower refused(*stub, d.auditor, 1);
  const grpc::Status status = refused.WaitForEnd();
  EXPECT_EQ(status.error_code(), StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_NE(status.error_message().find("--max-streams-per-principal"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(status.error_message().find(d.auditor), std::string::npos);
  RawReply read_all = RawCall(channel, "/trygg.v1.EventLogService/ReadAll",
                              {v1::ReadAllRequest().SerializeAsString()}, "Bearer " + d.auditor);
  EXPECT_EQ(read_all.status.error_code(), StatusCode::RESOURCE_EXHAUSTED);

  Follower other(*stub, d.coordinator, 1);
  EXPECT_TRUE(other.WaitForFirst());

  // The server gives the place back once the cancelled stream is done there, a moment after the
  // client sees it end: try until a stream is admitted.
  held.pop_back();
  std::unique_ptr<Follower> again;
  const auto deadline = Clock::now() + kDeadline;
  do {
    again = std::make_unique<Follower>(*stub, d.auditor, 1);
  } while (!again->WaitForFirst() && Clock::now() < deadline);
  EXPECT_TRUE(again->WaitForFirst());
}

// Many streams on one connection, with the stream limit off: each is served, and each costs the
// server a bounded amount.
TEST(HostileLoadE2E, ManyStreamsOnOneConnection) {
  Deployment d({"--max-streams-per-principal", "0"});
  constexpr int kStreams = 1000;
  d.StartMeasures(1);
  auto stub = v1::EventLogService::NewStub(OwnChannel(d.server.address()));
  const int64_t before = d.Rss();
  std::vector<std::unique_ptr<Follower>> streams;
  // Each from the head: one small event waiting, then a caught-up subscription.
  const uint64_t head = d.Head();
  for (int i = 0; i < kStreams; ++i)
    streams.push_back(std::make_unique<Follower>(*stub, d.auditor, head));
  for (auto& stream : streams) ASSERT_TRUE(stream->WaitForFirst());
  const int64_t after = d.Rss();
  std::cout << "streams on one connection: " << kStreams << " took " << MiB(after - before)
            << " MiB (" << (after - before) / kStreams / 1024 << " KiB each)\n";
  EXPECT_TRUE(IsServing(d.server.address()));
}

// The write rate, set in the config file: a principal over it gets RESOURCE_EXHAUSTED naming the
// flag and nothing is appended; another principal writes on.
TEST(HostileLoadE2E, WriteRateLimitRefusesAndSparesOtherPrincipals) {
  TempDir config_dir;
  const auto config = config_dir.Sub("trygg.toml");
  // One write a second on average: every call of this test is far quicker than that.
  std::ofstream(config) << "max-writes-per-second-per-principal = 1\n"
                        << "write-burst-per-principal = 3\n";
  Deployment d({"--config", config.string()});
  const auto create_plan = [&](const std::string& token, const std::string& id) {
    v1::CreatePlanRequest plan;
    plan.set_command_id(id);
    plan.set_plan_id(id);
    plan.set_name("Plan " + id);
    plan.set_municipality("Värnamo kommun");
    auto* area = plan.add_focus_areas();
    area->set_key("narkotika");
    area->set_name("Narkotika");
    v1::CommandReply reply;
    return d.writes->CreatePlan(Context(token).get(), plan, &reply);
  };
  int accepted = 0;
  grpc::Status refused;
  uint64_t head_before_refusal = 0;
  for (int i = 0; i < 100 && refused.ok(); ++i) {
    head_before_refusal = d.Head();
    grpc::Status status = create_plan(d.coordinator, "plan-" + std::to_string(i));
    if (status.ok()) {
      ++accepted;
    } else {
      refused = status;
    }
  }
  EXPECT_GE(accepted, 3);  // the burst
  EXPECT_EQ(refused.error_code(), StatusCode::RESOURCE_EXHAUSTED) << refused.error_message();
  EXPECT_NE(refused.error_message().find("--max-writes-per-second-per-principal"),
            std::string::npos)
      << refused.error_message();
  EXPECT_EQ(refused.error_message().find(d.coordinator), std::string::npos);
  EXPECT_EQ(d.Head(), head_before_refusal);
  EXPECT_TRUE(create_plan(d.other_coordinator, "other-plan").ok());
}

// A burst of less than one write, or a negative limit, is bad usage (exit 2) naming the flag.
TEST(HostileLoadE2E, LimitFlagsOutOfRangeAreBadUsage) {
  TempDir dir;
  for (const auto& [flag, value] : std::vector<std::pair<std::string, std::string>>{
           {"--write-burst-per-principal", "0"},
           {"--max-streams-per-principal", "-1"},
           {"--max-writes-per-second-per-principal", "-5"}}) {
    Output out =
        RunServerWithStderr({"--allow-anonymous", "--data", dir.Sub("data").string(), flag, value});
    EXPECT_EQ(out.exit_status, 2) << flag;
    ASSERT_FALSE(out.lines.empty()) << flag;
    EXPECT_NE(out.lines.front().find(flag), std::string::npos) << out.lines.front();
  }
}

}  // namespace
}  // namespace trygg::testing
