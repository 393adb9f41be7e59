// Status codes to exit codes and messages (cli/rpc_errors.h).
#include "cli/rpc_errors.h"

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

namespace trygg::cli {

using client::ExitCode;
using client::Outcome;

namespace {

RpcTarget Target() {
  RpcTarget target;
  target.server = "127.0.0.1:50051";
  target.token_given = true;
  target.timeout_seconds = 10;
  return target;
}

ExitCode CodeFor(grpc::StatusCode code) {
  return FromRpcStatus(grpc::Status(code, "m"), Target()).code();
}

TEST(CliFromRpcStatus, ExitCodes) {
  EXPECT_EQ(CodeFor(grpc::StatusCode::INVALID_ARGUMENT), ExitCode::kUsage);
  EXPECT_EQ(CodeFor(grpc::StatusCode::OUT_OF_RANGE), ExitCode::kUsage);
  EXPECT_EQ(CodeFor(grpc::StatusCode::NOT_FOUND), ExitCode::kNotFound);
  EXPECT_EQ(CodeFor(grpc::StatusCode::UNAUTHENTICATED), ExitCode::kDenied);
  EXPECT_EQ(CodeFor(grpc::StatusCode::PERMISSION_DENIED), ExitCode::kDenied);
  EXPECT_EQ(CodeFor(grpc::StatusCode::ABORTED), ExitCode::kConflict);
  EXPECT_EQ(CodeFor(grpc::StatusCode::FAILED_PRECONDITION), ExitCode::kConflict);
  EXPECT_EQ(CodeFor(grpc::StatusCode::ALREADY_EXISTS), ExitCode::kConflict);
  EXPECT_EQ(CodeFor(grpc::StatusCode::UNAVAILABLE), ExitCode::kUnavailable);
  EXPECT_EQ(CodeFor(grpc::StatusCode::DEADLINE_EXCEEDED), ExitCode::kUnavailable);
  EXPECT_EQ(CodeFor(grpc::StatusCode::INTERNAL), ExitCode::kOther);
  EXPECT_EQ(CodeFor(grpc::StatusCode::UNKNOWN), ExitCode::kOther);
  EXPECT_EQ(CodeFor(grpc::StatusCode::RESOURCE_EXHAUSTED), ExitCode::kOther);
  EXPECT_EQ(CodeFor(grpc::StatusCode::UNIMPLEMENTED), ExitCode::kOther);
}

TEST(CliFromRpcStatus, ConnectionRefused) {
  const Outcome outcome = FromRpcStatus(
      grpc::Status(grpc::StatusCode::UNAVAILABLE,
                   "failed to connect to all addresses; last error: UNKNOWN: "
                   "ipv4:127.0.0.1:50051: Failed to connect to remote host: Connection refused"),
      Target());
  EXPECT_EQ(outcome.message(),
            "cannot reach trygg-server at 127.0.0.1:50051 (connection refused); is it running? "
            "check --server");
}

TEST(CliFromRpcStatus, TheServerItselfUnavailable) {
  const Outcome outcome = FromRpcStatus(
      grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"), Target());
  EXPECT_EQ(outcome.message(),
            "trygg-server at 127.0.0.1:50051 is unavailable (the server is shutting down); try "
            "again when it is back");
}

TEST(CliFromRpcStatus, DeadlineNamesTheTimeout) {
  const Outcome outcome = FromRpcStatus(
      grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded"), Target());
  EXPECT_EQ(outcome.message(),
            "no answer from trygg-server at 127.0.0.1:50051 within 10 s (DEADLINE_EXCEEDED); "
            "check --server, or raise --timeout");
}

TEST(CliFromRpcStatus, TokenRefusedOrMissing) {
  RpcTarget target = Target();
  const grpc::Status status(grpc::StatusCode::UNAUTHENTICATED, "the token was not recognised");
  EXPECT_EQ(FromRpcStatus(status, target).message(),
            "the server refused the token (UNAUTHENTICATED); check --token or TRYGG_TOKEN");
  target.token_given = false;
  EXPECT_EQ(FromRpcStatus(status, target).message(),
            "the server wants a token (UNAUTHENTICATED); give --token or set TRYGG_TOKEN");
}

TEST(CliFromRpcStatus, AnIllegalTransitionIsTheServersMessage) {
  EXPECT_EQ(FromRpcStatus(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                                       "cannot start: measure m-1 is COMPLETED; no command is "
                                       "allowed"),
                          Target())
                .message(),
            "cannot start: measure m-1 is COMPLETED; no command is allowed");
}

TEST(CliFromRpcStatus, NotFoundUsesTheHint) {
  RpcTarget target = Target();
  target.not_found_hint = "check the id with 'trygg measures list'";
  EXPECT_EQ(
      FromRpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "no measure 'x'"), target).message(),
      "no measure 'x' (NOT_FOUND); check the id with 'trygg measures list'");
}

TEST(CliFromRpcStatus, TlsFailuresPointAtTheTlsOptions) {
  RpcTarget target = Target();
  const grpc::Status closed(grpc::StatusCode::UNAVAILABLE,
                            "failed to connect to all addresses; last error: UNAVAILABLE: "
                            "ipv4:127.0.0.1:50051: Socket closed");
  EXPECT_EQ(FromRpcStatus(closed, target).message(),
            "cannot reach trygg-server at 127.0.0.1:50051 (the connection was closed; a TLS "
            "server closes plaintext connections); if the server uses TLS, give --ca (and "
            "--cert/--key for mutual TLS); check --server");
  target.tls = true;
  const grpc::Status handshake(grpc::StatusCode::UNAVAILABLE,
                               "failed to connect to all addresses; last error: UNKNOWN: "
                               "Ssl handshake failed: SSL_ERROR_SSL: certificate verify failed");
  EXPECT_EQ(FromRpcStatus(handshake, target).message(),
            "cannot reach trygg-server at 127.0.0.1:50051 (the TLS handshake failed); check --ca "
            "(the server's CA), --cert and --key, and --server");
}

}  // namespace
}  // namespace trygg::cli
