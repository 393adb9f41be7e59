// ActionPlanService: every write to an action plan (proto/trygg/v1/action_plan.proto).
//
// Each RPC runs the command pipeline (command_pipeline.h, steps (1) to (7)): it authenticates and
// authorises the caller, holds it to its write rate (limits.h), validates the request, answers a
// retried command (same principal and command_id) with its first reply, folds the aggregate's
// stream into its state (or takes it from a StateCache, see state_cache.h), decides with the
// domain's pure Decide function, and appends the decided event with the state's version as the
// expected version. The reply is sent from the event store's append completion, so no gRPC thread
// waits for an fsync.
//
// Streams: a plan's residents' input, findings, causes, working groups, citizen promises and
// adoptions are events of the plan's stream (so one order numbers causes and plan versions, and
// expected_version is the plan stream's); a measure's causes, goals, partners and follow-up are
// events of the measure's stream. A command that records a new thing inside a plan or measure
// without an id gets one from domain::GenerateItemId(prefix, principal, command_id), so a retry
// gets the same id; CommandReply.item_id names it (and the thing a revise, retire, change or end
// command acted on).
//
// Idempotency key: "<principal name>/<command_id>". A key that already committed is answered with
// the stored result when the stored event is what this request decides against the stream as it
// was then (the same command), and ALREADY_EXISTS otherwise (the command_id was used for a
// different command).
//
// Concurrency: when the append loses a race with another write to the same stream, a command
// without expected_version is decided again against the new state (at most kMaxAttempts times in
// all); a command with one fails with ABORTED naming the current version.
//
// Lifetime: the store and this service must outlive every call the server has started; shut the
// gRPC server down (which waits for calls to finish) before destroying either.
#pragma once

#include <grpcpp/grpcpp.h>

#include "api/command_pipeline.h"
#include "api/limits.h"
#include "api/state_cache.h"
#include "api/token_file.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/action_plan.grpc.pb.h"

namespace trygg::api {

class ActionPlanService final : public v1::ActionPlanService::CallbackService {
 public:
  // How often one command is decided and appended before a run of concurrent writes to its
  // stream makes it give up with ABORTED.
  static constexpr int kMaxAttempts = kMaxCommandAttempts;

  // `tokens` null is anonymous mode: every call acts as AnonymousPrincipal(). Neither is owned;
  // both must outlive the service. Each principal writes at most at `write_rate` (limits.h; the
  // default is no limit).
  ActionPlanService(eventstore::EventStore& store, const TokenFile* tokens,
                    WriteRate write_rate = {});

  grpc::ServerUnaryReactor* CreatePlan(grpc::CallbackServerContext* context,
                                       const v1::CreatePlanRequest* request,
                                       v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RegisterAgency(grpc::CallbackServerContext* context,
                                           const v1::RegisterAgencyRequest* request,
                                           v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* ProposeMeasure(grpc::CallbackServerContext* context,
                                           const v1::ProposeMeasureRequest* request,
                                           v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* PrioritiseMeasure(grpc::CallbackServerContext* context,
                                              const v1::PrioritiseMeasureRequest* request,
                                              v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* AssignMeasure(grpc::CallbackServerContext* context,
                                          const v1::AssignMeasureRequest* request,
                                          v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* StartMeasure(grpc::CallbackServerContext* context,
                                         const v1::StartMeasureRequest* request,
                                         v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* ReportProgress(grpc::CallbackServerContext* context,
                                           const v1::ReportProgressRequest* request,
                                           v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* CompleteMeasure(grpc::CallbackServerContext* context,
                                            const v1::CompleteMeasureRequest* request,
                                            v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* WithdrawMeasure(grpc::CallbackServerContext* context,
                                            const v1::WithdrawMeasureRequest* request,
                                            v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RecordResidentInput(grpc::CallbackServerContext* context,
                                                const v1::RecordResidentInputRequest* request,
                                                v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RecordFinding(grpc::CallbackServerContext* context,
                                          const v1::RecordFindingRequest* request,
                                          v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* ReviseFinding(grpc::CallbackServerContext* context,
                                          const v1::ReviseFindingRequest* request,
                                          v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RetireFinding(grpc::CallbackServerContext* context,
                                          const v1::RetireFindingRequest* request,
                                          v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* IdentifyCause(grpc::CallbackServerContext* context,
                                          const v1::IdentifyCauseRequest* request,
                                          v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* ReviseCause(grpc::CallbackServerContext* context,
                                        const v1::ReviseCauseRequest* request,
                                        v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RetireCause(grpc::CallbackServerContext* context,
                                        const v1::RetireCauseRequest* request,
                                        v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* LinkMeasureToCause(grpc::CallbackServerContext* context,
                                               const v1::LinkMeasureToCauseRequest* request,
                                               v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* UnlinkMeasureFromCause(grpc::CallbackServerContext* context,
                                                   const v1::UnlinkMeasureFromCauseRequest* request,
                                                   v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* SetOperationalGoal(grpc::CallbackServerContext* context,
                                               const v1::SetOperationalGoalRequest* request,
                                               v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RetireOperationalGoal(grpc::CallbackServerContext* context,
                                                  const v1::RetireOperationalGoalRequest* request,
                                                  v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* AddPartner(grpc::CallbackServerContext* context,
                                       const v1::AddPartnerRequest* request,
                                       v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RemovePartner(grpc::CallbackServerContext* context,
                                          const v1::RemovePartnerRequest* request,
                                          v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* RecordFollowUp(grpc::CallbackServerContext* context,
                                           const v1::RecordFollowUpRequest* request,
                                           v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* FormWorkingGroup(grpc::CallbackServerContext* context,
                                             const v1::FormWorkingGroupRequest* request,
                                             v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* ChangeWorkingGroup(grpc::CallbackServerContext* context,
                                               const v1::ChangeWorkingGroupRequest* request,
                                               v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* MakeCitizenPromise(grpc::CallbackServerContext* context,
                                               const v1::MakeCitizenPromiseRequest* request,
                                               v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* EndCitizenPromise(grpc::CallbackServerContext* context,
                                              const v1::EndCitizenPromiseRequest* request,
                                              v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* AdoptPlan(grpc::CallbackServerContext* context,
                                      const v1::AdoptPlanRequest* request,
                                      v1::CommandReply* reply) override;

 private:
  // The command pipeline (command_pipeline.h, Execute) with this service's store, cache, tokens
  // and write-rate limiter: each RPC gives only its call, its Rpc and how to build its command.
  template <class Build>
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, v1::CommandReply* reply,
                                Rpc rpc, Build build);

  eventstore::EventStore& store_;
  const TokenFile* tokens_;
  StateCache cache_;
  WriteRateLimiter write_rate_;
};

}  // namespace trygg::api
