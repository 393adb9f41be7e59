// Crash the whole server under load, lose nothing, double nothing (issue 14, item 1): 8 clients
// send ActionPlanService's whole command mix (testutil/command_mix.h) to a real trygg-server,
// which the test SIGKILLs at seeded random moments (after a seeded number of acknowledged
// commands) 12 times, restarting it on the same store each time. A client keeps every reply it
// got; a command in doubt (the call failed while a kill was under way) is sent again, with the
// same command_id and request, once the server is back, until it is acknowledged. At the end,
// read through EventLogService, StatusService and trygg-audit:
//   - the log holds exactly the acknowledged commands' events, each once, at the position (and
//     stream version) its reply gave: no retried command appears twice, none is lost;
//   - positions are gap-free from 1 and the hash chain links up to the head;
//   - `trygg-audit verify` passes and `trygg-audit compare` finds the live projections equal to a
//     replay of the log;
//   - every measure's status is the one its last acknowledged command led to;
//   - every ActionPlanService method was acknowledged at least once.
// The seed is printed; TRYGG_CRASH_SEED=N replays the kill points and every client's commands.
// No sleeps: clients wait for the restart on a condition variable, the test for the server's
// "listening on" line.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "server_process.h"
#include "testutil/command_mix.h"
#include "testutil/seed.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

#ifndef TRYGG_AUDIT
#error "TRYGG_AUDIT must name the trygg-audit binary"
#endif

namespace trygg::testing {
namespace {

constexpr int kClients = 8;
constexpr int kKills = 12;
// Acknowledged commands between two kills, drawn from the seed. Sanitizer builds run the same
// kills over fewer commands: a few hundred, too few for the mix to draw its rarest methods every
// time, so only the full run requires every method acknowledged.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr int kMaxAcksBetweenKills = 60;
constexpr bool kEveryMethod = false;
#else
constexpr int kMaxAcksBetweenKills = 400;
constexpr bool kEveryMethod = true;
#endif
constexpr int kMinAcksBetweenKills = 10;

// What a client was told about one of its commands.
struct Acknowledged {
  MixCommand command;
  v1::CommandReply reply;
  std::string principal;
  bool retried = false;  // sent again after a kill before this reply came
  int epoch = 0;         // the server start that replied
};

class CrashLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    coordinator_ = "Bearer " + AddToken(dir_, "crash-coordinator", "coordinator");
    auditor_token_ = AddToken(dir_, "crash-auditor", "auditor");
    for (int i = 0; i < kClients; ++i) {
      agency_tokens_.push_back("Bearer " + AddToken(dir_, AgencyPrincipal(i), "agency",
                                                    AgencyOf(i)));
    }
    Start();
  }

  static std::string AgencyOf(int client) { return "c" + std::to_string(client) + "-agency"; }
  static std::string AgencyPrincipal(int client) { return "crash-agency-" + std::to_string(client); }

  // Starts the server on the store (again) and publishes its channel; false if it did not start.
  bool Start() {
    server_ = std::make_unique<RunningServer>(
        dir_, std::vector<std::string>{"--tokens", dir_.Sub("tokens").string()});
    if (server_->address().empty()) return false;
    auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    const std::optional<v1::Head> head = GetHead(channel);
    if (!head) return false;
    std::lock_guard lock(mu_);
    channel_ = std::move(channel);
    ++epoch_;
    start_heads_[epoch_] = head->position();
    cv_.notify_all();
    return true;
  }

