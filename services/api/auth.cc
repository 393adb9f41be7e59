#include "api/auth.h"

#include <string>

namespace trygg::api {
namespace {

constexpr std::string_view kBearer = "Bearer ";

bool Allowed(Role role, Rpc rpc) {
  switch (rpc) {
    case Rpc::kStatusRead: return true;
    case Rpc::kEventLogRead: return role != Role::kReader;
    case Rpc::kProposeMeasure: return role == Role::kCoordinator || role == Role::kAgency;
    case Rpc::kStartMeasure:
    case Rpc::kReportProgress:
    case Rpc::kCompleteMeasure: return role == Role::kAgency;
    case Rpc::kCreatePlan:
    case Rpc::kRegisterAgency:
    case Rpc::kPrioritiseMeasure:
    case Rpc::kAssignMeasure:
    case Rpc::kWithdrawMeasure: return role == Role::kCoordinator;
  }
  return false;
}

std::string_view WhatRoleMayDo(Role role) {
  switch (role) {
    case Role::kCoordinator:
      return "create plans, register agencies, propose, prioritise, assign and withdraw "
             "measures, and read";
    case Role::kAgency:
      return "propose measures, start, report on and complete its own agency's measures, and read";
    case Role::kAuditor: return "read status and the event log";
    case Role::kReader: return "read status";
  }
  return "nothing";
}

}  // namespace

Principal AnonymousPrincipal() { return Principal{"anonymous", Role::kCoordinator, ""}; }

domain::Result<Principal> Authenticate(const grpc::ServerContextBase& context,
                                       const TokenFile* tokens) {
  if (tokens == nullptr) return AnonymousPrincipal();
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "missing 'authorization: Bearer <token>' metadata");
  }
  const std::string_view header(it->second.data(), it->second.size());
  if (header.substr(0, kBearer.size()) != kBearer) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "the authorization metadata must be 'Bearer <token>'");
  }
  std::optional<Principal> principal = tokens->Authenticate(header.substr(kBearer.size()));
  if (!principal) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "the token was not recognised");
  }
  return *principal;
}

grpc::Status Authorize(const Principal& principal, Rpc rpc) {
  if (Allowed(principal.role, rpc)) return grpc::Status::OK;
  return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                      "principal '" + principal.name + "' has role " +
                          std::string(RoleName(principal.role)) + ", which may only " +
                          std::string(WhatRoleMayDo(principal.role)));
}

domain::Result<Principal> Admit(const grpc::ServerContextBase& context, const TokenFile* tokens,
                                Rpc rpc) {
  domain::Result<Principal> principal = Authenticate(context, tokens);
  if (!principal.ok()) return principal;
  if (grpc::Status allowed = Authorize(*principal, rpc); !allowed.ok()) return allowed;
  return principal;
}

}  // namespace trygg::api
