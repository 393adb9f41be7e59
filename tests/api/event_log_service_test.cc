// EventLogService through a real gRPC server on a loopback port and a real event store in a temp
// dir: the contents of ReadStream / ReadAll / GetHead, access control, and Subscribe (existing
// then live events exactly once, cancellation, slow clients, the store closing).
#include "api/event_log_service.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "api/token_file.h"
#include "service_fixture.h"
#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/domain/codec.h"
#include "trygg/domain/streams.h"

using ::trygg::testing::IsOk;

namespace trygg::api {
namespace {

using service_testing::Context;
using std::chrono::system_clock;
using trygg::testing::kDeadline;

constexpr char kPlan[] = "tryggare-varnamo-2026";

class EventLogServiceTest : public service_testing::RoleTokensTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(RoleTokensTest::SetUp());
    service_ = std::make_unique<EventLogService>(*store_, tokens_.get());
    int port = 0;
    server_ = service_testing::StartOnLoopback(*service_, port);
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port, 0);
    stub_ = v1::EventLogService::NewStub(service_testing::LoopbackChannel(port));
  }

  void TearDown() override {
    if (server_) ShutdownServer();
    stub_.reset();
    service_.reset();
    store_.reset();
  }

  // Shuts the server down with a grace period far longer than the test's deadline, so it only
  // returns in time if every call has finished by itself (a leaked Subscribe would hold it).
  void ShutdownServer() {
    auto shutdown = std::async(std::launch::async, [this] {
      server_->Shutdown(system_clock::now() + std::chrono::hours(1));
      server_->Wait();
    });
    ASSERT_EQ(shutdown.wait_for(kDeadline), std::future_status::ready)
        << "the server did not shut down: a call is still running";
    shutdown.get();
    server_.reset();
  }

  uint64_t Propose(const std::string& id, const std::string& title = "Åtgärd") {
    v1::MeasureProposed proposed;
    proposed.set_measure_id(id);
    proposed.set_plan_id(kPlan);
    proposed.set_focus_area("narkotika");
    proposed.set_title(title);
    return Append(domain::MeasureStream(id), proposed);
  }

  // Plan, agency, measure m1 proposed and prioritised: positions 1..4.
  void Seed() {
    v1::PlanCreated plan;
    plan.set_plan_id(kPlan);
    plan.set_name("Tryggare Värnamo 2026");
    Append(domain::PlanStream(kPlan), plan);
    v1::AgencyRegistered agency;
    agency.set_agency_id("polisen-lpo-varnamo");
    agency.set_name("Polisen");
    Append(domain::AgencyStream("polisen-lpo-varnamo"), agency);
    Propose("m1", "Riktade kontroller");
    v1::MeasurePrioritised prioritised;
    prioritised.set_measure_id("m1");
    prioritised.set_priority(v1::PRIORITY_HIGH);
    Append(domain::MeasureStream("m1"), prioritised);
  }

  // Appends `count` events of an opaque type with `payload_bytes` of payload each, in appends of
  // up to 500 events.
  void AppendFiller(std::size_t count, std::size_t payload_bytes) {
    while (count > 0) {
      const std::size_t n = std::min<std::size_t>(count, 500);
      std::vector<eventstore::EventData> events(
          n, trygg::testing::Event("test.Filler", std::string(payload_bytes, 'x')));
      eventstore::Result<eventstore::AppendResult> appended =
          store_->Append(trygg::testing::Request("filler", std::move(events)));
      ASSERT_TRUE(appended.ok()) << appended.status().ToString();
      count -= n;
    }
  }

  struct Read {
    grpc::Status status;
    std::vector<v1::Event> events;
  };

  Read ReadAll(uint64_t from, uint32_t max_count, const std::string& token) {
    v1::ReadAllRequest request;
    request.set_from_position(from);
    request.set_max_count(max_count);
    auto context = Context(token);
    auto reader = stub_->ReadAll(context.get(), request);
    return Drain(*reader);
  }

  Read ReadStream(const std::string& stream, uint64_t from, uint32_t max_count,
                  const std::string& token) {
    v1::ReadStreamRequest request;
    request.set_stream_id(stream);
    request.set_from_version(from);
    request.set_max_count(max_count);
    auto context = Context(token);
    auto reader = stub_->ReadStream(context.get(), request);
    return Drain(*reader);
  }

  static Read Drain(grpc::ClientReader<v1::Event>& reader) {
    Read read;
    v1::Event event;
    while (reader.Read(&event)) read.events.push_back(event);
    read.status = reader.Finish();
    return read;
  }

  grpc::Status GetHead(const std::string& token, v1::Head* head) {
    auto context = Context(token);
    return stub_->GetHead(context.get(), v1::GetHeadRequest(), head);
  }

  static std::vector<uint64_t> Positions(const std::vector<v1::Event>& events) {
    std::vector<uint64_t> positions;
    for (const v1::Event& event : events) positions.push_back(event.position());
    return positions;
  }

  std::unique_ptr<EventLogService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::EventLogService::Stub> stub_;
};

