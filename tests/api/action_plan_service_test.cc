// ActionPlanService through a real gRPC server on a loopback port, a real channel and the
// generated stub, over a real event store in a temporary directory and a real token file.
#include "api/action_plan_service.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <future>
#include <iostream>
#include <latch>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "action_plan_client.h"
#include "api/auth.h"
#include "api/token_file.h"
#include "service_fixture.h"
#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/domain/codec.h"
#include "trygg/domain/measure_id.h"
#include "trygg/v1/action_plan.grpc.pb.h"

using ::trygg::testing::IsOk;

namespace trygg::api {
namespace {

using eventstore::RecordedEvent;
using eventstore::StreamVersion;
using grpc::StatusCode;
using service_testing::Call;
using service_testing::CreatePlanRequest;
using service_testing::ExpectReply;
using service_testing::Fails;
using service_testing::Ok;
using service_testing::Outcome;
using service_testing::Payload;
using service_testing::RegisterRequest;
using service_testing::SameReply;
using service_testing::TestServer;

using service_testing::kMeasure;
using service_testing::kPlan;
using service_testing::kPolice;
using service_testing::kSocial;

// --- requests -----------------------------------------------------------------------------------

v1::ProposeMeasureRequest ProposeRequest(std::string command_id, std::string measure_id,
                                         std::string plan_id = kPlan) {
  v1::ProposeMeasureRequest request;
  request.set_command_id(std::move(command_id));
  request.set_plan_id(std::move(plan_id));
  request.set_focus_area("otrygghet");
  request.set_title("Nattvandring i centrum");
  request.set_description("Vuxna på stan fredag och lördag kväll.");
  request.set_measure_id(std::move(measure_id));
  return request;
}

v1::PrioritiseMeasureRequest PrioritiseRequest(std::string command_id, std::string measure_id,
                                               v1::Priority priority = v1::PRIORITY_HIGH) {
  v1::PrioritiseMeasureRequest request;
  request.set_command_id(std::move(command_id));
  request.set_measure_id(std::move(measure_id));
  request.set_priority(priority);
  request.set_rationale("Otryggheten är störst i centrum.");
  return request;
}

v1::AssignMeasureRequest AssignRequest(std::string command_id, std::string measure_id,
                                       std::string agency_id = kPolice) {
  v1::AssignMeasureRequest request;
  request.set_command_id(std::move(command_id));
  request.set_measure_id(std::move(measure_id));
  request.set_agency_id(std::move(agency_id));
  request.set_due_date("2026-06-30");
  request.set_note("Samordnas med föreningarna.");
  return request;
}

v1::StartMeasureRequest StartRequest(std::string command_id, std::string measure_id) {
  v1::StartMeasureRequest request;
  request.set_command_id(std::move(command_id));
  request.set_measure_id(std::move(measure_id));
  return request;
}

v1::ReportProgressRequest ProgressRequest(std::string command_id, std::string measure_id,
                                          std::uint32_t percent) {
  v1::ReportProgressRequest request;
  request.set_command_id(std::move(command_id));
  request.set_measure_id(std::move(measure_id));
  request.set_percent_complete(percent);
  request.set_note("Fyra kvällar genomförda.");
  return request;
}

v1::CompleteMeasureRequest CompleteRequest(std::string command_id, std::string measure_id) {
  v1::CompleteMeasureRequest request;
  request.set_command_id(std::move(command_id));
  request.set_measure_id(std::move(measure_id));
  request.set_outcome("Färre anmälda händelser i centrum.");
  return request;
}

v1::WithdrawMeasureRequest WithdrawRequest(std::string command_id, std::string measure_id) {
  v1::WithdrawMeasureRequest request;
  request.set_command_id(std::move(command_id));
  request.set_measure_id(std::move(measure_id));
  request.set_reason("Ersätts av en bredare åtgärd.");
  return request;
}

class ActionPlanServiceTest : public service_testing::ServiceTest {
 protected:
  // The plan and both agencies (positions 1-3).
  void CreatePlanAndAgencies() {
    ASSERT_TRUE(Ok(As(coordinator_, CreatePlanRequest("skapa-plan"))));
    ASSERT_TRUE(Ok(As(coordinator_, RegisterRequest("reg-polis", kPolice, "Polisen LPO Värnamo"))));
    ASSERT_TRUE(
        Ok(As(coordinator_, RegisterRequest("reg-soc", kSocial, "Socialtjänsten Värnamo"))));
  }

