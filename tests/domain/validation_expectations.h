// What the validation tests expect of a status: accepted, or INVALID_ARGUMENT naming a field.
#pragma once

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <string>

namespace trygg::domain::testing {

// INVALID_ARGUMENT whose message begins with `field` and a space.
inline ::testing::AssertionResult RejectedNaming(const grpc::Status& status,
                                                 const std::string& field) {
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) {
    return ::testing::AssertionFailure()
           << "code " << status.error_code() << " (" << status.error_message() << ")";
  }
  if (status.error_message().rfind(field + " ", 0) != 0) {
    return ::testing::AssertionFailure()
           << "message does not start with " << field << ": " << status.error_message();
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult Accepted(const grpc::Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.error_message();
}

}  // namespace trygg::domain::testing
