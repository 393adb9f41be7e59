// The connection and output settings of the trygg clients, and where they come from. Each has up
// to three sources, and the first that gives it wins:
//
//   1. a command-line flag       --server --token --ca --cert --key --output --timeout
//   2. an environment variable   TRYGG_SERVER TRYGG_TOKEN TRYGG_CA TRYGG_CERT TRYGG_KEY
//                                TRYGG_OUTPUT TRYGG_TIMEOUT (an empty variable counts as unset)
//   3. the config file           $XDG_CONFIG_HOME/trygg/config, or ~/.config/trygg/config when
//                                XDG_CONFIG_HOME is unset or empty; `key = value` lines with the
//                                keys server, token, ca, cert, key, output, timeout; blank lines
//                                and lines starting with '#' are ignored; a missing file is fine
//
// and otherwise the default (server 127.0.0.1:50051, output table, timeout 10 seconds).
// trygg-audit takes the connection settings (server, token, ca, cert, key) the same way and keeps
// its own output and deadline (SettingLayer::ConnectionOnly). What --ca, --cert and --key mean is
// in channel.h.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/outcome.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace trygg::client {

enum class OutputFormat { kTable, kJson, kCsv };

inline constexpr char kDefaultServer[] = "127.0.0.1:50051";
inline constexpr double kDefaultTimeoutSeconds = 10;
inline constexpr double kMaxTimeoutSeconds = 24 * 3600;

struct Settings {
  std::string server = kDefaultServer;
  std::string token;                    // empty: send no authorization metadata
  std::filesystem::path ca, cert, key;  // PEM files; any of them set means TLS
  OutputFormat output = OutputFormat::kTable;
  double timeout_seconds = kDefaultTimeoutSeconds;

  bool tls() const { return !ca.empty() || !cert.empty() || !key.empty(); }
};

// One source's values, each with where it came from ("--timeout", "TRYGG_TIMEOUT",
// "/home/x/.config/trygg/config:3") for error messages.
struct Setting {
  std::string value;
  std::string origin;
};
struct SettingLayer {
  std::optional<Setting> server, token, ca, cert, key, output, timeout;

  // This layer without output and timeout, for a tool that has its own.
  [[nodiscard]] SettingLayer ConnectionOnly() const;
};

// The connection flags, spelt and described the same in every trygg client: --server, --token,
// --ca, --cert, --key. After parsing, Layer() is what the command line gave.
class ConnectionFlags {
 public:
  // Adds the flags to `app`. `server_help` describes --server; `tls_aliases` also accepts
  // --tls-ca, --tls-cert and --tls-key, as trygg-server spells its own.
  void AddTo(CLI::App& app, const std::string& server_help, bool tls_aliases = false);
  // The flags given, each with its name as origin; the others unset (output and timeout too).
  [[nodiscard]] SettingLayer Layer() const;

 private:
  std::string server_, token_, ca_, cert_, key_;
  CLI::Option *server_opt_ = nullptr, *token_opt_ = nullptr, *ca_opt_ = nullptr,
              *cert_opt_ = nullptr, *key_opt_ = nullptr;
};

// Sets `*slot` to `value`, named after `option`, when the command line gave `option`.
void TakeFlag(const CLI::Option* option, const std::string& value, std::optional<Setting>* slot);

// Parses a config file's text. Unknown keys and lines without '=' are usage errors naming
// `path` and the line. Whitespace around keys and values is trimmed; a value may be quoted with
// double quotes (which are removed).
Outcome ParseConfigFile(std::string_view text, const std::string& path, SettingLayer* out);

using GetEnv = std::function<const char*(const char*)>;

// Where the config file is (see above), or nothing when neither XDG_CONFIG_HOME nor HOME is set.
std::optional<std::filesystem::path> ConfigFilePath(const GetEnv& getenv);

// Reads and parses the config file at `path`; a file that does not exist yields no values.
Outcome ReadConfigFile(const std::filesystem::path& path, SettingLayer* out);

// The TRYGG_* environment variables.
SettingLayer FromEnvironment(const GetEnv& getenv);

// Combines the layers (flags over env over file over defaults) and checks the values: output is
// table, json or csv; timeout a number of seconds in (0, kMaxTimeoutSeconds]; --cert and --key
// come together. A bad value is a usage error naming its origin.
Outcome Resolve(const SettingLayer& flags, const SettingLayer& env, const SettingLayer& file,
                Settings* out);

// "table", "json", "csv" → the format; anything else → nothing.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

}  // namespace trygg::client