  // A measure proposed, prioritised and assigned to the police (version 3).
  void AssignedMeasure(const std::string& id) {
    ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p-" + id, id))));
    ASSERT_TRUE(Ok(As(coordinator_, PrioritiseRequest("pr-" + id, id))));
    ASSERT_TRUE(Ok(As(coordinator_, AssignRequest("a-" + id, id))));
  }
};

void ExpectMetadata(const RecordedEvent& event, std::string_view principal, std::string_view agency,
                    std::string_view command_id) {
  EXPECT_EQ(event.metadata.principal, principal);
  EXPECT_EQ(event.metadata.agency, agency);
  EXPECT_EQ(event.metadata.command_id, command_id);
}

// --- the lifecycle ------------------------------------------------------------------------------

TEST_F(ActionPlanServiceTest, LifecycleFromPlanToCompletedMeasure) {
  ExpectReply(As(coordinator_, CreatePlanRequest("skapa-plan")), kPlan, 1, 1);
  ExpectReply(As(coordinator_, RegisterRequest("reg-polis", kPolice, "Polisen LPO Värnamo")),
              kPolice, 1, 2);
  ExpectReply(As(coordinator_, RegisterRequest("reg-soc", kSocial, "Socialtjänsten")), kSocial, 1,
              3);
  ExpectReply(As(police_, ProposeRequest("foresla", kMeasure)), kMeasure, 1, 4);
  ExpectReply(As(coordinator_, PrioritiseRequest("prio", kMeasure)), kMeasure, 2, 5);
  ExpectReply(As(coordinator_, AssignRequest("tilldela", kMeasure)), kMeasure, 3, 6);
  ExpectReply(As(police_, StartRequest("starta", kMeasure)), kMeasure, 4, 7);
  ExpectReply(As(police_, ProgressRequest("rapport", kMeasure, 40)), kMeasure, 5, 8);
  ExpectReply(As(police_, CompleteRequest("klar", kMeasure)), kMeasure, 6, 9);
  EXPECT_EQ(Head(), 9u);

  const std::vector<RecordedEvent> plan = Stream("plan-tryggare-varnamo-2026");
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].type, "trygg.v1.PlanCreated");
  EXPECT_EQ(Payload<v1::PlanCreated>(plan[0]).focus_areas_size(), 3);
  ExpectMetadata(plan[0], "samordnare", "varnamo-kommun-ks", "skapa-plan");
  EXPECT_EQ(Payload<v1::AgencyRegistered>(Stream("agency-polisen-lpo-varnamo").at(0)).name(),
            "Polisen LPO Värnamo");

  const std::vector<RecordedEvent> measure = Stream("measure-nattvandring-centrum");
  ASSERT_EQ(measure.size(), 6u);
  const std::vector<std::string> types = {
      "trygg.v1.MeasureProposed", "trygg.v1.MeasurePrioritised",      "trygg.v1.MeasureAssigned",
      "trygg.v1.MeasureStarted",  "trygg.v1.MeasureProgressReported", "trygg.v1.MeasureCompleted"};
  for (std::size_t i = 0; i < types.size(); ++i) {
    EXPECT_EQ(measure[i].type, types[i]);
    EXPECT_EQ(measure[i].version.value(), i + 1);
    EXPECT_EQ(measure[i].position.value(), i + 4);
  }
  const v1::MeasureProposed proposed = Payload<v1::MeasureProposed>(measure[0]);
  EXPECT_EQ(proposed.measure_id(), kMeasure);
  EXPECT_EQ(proposed.plan_id(), kPlan);
  EXPECT_EQ(proposed.focus_area(), "otrygghet");
  EXPECT_EQ(proposed.title(), "Nattvandring i centrum");
  ExpectMetadata(measure[0], "polisen", kPolice, "foresla");
  EXPECT_EQ(Payload<v1::MeasurePrioritised>(measure[1]).priority(), v1::PRIORITY_HIGH);
  ExpectMetadata(measure[1], "samordnare", "varnamo-kommun-ks", "prio");
  const v1::MeasureAssigned assigned = Payload<v1::MeasureAssigned>(measure[2]);
  EXPECT_EQ(assigned.agency_id(), kPolice);
  EXPECT_EQ(assigned.due_date(), "2026-06-30");
  EXPECT_EQ(Payload<v1::MeasureStarted>(measure[3]).measure_id(), kMeasure);
  EXPECT_EQ(Payload<v1::MeasureProgressReported>(measure[4]).percent_complete(), 40u);
  EXPECT_EQ(Payload<v1::MeasureCompleted>(measure[5]).outcome(),
            "Färre anmälda händelser i centrum.");
  ExpectMetadata(measure[5], "polisen", kPolice, "klar");
}

