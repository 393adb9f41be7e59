// How a trygg command ended: its exit code and, when it failed, the one line that says what went
// wrong and what to do. Every failure in a client becomes one of these; main prints the line on
// stderr ("trygg: <message>") and exits with the code.
#pragma once

#include <string>
#include <utility>

namespace trygg::client {

// The exit codes, as documented in `trygg --help` and the README. Scripts depend on them: never
// renumber. 0, 1 and 2 mean the same in every trygg client; from 3 on they are trygg's (trygg-audit
// has its own 3, "findings").
enum class ExitCode : int {
  kOk = 0,
  kOther = 1,        // anything not below (an internal server error, a bad reply, ...)
  kUsage = 2,        // bad command line or configuration, or a request the server calls invalid
  kNotFound = 3,     // the plan, agency or measure does not exist
  kDenied = 4,       // the token is missing or refused, or its role may not do this
  kConflict = 5,     // version conflict, illegal transition, or the id is already taken
  kUnavailable = 6,  // the server cannot be reached, or did not answer in time
};

class [[nodiscard]] Outcome {
 public:
  static Outcome Ok() { return Outcome(ExitCode::kOk, ""); }
  // `message`: "<what went wrong>; <what to do>", without the "trygg: " prefix or a newline.
  static Outcome Fail(ExitCode code, std::string message) {
    return Outcome(code, std::move(message));
  }

  bool ok() const { return code_ == ExitCode::kOk; }
  ExitCode code() const { return code_; }
  int exit_code() const { return static_cast<int>(code_); }
  const std::string& message() const { return message_; }

 private:
  Outcome(ExitCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ExitCode code_;
  std::string message_;
};

}  // namespace trygg::client
