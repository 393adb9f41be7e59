// Authentication (bearer token → principal) and authorisation (role → RPCs it may call).
#pragma once

#include <grpcpp/server_context.h>

#include <initializer_list>
#include <string_view>

#include "api/principal.h"
#include "api/token_file.h"
#include "trygg/domain/result.h"

namespace trygg::api {

// Every RPC trygg serves, for the role table.
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

// The role table (../shared/DESIGN.md, "Security"), one row per Rpc in enum order: Authorize and
// its refusal message both read it. Whether an agency may act on a particular measure (its own)
// is the domain's decision, not this table's; the phrases say "its own" to warn of it.
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
