#include "lifecycle_log.h"

#include <google/protobuf/stubs/logging.h>
#include <grpc/support/log.h>

#include <atomic>

#include "api/store_status.h"

#ifndef TRYGG_VERSION
#error "TRYGG_VERSION must be the project's version"
#endif

namespace trygg::server {
namespace {

using eventstore::StoreLogRecord;

LogLevel LevelOf(StoreLogRecord::Severity severity) {
  switch (severity) {
    case StoreLogRecord::Severity::kInfo: return LogLevel::kInfo;
    case StoreLogRecord::Severity::kWarning: return LogLevel::kWarn;
    case StoreLogRecord::Severity::kError: return LogLevel::kError;
  }
  return LogLevel::kError;
}

double Millis(std::chrono::microseconds duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

// gRPC's and protobuf's log functions take no context: the logger they write to.
std::atomic<const Logger*> library_log{nullptr};

void WriteGrpcLog(gpr_log_func_args* args) {
  const Logger* log = library_log.load(std::memory_order_acquire);
  if (log == nullptr) return;
  const LogLevel level = args->severity == GPR_LOG_SEVERITY_ERROR  ? LogLevel::kError
                         : args->severity == GPR_LOG_SEVERITY_INFO ? LogLevel::kInfo
                                                                   : LogLevel::kDebug;
  log->Log(level, "grpc", {{"message", args->message}});
}

void WriteProtobufLog(google::protobuf::LogLevel severity, const char* /*filename*/, int /*line*/,
                      const std::string& message) {
  const Logger* log = library_log.load(std::memory_order_acquire);
  if (log == nullptr) return;
  const LogLevel level = severity == google::protobuf::LOGLEVEL_INFO      ? LogLevel::kInfo
                         : severity == google::protobuf::LOGLEVEL_WARNING ? LogLevel::kWarn
                                                                          : LogLevel::kError;
  log->Log(level, "protobuf", {{"message", message}});
}

}  // namespace

Logger MakeLogger(const Config& config) {
  // main.cc's flag checks admit only the names these parse.
  return Logger(ParseLogFormat(config.log_format).value_or(LogFormat::kText),
                ParseLogLevel(config.log_level).value_or(LogLevel::kInfo));
}

void LogStart(const Logger& log, const Config& config) {
  const char* tls = config.tls_cert.empty()        ? "none"
                    : config.tls_client_ca.empty() ? "tls"
                                                   : "mutual";
  log.Info("start", {{"version", TRYGG_VERSION},
                     {"listen", config.listen},
                     {"data", config.data.string()},
                     {"http", config.http},
                     {"tls", tls},
                     {"auth", config.allow_anonymous ? "anonymous" : "tokens"}});
}

std::function<void(const StoreLogRecord&)> StoreLog(const Logger& log) {
  return [&log](const StoreLogRecord& record) {
    const LogLevel level = LevelOf(record.severity);
    switch (record.kind) {
      case StoreLogRecord::Kind::kMessage:
        log.Log(level, "store", {{"message", record.message}});
        return;
      case StoreLogRecord::Kind::kCheckpoint:
        log.Log(level, "checkpoint",
                {{"column_family", record.column_family},
                 {"reason", record.reason},
                 {"entries", record.entries},
                 {"bytes", record.bytes_out}});
        return;
      case StoreLogRecord::Kind::kCompaction:
        log.Log(level, "compaction",
                {{"column_family", record.column_family},
                 {"files_in", record.files_in},
                 {"files_out", record.files_out},
                 {"bytes_in", record.bytes_in},
                 {"bytes_out", record.bytes_out},
                 {"duration_ms", Millis(record.duration)}});
        return;
    }
  };
}

void LogWithheldStoreErrors(const Logger& log) {
  api::SetWithheldLog([&log](std::string_view told, const eventstore::Status& status) {
    log.Error("store_error", {{"told", told}, {"message", status.ToString()}});
  });
}

void RouteLibraryLogs(const Logger& log) {
  library_log.store(&log, std::memory_order_release);
  gpr_set_log_function(WriteGrpcLog);
  google::protobuf::SetLogHandler(WriteProtobufLog);
}

}  // namespace trygg::server
