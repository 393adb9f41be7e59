// Errors of the event store: one vocabulary, the gRPC status codes, so the API layer maps
// them at the edge with a cast. Results are must-use; ignoring one is a compile warning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "trygg/eventstore/types.h"

namespace trygg::eventstore {

// Numbered exactly as google.rpc.Code / grpc::StatusCode. Chosen by what the caller should do:
//   kInvalidArgument     the request is malformed; fix it, do not retry.
//   kAborted             expected-version conflict; re-read the stream and decide again.
//   kAlreadyExists       an idempotency key was reused for a different request.
//   kResourceExhausted   the writer's queue is full, or the disk holding the store is full
//                        (kDiskFullMessage); retry later with backoff.
//   kFailedPrecondition  the directory cannot be opened as a store (wrong kind, newer format,
//                        in use by another process).
//   kUnavailable         the store is closing, or a write failed for another reason than space
//                        (kDiskFailedMessage); retry against a new instance.
//   kDataLoss            stored data is damaged.
//   kInternal            an I/O or RocksDB failure; see the message.
enum class Code : int {
  kOk = 0,
  kCancelled = 1,
  kInvalidArgument = 3,
  kNotFound = 5,
  kAlreadyExists = 6,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
};

// "INVALID_ARGUMENT", "ABORTED", ... as gRPC spells them.
std::string CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  // An expected-version conflict (kAborted) that carries the stream's current version.
  static Status VersionConflict(std::string message, StreamVersion current);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // Set only on expected-version conflicts.
  std::optional<StreamVersion> current_version() const { return current_version_; }
  // What the store saw beneath the message (RocksDB's own words, which may name files), for the
  // server's log only; empty when the message says it all.
  const std::string& detail() const { return detail_; }
  Status WithDetail(std::string detail) && {
    detail_ = std::move(detail);
    return std::move(*this);
  }
  // "ABORTED: message", and " (detail)" when there is one.
  std::string ToString() const;

  // Explicit, greppable way to drop a status on purpose.
  void IgnoreError() const {}

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::optional<StreamVersion> current_version_;
  std::string detail_;
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

}  // namespace trygg::eventstore
