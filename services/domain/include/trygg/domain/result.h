// Result<T>: either a value or an error status (never OK). Must be used: a decision whose error
// is dropped would append nothing and report nothing.
//
//   Result<v1::MeasureStarted> r = DecideStart(req, measure, caller_agency);
//   if (!r.ok()) return r.status();
//   Append(..., *r);
#pragma once

#include <grpcpp/support/status.h>

#include <cassert>
#include <utility>
#include <variant>

namespace trygg::domain {

template <class T>
class [[nodiscard]] Result {
 public:
  // Implicit on purpose, so a function can `return event;` or `return grpc::Status(...);`.
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(grpc::Status error)                 // NOLINT(google-explicit-constructor)
      : v_(std::move(error)) {
    // An OK status carries no value: that is a bug in the caller. Keep the result an error in
    // release builds so it can never be mistaken for success.
    assert(!std::get<grpc::Status>(v_).ok());
    if (std::get<grpc::Status>(v_).ok()) {
      v_ = grpc::Status(grpc::StatusCode::INTERNAL, "Result constructed from an OK status");
    }
  }

  bool ok() const noexcept { return std::holds_alternative<T>(v_); }

  // OK when ok(); otherwise the error.
  const grpc::Status& status() const noexcept {
    if (ok()) return grpc::Status::OK;
    return std::get<grpc::Status>(v_);
  }

  // Precondition: ok().
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, grpc::Status> v_;
};

}  // namespace trygg::domain
