// StatusService and ProjectionHost through a real gRPC server on a loopback port and a real event
// store in a temp dir. Events are appended straight to the store (domain-encoded), so these tests
// do not depend on ActionPlanService.
#include "api/status_service.h"

#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "api/projection_host.h"
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
constexpr char kPolice[] = "polisen-lpo-varnamo";
constexpr char kSocial[] = "varnamo-kommun-socialtjansten";
constexpr char kToday[] = "2026-06-15";

// Set once from any thread, waited for with a deadline.
class Flag {
 public:
  void Set() {
    std::lock_guard lock(mu_);
    set_ = true;
    cv_.notify_all();
  }
  bool WaitFor(std::chrono::steady_clock::duration timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [this] { return set_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

// Collects WhenApplied results: how often done ran and with what.
struct DoneLog {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<bool> results;

  std::function<void(bool)> Callback() {
    return [this](bool reached) {
      std::lock_guard lock(mu);
      results.push_back(reached);
      cv.notify_all();
    };
  }
  bool WaitForCount(std::size_t n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, kDeadline, [&] { return results.size() >= n; });
  }
  std::vector<bool> Snapshot() {
    std::lock_guard lock(mu);
    return results;
  }
};

// The store and tokens, with the plan's domain events appended straight to the store.
class StoreFixture : public service_testing::RoleTokensTest {
 protected:
  uint64_t CreatePlan() {
    v1::PlanCreated plan;
    plan.set_plan_id(kPlan);
    plan.set_name("Tryggare Värnamo 2026");
    plan.set_municipality("Värnamo kommun");
    auto* narcotics = plan.add_focus_areas();
    narcotics->set_key("narkotika");
    narcotics->set_name("Narkotika");
    auto* insecurity = plan.add_focus_areas();
    insecurity->set_key("otrygghet");
    insecurity->set_name("Otrygghet");
    return Append(domain::PlanStream(kPlan), plan);
  }
  uint64_t RegisterAgency(const std::string& id, const std::string& name) {
    v1::AgencyRegistered agency;
    agency.set_agency_id(id);
    agency.set_name(name);
    agency.set_kind("authority");
    return Append(domain::AgencyStream(id), agency);
  }
  uint64_t Propose(const std::string& id, const std::string& focus_area) {
    v1::MeasureProposed proposed;
    proposed.set_measure_id(id);
    proposed.set_plan_id(kPlan);
    proposed.set_focus_area(focus_area);
    proposed.set_title("Åtgärd " + id);
    return Append(domain::MeasureStream(id), proposed);
  }
  uint64_t Prioritise(const std::string& id, v1::Priority priority) {
    v1::MeasurePrioritised prioritised;
    prioritised.set_measure_id(id);
    prioritised.set_priority(priority);
    return Append(domain::MeasureStream(id), prioritised);
  }
  uint64_t Assign(const std::string& id, const std::string& agency, const std::string& due) {
    v1::MeasureAssigned assigned;
    assigned.set_measure_id(id);
    assigned.set_agency_id(agency);
    assigned.set_due_date(due);
    assigned.set_note("gör det");
    return Append(domain::MeasureStream(id), assigned);
  }
};

class StatusServiceTest : public StoreFixture {
 protected:
  void TearDown() override {
    // The server's order: waiters first (they finish their calls), then the gRPC server, then the
    // services and the host, then the store.
    if (host_) host_->Shutdown();
    if (server_) {
      server_->Shutdown(system_clock::now() + kDeadline);
      server_->Wait();
    }
    stub_.reset();
    server_.reset();
    service_.reset();
    host_.reset();
    store_.reset();
  }

  void StartServer() {
    host_ = std::make_unique<ProjectionHost>();
    const grpc::Status started = host_->Start(*store_);
    ASSERT_TRUE(started.ok()) << started.error_message();
    service_ = std::make_unique<StatusService>(*host_, *store_, tokens_.get(), absl::UTCTimeZone(),
                                               [] { return kToday; });
    int port = 0;
    server_ = service_testing::StartOnLoopback(*service_, port);
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port, 0);
    channel_ = service_testing::LoopbackChannel(port);
    stub_ = v1::StatusService::NewStub(channel_);
  }

  // SeedPlan(), then the server.
  void StartSeededServer() {
    SeedPlan();
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  grpc::Status GetMeasure(const std::string& id, v1::Measure* out, uint64_t min_position = 0,
                          const std::string* token = nullptr) {
    v1::GetMeasureRequest request;
    request.set_measure_id(id);
    request.set_min_position(min_position);
    auto context = Context(token != nullptr ? *token : reader_);
    return stub_->GetMeasure(context.get(), request, out);
  }

  grpc::Status GetAgencyStatus(const v1::GetAgencyStatusRequest& request, v1::AgencyStatus* out,
                               const std::string& token) {
    auto context = Context(token);
    return stub_->GetAgencyStatus(context.get(), request, out);
  }

  grpc::Status GetPlanOverview(const v1::GetPlanOverviewRequest& request, v1::PlanOverview* out,
                               const std::string& token) {
    auto context = Context(token);
    return stub_->GetPlanOverview(context.get(), request, out);
  }

  // Plan, two agencies, five measures m1..m5 in two focus areas:
  //   m1 narkotika PROPOSED, m2 narkotika PRIORITISED HIGH, m3 narkotika ASSIGNED police overdue,
  //   m4 otrygghet ASSIGNED police not overdue, m5 otrygghet ASSIGNED social services.
  uint64_t SeedPlan() {
    CreatePlan();
    RegisterAgency(kPolice, "Polisen, lokalpolisområde Värnamo");
    RegisterAgency(kSocial, "Värnamo kommun, socialtjänsten");
    for (const char* id : {"m1", "m2", "m3"}) Propose(id, "narkotika");
    for (const char* id : {"m4", "m5"}) Propose(id, "otrygghet");
    Prioritise("m2", v1::PRIORITY_HIGH);
    for (const char* id : {"m3", "m4", "m5"}) Prioritise(id, v1::PRIORITY_MEDIUM);
    Assign("m3", kPolice, "2026-05-01");
    Assign("m4", kPolice, "2026-12-31");
    return Assign("m5", kSocial, "2026-09-30");
  }

  std::unique_ptr<ProjectionHost> host_;
  std::unique_ptr<StatusService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::StatusService::Stub> stub_;
};

std::vector<std::string> Ids(const google::protobuf::RepeatedPtrField<v1::Measure>& measures) {
  std::vector<std::string> ids;
  for (const v1::Measure& measure : measures) ids.push_back(measure.measure_id());
  return ids;
}

uint64_t CountOf(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts,
                 v1::MeasureStatus status) {
  for (const v1::StatusCount& count : counts) {
    if (count.status() == status) return count.count();
  }
  return 0;
}

TEST_F(StatusServiceTest, RebuildsFromExistingEventsThenFollowsLive) {
  const uint64_t seeded = SeedPlan();
  ASSERT_NO_FATAL_FAILURE(StartServer());
  EXPECT_EQ(host_->applied_position(), seeded);

  v1::Measure m3;
  ASSERT_THAT(GetMeasure("m3", &m3), IsOk());
  EXPECT_EQ(m3.status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(m3.responsible_agency_id(), kPolice);
  EXPECT_EQ(m3.due_date(), "2026-05-01");
  EXPECT_TRUE(m3.overdue());  // judged by the injected date
  EXPECT_EQ(m3.version(), 3u);

  // Live: a new measure and a re-assignment, read at the positions they were written.
  const uint64_t proposed = Propose("m6", "otrygghet");
  v1::Measure m6;
  ASSERT_THAT(GetMeasure("m6", &m6, proposed), IsOk());
  EXPECT_EQ(m6.status(), v1::MEASURE_STATUS_PROPOSED);
  EXPECT_EQ(m6.plan_id(), kPlan);

  const uint64_t reassigned = Assign("m3", kSocial, "2026-12-01");
  ASSERT_THAT(GetMeasure("m3", &m3, reassigned), IsOk());
  EXPECT_EQ(m3.responsible_agency_id(), kSocial);
  EXPECT_FALSE(m3.overdue());
  EXPECT_EQ(m3.version(), 4u);
}

TEST_F(StatusServiceTest, MinPositionWaitsForTheWriteWithoutBlocking) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  const uint64_t next = host_->applied_position() + 1;

  // Ask for a position not yet written; the call waits on the server.
  v1::GetMeasureRequest request;
  request.set_measure_id("m7");
  request.set_min_position(next);
  auto context = Context(reader_);
  v1::Measure measure;
  grpc::Status status;
  Flag done;
  stub_->async()->GetMeasure(context.get(), &request, &measure, [&](grpc::Status s) {
    status = std::move(s);
    done.Set();
  });
  // Meanwhile other queries are answered (no gRPC thread is held by the waiting one).
  v1::Measure m1;
  ASSERT_THAT(GetMeasure("m1", &m1), IsOk());
  EXPECT_FALSE(done.WaitFor(std::chrono::milliseconds(0)));

  EXPECT_EQ(Propose("m7", "narkotika"), next);
  ASSERT_TRUE(done.WaitFor(kDeadline));
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(measure.measure_id(), "m7");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_PROPOSED);
}

TEST_F(StatusServiceTest, MinPositionThatNeverComesIsDeadlineExceeded) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  const uint64_t applied = host_->applied_position();
  v1::GetMeasureRequest request;
  request.set_measure_id("m1");
  request.set_min_position(applied + 1000);
  auto context = Context(reader_, std::chrono::seconds(1));
  v1::Measure measure;
  const grpc::Status status = stub_->GetMeasure(context.get(), request, &measure);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  // The server gives up kMinPositionReplyMargin early, so its own message arrives.
  EXPECT_NE(
      status.error_message().find("have not reached position " + std::to_string(applied + 1000)),
      std::string::npos)
      << status.error_message();

