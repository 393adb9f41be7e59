// The README's demo, checked end to end through the real binaries: trygg-server with a token
// file, trygg-load-example loading "Tryggare Värnamo 2026" as the coordinator and the agencies,
// and what StatusService and EventLogService then answer — also after a second load (idempotent)
// and after a restart (projections rebuilt from the log).
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <map>

#include "example_plan_tokens.h"
#include "server_process.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

#ifndef TRYGG_LOAD_EXAMPLE
#error "TRYGG_LOAD_EXAMPLE must name the trygg-load-example binary"
#endif

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

using Tokens = ExampleTokens;

int LoadExample(const std::string& address, const Tokens& t) {
  return RunBinary(TRYGG_LOAD_EXAMPLE, LoaderArgs(address, t)).exit_status;
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + kDeadline);
  return context;
}

std::map<v1::MeasureStatus, uint64_t> Counts(
    const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts) {
  std::map<v1::MeasureStatus, uint64_t> out;
  for (const auto& c : counts) out[c.status()] = c.count();
  return out;
}

uint64_t HeadPosition(const std::string& address, const Tokens& t) {
  auto log = v1::EventLogService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  v1::Head head;
  grpc::Status s = log->GetHead(Context(t.auditor).get(), v1::GetHeadRequest(), &head);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return head.position();
}

// What the example plan looks like (../shared/example-plan.md), whatever day the test runs on:
// measure 7's due date (2026-09-30) has passed on every day this test can run. Every query asks
// for min_position = the log's head, so it reads what the loader wrote.
void ExpectExamplePlan(const std::string& address, const Tokens& t) {
  const uint64_t head = HeadPosition(address, t);
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto status = v1::StatusService::NewStub(channel);

  v1::GetPlanOverviewRequest plan_request;
  plan_request.set_plan_id("tryggare-varnamo-2026");
  plan_request.set_min_position(head);
  v1::PlanOverview plan;
  grpc::Status s = status->GetPlanOverview(Context(t.reader).get(), plan_request, &plan);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(plan.name(), "Tryggare Värnamo 2026");
  ASSERT_EQ(plan.focus_areas_size(), 3);
  EXPECT_EQ(plan.focus_areas(2).focus_area().name(), "Otillåten påverkan");
  const std::map<v1::MeasureStatus, uint64_t> expected = {
      {v1::MEASURE_STATUS_PROPOSED, 2},  {v1::MEASURE_STATUS_PRIORITISED, 2},
      {v1::MEASURE_STATUS_ASSIGNED, 4},  {v1::MEASURE_STATUS_IN_PROGRESS, 3},
      {v1::MEASURE_STATUS_COMPLETED, 3}, {v1::MEASURE_STATUS_WITHDRAWN, 1}};
  EXPECT_EQ(Counts(plan.counts()), expected);
  EXPECT_GE(plan.overdue(), 1u);
  EXPECT_EQ(plan.prioritised_unassigned(), 2u);

  v1::GetAgencyStatusRequest agency_request;
  agency_request.set_agency_id("varnamo-kommun-socialtjansten");
  agency_request.set_min_position(head);
  v1::AgencyStatus social;
  s = status->GetAgencyStatus(Context(t.social).get(), agency_request, &social);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(social.measures_size(), 2);
  EXPECT_EQ(social.measures(0).title(), "SSPF-samverkan för unga i riskzon");  // HIGH first
  EXPECT_EQ(social.measures(0).status(), v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(social.measures(0).percent_complete(), 40u);
  EXPECT_EQ(social.measures(0).proposed_by(), "samordnare");

  v1::GetMeasureRequest measure_request;
  measure_request.set_measure_id("example-7");
  measure_request.set_min_position(head);
  v1::Measure lighting;
  s = status->GetMeasure(Context(t.reader).get(), measure_request, &lighting);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(lighting.responsible_agency_id(), "varnamo-kommun-tekniska");
  EXPECT_TRUE(lighting.overdue());
}

TEST(ExamplePlanE2E, LoadsQueriesReloadsIdempotentlyAndSurvivesARestart) {
  TempDir dir;
  const Tokens t = MakeExampleTokens(dir);
  uint64_t head = 0;
  {
    RunningServer server(dir, {"--tokens", dir.Sub("tokens").string()});
    ASSERT_FALSE(server.address().empty());
    ASSERT_EQ(LoadExample(server.address(), t), 0);
    ASSERT_NO_FATAL_FAILURE(ExpectExamplePlan(server.address(), t));
    head = HeadPosition(server.address(), t);
    EXPECT_GT(head, 15u);
    ASSERT_EQ(LoadExample(server.address(), t), 0);  // again: every command is a retry
    EXPECT_EQ(HeadPosition(server.address(), t), head);
    EXPECT_EQ(server.Terminate(), 0);
  }
  RunningServer restarted(dir, {"--tokens", dir.Sub("tokens").string()});
  ASSERT_FALSE(restarted.address().empty());
  EXPECT_EQ(HeadPosition(restarted.address(), t), head);
  ASSERT_NO_FATAL_FAILURE(ExpectExamplePlan(restarted.address(), t));
  EXPECT_EQ(restarted.Terminate(), 0);
}

TEST(ExamplePlanE2E, LoaderReportsAMissingAgencyTokenAndAnUnreachableServer) {
  TempDir dir;
  const Tokens t = MakeExampleTokens(dir);
  RunningServer server(dir, {"--tokens", dir.Sub("tokens").string()});
  ASSERT_FALSE(server.address().empty());
  EXPECT_EQ(RunBinary(TRYGG_LOAD_EXAMPLE,
                      {"--server", server.address(), "--coordinator-token", t.coordinator})
                .exit_status,
            1);
  EXPECT_EQ(RunBinary(TRYGG_LOAD_EXAMPLE, {"--server", server.address()}).exit_status, 2);
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace trygg::testing
