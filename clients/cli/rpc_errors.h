// A failed gRPC call, said the way a user can act on it: the exit code for its status code and
// one line naming what went wrong and what to do. The server's own message is kept where it says
// more than trygg could (an illegal transition names the measure's status and what is allowed).
#pragma once

#include <string>

#include "common/outcome.h"

namespace grpc {
class Status;
}

namespace trygg::cli {

// What the failed call was, for the message.
struct RpcTarget {
  std::string server;          // the address dialled, e.g. "127.0.0.1:50051"
  bool token_given = false;    // whether a bearer token was sent
  bool tls = false;            // whether the channel uses TLS
  double timeout_seconds = 0;  // the call's deadline, 0 for none
  // For NOT_FOUND: how to find the right id, e.g. "list measures with 'trygg measures list'".
  std::string not_found_hint;
};

// Maps a status code to an exit code: UNAVAILABLE and DEADLINE_EXCEEDED → kUnavailable;
// UNAUTHENTICATED and PERMISSION_DENIED → kDenied; NOT_FOUND → kNotFound; ABORTED,
// FAILED_PRECONDITION and ALREADY_EXISTS → kConflict; INVALID_ARGUMENT and OUT_OF_RANGE → kUsage;
// everything else → kOther. Requires !status.ok().
client::Outcome FromRpcStatus(const grpc::Status& status, const RpcTarget& target);

}  // namespace trygg::cli
