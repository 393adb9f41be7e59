// Calling ActionPlanService (and reading StatusService) through a real gRPC server on a loopback
// port, for the service tests: one Call for every command, assertions on its outcome, and the
// in-process server. Header-only.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "api/action_plan_service.h"
#include "api/principal.h"
#include "api/projection_host.h"
#include "api/status_service.h"
#include "api/token_file.h"
#include "service_fixture.h"
#include "testutil/eventstore_util.h"
#include "trygg/domain/codec.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::api::service_testing {

using Stub = v1::ActionPlanService::Stub;

// The plan and agencies the service tests write.
inline constexpr char kPlan[] = "tryggare-varnamo-2026";
inline constexpr char kPolice[] = "polisen-lpo-varnamo";
inline constexpr char kSocial[] = "varnamo-kommun-socialtjansten";
inline constexpr char kRescue[] = "raddningstjansten-varnamo";
inline constexpr char kMeasure[] = "nattvandring-centrum";

struct Outcome {
  grpc::Status status;
  v1::CommandReply reply;
};

// The stub method that takes each request.
constexpr auto MethodFor(const v1::CreatePlanRequest&) { return &Stub::CreatePlan; }
constexpr auto MethodFor(const v1::RegisterAgencyRequest&) { return &Stub::RegisterAgency; }
constexpr auto MethodFor(const v1::ProposeMeasureRequest&) { return &Stub::ProposeMeasure; }
constexpr auto MethodFor(const v1::PrioritiseMeasureRequest&) { return &Stub::PrioritiseMeasure; }
constexpr auto MethodFor(const v1::AssignMeasureRequest&) { return &Stub::AssignMeasure; }
constexpr auto MethodFor(const v1::StartMeasureRequest&) { return &Stub::StartMeasure; }
constexpr auto MethodFor(const v1::ReportProgressRequest&) { return &Stub::ReportProgress; }
constexpr auto MethodFor(const v1::CompleteMeasureRequest&) { return &Stub::CompleteMeasure; }
constexpr auto MethodFor(const v1::WithdrawMeasureRequest&) { return &Stub::WithdrawMeasure; }
constexpr auto MethodFor(const v1::RecordResidentInputRequest&) {
  return &Stub::RecordResidentInput;
}
constexpr auto MethodFor(const v1::RecordFindingRequest&) { return &Stub::RecordFinding; }
constexpr auto MethodFor(const v1::ReviseFindingRequest&) { return &Stub::ReviseFinding; }
constexpr auto MethodFor(const v1::RetireFindingRequest&) { return &Stub::RetireFinding; }
constexpr auto MethodFor(const v1::IdentifyCauseRequest&) { return &Stub::IdentifyCause; }
constexpr auto MethodFor(const v1::ReviseCauseRequest&) { return &Stub::ReviseCause; }
constexpr auto MethodFor(const v1::RetireCauseRequest&) { return &Stub::RetireCause; }
constexpr auto MethodFor(const v1::LinkMeasureToCauseRequest&) { return &Stub::LinkMeasureToCause; }
constexpr auto MethodFor(const v1::UnlinkMeasureFromCauseRequest&) {
  return &Stub::UnlinkMeasureFromCause;
}
constexpr auto MethodFor(const v1::SetOperationalGoalRequest&) { return &Stub::SetOperationalGoal; }
constexpr auto MethodFor(const v1::RetireOperationalGoalRequest&) {
  return &Stub::RetireOperationalGoal;
}
constexpr auto MethodFor(const v1::AddPartnerRequest&) { return &Stub::AddPartner; }
constexpr auto MethodFor(const v1::RemovePartnerRequest&) { return &Stub::RemovePartner; }
constexpr auto MethodFor(const v1::RecordFollowUpRequest&) { return &Stub::RecordFollowUp; }
constexpr auto MethodFor(const v1::FormWorkingGroupRequest&) { return &Stub::FormWorkingGroup; }
constexpr auto MethodFor(const v1::ChangeWorkingGroupRequest&) { return &Stub::ChangeWorkingGroup; }
constexpr auto MethodFor(const v1::MakeCitizenPromiseRequest&) { return &Stub::MakeCitizenPromise; }
constexpr auto MethodFor(const v1::EndCitizenPromiseRequest&) { return &Stub::EndCitizenPromise; }
constexpr auto MethodFor(const v1::AdoptPlanRequest&) { return &Stub::AdoptPlan; }