  // The waiter is gone once the deadline passed, and the server still answers.
  v1::Measure m1;
  ASSERT_THAT(GetMeasure("m1", &m1), IsOk());
  DoneLog log;
  ASSERT_THAT(host_->WhenApplied(applied + 1000, system_clock::now(), log.Callback()), IsOk());
  ASSERT_TRUE(log.WaitForCount(1));
  EXPECT_EQ(log.Snapshot(), std::vector<bool>{false});
}

TEST_F(StatusServiceTest, GetMeasureNotFoundAndMissingId) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  v1::Measure measure;
  grpc::Status status = GetMeasure("no-such-measure", &measure);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("no-such-measure"), std::string::npos);

  status = GetMeasure("", &measure);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("measure_id"), std::string::npos);
}

TEST_F(StatusServiceTest, ListMeasuresPagesAndFilters) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());

  // Paging through everything, two at a time, in id order.
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListMeasuresRequest request;
    request.set_page_size(2);
    request.set_page_token(token);
    v1::ListMeasuresResponse response;
    auto context = Context(reader_);
    const grpc::Status status = stub_->ListMeasures(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_LE(response.measures_size(), 2);
    for (const std::string& id : Ids(response.measures())) seen.push_back(id);
    token = response.next_page_token();
    ASSERT_LT(++pages, 10);
  } while (!token.empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"m1", "m2", "m3", "m4", "m5"}));

  const auto list = [&](auto&& fill) {
    v1::ListMeasuresRequest request;
    fill(request);
    v1::ListMeasuresResponse response;
    auto context = Context(coordinator_);
    const grpc::Status status = stub_->ListMeasures(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return Ids(response.measures());
  };
  EXPECT_EQ(list([](v1::ListMeasuresRequest& r) { r.set_focus_area("otrygghet"); }),
            (std::vector<std::string>{"m4", "m5"}));
  EXPECT_EQ(list([](v1::ListMeasuresRequest& r) { r.set_agency_id(kPolice); }),
            (std::vector<std::string>{"m3", "m4"}));
  EXPECT_EQ(list([](v1::ListMeasuresRequest& r) { r.set_status(v1::MEASURE_STATUS_ASSIGNED); }),
            (std::vector<std::string>{"m3", "m4", "m5"}));
  EXPECT_EQ(list([](v1::ListMeasuresRequest& r) {
              r.set_plan_id(kPlan);
              r.set_focus_area("narkotika");
              r.set_status(v1::MEASURE_STATUS_PRIORITISED);
            }),
            (std::vector<std::string>{"m2"}));
  EXPECT_TRUE(list([](v1::ListMeasuresRequest& r) { r.set_plan_id("another-plan"); }).empty());

  v1::ListMeasuresRequest too_big;
  too_big.set_page_size(501);
  v1::ListMeasuresResponse response;
  auto context = Context(reader_);
  const grpc::Status status = stub_->ListMeasures(context.get(), too_big, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page_size"), std::string::npos);
}

TEST_F(StatusServiceTest, GetAgencyStatusCountsOverdueAndFirstPage) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  v1::GetAgencyStatusRequest request;
  request.set_agency_id(kPolice);
  request.set_page_size(1);
  v1::AgencyStatus status;
  const grpc::Status answer = GetAgencyStatus(request, &status, agency_);
  ASSERT_TRUE(answer.ok()) << answer.error_message();
  EXPECT_EQ(status.agency().agency_id(), kPolice);
  EXPECT_EQ(status.agency().name(), "Polisen, lokalpolisområde Värnamo");
  EXPECT_EQ(status.total_measures(), 2u);
  EXPECT_EQ(CountOf(status.counts(), v1::MEASURE_STATUS_ASSIGNED), 2u);
  EXPECT_EQ(status.overdue(), 1u);
  // Same priority: earliest due date first, and only page_size of them.
  EXPECT_EQ(Ids(status.measures()), std::vector<std::string>{"m3"});

  request.set_agency_id("no-such-agency");
  EXPECT_EQ(GetAgencyStatus(request, &status, agency_).error_code(), grpc::StatusCode::NOT_FOUND);

  request.set_agency_id("");
  const grpc::Status missing = GetAgencyStatus(request, &status, agency_);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(missing.error_message().find("agency_id"), std::string::npos);

  request.set_agency_id(kPolice);
  request.set_page_size(501);
  EXPECT_EQ(GetAgencyStatus(request, &status, agency_).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// GetAgencyStatus sends its measures as serialised copies kept with the projections (made anew
// after each change) and adds `overdue` per query; each must be the measure GetMeasure (which
// copies the view) gives, also after a change.
TEST_F(StatusServiceTest, GetAgencyStatusMeasuresAreTheMeasuresGetMeasureGives) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  auto expect_listed = [&](uint64_t min_position, const std::vector<std::string>& ids,
                           const std::vector<bool>& overdue) {
    v1::GetAgencyStatusRequest request;
    request.set_agency_id(kPolice);
    request.set_min_position(min_position);
    v1::AgencyStatus status;
    const grpc::Status answer = GetAgencyStatus(request, &status, agency_);
    ASSERT_TRUE(answer.ok()) << answer.error_message();
    ASSERT_EQ(Ids(status.measures()), ids);
    for (int i = 0; i < status.measures_size(); ++i) {
      const v1::Measure& listed = status.measures(i);
      EXPECT_EQ(listed.overdue(), overdue[i]) << listed.measure_id();
      v1::Measure alone;
      ASSERT_THAT(GetMeasure(listed.measure_id(), &alone, min_position), IsOk());
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(listed, alone))
          << listed.DebugString() << "\nGetMeasure: " << alone.DebugString();
    }
  };
  ASSERT_NO_FATAL_FAILURE(expect_listed(0, {"m3", "m4"}, {true, false}));
  ASSERT_NO_FATAL_FAILURE(expect_listed(0, {"m3", "m4"}, {true, false}));  // from the copies
  // m4 is re-assigned, due before m3 and so overdue too: its copy must be made anew.
  const uint64_t changed = Assign("m4", kPolice, "2026-01-15");
  ASSERT_NO_FATAL_FAILURE(expect_listed(changed, {"m4", "m3"}, {true, true}));
}