TEST_F(ActionPlanServiceTest, WithdrawIsFinal) {
  CreatePlanAndAgencies();
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));
  ExpectReply(As(coordinator_, WithdrawRequest("dra-tillbaka", kMeasure)), kMeasure, 2, 5);
  const std::vector<RecordedEvent> measure = Stream("measure-nattvandring-centrum");
  ASSERT_EQ(measure.size(), 2u);
  EXPECT_EQ(Payload<v1::MeasureWithdrawn>(measure[1]).reason(), "Ersätts av en bredare åtgärd.");
  ExpectMetadata(measure[1], "samordnare", "varnamo-kommun-ks", "dra-tillbaka");
  EXPECT_TRUE(Fails(As(coordinator_, PrioritiseRequest("prio", kMeasure)),
                    StatusCode::FAILED_PRECONDITION, "WITHDRAWN"));
}

// --- errors -------------------------------------------------------------------------------------

TEST_F(ActionPlanServiceTest, InvalidArgumentNamesTheField) {
  CreatePlanAndAgencies();
  v1::CreatePlanRequest plan = CreatePlanRequest("c1", "annan-plan");
  plan.clear_name();
  EXPECT_TRUE(Fails(As(coordinator_, plan), StatusCode::INVALID_ARGUMENT, "name"));
  EXPECT_TRUE(Fails(As(coordinator_, ProposeRequest("", kMeasure)), StatusCode::INVALID_ARGUMENT,
                    "command_id"));
  EXPECT_TRUE(Fails(As(coordinator_, ProposeRequest("c2", "Versaler")),
                    StatusCode::INVALID_ARGUMENT, "measure_id"));
  v1::ProposeMeasureRequest area = ProposeRequest("c3", kMeasure);
  area.set_focus_area("trafik");
  EXPECT_TRUE(Fails(As(coordinator_, area), StatusCode::INVALID_ARGUMENT, "focus_area"));
  v1::AssignMeasureRequest assign = AssignRequest("c4", kMeasure);
  assign.set_due_date("2026-02-30");
  EXPECT_TRUE(Fails(As(coordinator_, assign), StatusCode::INVALID_ARGUMENT, "due_date"));
  EXPECT_TRUE(Fails(As(police_, ProgressRequest("c5", kMeasure, 101)), StatusCode::INVALID_ARGUMENT,
                    "percent_complete"));
  EXPECT_EQ(Head(), 3u);
}

TEST_F(ActionPlanServiceTest, UnauthenticatedWithoutAValidBearerToken) {
  const v1::CreatePlanRequest request = CreatePlanRequest("c1");
  EXPECT_TRUE(Fails(Call(server_->stub(), request, std::nullopt), StatusCode::UNAUTHENTICATED,
                    "authorization"));
  EXPECT_TRUE(Fails(Call(server_->stub(), request, "Bearer trygg-not-a-real-token"),
                    StatusCode::UNAUTHENTICATED, "not recognised"));
  EXPECT_TRUE(Fails(Call(server_->stub(), request, "Basic " + coordinator_),
                    StatusCode::UNAUTHENTICATED, "Bearer"));
  EXPECT_TRUE(
      Fails(Call(server_->stub(), request, coordinator_), StatusCode::UNAUTHENTICATED, "Bearer"));
  EXPECT_EQ(Head(), 0u);
}

