// StatusService: queries over the live projections (status.proto). Every RPC authenticates the
// bearer token, authorises Rpc::kStatusRead (every role may read status), validates the request
// (INVALID_ARGUMENT naming the field), waits until the projections have applied the request's
// min_position (bounded by the call's deadline, or 10 seconds when it has none; DEADLINE_EXCEEDED
// "projections have not reached position N yet (at M)" when they do not get there), then answers
// from the projections: their errors as they are, NOT_FOUND for a measure or plan that does not
// exist, UNAVAILABLE when the projection host has failed or is shutting down.
//
// Waiting holds no thread: the unary reactor finishes from the projection host's thread when the
// position arrives or the deadline passes.
//
// GetPlanReport is answered from the event store rather than from the live projections: it
// resolves the moment asked for against the log (PlanReportSource), waits until the projections
// have applied that moment (and min_position), takes the plan's stream list from them under their
// shared lock, and then reads and folds those streams with the lock released. The reading and
// folding run synchronously on the thread that finishes the call (gRPC's, or the host's when it
// waited): they are bounded by one plan's streams (docs/reports.md has the figures).
//
// ListMeasures builds its reply (up to 500 measures) on a protobuf Arena per call, so a reply costs
// a few block allocations instead of one per string field. GetAgencyStatus, the query agency
// systems poll, is served as raw bytes: its reply is serialised straight from the projections'
// measures (Projections::GetAgencyStatus into a string) and sent as it is, with no message copy.
#pragma once

#include <absl/time/time.h>

#include <functional>
#include <memory>
#include <string>

#include "api/plan_report_source.h"
#include "api/projection_host.h"
#include "api/token_file.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::api {

// How long a query waits for min_position when its call has no deadline.
inline constexpr auto kDefaultMinPositionWait = std::chrono::seconds(10);
// A call with a deadline stops waiting this much before it (at most a tenth of the time left), so
// that its DEADLINE_EXCEEDED carries the server's message rather than the client's.
inline constexpr auto kMinPositionReplyMargin = std::chrono::milliseconds(50);

class StatusService final : public v1::StatusService::WithRawCallbackMethod_GetAgencyStatus<
                                v1::StatusService::CallbackService> {
 public:
  // `host` and `store` (the log the host folds) must outlive the service; `tokens` null means
  // anonymous mode (see Authenticate). `zone` is the server's time zone, where a report's dates
  // begin and end. `today` gives the date queries judge `overdue` by, "YYYY-MM-DD" (the server
  // passes domain::Today in `zone`); it is called once per query, on the query's thread.
  StatusService(ProjectionHost& host, const eventstore::EventStore& store, const TokenFile* tokens,
                absl::TimeZone zone, std::function<std::string()> today);
  ~StatusService() override;

  grpc::ServerUnaryReactor* GetMeasure(grpc::CallbackServerContext* context,
                                       const v1::GetMeasureRequest* request,
                                       v1::Measure* response) override;
  grpc::ServerUnaryReactor* ListMeasures(grpc::CallbackServerContext* context,
                                         const v1::ListMeasuresRequest* request,
                                         v1::ListMeasuresResponse* response) override;
  // A serialised v1::GetAgencyStatusRequest in, a serialised v1::AgencyStatus out (INVALID_ARGUMENT
  // when the request does not parse).
  grpc::ServerUnaryReactor* GetAgencyStatus(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetPlanOverview(grpc::CallbackServerContext* context,
                                            const v1::GetPlanOverviewRequest* request,
                                            v1::PlanOverview* response) override;
  // The caller's principal, role and agency; needs no projections and does not wait.
  grpc::ServerUnaryReactor* WhoAmI(grpc::CallbackServerContext* context,
                                   const v1::WhoAmIRequest* request,
                                   v1::WhoAmIResponse* response) override;
  // The queries over a plan's situation picture, traceability, follow-up and working groups:
  // plan_id (and group_id) must be ids (INVALID_ARGUMENT naming the field); the projections judge
  // the rest (focus area, period, page size and token) and answer NOT_FOUND for an unknown plan or
  // group.
  grpc::ServerUnaryReactor* GetSituationPicture(grpc::CallbackServerContext* context,
                                                const v1::GetSituationPictureRequest* request,
                                                v1::SituationPicture* response) override;
  grpc::ServerUnaryReactor* GetTraceability(grpc::CallbackServerContext* context,
                                            const v1::GetTraceabilityRequest* request,
                                            v1::Traceability* response) override;
  grpc::ServerUnaryReactor* GetFollowUpSummary(grpc::CallbackServerContext* context,
                                               const v1::GetFollowUpSummaryRequest* request,
                                               v1::FollowUpSummary* response) override;
  grpc::ServerUnaryReactor* GetWorkingGroupStatus(grpc::CallbackServerContext* context,
                                                  const v1::GetWorkingGroupStatusRequest* request,
                                                  v1::WorkingGroupStatus* response) override;
  // The plan as of a moment (status.proto, GetPlanReportRequest): INVALID_ARGUMENT naming the
  // field (plan_id, as_of.*, period, page_size, page_token), NOT_FOUND for an unknown plan, a
  // version never adopted or a moment before the plan existed.
  grpc::ServerUnaryReactor* GetPlanReport(grpc::CallbackServerContext* context,
                                          const v1::GetPlanReportRequest* request,
                                          v1::PlanReport* response) override;

 private:
  // Authenticates, authorises, refuses the call with `invalid` unless it is OK (the request's
  // fields, checked by the caller), waits for min_position, then finishes the call with
  // answer(today) — run under the projections' shared lock.
  grpc::ServerUnaryReactor* Serve(
      grpc::CallbackServerContext* context, uint64_t min_position, grpc::Status invalid,
      std::function<grpc::Status(const projections::Projections&, const std::string& today)>
          answer);
  // Waits until the projections have applied `position` (bounded by the call's deadline), then
  // finishes the call with run(today); or with UNAVAILABLE or DEADLINE_EXCEEDED.
  void WhenApplied(grpc::CallbackServerContext* context, grpc::ServerUnaryReactor* reactor,
                   uint64_t position, std::function<grpc::Status(const std::string& today)> run);

  struct Allocators;

  ProjectionHost& host_;
  PlanReportSource reports_;
  const TokenFile* tokens_;
  std::function<std::string()> today_;
  std::unique_ptr<Allocators> allocators_;  // registered with gRPC; live as long as the service
};

}  // namespace trygg::api
