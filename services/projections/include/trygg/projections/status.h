// Errors of the projections, in the gRPC status-code vocabulary so the API layer maps them at
// the edge with a cast. Results are must-use.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace trygg::projections {

// Numbered exactly as google.rpc.Code / grpc::StatusCode.
//   kInvalidArgument     a query is malformed (the message names the field); fix it.
//   kNotFound            the agency or plan asked about does not exist.
//   kFailedPrecondition  Apply was called out of position order: the caller's bug.
//   kInternal            the log contradicts itself (a payload that does not parse, an event for a
//                        measure that does not exist, a stream version gap). The log is
//                        hash-verified, so this is a bug in whatever wrote it; stop applying.
enum class Code : int {
  kOk = 0,
  kInvalidArgument = 3,
  kNotFound = 5,
  kFailedPrecondition = 9,
  kInternal = 13,
};

// "INVALID_ARGUMENT", ... as gRPC spells them.
std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "INTERNAL: message"
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace trygg::projections