TEST_F(ActionPlanServiceTest, PermissionDeniedByRoleAndByResponsibility) {
  CreatePlanAndAgencies();
  EXPECT_TRUE(
      Fails(As(reader_, ProposeRequest("c1", kMeasure)), StatusCode::PERMISSION_DENIED, "reader"));
  EXPECT_TRUE(Fails(As(auditor_, CreatePlanRequest("c1", "annan")), StatusCode::PERMISSION_DENIED,
                    "auditor"));
  AssignedMeasure(kMeasure);
  EXPECT_TRUE(Fails(As(police_, AssignRequest("c2", kMeasure, kSocial)),
                    StatusCode::PERMISSION_DENIED, "agency"));
  EXPECT_TRUE(Fails(As(social_, StartRequest("c3", kMeasure)), StatusCode::PERMISSION_DENIED,
                    "responsible agency polisen-lpo-varnamo"));
  EXPECT_TRUE(Fails(As(coordinator_, CompleteRequest("c4", kMeasure)),
                    StatusCode::PERMISSION_DENIED, "coordinator"));
  EXPECT_EQ(Head(), 6u);
}

TEST_F(ActionPlanServiceTest, NotFoundForUnknownPlanAgencyAndMeasure) {
  CreatePlanAndAgencies();
  EXPECT_TRUE(Fails(As(coordinator_, ProposeRequest("c1", kMeasure, "okand-plan")),
                    StatusCode::NOT_FOUND, "plan okand-plan"));
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("c2", kMeasure))));
  ASSERT_TRUE(Ok(As(coordinator_, PrioritiseRequest("c3", kMeasure))));
  EXPECT_TRUE(Fails(As(coordinator_, AssignRequest("c4", kMeasure, "okand-myndighet")),
                    StatusCode::NOT_FOUND, "agency okand-myndighet"));
  EXPECT_TRUE(Fails(As(police_, StartRequest("c5", "okand-atgard")), StatusCode::NOT_FOUND,
                    "measure okand-atgard"));
  EXPECT_EQ(Head(), 5u);
}

TEST_F(ActionPlanServiceTest, AlreadyExistsForTakenIdsAndReusedCommandIds) {
  CreatePlanAndAgencies();
  EXPECT_TRUE(Fails(As(coordinator_, CreatePlanRequest("ny-plan")), StatusCode::ALREADY_EXISTS,
                    "plan tryggare-varnamo-2026 already exists"));
  EXPECT_TRUE(Fails(As(coordinator_, RegisterRequest("ny-reg", kPolice, "Polisen")),
                    StatusCode::ALREADY_EXISTS, "agency polisen-lpo-varnamo already exists"));
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));
  EXPECT_TRUE(Fails(As(coordinator_, ProposeRequest("p2", kMeasure)), StatusCode::ALREADY_EXISTS,
                    "measure nattvandring-centrum already exists"));

  // The same command_id for a different request: other fields, another measure, another RPC.
  ASSERT_TRUE(Ok(As(coordinator_, PrioritiseRequest("prio", kMeasure, v1::PRIORITY_HIGH))));
  const std::uint64_t head = Head();
  EXPECT_TRUE(Fails(As(coordinator_, PrioritiseRequest("prio", kMeasure, v1::PRIORITY_LOW)),
                    StatusCode::ALREADY_EXISTS, "command_id 'prio'"));
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p3", "annan-atgard"))));
  EXPECT_TRUE(Fails(As(coordinator_, PrioritiseRequest("prio", "annan-atgard")),
                    StatusCode::ALREADY_EXISTS, "already used for a different command"));
  EXPECT_TRUE(Fails(As(coordinator_, WithdrawRequest("prio", kMeasure)), StatusCode::ALREADY_EXISTS,
                    "already used for a different command"));
  EXPECT_EQ(Head(), head + 1);
}

TEST_F(ActionPlanServiceTest, FailedPreconditionNamesTheStatus) {
  CreatePlanAndAgencies();
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));
  const Outcome started = As(police_, StartRequest("s1", kMeasure));
  EXPECT_TRUE(Fails(started, StatusCode::FAILED_PRECONDITION, "PROPOSED"));
  EXPECT_TRUE(Fails(started, StatusCode::FAILED_PRECONDITION, "prioritise"));
  EXPECT_TRUE(Fails(As(coordinator_, AssignRequest("a1", kMeasure)),
                    StatusCode::FAILED_PRECONDITION, "PROPOSED"));
  EXPECT_EQ(Head(), 4u);
}

