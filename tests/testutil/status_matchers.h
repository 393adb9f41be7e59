// gmock matchers for trygg's status types, so a failed check prints the status that failed
// instead of "false" (LevelDB's IsOK, Abseil's StatusIs):
//
//   ASSERT_THAT(store->Append(request), IsOk());
//   EXPECT_THAT(Decide(command, state), StatusIs(grpc::StatusCode::FAILED_PRECONDITION, "start"));
//
// Both work on eventstore::Status, eventstore::Result<T>, domain::Result<T>, grpc::Status and
// absl::Status (and any type shaped like one of them): a result is judged by its status(). On
// failure they print "CODE_NAME: message". IsOk() also takes anything else with an ok(), and
// prints a rocksdb::Status as its ToString(). The header names none of those types, so a test that
// uses only the event store needs no gRPC headers; link trygg_status_matchers.
#pragma once

#include <absl/status/status.h>
#include <gmock/gmock.h>

#include <ostream>
#include <string>
#include <string_view>

namespace trygg::testing {
namespace status_internal {

// The status of a status or of a result (its status()).
template <class S>
decltype(auto) StatusOf(const S& s) {
  if constexpr (requires { s.status(); }) {
    return s.status();
  } else {
    return (s);
  }
}

// The code as its int: the event store numbers its codes exactly as gRPC does.
template <class S>
int CodeOf(const S& status) {
  if constexpr (requires { status.error_code(); }) {
    return static_cast<int>(status.error_code());  // grpc::Status
  } else {
    return static_cast<int>(status.code());  // eventstore::Status
  }
}

template <class S>
std::string MessageOf(const S& status) {
  if constexpr (requires { status.error_message(); }) {
    return status.error_message();  // grpc::Status
  } else {
    return std::string(status.message());  // eventstore::Status, absl::Status
  }
}

// "NOT_FOUND: no such stream", the gRPC spelling of the code; a status without a gRPC code
// (rocksdb::Status) as its ToString(); anything else that has only ok() as "not OK".
template <class S>
std::string Describe(const S& status) {
  if constexpr (
      requires { status.error_code(); } ||
      requires {
        status.code();
        status.message();
      }) {
    return absl::StatusCodeToString(static_cast<absl::StatusCode>(CodeOf(status))) + ": " +
           MessageOf(status);
  } else if constexpr (requires { status.ToString(); }) {
    return status.ToString();
  } else {
    return "not OK";
  }
}

}  // namespace status_internal

// The status (or the result's status) is OK.
MATCHER(IsOk, negation ? "is not OK" : "is OK") {
  const auto& status = status_internal::StatusOf(arg);
  if (status.ok()) return true;
  *result_listener << "whose status is " << status_internal::Describe(status);
  return false;
}

// The status (or the result's status) has `code` (an eventstore::Code or a grpc::StatusCode) and
// a message containing `substr` (empty: any message).
MATCHER_P2(StatusIs, code, substr,
           std::string(negation ? "does not have" : "has") + " code " +
               absl::StatusCodeToString(static_cast<absl::StatusCode>(code)) +
               (std::string_view(substr).empty()
                    ? std::string()
                    : " and a message containing \"" + std::string(substr) + "\"")) {
  const auto& status = status_internal::StatusOf(arg);
  *result_listener << "whose status is " << status_internal::Describe(status);
  return status_internal::CodeOf(status) == static_cast<int>(code) &&
         status_internal::MessageOf(status).find(std::string_view(substr)) != std::string::npos;
}

}  // namespace trygg::testing
