// Calling trygg-server (internal to the commands): one unary RPC with the session's token and
// deadline, its failure said for the user.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <string>

#include "cli/session.h"

namespace trygg::cli {

// Calls `rpc` on `stub` with a fresh context from `session`. On failure returns the Outcome for
// the user (with `not_found_hint`); *response is valid only when the result is ok().
template <class Stub, class Request, class Response>
client::Outcome CallUnary(const Session& session, Stub& stub,
                          grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&,
                                                    Response*),
                          const Request& request, Response* response,
                          const std::string& not_found_hint = "") {
  auto context = session.NewContext();
  const grpc::Status status = (stub.*rpc)(context.get(), request, response);
  if (!status.ok()) return session.Failed(status, not_found_hint);
  return client::Outcome::Ok();
}

}  // namespace trygg::cli
