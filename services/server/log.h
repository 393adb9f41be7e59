// trygg-server's log: one record per line on stderr, as text (key=value pairs) or JSON (one object
// per line), so that journald, a container runtime or any log shipper collects it as it is.
// docs/operations.md, "Logs", lists every event and its fields.
#pragma once

#include <unistd.h>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace trygg::server {

enum class LogLevel { kDebug, kInfo, kWarn, kError };
enum class LogFormat { kText, kJson };

// "debug", "info", "warn", "error" (the --log-level values); nullopt for anything else.
std::optional<LogLevel> ParseLogLevel(std::string_view name);
// "text", "json" (the --log-format values); nullopt for anything else.
std::optional<LogFormat> ParseLogFormat(std::string_view name);

// One field of a record: a key (a fixed identifier, never input) and its value. Strings are
// escaped as the format needs, whatever bytes they hold; latency-like doubles print with three
// decimals.
class LogField {
 public:
  using Value = std::variant<std::string_view, int64_t, uint64_t, double, bool>;

  LogField(std::string_view key, std::string_view value) : key_(key), value_(value) {}
  LogField(std::string_view key, const char* value) : key_(key), value_(std::string_view(value)) {}
  LogField(std::string_view key, const std::string& value)
      : key_(key), value_(std::string_view(value)) {}
  LogField(std::string_view key, std::signed_integral auto value)
      : key_(key), value_(static_cast<int64_t>(value)) {}
  LogField(std::string_view key, std::unsigned_integral auto value)
      : key_(key), value_(static_cast<uint64_t>(value)) {}
  LogField(std::string_view key, double value) : key_(key), value_(value) {}
  LogField(std::string_view key, bool value) : key_(key), value_(value) {}

  std::string_view key() const { return key_; }
  const Value& value() const { return value_; }

 private:
  std::string_view key_;
  Value value_;
};

using LogFields = std::initializer_list<LogField>;

// Writes records to a file descriptor. Thread-safe and lock-free: each record is formatted into
// one buffer and written with one write(2), so records from concurrent threads never interleave
// (a pipe or a file opened with O_APPEND keeps writes of up to PIPE_BUF bytes whole; a longer
// record is still one call, and only a partial write makes a second).
class Logger {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // `fd` is not owned; `clock` (empty: the system clock) stamps each record.
  Logger(LogFormat format, LogLevel level, int fd = STDERR_FILENO, Clock clock = {});

  // Whether records at `level` are written (level at or above the logger's).
  [[nodiscard]] bool Enabled(LogLevel level) const { return level >= level_; }

  // Writes one record, unless `level` is below the logger's. `event` names what happened ("rpc",
  // "start", ...). A failed write is dropped: the log must never stop the server.
  void Log(LogLevel level, std::string_view event, LogFields fields = {}) const;
  void Debug(std::string_view event, LogFields fields = {}) const {
    Log(LogLevel::kDebug, event, fields);
  }
  void Info(std::string_view event, LogFields fields = {}) const {
    Log(LogLevel::kInfo, event, fields);
  }
  void Warn(std::string_view event, LogFields fields = {}) const {
    Log(LogLevel::kWarn, event, fields);
  }
  void Error(std::string_view event, LogFields fields = {}) const {
    Log(LogLevel::kError, event, fields);
  }

  // The line Log writes for a record at `time`, ending in '\n'.
  [[nodiscard]] std::string Format(std::chrono::system_clock::time_point time, LogLevel level,
                                   std::string_view event, LogFields fields) const;

 private:
  LogFormat format_;
  LogLevel level_;
  int fd_;
  Clock clock_;
};

// "2026-12-04T15:30:00.123Z": RFC 3339, UTC, milliseconds.
std::string Rfc3339Millis(std::chrono::system_clock::time_point time);

}  // namespace trygg::server