// Bytes that are not a GetAgencyStatusRequest are the caller's error, not the server's.
TEST_F(StatusServiceTest, GetAgencyStatusRefusesARequestThatDoesNotParse) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  grpc::GenericStub generic(channel_);
  const std::string garbage = "\x0a\xff\xff\xff\xff\x0f";  // a field longer than the message
  grpc::Slice slice(garbage);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer reply;
  auto context = Context(reader_);
  std::mutex mu;
  std::condition_variable cv;
  std::optional<grpc::Status> status;
  generic.UnaryCall(context.get(), "/trygg.v1.StatusService/GetAgencyStatus", grpc::StubOptions(),
                    &request, &reply, [&](grpc::Status s) {
                      std::lock_guard lock(mu);
                      status = std::move(s);
                      cv.notify_one();
                    });
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return status.has_value(); });
  EXPECT_EQ(status->error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status->error_message();
}

TEST_F(StatusServiceTest, GetPlanOverviewCountsPerFocusArea) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  v1::GetPlanOverviewRequest request;
  request.set_plan_id(kPlan);
  v1::PlanOverview overview;
  const grpc::Status answer = GetPlanOverview(request, &overview, auditor_);
  ASSERT_TRUE(answer.ok()) << answer.error_message();
  EXPECT_EQ(overview.name(), "Tryggare Värnamo 2026");
  EXPECT_EQ(overview.municipality(), "Värnamo kommun");
  ASSERT_EQ(overview.focus_areas_size(), 2);
  const v1::FocusAreaOverview& narcotics = overview.focus_areas(0);
  EXPECT_EQ(narcotics.focus_area().key(), "narkotika");
  EXPECT_EQ(CountOf(narcotics.counts(), v1::MEASURE_STATUS_PROPOSED), 1u);
  EXPECT_EQ(CountOf(narcotics.counts(), v1::MEASURE_STATUS_PRIORITISED), 1u);
  EXPECT_EQ(CountOf(narcotics.counts(), v1::MEASURE_STATUS_ASSIGNED), 1u);
  EXPECT_EQ(narcotics.overdue(), 1u);
  EXPECT_EQ(narcotics.prioritised_unassigned(), 1u);
  const v1::FocusAreaOverview& insecurity = overview.focus_areas(1);
  EXPECT_EQ(insecurity.focus_area().key(), "otrygghet");
  EXPECT_EQ(CountOf(insecurity.counts(), v1::MEASURE_STATUS_ASSIGNED), 2u);
  EXPECT_EQ(insecurity.overdue(), 0u);
  EXPECT_EQ(CountOf(overview.counts(), v1::MEASURE_STATUS_ASSIGNED), 3u);
  EXPECT_EQ(overview.overdue(), 1u);

  request.set_plan_id("no-such-plan");
  EXPECT_EQ(GetPlanOverview(request, &overview, auditor_).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_plan_id("");
  const grpc::Status missing = GetPlanOverview(request, &overview, auditor_);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(missing.error_message().find("plan_id"), std::string::npos);
}