  // One client: its commands one at a time, each until it is acknowledged.
  void RunClient(int index, std::uint64_t seed) {
    CommandMix mix({"c" + std::to_string(index), AgencyOf(index)}, seed);
    for (;;) {
      {
        std::lock_guard lock(mu_);
        if (stop_ || failure_) break;
      }
      const MixCommand& command = mix.Next();
      const bool agency = command.sender == Sender::kAgency;
      bool retried = false;
      for (;;) {
        std::unique_lock lock(mu_);
        const int epoch = epoch_;
        const int kills = kills_;
        std::shared_ptr<grpc::Channel> channel = channel_;
        lock.unlock();
        grpc::GenericStub stub(channel);
        v1::CommandReply reply;
        const grpc::Status status =
            SendCommand(stub, command, agency ? agency_tokens_[index] : coordinator_, &reply);
        lock.lock();
        if (status.ok()) {
          acknowledged_.push_back({command, reply,
                                   agency ? AgencyPrincipal(index) : "crash-coordinator", retried,
                                   epoch});
          ++acks_;
          cv_.notify_all();
          lock.unlock();
          mix.Acknowledge(reply);
          break;
        }
        // A server that was up when the call began, and has not been killed since, refused a
        // valid command: nothing explains that.
        if (kills < epoch && kills_ == kills) {
          failure_ = "client " + std::to_string(index) + ": " + command.method + " " +
                     command.command_id + " failed with no kill under way: " +
                     std::to_string(status.error_code()) + " " + status.error_message();
          cv_.notify_all();
          return;
        }
        // In doubt: committed or not, the same command again once the server is back.
        ++in_doubt_;
        retried = true;
        cv_.wait(lock, [&] { return (epoch_ > epoch && epoch_ > kills_) || failure_; });
        if (failure_) return;
      }
    }
    std::lock_guard lock(mu_);
    for (const auto& [id, status] : mix.MeasureStatuses()) measure_status_.emplace(id, status);
  }

  // Waits until `target` commands have been acknowledged in all (or a client failed).
  bool WaitForAcks(std::uint64_t target) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return acks_ >= target || failure_; });
    return !failure_;
  }

  void Kill() {
    {
      std::lock_guard lock(mu_);
      ++kills_;
    }
    server_->Kill();
  }

  void Fail(const std::string& why) {
    std::lock_guard lock(mu_);
    if (!failure_) failure_ = why;
    cv_.notify_all();
  }

  std::optional<v1::Head> GetHead(const std::shared_ptr<grpc::Channel>& channel) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + auditor_token_);
    v1::Head head;
    const grpc::Status status =
        v1::EventLogService::NewStub(channel)->GetHead(&context, v1::GetHeadRequest(), &head);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) return std::nullopt;
    return head;
  }

  // The whole log through EventLogService, paged.
  std::vector<v1::Event> ReadLog() {
    auto stub = v1::EventLogService::NewStub(channel_);
    std::vector<v1::Event> log;
    for (;;) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + auditor_token_);
      v1::ReadAllRequest request;
      request.set_from_position(log.size() + 1);
      request.set_max_count(10000);
      auto reader = stub->ReadAll(&context, request);
      const std::size_t before = log.size();
      v1::Event event;
      while (reader->Read(&event)) log.push_back(event);
      const grpc::Status status = reader->Finish();
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok() || log.size() == before) return log;
    }
  }

  TempDir dir_;
  std::string coordinator_, auditor_token_;
  std::vector<std::string> agency_tokens_;
  std::unique_ptr<RunningServer> server_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<grpc::Channel> channel_;  // to the server of this epoch
  int epoch_ = 0;                           // starts so far
  int kills_ = 0;                           // SIGKILLs begun; the server is down while == epoch_
  bool stop_ = false;                       // clients send no new command
  std::optional<std::string> failure_;
  std::uint64_t acks_ = 0, in_doubt_ = 0;
  std::vector<Acknowledged> acknowledged_;
  std::map<int, std::uint64_t> start_heads_;  // epoch -> the head the server started with
  std::map<std::string, v1::MeasureStatus> measure_status_;
};