TEST_F(EventLogServiceTest, ReadAllCarriesTypedPayloadsAndAHashChain) {
  Seed();
  const Read read = ReadAll(0, 0, auditor_);
  ASSERT_TRUE(read.status.ok()) << read.status.error_message();
  ASSERT_EQ(Positions(read.events), (std::vector<uint64_t>{1, 2, 3, 4}));

  const std::vector<eventstore::RecordedEvent> stored = trygg::testing::AllEvents(*store_);
  ASSERT_EQ(stored.size(), 4u);
  for (std::size_t i = 0; i < read.events.size(); ++i) {
    const v1::Event& event = read.events[i];
    SCOPED_TRACE(event.type());
    EXPECT_EQ(event.stream_id(), stored[i].stream_id);
    EXPECT_EQ(event.version(), stored[i].version.value());
    EXPECT_EQ(event.payload().type_url(), "type.googleapis.com/" + event.type());
    EXPECT_EQ(event.payload().value(), stored[i].payload);
    EXPECT_EQ(event.principal(), "samordnare");
    EXPECT_EQ(event.agency(), "varnamo-kommun");
    EXPECT_EQ(event.command_id(), "cmd-" + std::to_string(i + 1));
    const int64_t us = stored[i].recorded_at.time_since_epoch().count();
    EXPECT_EQ(event.recorded_at().seconds(), us / 1'000'000);
    EXPECT_EQ(event.recorded_at().nanos(), (us % 1'000'000) * 1000);
    ASSERT_EQ(event.hash().size(), 32u);
    ASSERT_EQ(event.prev_hash().size(), 32u);
    EXPECT_EQ(event.hash(), std::string(stored[i].hash.begin(), stored[i].hash.end()));
    if (i == 0) {
      EXPECT_EQ(event.prev_hash(), std::string(32, '\0'));
    } else {
      EXPECT_EQ(event.prev_hash(), read.events[i - 1].hash());
    }
  }
  EXPECT_EQ(read.events[0].type(), "trygg.v1.PlanCreated");
  v1::PlanCreated plan;
  ASSERT_TRUE(read.events[0].payload().UnpackTo(&plan));
  EXPECT_EQ(plan.name(), "Tryggare Värnamo 2026");
  v1::MeasureProposed proposed;
  EXPECT_FALSE(read.events[0].payload().UnpackTo(&proposed));  // the type_url says what it is
  ASSERT_TRUE(read.events[2].payload().UnpackTo(&proposed));
  EXPECT_EQ(proposed.title(), "Riktade kontroller");
  v1::MeasurePrioritised prioritised;
  ASSERT_TRUE(read.events[3].payload().UnpackTo(&prioritised));
  EXPECT_EQ(prioritised.priority(), v1::PRIORITY_HIGH);

  v1::Head head;
  ASSERT_THAT(GetHead(auditor_, &head), IsOk());
  EXPECT_EQ(head.position(), 4u);
  EXPECT_EQ(head.hash(), read.events.back().hash());
}

