// ActionPlanService: every write to an action plan (proto/trygg/v1/action_plan.proto).
//
// Each RPC runs the command pipeline (command_pipeline.h, steps (1) to (7)): it authenticates and
// authorises the caller, validates the request, answers a retried command (same principal and
// command_id) with its first reply, folds the aggregate's stream into its state (or takes it from
// a StateCache, see state_cache.h), decides with the domain's pure Decide function, and appends the
// decided event with the state's version as the expected version. The reply is sent from the event
// store's append completion, so no gRPC thread waits for an fsync.
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

  // `tokens` null is anonymous mode: every call acts as AnonymousPrincipal(). Neither argument is
  // owned; both must outlive the service.
  ActionPlanService(eventstore::EventStore& store, const TokenFile* tokens);

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

 private:
  eventstore::EventStore& store_;
  const TokenFile* tokens_;
  StateCache cache_;
};

}  // namespace trygg::api