TEST_F(ActionPlanServiceTest, StaleExpectedVersionIsAbortedWithTheCurrentVersion) {
  CreatePlanAndAgencies();
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));
  v1::PrioritiseMeasureRequest first = PrioritiseRequest("pr1", kMeasure);
  first.set_expected_version(1);
  ExpectReply(As(coordinator_, first), kMeasure, 2, 5);
  v1::PrioritiseMeasureRequest stale = PrioritiseRequest("pr2", kMeasure, v1::PRIORITY_LOW);
  stale.set_expected_version(1);
  EXPECT_TRUE(Fails(As(coordinator_, stale), StatusCode::ABORTED,
                    "measure nattvandring-centrum is at version 2"));
  EXPECT_EQ(Head(), 5u);
}

// The service caches measure states between commands (StateCache). Events appended behind its
// back make that cache stale; every decision must still be made against the stream as stored.
TEST_F(ActionPlanServiceTest, DecidesAgainstTheStoredStreamWhenItsCachedStateIsStale) {
  CreatePlanAndAgencies();
  const std::string stream = std::string("measure-") + kMeasure;
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));  // cached: PROPOSED, v1

  // Stored: PRIORITISED (v2). A cached PROPOSED would refuse the assignment.
  v1::MeasurePrioritised prioritised;
  prioritised.set_measure_id(kMeasure);
  prioritised.set_priority(v1::PRIORITY_HIGH);
  Append(stream, prioritised);
  ExpectReply(As(coordinator_, AssignRequest("a1", kMeasure)), kMeasure, 3, 6);

  // Stored: WITHDRAWN (v4). A cached ASSIGNED would let the police start it.
  v1::MeasureWithdrawn withdrawn;
  withdrawn.set_measure_id(kMeasure);
  withdrawn.set_reason("Ersatt.");
  Append(stream, withdrawn);
  EXPECT_TRUE(Fails(As(police_, StartRequest("s1", kMeasure)), StatusCode::FAILED_PRECONDITION,
                    "WITHDRAWN"));
  EXPECT_EQ(Head(), 7u);
}

TEST_F(ActionPlanServiceTest, ExpectedVersionIsJudgedAgainstTheStoredStreamNotTheCache) {
  CreatePlanAndAgencies();
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));  // cached at v1
  v1::MeasurePrioritised prioritised;
  prioritised.set_measure_id(kMeasure);
  prioritised.set_priority(v1::PRIORITY_LOW);
  Append(std::string("measure-") + kMeasure, prioritised);  // stored at v2
  v1::PrioritiseMeasureRequest current = PrioritiseRequest("pr", kMeasure);
  current.set_expected_version(2);
  ExpectReply(As(coordinator_, current), kMeasure, 3, 6);
}

TEST_F(ActionPlanServiceTest, UndecodableStoredEventIsInternal) {
  CreatePlanAndAgencies();
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));
  ASSERT_THAT(store_->Append(testing::Request("measure-nattvandring-centrum",
                                              {testing::Event("trygg.v1.FromTheFuture", "x")})),
              IsOk());
  EXPECT_TRUE(Fails(As(coordinator_, PrioritiseRequest("pr", kMeasure)), StatusCode::INTERNAL,
                    "trygg.v1.FromTheFuture"));
}

TEST_F(ActionPlanServiceTest, CommandIdTooLongForALongPrincipalNameIsInvalidArgument) {
  // The idempotency key "<name>/<command_id>" must fit the store's 200 bytes.
  const std::string long_name(100, 'x');
  const std::string token = AddToken({long_name, Role::kCoordinator, ""});
  std::string error;
  const std::unique_ptr<TokenFile> tokens = TokenFile::Load(TokenPath(), error);
  ASSERT_NE(tokens, nullptr) << error;
  TestServer server(*store_, tokens.get());
  EXPECT_TRUE(
      Fails(Call(server.stub(), CreatePlanRequest(std::string(100, 'c')), "Bearer " + token),
            StatusCode::INVALID_ARGUMENT, "command_id must be at most 99 characters"));
  ExpectReply(Call(server.stub(), CreatePlanRequest(std::string(99, 'c')), "Bearer " + token),
              kPlan, 1, 1);
}

// --- idempotency --------------------------------------------------------------------------------

