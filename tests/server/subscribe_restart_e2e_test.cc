// EventLogService.Subscribe across a server restart: a subscriber follows the log while commands
// are written, the server stops (SIGTERM) under it, more commands are written after a restart on
// the same store, and a new subscription resumed at "last position seen + 1" receives exactly the
// rest of the log: no gap, no duplicate, the hash chain continuous across the boundary.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "plan_writes.h"
#include "server_process.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;


// Subscribe on its own thread: collects events until the stream ends (or Cancel).
class Subscriber {
 public:
  Subscriber(const std::string& address, const std::string& token, uint64_t from_position) {
    context_.AddMetadata("authorization", "Bearer " + token);
    context_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    v1::SubscribeRequest request;
    request.set_from_position(from_position);
    stub_ = v1::EventLogService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    thread_ = std::thread([this, request] {
      auto reader = stub_->Subscribe(&context_, request);
      v1::Event event;
      while (reader->Read(&event)) {
        std::lock_guard lock(mu_);
        events_.push_back(event);
        changed_.notify_all();
      }
      grpc::Status status = reader->Finish();
      std::lock_guard lock(mu_);
      status_ = status;
      ended_ = true;
      changed_.notify_all();
    });
  }
  ~Subscriber() {
    context_.TryCancel();
    thread_.join();
  }
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  // Waits until the subscriber has seen position `position`; false on timeout or if the stream
  // ended first.
  bool WaitForPosition(uint64_t position) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, kDeadline,
                             [&] {
                               return ended_ ||
                                      (!events_.empty() && events_.back().position() >= position);
                             }) &&
           !events_.empty() && events_.back().position() >= position;
  }

  // Waits until the stream has ended; its status, or nullopt on timeout.
  std::optional<grpc::Status> WaitForEnd(Clock::duration timeout = kDeadline) {
    std::unique_lock lock(mu_);
    if (!changed_.wait_for(lock, timeout, [&] { return ended_; })) return std::nullopt;
    return status_;
  }

  void Cancel() { context_.TryCancel(); }

  std::vector<v1::Event> events() {
    std::lock_guard lock(mu_);
    return events_;
  }

 private:
  grpc::ClientContext context_;
  std::unique_ptr<v1::EventLogService::Stub> stub_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<v1::Event> events_;
  bool ended_ = false;
  grpc::Status status_;
  std::thread thread_;  // last: started once everything it uses exists
};

// Writes commands as the coordinator and the agency; each returns the position written.
class Writer {
 public:
  Writer(const std::string& address, std::string coordinator, std::string agency)
      : stub_(v1::ActionPlanService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
        coordinator_(std::move(coordinator)),
        agency_(std::move(agency)) {}

  void CreatePlanAndAgency() { trygg::testing::CreatePlanAndAgency(*stub_, coordinator_, reply_); }

  // Measure `id` from proposed through started: four events.
  void MeasureLifecycle(const std::string& id) {
    StartedMeasure(*stub_, coordinator_, agency_, id, reply_);
  }

  uint64_t last_position() const { return reply_.position(); }

 private:
  std::unique_ptr<v1::ActionPlanService::Stub> stub_;
  std::string coordinator_;
  std::string agency_;
  v1::CommandReply reply_;
};

v1::Head GetHead(const std::string& address, const std::string& token) {
  v1::Head head;
  grpc::Status s =
      v1::EventLogService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))
          ->GetHead(Context(token).get(), v1::GetHeadRequest(), &head);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return head;
}

// `events` are positions first..last in order, each chained to the one before (the first to
// `prev_hash`).
void ExpectChain(const std::vector<v1::Event>& events, uint64_t first, uint64_t last,
                 const std::string& prev_hash) {
  ASSERT_EQ(events.size(), last - first + 1);
  std::string prev = prev_hash;
  for (std::size_t i = 0; i < events.size(); ++i) {
    SCOPED_TRACE("event " + std::to_string(i));
    EXPECT_EQ(events[i].position(), first + i);
    EXPECT_EQ(events[i].prev_hash(), prev);
    EXPECT_EQ(events[i].hash().size(), 32u);
    prev = events[i].hash();
  }
}

