#include "api/action_plan_service.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/auth.h"
#include "api/command_pipeline.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/measure_id.h"
#include "trygg/domain/result.h"
#include "trygg/domain/state.h"
#include "trygg/domain/streams.h"
#include "trygg/domain/validate.h"

// The RPCs, each steps (1) and (2) of the command pipeline (command_pipeline.h): the RPC it
// is authorised as, and how its request is validated and decided.
namespace trygg::api {
namespace {

// A command on an existing measure; `decide` maps (the measure's state, reader) to the domain's
// Result. `item_id` is the goal it records or acts on, if any.
template <class Request, class DecideFn>
domain::Result<Command> MeasureCommand(const Request& request, DecideFn decide,
                                       std::string item_id = {}) {
  if (grpc::Status status = domain::Validate(request); !status.ok()) return status;
  return MakeCommand<domain::MeasureState>(
      request, "measure", request.measure_id(), domain::MeasureStream(request.measure_id()),
      ExpectedOf(request), std::move(decide), std::move(item_id));
}

// A command on an existing plan's stream; `decide` maps (the plan's state, reader) to the
// domain's Result. `item_id` is the thing inside the plan it records or acts on, if any.
template <class Request, class DecideFn>
domain::Result<Command> PlanCommand(const Request& request, std::string item_id, DecideFn decide) {
  if (grpc::Status status = domain::Validate(request); !status.ok()) return status;
  return MakeCommand<domain::PlanState>(request, "plan", request.plan_id(),
                                        domain::PlanStream(request.plan_id()), ExpectedOf(request),
                                        std::move(decide), std::move(item_id));
}

// The id of a new thing inside a plan or measure: the request's, or one derived from the caller
// and the command_id (the same on every retry).
template <class Request>
std::string ItemId(const std::string& given, std::string_view prefix, const Principal& principal,
                   const Request& request) {
  return given.empty() ? domain::GenerateItemId(prefix, principal.name, request.command_id())
                       : given;
}

// The caller as the domain's rules see it; `agency_kind` is the kind its agency registered with,
// where a decision looks at it.
domain::Actor ActorOf(const Principal& principal, std::string agency_kind = {}) {
  return domain::Actor{principal.role == Role::kCoordinator, principal.agency,
                       std::move(agency_kind)};
}

// The states of the aggregates `ids` names, in order, loaded with `load` (StateReader::Agency or
// StateReader::Measure); the first error as it is.
template <class State>
domain::Result<std::vector<State>> LoadEach(
    StateReader& reader, domain::Result<State> (StateReader::*load)(const std::string&),
    const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::vector<State> states;
  states.reserve(static_cast<std::size_t>(ids.size()));
  for (const std::string& id : ids) {
    domain::Result<State> state = (reader.*load)(id);
    if (!state.ok()) return state.status();
    states.push_back(*std::move(state));
  }
  return states;
}

// The plan `measure` belongs to; an empty plan when the measure does not exist (the decision then
// says so).
domain::Result<domain::PlanState> PlanOf(const domain::MeasureState& measure, StateReader& reader) {
  if (!measure.exists()) return domain::PlanState();
  return reader.Plan(measure.plan_id);
}

}  // namespace

template <class Build>
grpc::ServerUnaryReactor* ActionPlanService::Run(grpc::CallbackServerContext* context,
                                                 v1::CommandReply* reply, Rpc rpc, Build build) {
  return Execute(store_, cache_, tokens_, write_rate_, context, reply, rpc, std::move(build));
}

ActionPlanService::ActionPlanService(eventstore::EventStore& store, const TokenFile* tokens,
                                     WriteRate write_rate)
    : store_(store), tokens_(tokens), write_rate_(write_rate) {}

grpc::ServerUnaryReactor* ActionPlanService::CreatePlan(grpc::CallbackServerContext* context,
                                                        const v1::CreatePlanRequest* request,
                                                        v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kCreatePlan,
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
  return Run(context, reply, Rpc::kRegisterAgency,
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
  return Run(context, reply, Rpc::kProposeMeasure,
             [&req = *request](const Principal& principal) -> domain::Result<Command> {
               if (grpc::Status s = domain::Validate(req); !s.ok()) return s;
               std::string id = req.measure_id().empty()
                                    ? domain::GenerateMeasureId(principal.name, req.command_id())
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
  return Run(context, reply, Rpc::kPrioritiseMeasure, [&req = *request](const Principal&) {
    return MeasureCommand(req, [req](const domain::MeasureState& measure, StateReader&) {
      return domain::DecidePrioritise(req, measure);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::AssignMeasure(grpc::CallbackServerContext* context,
                                                           const v1::AssignMeasureRequest* request,
                                                           v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kAssignMeasure, [&req = *request](const Principal&) {
    return MeasureCommand(req,
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
  return Run(context, reply, Rpc::kStartMeasure, [&req = *request](const Principal& principal) {
    return MeasureCommand(
        req, [req, agency = principal.agency](const domain::MeasureState& measure, StateReader&) {
          return domain::DecideStart(req, measure, agency);
        });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::ReportProgress(
    grpc::CallbackServerContext* context, const v1::ReportProgressRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kReportProgress, [&req = *request](const Principal& principal) {
    return MeasureCommand(
        req, [req, agency = principal.agency](const domain::MeasureState& measure, StateReader&) {
          return domain::DecideReportProgress(req, measure, agency);
        });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::CompleteMeasure(
    grpc::CallbackServerContext* context, const v1::CompleteMeasureRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kCompleteMeasure, [&req = *request](const Principal& principal) {
    return MeasureCommand(
        req, [req, agency = principal.agency](const domain::MeasureState& measure, StateReader&) {
          return domain::DecideComplete(req, measure, agency);
        });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::WithdrawMeasure(
    grpc::CallbackServerContext* context, const v1::WithdrawMeasureRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kWithdrawMeasure, [&req = *request](const Principal&) {
    return MeasureCommand(req, [req](const domain::MeasureState& measure, StateReader&) {
      return domain::DecideWithdraw(req, measure);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::RecordResidentInput(
    grpc::CallbackServerContext* context, const v1::RecordResidentInputRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kRecordResidentInput,
             [&req = *request](const Principal& principal) {
               std::string id = ItemId(req.input_id(), domain::kInputIdPrefix, principal, req);
               return PlanCommand(req, id, [req, id](const domain::PlanState& plan, StateReader&) {
                 return domain::DecideRecordResidentInput(req, plan, id);
               });
             });
}

grpc::ServerUnaryReactor* ActionPlanService::RecordFinding(grpc::CallbackServerContext* context,
                                                           const v1::RecordFindingRequest* request,
                                                           v1::CommandReply* reply) {
  return Run(
      context, reply, Rpc::kRecordFinding, [&req = *request](const Principal& principal) {
        std::string id = ItemId(req.finding_id(), domain::kFindingIdPrefix, principal, req);
        return PlanCommand(
            req, id,
            [req, id, principal](const domain::PlanState& plan,
                                 StateReader& reader) -> domain::Result<v1::FindingRecorded> {
              // Whether the caller may cite police intelligence depends on its agency's kind.
              std::string kind;
              if (!principal.agency.empty()) {
                auto agency = reader.Agency(principal.agency);
                if (!agency.ok()) return agency.status();
                kind = agency->kind;
              }
              return domain::DecideRecordFinding(req, plan, id, ActorOf(principal, kind));
            });
      });
}

grpc::ServerUnaryReactor* ActionPlanService::ReviseFinding(grpc::CallbackServerContext* context,
                                                           const v1::ReviseFindingRequest* request,
                                                           v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kReviseFinding, [&req = *request](const Principal&) {
    return PlanCommand(req, req.finding_id(), [req](const domain::PlanState& plan, StateReader&) {
      return domain::DecideReviseFinding(req, plan);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::RetireFinding(grpc::CallbackServerContext* context,
                                                           const v1::RetireFindingRequest* request,
                                                           v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kRetireFinding, [&req = *request](const Principal&) {
    return PlanCommand(req, req.finding_id(), [req](const domain::PlanState& plan, StateReader&) {
      return domain::DecideRetireFinding(req, plan);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::IdentifyCause(grpc::CallbackServerContext* context,
                                                           const v1::IdentifyCauseRequest* request,
                                                           v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kIdentifyCause, [&req = *request](const Principal& principal) {
    std::string id = ItemId(req.cause_id(), domain::kCauseIdPrefix, principal, req);
    return PlanCommand(req, id, [req, id](const domain::PlanState& plan, StateReader&) {
      return domain::DecideIdentifyCause(req, plan, id);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::ReviseCause(grpc::CallbackServerContext* context,
                                                         const v1::ReviseCauseRequest* request,
                                                         v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kReviseCause, [&req = *request](const Principal&) {
    return PlanCommand(req, req.cause_id(), [req](const domain::PlanState& plan, StateReader&) {
      return domain::DecideReviseCause(req, plan);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::RetireCause(grpc::CallbackServerContext* context,
                                                         const v1::RetireCauseRequest* request,
                                                         v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kRetireCause, [&req = *request](const Principal&) {
    return PlanCommand(req, req.cause_id(), [req](const domain::PlanState& plan, StateReader&) {
      return domain::DecideRetireCause(req, plan);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::LinkMeasureToCause(
    grpc::CallbackServerContext* context, const v1::LinkMeasureToCauseRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kLinkMeasureToCause, [&req = *request](const Principal&) {
    return MeasureCommand(req,
                          [req](const domain::MeasureState& measure,
                                StateReader& reader) -> domain::Result<v1::MeasureLinkedToCause> {
                            auto plan = PlanOf(measure, reader);
                            if (!plan.ok()) return plan.status();
                            return domain::DecideLinkCause(req, measure, *plan);
                          });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::UnlinkMeasureFromCause(
    grpc::CallbackServerContext* context, const v1::UnlinkMeasureFromCauseRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kUnlinkMeasureFromCause, [&req = *request](const Principal&) {
    return MeasureCommand(req, [req](const domain::MeasureState& measure, StateReader&) {
      return domain::DecideUnlinkCause(req, measure);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::SetOperationalGoal(
    grpc::CallbackServerContext* context, const v1::SetOperationalGoalRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kSetOperationalGoal,
             [&req = *request](const Principal& principal) {
               std::string id = ItemId(req.goal_id(), domain::kGoalIdPrefix, principal, req);
               return MeasureCommand(
                   req,
                   [req, id](const domain::MeasureState& measure, StateReader&) {
                     return domain::DecideSetGoal(req, measure, id);
                   },
                   id);
             });
}

grpc::ServerUnaryReactor* ActionPlanService::RetireOperationalGoal(
    grpc::CallbackServerContext* context, const v1::RetireOperationalGoalRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kRetireOperationalGoal, [&req = *request](const Principal&) {
    return MeasureCommand(
        req,
        [req](const domain::MeasureState& measure, StateReader&) {
          return domain::DecideRetireGoal(req, measure);
        },
        req.goal_id());
  });
}

grpc::ServerUnaryReactor* ActionPlanService::AddPartner(grpc::CallbackServerContext* context,
                                                        const v1::AddPartnerRequest* request,
                                                        v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kAddPartner, [&req = *request](const Principal&) {
    return MeasureCommand(req,
                          [req](const domain::MeasureState& measure,
                                StateReader& reader) -> domain::Result<v1::PartnerAdded> {
                            auto agency = reader.Agency(req.agency_id());
                            if (!agency.ok()) return agency.status();
                            return domain::DecideAddPartner(req, measure, *agency);
                          });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::RemovePartner(grpc::CallbackServerContext* context,
                                                           const v1::RemovePartnerRequest* request,
                                                           v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kRemovePartner, [&req = *request](const Principal&) {
    return MeasureCommand(req, [req](const domain::MeasureState& measure, StateReader&) {
      return domain::DecideRemovePartner(req, measure);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::RecordFollowUp(
    grpc::CallbackServerContext* context, const v1::RecordFollowUpRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kRecordFollowUp, [&req = *request](const Principal& principal) {
    return MeasureCommand(
        req, [req, actor = ActorOf(principal)](const domain::MeasureState& measure, StateReader&) {
          return domain::DecideRecordFollowUp(req, measure, actor);
        });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::FormWorkingGroup(
    grpc::CallbackServerContext* context, const v1::FormWorkingGroupRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kFormWorkingGroup, [&req = *request](const Principal& principal) {
    std::string id = ItemId(req.group_id(), domain::kWorkingGroupIdPrefix, principal, req);
    return PlanCommand(req, id,
                       [req, id](const domain::PlanState& plan,
                                 StateReader& reader) -> domain::Result<v1::WorkingGroupFormed> {
                         auto members = LoadEach(reader, &StateReader::Agency, req.agency_ids());
                         if (!members.ok()) return members.status();
                         return domain::DecideFormWorkingGroup(req, plan, id, *members);
                       });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::ChangeWorkingGroup(
    grpc::CallbackServerContext* context, const v1::ChangeWorkingGroupRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kChangeWorkingGroup, [&req = *request](const Principal&) {
    return PlanCommand(req, req.group_id(),
                       [req](const domain::PlanState& plan,
                             StateReader& reader) -> domain::Result<v1::WorkingGroupChanged> {
                         auto members = LoadEach(reader, &StateReader::Agency, req.agency_ids());
                         if (!members.ok()) return members.status();
                         return domain::DecideChangeWorkingGroup(req, plan, *members);
                       });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::MakeCitizenPromise(
    grpc::CallbackServerContext* context, const v1::MakeCitizenPromiseRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kMakeCitizenPromise,
             [&req = *request](const Principal& principal) {
               std::string id = ItemId(req.promise_id(), domain::kPromiseIdPrefix, principal, req);
               return PlanCommand(
                   req, id,
                   [req, id](const domain::PlanState& plan,
                             StateReader& reader) -> domain::Result<v1::CitizenPromiseMade> {
                     auto measures = LoadEach(reader, &StateReader::Measure, req.measure_ids());
                     if (!measures.ok()) return measures.status();
                     return domain::DecideMakeCitizenPromise(req, plan, id, *measures);
                   });
             });
}

grpc::ServerUnaryReactor* ActionPlanService::EndCitizenPromise(
    grpc::CallbackServerContext* context, const v1::EndCitizenPromiseRequest* request,
    v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kEndCitizenPromise, [&req = *request](const Principal&) {
    return PlanCommand(req, req.promise_id(), [req](const domain::PlanState& plan, StateReader&) {
      return domain::DecideEndCitizenPromise(req, plan);
    });
  });
}

grpc::ServerUnaryReactor* ActionPlanService::AdoptPlan(grpc::CallbackServerContext* context,
                                                       const v1::AdoptPlanRequest* request,
                                                       v1::CommandReply* reply) {
  return Run(context, reply, Rpc::kAdoptPlan, [&req = *request](const Principal&) {
    return PlanCommand(req, {}, [req](const domain::PlanState& plan, StateReader&) {
      return domain::DecideAdoptPlan(req, plan);
    });
  });
}

}  // namespace trygg::api
