// Small constructors for the domain's error statuses (internal), so every message is built the
// same way. (grpc::Status copies its message from a const reference.)
#pragma once

#include <grpcpp/support/status.h>

#include <string>

namespace trygg::domain::internal {

inline grpc::Status InvalidArgument(const std::string& message) {
  return {grpc::StatusCode::INVALID_ARGUMENT, message};
}
inline grpc::Status NotFound(const std::string& message) {
  return {grpc::StatusCode::NOT_FOUND, message};
}
inline grpc::Status AlreadyExists(const std::string& message) {
  return {grpc::StatusCode::ALREADY_EXISTS, message};
}
inline grpc::Status FailedPrecondition(const std::string& message) {
  return {grpc::StatusCode::FAILED_PRECONDITION, message};
}
inline grpc::Status PermissionDenied(const std::string& message) {
  return {grpc::StatusCode::PERMISSION_DENIED, message};
}
inline grpc::Status Aborted(const std::string& message) {
  return {grpc::StatusCode::ABORTED, message};
}

}  // namespace trygg::domain::internal

// Returns from the enclosing function (a Validate, or a Decide whose Result takes a status) on
// the first error.
#define TRYGG_RETURN_IF_ERROR(expr)    \
  do {                                 \
    grpc::Status status_ = (expr);     \
    if (!status_.ok()) return status_; \
  } while (false)
