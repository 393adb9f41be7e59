// trygg-audit's commands: each opens the one source it reads (common settings, --data or
// --server), does its work, prints what render.h renders and returns the exit code. main.cc
// declares the flags and dispatches to these; the exit codes are in its --help and the README.
#pragma once

#include <absl/time/time.h>

#include <string>

#include "audit/log_source.h"
#include "audit/render.h"
#include "common/outcome.h"
#include "common/settings.h"
#include "trygg/domain/today.h"

namespace trygg::audit {

// Exit codes (also in --help and the README): 0-2 as every trygg client has them
// (common/outcome.h), 3 the audit's own.
constexpr int kExitOk = static_cast<int>(client::ExitCode::kOk);  // done; the log verified, ...
// Could not do it: store or server unreachable, I/O, not found.
constexpr int kExitError = static_cast<int>(client::ExitCode::kOther);
constexpr int kExitUsage = static_cast<int>(client::ExitCode::kUsage);  // bad command line
constexpr int kExitFindings = 3;  // verification failed, a published head does not match,
                                  // the server differs from the replay, the log does not replay

struct Global {
  std::string data;
  client::ConnectionFlags connection;
  ServerOptions server;  // resolved from `connection`, the environment and the config file
  std::string time_zone = std::string(domain::kDefaultTimeZone);
  absl::TimeZone zone;  // time_zone, loaded once the flags are parsed
  std::string output = "table";
  Format format() const { return output == "json" ? Format::kJson : Format::kTable; }
};

struct VerifyArgs {
  std::string expect_head;
};

struct ReplayArgs {
  std::string at;
  std::string agency;
  std::string plan;
};

struct HistoryArgs {
  std::string measure;
  std::string stream;
};

struct ExportArgs {
  std::string format;
  uint64_t from = 1;
  uint64_t to = UINT64_MAX;
};

// Prints "trygg-audit: WHAT (see --help)" (sanitised) and returns kExitUsage.
[[nodiscard]] int Usage(const std::string& what);

// The connection settings as every trygg client takes them (common/settings.h): flags, else the
// TRYGG_* variables, else the config file. A server named by the environment or the file is
// used only by a command that reads no store (--data), and by compare, which checks one against
// the other; without one there is no server (no default address, unlike trygg). Returns
// kExitOk, or kExitUsage after printing why.
[[nodiscard]] int ResolveConnection(Global& g, const std::string& command);

[[nodiscard]] int RunVerify(const Global& g, const VerifyArgs& args);
[[nodiscard]] int RunReplay(const Global& g, const ReplayArgs& args);
[[nodiscard]] int RunHistory(const Global& g, const HistoryArgs& args);
[[nodiscard]] int RunExport(const Global& g, const ExportArgs& args);
[[nodiscard]] int RunCompare(const Global& g);
[[nodiscard]] int RunBackup(const Global& g, const std::string& out_dir);

}  // namespace trygg::audit
