// Authentication (bearer token → principal) and authorisation (role → RPCs it may call).
#pragma once

#include <grpcpp/server_context.h>

#include <initializer_list>
#include <string_view>

#include "api/principal.h"
#include "api/token_file.h"
#include "trygg/domain/result.h"

namespace trygg::api {

// Every RPC trygg serves, for the role table: ActionPlanService's in the .proto's order, then one
// for each read service.
enum class Rpc {
  kCreatePlan,
  kRegisterAgency,
  kProposeMeasure,
  kPrioritiseMeasure,
  kAssignMeasure,
  kStartMeasure,
  kReportProgress,
  kCompleteMeasure,
  kWithdrawMeasure,
  kRecordResidentInput,
  kRecordFinding,
  kReviseFinding,
  kRetireFinding,
  kIdentifyCause,
  kReviseCause,
  kRetireCause,
  kLinkMeasureToCause,
  kUnlinkMeasureFromCause,
  kSetOperationalGoal,
  kRetireOperationalGoal,
  kAddPartner,
  kRemovePartner,
  kRecordFollowUp,
  kFormWorkingGroup,
  kChangeWorkingGroup,
  kMakeCitizenPromise,
  kEndCitizenPromise,
  kAdoptPlan,
  kStatusRead,    // any StatusService RPC
  kEventLogRead,  // any EventLogService RPC
};

// A set of roles.
class Roles {
 public:
  constexpr Roles(std::initializer_list<Role> roles) {
    for (const Role role : roles) bits_ |= Bit(role);
  }
  [[nodiscard]] constexpr bool Contains(Role role) const { return (bits_ & Bit(role)) != 0; }

