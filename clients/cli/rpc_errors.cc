#include "cli/rpc_errors.h"

#include <grpcpp/support/status.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

#include "absl/status/status.h"

namespace trygg::cli {

using client::ExitCode;
using client::Outcome;

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g s", seconds);
  return buffer;
}

// gRPC's own messages for a connection that failed, in a few words; empty when the message is
// not one of those (the server itself answered UNAVAILABLE, e.g. while shutting down).
std::string ConnectionFailure(const std::string& message, bool tls) {
  const std::string lower = Lower(message);
  if (Contains(lower, "connection refused")) return "connection refused";
  if (Contains(lower, "dns resolution failed") || Contains(lower, "name or service not known") ||
      Contains(lower, "could not resolve") || Contains(lower, "domain name not found")) {
    return "the host name does not resolve";
  }
  if (Contains(lower, "handshake") || Contains(lower, "ssl") || Contains(lower, "certificate")) {
    return "the TLS handshake failed";
  }
  if (Contains(lower, "socket closed") || Contains(lower, "connection reset") ||
      Contains(lower, "end of tcp stream") || Contains(lower, "broken pipe")) {
    return tls ? "the connection was closed during the TLS handshake"
               : "the connection was closed; a TLS server closes plaintext connections";
  }
  if (Contains(lower, "failed to connect") || Contains(lower, "connect failed") ||
      Contains(lower, "unreachable") || Contains(lower, "timed out")) {
    return "cannot connect";
  }
  return "";
}

Outcome Unavailable(const grpc::Status& status, const RpcTarget& target) {
  const std::string why = ConnectionFailure(status.error_message(), target.tls);
  if (why.empty()) {
    return Outcome::Fail(ExitCode::kUnavailable, "trygg-server at " + target.server +
                                                     " is unavailable (" + status.error_message() +
                                                     "); try again when it is back");
  }
  std::string what_to_do = "is it running? check --server";
  if (Contains(why, "host name")) what_to_do = "check --server";
  if (Contains(why, "TLS")) {
    what_to_do = target.tls ? "check --ca (the server's CA), --cert and --key, and --server"
                            : "if the server uses TLS, give --ca (and --cert/--key for mutual "
                              "TLS); check --server";
  }
  return Outcome::Fail(ExitCode::kUnavailable, "cannot reach trygg-server at " + target.server +
                                                   " (" + why + "); " + what_to_do);
}

Outcome DeadlineExceeded(const grpc::Status& status, const RpcTarget& target) {
  const std::string within =
      target.timeout_seconds > 0 ? " within " + Seconds(target.timeout_seconds) : "";
  if (Contains(status.error_message(), "projections")) {
    // StatusService's min_position wait ran out: the server is up but behind.
    return Outcome::Fail(ExitCode::kUnavailable,
                         "trygg-server at " + target.server + " had not caught up" + within + " (" +
                             status.error_message() + "); try again or raise --timeout");
  }
  return Outcome::Fail(ExitCode::kUnavailable,
                       "no answer from trygg-server at " + target.server + within +
                           " (DEADLINE_EXCEEDED); check --server, or raise --timeout");
}

}  // namespace

Outcome FromRpcStatus(const grpc::Status& status, const RpcTarget& target) {
  const std::string& message = status.error_message();
  const std::string code =
      absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE: return Unavailable(status, target);
    case grpc::StatusCode::DEADLINE_EXCEEDED: return DeadlineExceeded(status, target);
    case grpc::StatusCode::UNAUTHENTICATED:
      if (!target.token_given) {
        return Outcome::Fail(ExitCode::kDenied,
                             "the server wants a token (UNAUTHENTICATED); give --token or set "
                             "TRYGG_TOKEN");
      }
      return Outcome::Fail(ExitCode::kDenied,
                           "the server refused the token (UNAUTHENTICATED); check --token or "
                           "TRYGG_TOKEN");
    case grpc::StatusCode::PERMISSION_DENIED:
      return Outcome::Fail(ExitCode::kDenied,
                           "not allowed (PERMISSION_DENIED): " + message +
                               "; use a token whose role and agency may do this");
    case grpc::StatusCode::NOT_FOUND:
      return Outcome::Fail(
          ExitCode::kNotFound,
          message + " (NOT_FOUND); " +
              (target.not_found_hint.empty() ? "check the id" : target.not_found_hint));
    case grpc::StatusCode::FAILED_PRECONDITION:
      // The server names the measure, its status and what is allowed now: say exactly that.
      return Outcome::Fail(ExitCode::kConflict, message);
    case grpc::StatusCode::ABORTED:
      return Outcome::Fail(ExitCode::kConflict,
                           message +
                               " (version conflict); read it again with 'trygg measure show ID' "
                               "and retry with its version as --expected-version");
    case grpc::StatusCode::ALREADY_EXISTS:
      return Outcome::Fail(ExitCode::kConflict,
                           message +
                               " (ALREADY_EXISTS); choose another id, or another --command-id if "
                               "that one was used for a different request");
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return Outcome::Fail(ExitCode::kUsage, "the server rejected the request: " + message + " (" +
                                                 code + "); fix that option (see --help)");
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return Outcome::Fail(ExitCode::kOther, "trygg-server at " + target.server +
                                                 " is overloaded (RESOURCE_EXHAUSTED: " + message +
                                                 "); try again shortly");
    default:
      return Outcome::Fail(ExitCode::kOther, "the call failed (" + code +
                                                 (message.empty() ? "" : ": " + message) +
                                                 "); if it persists, tell the server's operator");
  }
}

}  // namespace trygg::cli