TEST_F(ActionPlanServiceTest, RetriesReturnTheFirstReplyAndAppendNothing) {
  struct Sent {
    std::string what;
    std::function<Outcome()> send;
    Outcome first;
  };
  std::vector<Sent> sent;
  auto send = [&](std::string what, std::function<Outcome()> call) {
    Outcome first = call();
    EXPECT_TRUE(Ok(first)) << what;
    sent.push_back({std::move(what), std::move(call), std::move(first)});
  };
  const std::string m2 = "annan-atgard";
  send("create", [&] { return As(coordinator_, CreatePlanRequest("skapa")); });
  send("register", [&] { return As(coordinator_, RegisterRequest("reg", kPolice, "Polisen")); });
  send("propose", [&] { return As(police_, ProposeRequest("foresla", kMeasure)); });
  send("propose without id", [&] { return As(coordinator_, ProposeRequest("utan-id", "")); });
  send("prioritise", [&] { return As(coordinator_, PrioritiseRequest("prio", kMeasure)); });
  send("assign", [&] { return As(coordinator_, AssignRequest("tilldela", kMeasure)); });
  send("start", [&] { return As(police_, StartRequest("starta", kMeasure)); });
  send("progress", [&] { return As(police_, ProgressRequest("rapport", kMeasure, 50)); });
  send("complete", [&] { return As(police_, CompleteRequest("klar", kMeasure)); });
  send("propose m2", [&] { return As(coordinator_, ProposeRequest("foresla-2", m2)); });
  send("withdraw", [&] { return As(coordinator_, WithdrawRequest("dra", m2)); });

  const eventstore::LogHead head = store_->Head();
  ASSERT_EQ(head.position.value(), sent.size());
  // Every retry comes after the measure moved on (the start after it completed, for instance).
  for (const Sent& s : sent) {
    const Outcome again = s.send();
    ASSERT_TRUE(Ok(again)) << s.what;
    EXPECT_TRUE(SameReply(again.reply, s.first.reply))
        << s.what << ": " << again.reply.ShortDebugString() << " vs "
        << s.first.reply.ShortDebugString();
  }
  EXPECT_EQ(store_->Head(), head);
}

TEST_F(ActionPlanServiceTest, ProposeWithoutMeasureIdGeneratesTheSameIdOnRetry) {
  CreatePlanAndAgencies();
  const Outcome first = As(police_, ProposeRequest("foresla", ""));
  ExpectReply(first, domain::GenerateMeasureId("polisen", "foresla"), 1, 4);
  const Outcome again = As(police_, ProposeRequest("foresla", ""));
  EXPECT_TRUE(SameReply(again.reply, first.reply));
  // Command ids are per principal: another principal's "foresla" is another command.
  const Outcome other = As(social_, ProposeRequest("foresla", ""));
  ExpectReply(other, domain::GenerateMeasureId("socialtjansten", "foresla"), 1, 5);
  EXPECT_NE(other.reply.id(), first.reply.id());
  EXPECT_EQ(Head(), 5u);
}

// --- concurrency --------------------------------------------------------------------------------

// Runs `n` calls at once (released together) and returns their outcomes in order.
std::vector<Outcome> Concurrently(int n, const std::function<Outcome(int)>& call) {
  std::latch start(n);
  std::vector<std::future<Outcome>> futures;
  for (int i = 0; i < n; ++i) {
    futures.push_back(std::async(std::launch::async, [&start, &call, i] {
      start.arrive_and_wait();
      return call(i);
    }));
  }
  std::vector<Outcome> outcomes;
  for (auto& future : futures) {
    if (future.wait_for(testing::kConcurrentDeadline) != std::future_status::ready) {
      // The futures reference this frame and would block its unwinding: give up loudly.
      std::cerr << "a concurrent call did not return within the deadline\n";
      std::abort();
    }
    outcomes.push_back(future.get());
  }
  return outcomes;
}

TEST_F(ActionPlanServiceTest, ConcurrentAssignsWithTheSameExpectedVersionOneWins) {
  CreatePlanAndAgencies();
  ASSERT_TRUE(Ok(As(coordinator_, ProposeRequest("p1", kMeasure))));
  ASSERT_TRUE(Ok(As(coordinator_, PrioritiseRequest("pr1", kMeasure))));
  const std::vector<Outcome> outcomes = Concurrently(2, [&](int i) {
    v1::AssignMeasureRequest request =
        AssignRequest("tilldela-" + std::to_string(i), kMeasure, i == 0 ? kPolice : kSocial);
    request.set_expected_version(2);
    return As(coordinator_, request);
  });
  const int winner = outcomes[0].status.ok() ? 0 : 1;
  ExpectReply(outcomes[winner], kMeasure, 3, 6);
  EXPECT_TRUE(Fails(outcomes[1 - winner], StatusCode::ABORTED, "is at version 3"));
  EXPECT_EQ(Head(), 6u);
}