TEST(SubscribeRestartE2E, ResumesAfterARestartWithoutGapDuplicateOrBrokenChain) {
  TempDir dir;
  const std::string coordinator = AddToken(dir, "samordnare", "coordinator");
  const std::string agency = AddToken(dir, "kommunpolis", "agency", kAgency);
  const std::string auditor = AddToken(dir, "revisor", "auditor");
  const std::vector<std::string> args = {"--tokens", dir.Sub("tokens").string()};

  std::vector<v1::Event> seen;
  {
    RunningServer server(dir, args);
    ASSERT_FALSE(server.address().empty());
    Subscriber subscriber(server.address(), auditor, 1);
    {
      Writer writer(server.address(), coordinator, agency);
      writer.CreatePlanAndAgency();
      ASSERT_TRUE(subscriber.WaitForPosition(1));  // it follows the log live
      for (int i = 0; i < 10; ++i) writer.MeasureLifecycle("a-" + std::to_string(i));
      ASSERT_EQ(writer.last_position(), 2u + 10u * 4u);
    }
    // Stop the server while the subscriber may still be catching up: it resumes from wherever it
    // got to.
    EXPECT_EQ(server.Terminate(), 0);
    std::optional<grpc::Status> end = subscriber.WaitForEnd();
    ASSERT_TRUE(end.has_value()) << "the subscription did not end when the server stopped";
    EXPECT_TRUE(end->error_code() == grpc::StatusCode::UNAVAILABLE ||
                end->error_code() == grpc::StatusCode::CANCELLED)
        << end->error_code() << " " << end->error_message();
    seen = subscriber.events();
  }
  ASSERT_FALSE(seen.empty());
  // What it saw before the stop was the log from position 1, chained from the all-zero hash.
  ASSERT_NO_FATAL_FAILURE(ExpectChain(seen, 1, seen.back().position(), std::string(32, '\0')));
  const v1::Event last_seen = seen.back();

  RunningServer restarted(dir, args);
  ASSERT_FALSE(restarted.address().empty());
  {
    // Scoped: the clients' channels close before SIGTERM (an idle connection holds up the
    // server's shutdown for its whole grace period).
    Writer writer(restarted.address(), coordinator, agency);
    for (int i = 0; i < 5; ++i) writer.MeasureLifecycle("b-" + std::to_string(i));
    const v1::Head head = GetHead(restarted.address(), auditor);
    ASSERT_EQ(head.position(), 2u + 15u * 4u);
    ASSERT_EQ(writer.last_position(), head.position());

    Subscriber resumed(restarted.address(), auditor, last_seen.position() + 1);
    ASSERT_TRUE(resumed.WaitForPosition(head.position()));
    resumed.Cancel();
    std::optional<grpc::Status> end = resumed.WaitForEnd();
    ASSERT_TRUE(end.has_value());
    EXPECT_EQ(end->error_code(), grpc::StatusCode::CANCELLED) << end->error_message();
    const std::vector<v1::Event> rest = resumed.events();
    ASSERT_NO_FATAL_FAILURE(
        ExpectChain(rest, last_seen.position() + 1, head.position(), last_seen.hash()));
    EXPECT_EQ(rest.back().hash(), head.hash());
  }
  EXPECT_EQ(restarted.Terminate(), 0);
}

// SIGTERM ends a live subscription at once with UNAVAILABLE (the service's "the event log is
// closing; resume from the last position seen + 1"), rather than holding up the shutdown until
// the server's grace period (5 s) runs out and gRPC cancels every call.
TEST(SubscribeRestartE2E, SigtermEndsALiveSubscriptionAtOnceWithUnavailable) {
  TempDir dir;
  const std::string coordinator = AddToken(dir, "samordnare", "coordinator");
  const std::string auditor = AddToken(dir, "revisor", "auditor");
  RunningServer server(dir, {"--tokens", dir.Sub("tokens").string()});
  ASSERT_FALSE(server.address().empty());
  Subscriber subscriber(server.address(), auditor, 1);
  {
    Writer writer(server.address(), coordinator, "");
    writer.CreatePlanAndAgency();
  }
  ASSERT_TRUE(subscriber.WaitForPosition(2));

  std::future<int> exit_code = std::async(std::launch::async, [&] { return server.Terminate(); });
  // Well inside the 5 s grace: a subscription that is only cancelled when the grace runs out
  // misses it.
  std::optional<grpc::Status> end = subscriber.WaitForEnd(std::chrono::seconds(3));
  ASSERT_TRUE(end.has_value()) << "the subscription was still open 3 s after SIGTERM";
  EXPECT_EQ(end->error_code(), grpc::StatusCode::UNAVAILABLE) << end->error_message();
  EXPECT_NE(end->error_message().find("resume"), std::string::npos) << end->error_message();
  EXPECT_EQ(exit_code.get(), 0);
}

}  // namespace
}  // namespace trygg::testing
