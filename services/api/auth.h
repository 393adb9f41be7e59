// Authentication (bearer token → principal) and authorisation (role → RPCs it may call).
#pragma once

#include <grpcpp/server_context.h>

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

// The principal of anonymous calls when the server runs with --allow-anonymous.
Principal AnonymousPrincipal();

// Reads "authorization: Bearer <token>" from the call's metadata. With `tokens` null (anonymous
// mode) every call is AnonymousPrincipal(). UNAUTHENTICATED when the header is missing,
// malformed or names no known token.
domain::Result<Principal> Authenticate(const grpc::ServerContextBase& context,
                                       const TokenFile* tokens);

// OK, or PERMISSION_DENIED naming the role and what it may do. Whether an agency may act on a
// particular measure (its own) is the domain's decision, not this table's.
grpc::Status Authorize(const Principal& principal, Rpc rpc);

// Authenticate, then Authorize for `rpc`: the caller's principal, or the first refusal.
domain::Result<Principal> Admit(const grpc::ServerContextBase& context, const TokenFile* tokens,
                                Rpc rpc);

}  // namespace trygg::api