TEST_F(CrashLoadTest, AcknowledgedCommandsSurviveSigkillsExactlyOnce) {
  ASSERT_EQ(epoch_, 1) << "trygg-server did not start";
  const std::uint64_t seed = CrashSeed("crash_load_e2e_test");
  SCOPED_TRACE("TRYGG_CRASH_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> acks_between_kills(kMinAcksBetweenKills,
                                                        kMaxAcksBetweenKills);
  const auto started = Clock::now();

  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([this, i, client_seed = rng()] { RunClient(i, client_seed); });
  }
  std::uint64_t target = 0;
  for (int kill = 1; kill <= kKills; ++kill) {
    target += static_cast<std::uint64_t>(acks_between_kills(rng));
    if (!WaitForAcks(target)) break;
    Kill();
    if (!Start()) {
      Fail("trygg-server did not restart after kill " + std::to_string(kill));
      break;
    }
  }
  // A last stretch of commands on the last server, then every client finishes its command.
  WaitForAcks(target + static_cast<std::uint64_t>(acks_between_kills(rng)));
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  for (std::thread& client : clients) client.join();
  ASSERT_FALSE(failure_) << *failure_;
  ASSERT_EQ(kills_, kKills);

  // The log: gap-free, chained, and exactly the acknowledged commands, each once where its reply
  // said.
  const std::vector<v1::Event> log = ReadLog();
  ASSERT_EQ(log.size(), acknowledged_.size())
      << "the log holds other events than the acknowledged commands' (each command was sent "
         "until it was acknowledged, so nothing else may be there)";
  std::string previous_hash(32, '\0');
  std::map<std::pair<std::string, std::string>, std::uint64_t> position_of;  // (who, command_id)
  for (std::size_t i = 0; i < log.size(); ++i) {
    const v1::Event& event = log[i];
    ASSERT_EQ(event.position(), i + 1) << "positions have a gap";
    ASSERT_EQ(event.prev_hash(), previous_hash) << "the chain breaks at position " << i + 1;
    ASSERT_EQ(event.hash().size(), 32u) << "position " << i + 1;
    previous_hash = event.hash();
    const auto [it, first] =
        position_of.emplace(std::make_pair(event.principal(), event.command_id()), i + 1);
    ASSERT_TRUE(first) << event.principal() << "'s command " << event.command_id()
                       << " is in the log twice: at " << it->second << " and " << i + 1;
  }
  const std::optional<v1::Head> head = GetHead(channel_);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->position(), log.size());
  EXPECT_EQ(head->hash(), previous_hash);
  std::set<std::string> methods;
  std::uint64_t retried = 0, first_replies = 0;
  for (const Acknowledged& a : acknowledged_) {
    methods.insert(a.command.method);
    retried += a.retried ? 1 : 0;
    // Committed before the kill, so the retry was answered with the first reply.
    first_replies += a.retried && a.reply.position() <= start_heads_.at(a.epoch) ? 1 : 0;
    const std::uint64_t position = a.reply.position();
    ASSERT_TRUE(position >= 1 && position <= log.size())
        << a.command.command_id << " acknowledged at position " << position;
    const v1::Event& event = log[position - 1];
    EXPECT_EQ(event.command_id(), a.command.command_id) << "at position " << position;
    EXPECT_EQ(event.principal(), a.principal) << "at position " << position;
    EXPECT_EQ(event.stream_id(), a.command.StreamOf(a.reply)) << "at position " << position;
    EXPECT_EQ(event.version(), a.reply.version()) << "at position " << position;
    if (HasFailure()) return;
  }
  const google::protobuf::ServiceDescriptor& service = ActionPlanServiceDescriptor();
  for (int i = 0; kEveryMethod && i < service.method_count(); ++i) {
    EXPECT_TRUE(methods.count(service.method(i)->name()))
        << service.method(i)->name() << " was never acknowledged: the mix must cover it";
  }

  // Every measure where its last acknowledged command left it.
  auto status_stub = v1::StatusService::NewStub(channel_);
  for (const auto& [id, expected] : measure_status_) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", coordinator_);
    v1::GetMeasureRequest request;
    request.set_measure_id(id);
    request.set_min_position(log.size());
    v1::Measure measure;
    const grpc::Status status = status_stub->GetMeasure(&context, request, &measure);
    ASSERT_TRUE(status.ok()) << id << ": " << status.error_message();
    EXPECT_EQ(measure.status(), expected) << "measure " << id;
  }

  // trygg-audit: the store verifies (read as a secondary of the running server), and the live
  // projections equal a replay of the server's log.
  const Output verified = RunBinary(TRYGG_AUDIT, {"verify", "--data", dir_.Sub("data").string()});
  EXPECT_EQ(verified.exit_status, 0);
  const Output compared = RunBinary(
      TRYGG_AUDIT, {"compare", "--server", server_->address(), "--token", auditor_token_});
  EXPECT_EQ(compared.exit_status, 0);
  if (HasFailure()) {
    for (const std::string& line : verified.lines) std::cout << "verify: " << line << "\n";
    for (const std::string& line : compared.lines) std::cout << "compare: " << line << "\n";
  }

  std::cout << "crash_load_e2e_test: " << kills_ << " kills, " << acknowledged_.size()
            << " commands acknowledged (" << retried << " after a retry, " << first_replies
            << " of them committed before the kill, " << in_doubt_ << " sends in doubt), " << measure_status_.size() << " measures, "
            << methods.size() << " of " << service.method_count() << " methods, "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started)
                   .count()
            << " ms" << std::endl;
  EXPECT_EQ(server_->Terminate(), 0);
}

}  // namespace
}  // namespace trygg::testing
