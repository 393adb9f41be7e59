// The server's lifecycle and its store's work as log records (docs/operations.md, "Logs"): what
// only the server knows how to say, kept out of main.cc and server.cc.
#pragma once

#include <functional>

#include "config.h"
#include "log.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::server {

// The logger --log-format and --log-level ask for, on stderr.
Logger MakeLogger(const Config& config);

// The "start" record: version, listen, data, http, tls (none, tls, mutual) and auth (tokens,
// anonymous).
void LogStart(const Logger& log, const Config& config);

// eventstore::Options::on_log for `log`: "checkpoint" and "compaction" at info (a failed
// compaction at error), and the store's messages (RocksDB's warnings and errors, writes stopping
// and resuming) as "store" records.
std::function<void(const eventstore::StoreLogRecord&)> StoreLog(const Logger& log);

// api::SetWithheldLog for `log`: a "store_error" record at error, with what the client was told
// (`told`) and the store's own status (`message`).
void LogWithheldStoreErrors(const Logger& log);

// gRPC's own messages (errors only, by gRPC's default) as "grpc" records and protobuf's (e.g. a
// request with a string that is not UTF-8) as "protobuf" records in `log`, instead of their own
// formats on stderr. Call once, before serving; `log` must stay alive until the process exits.
void RouteLibraryLogs(const Logger& log);

}  // namespace trygg::server
