#include "api/action_plan_service.h"

#include <optional>
#include <string>
#include <utility>

#include "api/auth.h"
#include "api/command_pipeline.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/measure_id.h"
#include "trygg/domain/result.h"
#include "trygg/domain/state.h"
#include "trygg/domain/streams.h"
#include "trygg/domain/validate.h"

// The nine RPCs, each steps (1) and (2) of the command pipeline (command_pipeline.h): the RPC it
// is authorised as, and how its request is validated and decided.
namespace trygg::api {
namespace {

// A command on an existing measure; `decide` maps (the measure's state, reader) to the domain's
// Result.
template <class Request, class DecideFn>
domain::Result<Command> MeasureCommand(const Request& request, DecideFn decide) {
  if (grpc::Status status = domain::Validate(request); !status.ok()) return status;
  return MakeCommand<domain::MeasureState>(request, "measure", request.measure_id(),
                                           domain::MeasureStream(request.measure_id()),
                                           ExpectedOf(request), std::move(decide));
}

}  // namespace

ActionPlanService::ActionPlanService(eventstore::EventStore& store, const TokenFile* tokens)
    : store_(store), tokens_(tokens) {}

grpc::ServerUnaryReactor* ActionPlanService::CreatePlan(grpc::CallbackServerContext* context,
                                                        const v1::CreatePlanRequest* request,
                                                        v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kCreatePlan,
                 [&req = *request](const Principal&) -> domain::Result<Command> {
                   if (grpc::Status s = domain::Validate(req); !s.ok()) return s;
                   return MakeCommand<domain::PlanState>(
                       req, "plan", req.plan_id(), domain::PlanStream(req.plan_id()), std::nullopt,
                       [req](const domain::PlanState& existing, StateReader&) {
                         return domain::DecideCreatePlan(req, existing);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::RegisterAgency(
    grpc::CallbackServerContext* context, const v1::RegisterAgencyRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kRegisterAgency,
                 [&req = *request](const Principal&) -> domain::Result<Command> {
                   if (grpc::Status s = domain::Validate(req); !s.ok()) return s;
                   return MakeCommand<domain::AgencyState>(
                       req, "agency", req.agency_id(), domain::AgencyStream(req.agency_id()),
                       std::nullopt, [req](const domain::AgencyState& existing, StateReader&) {
                         return domain::DecideRegisterAgency(req, existing);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::ProposeMeasure(
    grpc::CallbackServerContext* context, const v1::ProposeMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kProposeMeasure,
                 [&req = *request](const Principal& principal) -> domain::Result<Command> {
                   if (grpc::Status s = domain::Validate(req); !s.ok()) return s;
                   std::string id = req.measure_id().empty() ? domain::GenerateMeasureId(
                                                                   principal.name, req.command_id())
                                                             : req.measure_id();
                   std::string stream = domain::MeasureStream(id);
                   return MakeCommand<domain::MeasureState>(
                       req, "measure", id, std::move(stream), std::nullopt,
                       [req, id](const domain::MeasureState& existing,
                                 StateReader& reader) -> domain::Result<v1::MeasureProposed> {
                         auto plan = reader.Plan(req.plan_id());
                         if (!plan.ok()) return plan.status();
                         return domain::DecideProposeMeasure(req, *plan, existing, id);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::PrioritiseMeasure(
    grpc::CallbackServerContext* context, const v1::PrioritiseMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kPrioritiseMeasure,
                 [&req = *request](const Principal&) {
                   return MeasureCommand(req,
                                         [req](const domain::MeasureState& measure, StateReader&) {
                                           return domain::DecidePrioritise(req, measure);
                                         });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::AssignMeasure(grpc::CallbackServerContext* context,
                                                           const v1::AssignMeasureRequest* request,
                                                           v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kAssignMeasure,
                 [&req = *request](const Principal&) {
                   return MeasureCommand(
                       req,
                       [req](const domain::MeasureState& measure,
                             StateReader& reader) -> domain::Result<v1::MeasureAssigned> {
                         auto agency = reader.Agency(req.agency_id());
                         if (!agency.ok()) return agency.status();
                         return domain::DecideAssign(req, measure, *agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::StartMeasure(grpc::CallbackServerContext* context,
                                                          const v1::StartMeasureRequest* request,
                                                          v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kStartMeasure,
                 [&req = *request](const Principal& principal) {
                   return MeasureCommand(
                       req, [req, agency = principal.agency](const domain::MeasureState& measure,
                                                             StateReader&) {
                         return domain::DecideStart(req, measure, agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::ReportProgress(
    grpc::CallbackServerContext* context, const v1::ReportProgressRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kReportProgress,
                 [&req = *request](const Principal& principal) {
                   return MeasureCommand(
                       req, [req, agency = principal.agency](const domain::MeasureState& measure,
                                                             StateReader&) {
                         return domain::DecideReportProgress(req, measure, agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::CompleteMeasure(
    grpc::CallbackServerContext* context, const v1::CompleteMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kCompleteMeasure,
                 [&req = *request](const Principal& principal) {
                   return MeasureCommand(
                       req, [req, agency = principal.agency](const domain::MeasureState& measure,
                                                             StateReader&) {
                         return domain::DecideComplete(req, measure, agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::WithdrawMeasure(
    grpc::CallbackServerContext* context, const v1::WithdrawMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kWithdrawMeasure,
                 [&req = *request](const Principal&) {
                   return MeasureCommand(req,
                                         [req](const domain::MeasureState& measure, StateReader&) {
                                           return domain::DecideWithdraw(req, measure);
                                         });
                 });
}

}  // namespace trygg::api