TEST_F(ActionPlanServiceTest, ConcurrentCommandsOnDifferentMeasuresAllSucceed) {
  CreatePlanAndAgencies();
  constexpr int kMeasures = 24;
  auto id = [](int i) { return "atgard-" + std::to_string(i); };
  for (const Outcome& o : Concurrently(kMeasures, [&](int i) {
         return As(i % 2 == 0 ? police_ : social_, ProposeRequest("p-" + id(i), id(i)));
       })) {
    EXPECT_TRUE(Ok(o));
    EXPECT_EQ(o.reply.version(), 1u);
  }
  std::set<std::uint64_t> positions;
  for (const Outcome& o : Concurrently(kMeasures, [&](int i) {
         v1::PrioritiseMeasureRequest request = PrioritiseRequest("pr-" + id(i), id(i));
         request.set_expected_version(1);
         return As(coordinator_, request);
       })) {
    EXPECT_TRUE(Ok(o));
    EXPECT_EQ(o.reply.version(), 2u);
    positions.insert(o.reply.position());
  }
  EXPECT_EQ(positions.size(), std::size_t{kMeasures});
  EXPECT_EQ(Head(), 3u + 2 * kMeasures);
}

TEST_F(ActionPlanServiceTest, ConcurrentCommandsWithoutExpectedVersionAreDecidedAgain) {
  CreatePlanAndAgencies();
  AssignedMeasure(kMeasure);
  // Four writers on one stream: each loses at most three races, within kMaxAttempts.
  static_assert(ActionPlanService::kMaxAttempts >= 4);
  std::set<std::uint64_t> versions;
  for (const Outcome& o : Concurrently(4, [&](int i) {
         return As(police_, ProgressRequest("rapport-" + std::to_string(i), kMeasure,
                                            static_cast<std::uint32_t>(10 * (i + 1))));
       })) {
    EXPECT_TRUE(Ok(o));
    versions.insert(o.reply.version());
  }
  EXPECT_EQ(versions, (std::set<std::uint64_t>{4, 5, 6, 7}));
  EXPECT_EQ(Head(), 10u);
}

TEST_F(ActionPlanServiceTest, ConcurrentRetriesOfOneCommandAppendOnce) {
  CreatePlanAndAgencies();
  const std::vector<Outcome> outcomes =
      Concurrently(8, [&](int) { return As(police_, ProposeRequest("foresla", "")); });
  for (const Outcome& o : outcomes) {
    ASSERT_TRUE(Ok(o));
    EXPECT_TRUE(SameReply(o.reply, outcomes[0].reply));
  }
  EXPECT_EQ(outcomes[0].reply.version(), 1u);
  EXPECT_EQ(Head(), 4u);
}

// --- anonymous mode -----------------------------------------------------------------------------

TEST(ActionPlanServiceAnonymousTest, EveryCallActsAsTheAnonymousCoordinator) {
  testing::TempDir dir;
  std::unique_ptr<eventstore::EventStore> store = testing::OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  {
    TestServer server(*store, nullptr);
    ExpectReply(Call(server.stub(), CreatePlanRequest("skapa"), std::nullopt), kPlan, 1, 1);
    ExpectReply(Call(server.stub(), RegisterRequest("reg", kPolice, "Polisen"), "Bearer whatever"),
                kPolice, 1, 2);
    // Anonymous is a coordinator, and starting a measure is an agency's work.
    EXPECT_TRUE(Fails(Call(server.stub(), StartRequest("s", kMeasure), std::nullopt),
                      StatusCode::PERMISSION_DENIED, "anonymous"));
  }
  auto events = store->ReadStream("plan-tryggare-varnamo-2026", StreamVersion(1), 10);
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 1u);
  ExpectMetadata(events->at(0), "anonymous", "", "skapa");
}

}  // namespace
}  // namespace trygg::api