TEST_F(EventLogServiceTest, ReadAllRangesAndLimits) {
  Seed();
  EXPECT_EQ(Positions(ReadAll(3, 0, coordinator_).events), (std::vector<uint64_t>{3, 4}));
  EXPECT_EQ(Positions(ReadAll(1, 2, coordinator_).events), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(Positions(ReadAll(2, 1, agency_).events), (std::vector<uint64_t>{2}));
  const Read past_end = ReadAll(5, 0, coordinator_);
  EXPECT_THAT(past_end.status, IsOk());
  EXPECT_TRUE(past_end.events.empty());

  const Read too_many = ReadAll(1, 10'001, coordinator_);
  EXPECT_EQ(too_many.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(too_many.status.error_message().find("max_count"), std::string::npos);
  EXPECT_THAT(ReadAll(1, 10'000, coordinator_).status, IsOk());
}

TEST_F(EventLogServiceTest, ReadAllSpansManyChunksAndStopsAtMaxCount) {
  ASSERT_NO_FATAL_FAILURE(AppendFiller(2500, 16));
  const Read defaulted = ReadAll(0, 0, auditor_);  // 0 means 1,000
  ASSERT_THAT(defaulted.status, IsOk());
  ASSERT_EQ(defaulted.events.size(), 1000u);
  for (std::size_t i = 0; i < defaulted.events.size(); ++i) {
    ASSERT_EQ(defaulted.events[i].position(), i + 1);
  }
  const Read rest = ReadAll(1001, 10'000, auditor_);
  ASSERT_THAT(rest.status, IsOk());
  ASSERT_EQ(rest.events.size(), 1500u);
  EXPECT_EQ(rest.events.front().position(), 1001u);
  EXPECT_EQ(rest.events.back().position(), 2500u);
  EXPECT_EQ(rest.events.front().prev_hash(), defaulted.events.back().hash());
}

TEST_F(EventLogServiceTest, ReadStreamReadsOneStreamByVersion) {
  Seed();
  Propose("m2");
  v1::MeasureStarted started;
  started.set_measure_id("m1");
  Append(domain::MeasureStream("m1"), started);

  const Read all = ReadStream("measure-m1", 0, 0, auditor_);
  ASSERT_TRUE(all.status.ok()) << all.status.error_message();
  ASSERT_EQ(all.events.size(), 3u);
  for (std::size_t i = 0; i < all.events.size(); ++i) {
    EXPECT_EQ(all.events[i].stream_id(), "measure-m1");
    EXPECT_EQ(all.events[i].version(), i + 1);
  }
  EXPECT_EQ(Positions(all.events), (std::vector<uint64_t>{3, 4, 6}));
  EXPECT_EQ(all.events[2].payload().type_url(), "type.googleapis.com/trygg.v1.MeasureStarted");

  const Read from_two = ReadStream("measure-m1", 2, 1, auditor_);
  ASSERT_THAT(from_two.status, IsOk());
  ASSERT_EQ(from_two.events.size(), 1u);
  EXPECT_EQ(from_two.events[0].version(), 2u);

  const Read unknown = ReadStream("measure-nope", 0, 0, auditor_);
  EXPECT_THAT(unknown.status, IsOk());
  EXPECT_TRUE(unknown.events.empty());

  const Read missing = ReadStream("", 0, 0, auditor_);
  EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(missing.status.error_message().find("stream_id"), std::string::npos);
  EXPECT_EQ(ReadStream("measure-m1", 0, 20'000, auditor_).status.error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(EventLogServiceTest, ReaderRoleAndMissingTokensAreRefused) {
  Seed();
  EXPECT_EQ(ReadAll(0, 0, reader_).status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReadStream("measure-m1", 0, 0, reader_).status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::Head head;
  EXPECT_EQ(GetHead(reader_, &head).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  {
    auto context = Context(reader_);
    auto reader = stub_->Subscribe(context.get(), v1::SubscribeRequest());
    EXPECT_EQ(Drain(*reader).status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(ReadAll(0, 0, "").status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReadAll(0, 0, "bogus").status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(GetHead("", &head).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  {
    auto context = Context("");
    auto reader = stub_->Subscribe(context.get(), v1::SubscribeRequest());
    EXPECT_EQ(Drain(*reader).status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  for (const std::string* token : {&coordinator_, &agency_, &auditor_}) {
    EXPECT_THAT(ReadAll(0, 0, *token).status, IsOk());
    EXPECT_THAT(GetHead(*token, &head), IsOk());
  }
}

TEST_F(EventLogServiceTest, GetHeadOfAnEmptyLog) {
  v1::Head head;
  ASSERT_THAT(GetHead(auditor_, &head), IsOk());
  EXPECT_EQ(head.position(), 0u);
  EXPECT_EQ(head.hash(), std::string(32, '\0'));
}

TEST_F(EventLogServiceTest, SubscribeDeliversStoredThenLiveEventsExactlyOnceInOrder) {
  Seed();
  auto context = Context(auditor_);
  auto reader = stub_->Subscribe(context.get(), v1::SubscribeRequest());  // from the start
  std::vector<uint64_t> seen;
  v1::Event event;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(reader->Read(&event));
    seen.push_back(event.position());
  }
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 3, 4}));

  // Live events arrive as they commit, the stored ones not again.
  for (int i = 0; i < 3; ++i) {
    const uint64_t position = Propose("live-" + std::to_string(i));
    ASSERT_TRUE(reader->Read(&event));
    EXPECT_EQ(event.position(), position);
    EXPECT_EQ(event.stream_id(), "measure-live-" + std::to_string(i));
    v1::MeasureProposed proposed;
    ASSERT_TRUE(event.payload().UnpackTo(&proposed));
    EXPECT_EQ(proposed.measure_id(), "live-" + std::to_string(i));
  }

  // A second subscriber resumes from a position: exactly the events from there on.
  v1::SubscribeRequest resume;
  resume.set_from_position(6);
  auto context2 = Context(coordinator_);
  auto reader2 = stub_->Subscribe(context2.get(), resume);
  ASSERT_TRUE(reader2->Read(&event));
  EXPECT_EQ(event.position(), 6u);
  ASSERT_TRUE(reader2->Read(&event));
  EXPECT_EQ(event.position(), 7u);
  const uint64_t next = Propose("after");
  ASSERT_TRUE(reader2->Read(&event));
  EXPECT_EQ(event.position(), next);
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.position(), next);

  context->TryCancel();
  context2->TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(reader2->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(EventLogServiceTest, SubscribeFromAFuturePositionWaitsForIt) {
  Seed();
  v1::SubscribeRequest request;
  request.set_from_position(6);
  auto context = Context(auditor_);
  auto reader = stub_->Subscribe(context.get(), request);
  Propose("five");
  const uint64_t six = Propose("six");
  v1::Event event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.position(), six);
  context->TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(EventLogServiceTest, CancelledSubscribeFreesTheServerSide) {
  Seed();
  {
    auto context = Context(auditor_);
    auto reader = stub_->Subscribe(context.get(), v1::SubscribeRequest());
    v1::Event event;
    ASSERT_TRUE(reader->Read(&event));
    context->TryCancel();
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // A subscriber that goes away with a batch half written (the client stops reading, then drops).
  {
    ASSERT_NO_FATAL_FAILURE(AppendFiller(600, 4096));
    auto context = Context(auditor_);
    auto reader = stub_->Subscribe(context.get(), v1::SubscribeRequest());
    v1::Event event;
    ASSERT_TRUE(reader->Read(&event));
    context->TryCancel();
    reader->Finish();
  }
  // Appends after the cancellations reach no reactor and break nothing.
  for (int i = 0; i < 5; ++i) Propose("after-" + std::to_string(i));
  EXPECT_EQ(ReadAll(0, 10'000, auditor_).events.size(), 609u);
  // Shutdown with an hour's grace returns at once only if no Subscribe call is left running.
  ShutdownServer();
}

TEST_F(EventLogServiceTest, SlowSubscriberStillGetsEverything) {
  // More than the HTTP/2 flow-control windows hold, in many subscription batches.
  constexpr std::size_t kBefore = 1500, kWhilePaused = 1500, kPayload = 2048;
  ASSERT_NO_FATAL_FAILURE(AppendFiller(kBefore, kPayload));
  auto context = Context(auditor_);
  auto reader = stub_->Subscribe(context.get(), v1::SubscribeRequest());
  v1::Event event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.position(), 1u);

  // The client does not read until the writer thread has appended kWhilePaused more; the server's
  // writes back up against flow control meanwhile and its subscription stays paused.
  std::mutex mu;
  std::condition_variable cv;
  bool appended = false;
  std::thread writer([&] {
    AppendFiller(kWhilePaused, kPayload);
    std::lock_guard lock(mu);
    appended = true;
    cv.notify_all();
  });
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, kDeadline, [&] { return appended; }));
  }
  writer.join();

  uint64_t expected = 2;
  while (expected <= kBefore + kWhilePaused) {
    ASSERT_TRUE(reader->Read(&event)) << "stream ended before position " << expected;
    ASSERT_EQ(event.position(), expected);
    ASSERT_EQ(event.payload().value().size(), kPayload);
    ++expected;
  }
  // Then live again.
  const uint64_t live = Propose("live");
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.position(), live);
  context->TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(EventLogServiceTest, SubscribeFinishesUnavailableWhenTheStoreCloses) {
  Seed();
  auto context = Context(auditor_);
  auto reader = stub_->Subscribe(context.get(), v1::SubscribeRequest());
  v1::Event event;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(reader->Read(&event));
  store_.reset();  // ends every subscription with UNAVAILABLE
  EXPECT_FALSE(reader->Read(&event));
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  ShutdownServer();
}

}  // namespace
}  // namespace trygg::api