 private:
  static constexpr unsigned Bit(Role role) { return 1U << static_cast<unsigned>(role); }
  unsigned bits_ = 0;
};

// One row of the role table: which roles may call `rpc`, the gRPC methods it stands for, and
// what it lets a role do, in the words of the PERMISSION_DENIED message.
struct RpcRule {
  Rpc rpc;
  std::string_view service;  // the gRPC service's full name, "trygg.v1.ActionPlanService"
  std::string_view method;   // "CreatePlan"; empty for every method of the service
  Roles roles;
  std::string_view phrase;  // "create plans": completes "which may only ..."
};

// The role table (../shared/DESIGN.md, "Security"), one row per Rpc in enum order (the order of
// the .proto's methods): Authorize and its refusal message both read it. Whether an agency may
// act on a particular measure (its own), follow up a particular party's part (its own) or record
// a finding from a particular source (police intelligence only from the police) is the domain's
// decision, not this table's; the phrases say "its own" to warn of it.
inline constexpr RpcRule kRoleTable[] = {
    {Rpc::kCreatePlan,
     "trygg.v1.ActionPlanService",
     "CreatePlan",
     {Role::kCoordinator},
     "create plans"},
    {Rpc::kRegisterAgency,
     "trygg.v1.ActionPlanService",
     "RegisterAgency",
     {Role::kCoordinator},
     "register agencies"},
    {Rpc::kProposeMeasure,
     "trygg.v1.ActionPlanService",
     "ProposeMeasure",
     {Role::kCoordinator, Role::kAgency},
     "propose measures"},
    {Rpc::kPrioritiseMeasure,
     "trygg.v1.ActionPlanService",
     "PrioritiseMeasure",
     {Role::kCoordinator},
     "prioritise measures"},
    {Rpc::kAssignMeasure,
     "trygg.v1.ActionPlanService",
     "AssignMeasure",
     {Role::kCoordinator},
     "assign measures"},
    {Rpc::kStartMeasure,
     "trygg.v1.ActionPlanService",
     "StartMeasure",
     {Role::kAgency},
     "start its own agency's measures"},
    {Rpc::kReportProgress,
     "trygg.v1.ActionPlanService",
     "ReportProgress",
     {Role::kAgency},
     "report progress on its own agency's measures"},
    {Rpc::kCompleteMeasure,
     "trygg.v1.ActionPlanService",
     "CompleteMeasure",
     {Role::kAgency},
     "complete its own agency's measures"},
    {Rpc::kWithdrawMeasure,
     "trygg.v1.ActionPlanService",
     "WithdrawMeasure",
     {Role::kCoordinator},
     "withdraw measures"},
    {Rpc::kRecordResidentInput,
     "trygg.v1.ActionPlanService",
     "RecordResidentInput",
     {Role::kCoordinator, Role::kAgency},
     "record residents' input"},
    {Rpc::kRecordFinding,
     "trygg.v1.ActionPlanService",
     "RecordFinding",
     {Role::kCoordinator, Role::kAgency},
     "record findings"},
    {Rpc::kReviseFinding,
     "trygg.v1.ActionPlanService",
     "ReviseFinding",
     {Role::kCoordinator},
     "revise findings"},
    {Rpc::kRetireFinding,
     "trygg.v1.ActionPlanService",
     "RetireFinding",
     {Role::kCoordinator},
     "retire findings"},
    {Rpc::kIdentifyCause,
     "trygg.v1.ActionPlanService",
     "IdentifyCause",
     {Role::kCoordinator},
     "identify causes"},
    {Rpc::kReviseCause,
     "trygg.v1.ActionPlanService",
     "ReviseCause",
     {Role::kCoordinator},
     "revise causes"},
    {Rpc::kRetireCause,
     "trygg.v1.ActionPlanService",
     "RetireCause",
     {Role::kCoordinator},
     "retire causes"},
    {Rpc::kLinkMeasureToCause,
     "trygg.v1.ActionPlanService",
     "LinkMeasureToCause",
     {Role::kCoordinator},
     "link measures to causes"},
    {Rpc::kUnlinkMeasureFromCause,
     "trygg.v1.ActionPlanService",
     "UnlinkMeasureFromCause",
     {Role::kCoordinator},
     "unlink measures from causes"},
    {Rpc::kSetOperationalGoal,
     "trygg.v1.ActionPlanService",
     "SetOperationalGoal",
     {Role::kCoordinator},
     "set operational goals"},
    {Rpc::kRetireOperationalGoal,
     "trygg.v1.ActionPlanService",
     "RetireOperationalGoal",
     {Role::kCoordinator},
     "retire operational goals"},
    {Rpc::kAddPartner,
     "trygg.v1.ActionPlanService",
     "AddPartner",
     {Role::kCoordinator},
     "add partner agencies"},
    {Rpc::kRemovePartner,
     "trygg.v1.ActionPlanService",
     "RemovePartner",
     {Role::kCoordinator},
     "remove partner agencies"},
    {Rpc::kRecordFollowUp,
     "trygg.v1.ActionPlanService",
     "RecordFollowUp",
     {Role::kCoordinator, Role::kAgency},
     "record follow-up on its own agency's part of measures"},
    {Rpc::kFormWorkingGroup,
     "trygg.v1.ActionPlanService",
     "FormWorkingGroup",
     {Role::kCoordinator},
     "form working groups"},
    {Rpc::kChangeWorkingGroup,
     "trygg.v1.ActionPlanService",
     "ChangeWorkingGroup",
     {Role::kCoordinator},
     "change working groups"},
    {Rpc::kMakeCitizenPromise,
     "trygg.v1.ActionPlanService",
     "MakeCitizenPromise",
     {Role::kCoordinator},
     "make citizen promises"},
    {Rpc::kEndCitizenPromise,
     "trygg.v1.ActionPlanService",
     "EndCitizenPromise",
     {Role::kCoordinator},
     "end citizen promises"},
    {Rpc::kAdoptPlan,
     "trygg.v1.ActionPlanService",
     "AdoptPlan",
     {Role::kCoordinator},
     "record the plan's adoption"},
    {Rpc::kStatusRead,
     "trygg.v1.StatusService",
     "",
     {Role::kCoordinator, Role::kAgency, Role::kAuditor, Role::kReader},
     "read status"},
    {Rpc::kEventLogRead,
     "trygg.v1.EventLogService",
     "",
     {Role::kCoordinator, Role::kAgency, Role::kAuditor},
     "read the event log"},
};

// The principal of anonymous calls when the server runs with --allow-anonymous.
Principal AnonymousPrincipal();

// Reads "authorization: Bearer <token>" from the call's metadata. With `tokens` null (anonymous
// mode) every call is AnonymousPrincipal(). UNAUTHENTICATED when the header is missing,
// malformed or names no known token.
domain::Result<Principal> Authenticate(const grpc::ServerContextBase& context,
                                       const TokenFile* tokens);

// OK, or PERMISSION_DENIED naming the role and what it may do (the phrases of its rows in
// kRoleTable: "…, which may only read status and read the event log"). Whether an agency may act on
// a particular measure (its own) is the domain's decision, not this table's.
[[nodiscard]] grpc::Status Authorize(const Principal& principal, Rpc rpc);

// Authenticate, then Authorize for `rpc`: the caller's principal, or the first refusal.
domain::Result<Principal> Admit(const grpc::ServerContextBase& context, const TokenFile* tokens,
                                Rpc rpc);

}  // namespace trygg::api