TEST_F(StatusServiceTest, EveryRoleMayReadButOnlyWithAToken) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  v1::Measure measure;
  for (const std::string* token : {&coordinator_, &agency_, &auditor_, &reader_}) {
    EXPECT_THAT(GetMeasure("m1", &measure, 0, token), IsOk());
  }
  const std::string none;
  EXPECT_EQ(GetMeasure("m1", &measure, 0, &none).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  const std::string wrong = "not-a-token";
  EXPECT_EQ(GetMeasure("m1", &measure, 0, &wrong).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::GetPlanOverviewRequest request;
  request.set_plan_id(kPlan);
  v1::PlanOverview overview;
  auto context = Context("");
  EXPECT_EQ(stub_->GetPlanOverview(context.get(), request, &overview).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(StatusServiceTest, WhoAmITellsEachCallerItsPrincipalRoleAndAgency) {
  ASSERT_NO_FATAL_FAILURE(StartServer());  // needs no events: WhoAmI reads no projection
  struct Expected {
    const std::string* token;
    const char* principal;
    const char* role;
    const char* agency;
  };
  for (const Expected& e : {Expected{&coordinator_, "samordnare", "coordinator", "varnamo-kommun"},
                            Expected{&agency_, "kommunpolis", "agency", "polisen-lpo-varnamo"},
                            Expected{&auditor_, "revisor", "auditor", ""},
                            Expected{&reader_, "lasare", "reader", ""}}) {
    v1::WhoAmIResponse me;
    auto context = Context(*e.token);
    ASSERT_TRUE(stub_->WhoAmI(context.get(), v1::WhoAmIRequest(), &me).ok()) << e.principal;
    EXPECT_EQ(me.principal(), e.principal);
    EXPECT_EQ(me.role(), e.role);
    EXPECT_EQ(me.agency_id(), e.agency);
    EXPECT_FALSE(me.anonymous());
  }
  v1::WhoAmIResponse me;
  auto context = Context("not-a-token");
  const grpc::Status refused = stub_->WhoAmI(context.get(), v1::WhoAmIRequest(), &me);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(refused.error_message(), "the token was not recognised");
}

TEST_F(StatusServiceTest, RefusedEventMakesQueriesUnavailable) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  // A log that contradicts itself: m1 proposed a second time.
  const uint64_t bad = Propose("m1", "narkotika");
  // Either the host has failed already (UNAVAILABLE at once) or the waiter completes with false
  // when it does.
  DoneLog log;
  const grpc::Status waiting =
      host_->WhenApplied(bad, system_clock::now() + kDeadline, log.Callback());
  if (waiting.ok()) {
    ASSERT_TRUE(log.WaitForCount(1));
    EXPECT_EQ(log.Snapshot(), std::vector<bool>{false});
  } else {
    EXPECT_EQ(waiting.error_code(), grpc::StatusCode::UNAVAILABLE);
  }
  EXPECT_EQ(host_->applied_position(), bad - 1);

  v1::Measure measure;
  const grpc::Status status = GetMeasure("m2", &measure);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(
      status.error_message().find("projections stopped at position " + std::to_string(bad - 1)),
      std::string::npos)
      << status.error_message();
  // And it stays stopped: later events are not applied.
  Propose("m9", "narkotika");
  EXPECT_EQ(GetMeasure("m9", &measure, bad + 1).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(StatusServiceTest, ShutdownFinishesWaitingQueriesUnavailable) {
  ASSERT_NO_FATAL_FAILURE(StartSeededServer());
  v1::GetMeasureRequest request;
  request.set_measure_id("m1");
  request.set_min_position(host_->applied_position() + 1);
  auto context = Context(reader_);
  v1::Measure measure;
  grpc::Status status;
  Flag done;
  stub_->async()->GetMeasure(context.get(), &request, &measure, [&](grpc::Status s) {
    status = std::move(s);
    done.Set();
  });
  // Wait until the call is parked in the host, then shut the host down.
  const auto until = std::chrono::steady_clock::now() + kDeadline;
  DoneLog poll;
  while (host_->pending_waiters() == 0 && std::chrono::steady_clock::now() < until) {
    // Waits without sleeping: a waiter on a past deadline completes on the host's thread.
    const std::size_t polled = poll.Snapshot().size();
    ASSERT_THAT(host_->WhenApplied(UINT64_MAX, system_clock::now(), poll.Callback()), IsOk());
    ASSERT_TRUE(poll.WaitForCount(polled + 1));
  }
  ASSERT_EQ(host_->pending_waiters(), 1u);
  host_->Shutdown();
  ASSERT_TRUE(done.WaitFor(kDeadline));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

// ---- ProjectionHost on its own.

class ProjectionHostTest : public StoreFixture {};

TEST_F(ProjectionHostTest, WhenAppliedCompletesEachWaiterExactlyOnce) {
  CreatePlan();
  ProjectionHost host;
  ASSERT_THAT(host.Start(*store_), IsOk());
  ASSERT_THAT(host.Check(), IsOk());
  EXPECT_EQ(host.applied_position(), 1u);

  DoneLog already, later, expired;
  ASSERT_THAT(host.WhenApplied(1, system_clock::now() + kDeadline, already.Callback()), IsOk());
  EXPECT_EQ(already.Snapshot(), std::vector<bool>{true});  // at once, on this thread

  ASSERT_THAT(host.WhenApplied(3, system_clock::now() + kDeadline, later.Callback()), IsOk());
  ASSERT_THAT(host.WhenApplied(100, system_clock::now() + std::chrono::milliseconds(50),
                               expired.Callback()),
              IsOk());
  ASSERT_TRUE(expired.WaitForCount(1));
  EXPECT_EQ(expired.Snapshot(), std::vector<bool>{false});
  EXPECT_TRUE(later.Snapshot().empty());

  RegisterAgency(kPolice, "Polisen");
  EXPECT_TRUE(later.Snapshot().empty());
  RegisterAgency(kSocial, "Socialtjänsten");
  ASSERT_TRUE(later.WaitForCount(1));
  EXPECT_EQ(later.Snapshot(), std::vector<bool>{true});
  EXPECT_EQ(host.applied_position(), 3u);

  host.Shutdown();
  EXPECT_EQ(already.Snapshot().size() + later.Snapshot().size() + expired.Snapshot().size(), 3u);
  EXPECT_EQ(host.pending_waiters(), 0u);
  EXPECT_EQ(host.Check().error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ProjectionHostTest, WaitersAreBoundedAndShutdownCompletesThem) {
  ProjectionHost host;
  ASSERT_THAT(host.Start(*store_), IsOk());
  std::atomic<std::size_t> reached{0}, missed{0};
  for (std::size_t i = 0; i < kMaxProjectionWaiters; ++i) {
    ASSERT_THAT(host.WhenApplied(1000 + i, system_clock::now() + std::chrono::hours(1),
                                 [&](bool ok) { ++(ok ? reached : missed); }),
                IsOk());
  }
  const grpc::Status refused = host.WhenApplied(5, system_clock::now() + std::chrono::hours(1),
                                                [](bool) { ADD_FAILURE() << "called"; });
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(host.pending_waiters(), kMaxProjectionWaiters);

  host.Shutdown();  // completes all with false and joins the host's thread
  EXPECT_EQ(missed.load(), kMaxProjectionWaiters);
  EXPECT_EQ(reached.load(), 0u);
  EXPECT_EQ(host.pending_waiters(), 0u);
  const grpc::Status after =
      host.WhenApplied(5, system_clock::now() + kDeadline, [](bool) { ADD_FAILURE() << "called"; });
  EXPECT_EQ(after.error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ProjectionHostTest, RebuildStopsAtARefusedEvent) {
  CreatePlan();
  v1::PlanCreated again;
  again.set_plan_id(kPlan);
  again.set_name("again");
  const uint64_t bad = Append(domain::PlanStream(kPlan), again);  // created twice: INTERNAL
  ProjectionHost host;
  const grpc::Status started = host.Start(*store_);
  EXPECT_EQ(started.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(started.error_message().find("projections stopped at position 1"), std::string::npos)
      << started.error_message();
  EXPECT_NE(started.error_message().find("position " + std::to_string(bad)), std::string::npos);
  EXPECT_EQ(host.Check().error_message(), started.error_message());
  EXPECT_EQ(host.applied_position(), 1u);
}

TEST_F(ProjectionHostTest, StoreClosingStopsTheHost) {
  CreatePlan();
  ProjectionHost host;
  ASSERT_THAT(host.Start(*store_), IsOk());
  DoneLog log;
  ASSERT_THAT(host.WhenApplied(2, system_clock::now() + kDeadline, log.Callback()), IsOk());
  store_.reset();  // ends the subscription with UNAVAILABLE
  ASSERT_TRUE(log.WaitForCount(1));
  EXPECT_EQ(log.Snapshot(), std::vector<bool>{false});
  EXPECT_EQ(host.Check().error_code(), grpc::StatusCode::UNAVAILABLE);
  host.Shutdown();
}

}  // namespace
}  // namespace trygg::api