// Calls the RPC that takes `request`, sending `authorization` as that metadata when given.
template <class Request>
Outcome Call(Stub& stub, const Request& request, const std::optional<std::string>& authorization) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + trygg::testing::kDeadline);
  if (authorization) context.AddMetadata("authorization", *authorization);
  Outcome out;
  out.status = (stub.*MethodFor(request))(&context, request, &out.reply);
  return out;
}

inline ::testing::AssertionResult Ok(const grpc::Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "status " << status.error_code() << ": " << status.error_message();
}

inline ::testing::AssertionResult Ok(const Outcome& outcome) { return Ok(outcome.status); }

// The call failed with `code` and a message containing `part`.
inline ::testing::AssertionResult Fails(const grpc::Status& status, grpc::StatusCode code,
                                        std::string_view part) {
  if (status.error_code() == code && status.error_message().find(part) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "expected code " << code << " with '" << part << "', got "
                                       << status.error_code() << ": " << status.error_message();
}

inline ::testing::AssertionResult Fails(const Outcome& outcome, grpc::StatusCode code,
                                        std::string_view part) {
  return Fails(outcome.status, code, part);
}

inline void ExpectReply(const Outcome& outcome, std::string_view id, std::uint64_t version,
                        std::uint64_t position) {
  ASSERT_TRUE(Ok(outcome));
  EXPECT_EQ(outcome.reply.id(), id);
  EXPECT_EQ(outcome.reply.version(), version);
  EXPECT_EQ(outcome.reply.position(), position);
}

inline bool SameReply(const v1::CommandReply& a, const v1::CommandReply& b) {
  return a.id() == b.id() && a.version() == b.version() && a.position() == b.position() &&
         a.item_id() == b.item_id();
}

// The domain event a stored event holds (a default one, and a failure, if it holds another).
template <class Event>
Event Payload(const eventstore::RecordedEvent& recorded) {
  std::optional<domain::DomainEvent> decoded = domain::Decode(recorded.type, recorded.payload);
  EXPECT_TRUE(decoded && std::holds_alternative<Event>(*decoded)) << recorded.type;
  return decoded && std::holds_alternative<Event>(*decoded) ? std::get<Event>(*decoded) : Event();
}

// A plan with three focus areas (narkotika, otrygghet, otillaten-paverkan).
inline v1::CreatePlanRequest CreatePlanRequest(std::string command_id,
                                               std::string plan_id = kPlan) {
  v1::CreatePlanRequest request;
  request.set_command_id(std::move(command_id));
  request.set_plan_id(std::move(plan_id));
  request.set_name("Tryggare Värnamo 2026");
  request.set_municipality("Värnamo kommun");
  for (auto [key, name] : {std::pair{"narkotika", "Narkotika"},
                           {"otrygghet", "Otrygghet"},
                           {"otillaten-paverkan", "Otillåten påverkan"}}) {
    v1::FocusArea* area = request.add_focus_areas();
    area->set_key(key);
    area->set_name(name);
  }
  return request;
}

// An agency of `kind`.
inline v1::RegisterAgencyRequest RegisterRequest(std::string command_id, std::string agency_id,
                                                 std::string name, std::string kind = "authority") {
  v1::RegisterAgencyRequest request;
  request.set_command_id(std::move(command_id));
  request.set_agency_id(std::move(agency_id));
  request.set_name(std::move(name));
  request.set_kind(std::move(kind));
  return request;
}

// The day StatusService judges by in these tests.
inline constexpr char kToday[] = "2026-06-15";
// The server's time zone in these tests: where a report's dates begin and end.
inline const absl::TimeZone kTimeZone = absl::FixedTimeZone(60 * 60);  // UTC+1, no summer time

// ActionPlanService over `store` in an in-process gRPC server on a loopback port; with
// `with_status`, also StatusService over live projections of the same store (judging by kToday).
class TestServer {
 public:
  TestServer(eventstore::EventStore& store, const TokenFile* tokens, bool with_status = false)
      : service_(store, tokens) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    if (with_status) {
      host_ = std::make_unique<ProjectionHost>();
      if (const grpc::Status started = host_->Start(store); !started.ok()) {
        ADD_FAILURE() << "the projections did not start: " << started.error_message();
      }
      status_service_ =
          std::make_unique<StatusService>(*host_, store, tokens, kTimeZone, [] { return kToday; });
      builder.RegisterService(status_service_.get());
    }
    server_ = builder.BuildAndStart();
    if (server_ == nullptr || port_ == 0) {
      ADD_FAILURE() << "the gRPC server did not start";
      return;
    }
    const std::shared_ptr<grpc::Channel> channel = LoopbackChannel(port_);
    stub_ = v1::ActionPlanService::NewStub(channel);
    status_ = v1::StatusService::NewStub(channel);
  }
  // The server's order: waiters first (they finish their calls), then the gRPC server (which waits
  // for calls in flight), then the services and the host.
  ~TestServer() {
    if (host_) host_->Shutdown();
    if (server_) {
      server_->Shutdown(std::chrono::system_clock::now() + trygg::testing::kDeadline);
      server_->Wait();
    }
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  Stub& stub() { return *stub_; }
  v1::StatusService::Stub& status() { return *status_; }

 private:
  ActionPlanService service_;
  std::unique_ptr<ProjectionHost> host_;
  std::unique_ptr<StatusService> status_service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Stub> stub_;
  std::unique_ptr<v1::StatusService::Stub> status_;
};

// A store, a token per caller (a coordinator, one agency token each for the police, the social
// services and the rescue services, an auditor and a reader) and a TestServer over them.
class ServiceTest : public StoreAndTokensTest {
 protected:
  explicit ServiceTest(bool with_status = false) : with_status_(with_status) {}

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenStore());
    coordinator_ = AddToken({"samordnare", Role::kCoordinator, "varnamo-kommun-ks"});
    police_ = AddToken({"polisen", Role::kAgency, kPolice});
    social_ = AddToken({"socialtjansten", Role::kAgency, kSocial});
    rescue_ = AddToken({"raddningstjansten", Role::kAgency, kRescue});
    auditor_ = AddToken({"revisor", Role::kAuditor, ""});
    reader_ = AddToken({"lasare", Role::kReader, ""});
    ASSERT_NO_FATAL_FAILURE(LoadTokens());
    server_ = std::make_unique<TestServer>(*store_, tokens_.get(), with_status_);
  }

  void TearDown() override {
    server_.reset();  // waits for calls in flight, which need the store
    store_.reset();
  }

  template <class Request>
  Outcome As(const std::string& token, const Request& request) {
    return Call(server_->stub(), request, "Bearer " + token);
  }

  std::vector<eventstore::RecordedEvent> Stream(const std::string& stream_id) {
    auto events = store_->ReadStream(stream_id, eventstore::StreamVersion(1), 1000);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    return events.ok() ? *events : std::vector<eventstore::RecordedEvent>();
  }

  std::uint64_t Head() const { return store_->Head().position.value(); }

  const bool with_status_;
  std::unique_ptr<TestServer> server_;
  std::string coordinator_, police_, social_, rescue_, auditor_, reader_;
};

}  // namespace trygg::api::service_testing
