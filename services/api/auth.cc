#include "api/auth.h"

#include <cstddef>
#include <iterator>
#include <string>
#include <vector>

namespace trygg::api {
namespace {

constexpr std::string_view kBearer = "Bearer ";

constexpr bool RowsInEnumOrder() {
  for (std::size_t i = 0; i < std::size(kRoleTable); ++i) {
    if (static_cast<std::size_t>(kRoleTable[i].rpc) != i) return false;
  }
  return true;
}
static_assert(RowsInEnumOrder(), "kRoleTable has one row per Rpc, in enum order");
static_assert(std::size(kRoleTable) == static_cast<std::size_t>(Rpc::kEventLogRead) + 1,
              "kRoleTable has a row for every Rpc");

bool Allowed(Role role, Rpc rpc) {
  const auto index = static_cast<std::size_t>(rpc);
  return index < std::size(kRoleTable) && kRoleTable[index].roles.Contains(role);
}

// "create plans, register agencies and read status": the phrases of the rows `role` may call.
std::string WhatRoleMayDo(Role role) {
  std::vector<std::string_view> phrases;
  for (const RpcRule& rule : kRoleTable) {
    if (rule.roles.Contains(role)) phrases.push_back(rule.phrase);
  }
  if (phrases.empty()) return "nothing";
  std::string text;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) text += i + 1 == phrases.size() ? " and " : ", ";
    text += phrases[i];
  }
  return text;
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
                          WhatRoleMayDo(principal.role));
}

domain::Result<Principal> Admit(const grpc::ServerContextBase& context, const TokenFile* tokens,
                                Rpc rpc) {
  domain::Result<Principal> principal = Authenticate(context, tokens);
  if (!principal.ok()) return principal;
  if (grpc::Status allowed = Authorize(*principal, rpc); !allowed.ok()) return allowed;
  return principal;
}

}  // namespace trygg::api
