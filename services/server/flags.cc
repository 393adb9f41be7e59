#include "flags.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <limits>
#include <string_view>
#include <variant>

#include "config_file.h"
#include "trygg/domain/today.h"

namespace trygg::server {
namespace {

// How many single-character edits apart two keys are (Levenshtein), for "did you mean".
std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "unknown key 'listn' (did you mean 'listen'?)": the nearest key when it is two edits away or
// less, else where the keys are listed.
std::string UnknownKey(const std::string& key, const std::vector<CLI::Option*>& options) {
  const std::string reason = "unknown key '" + key + "'";
  const auto nearest = std::min_element(
      options.begin(), options.end(), [&](const CLI::Option* a, const CLI::Option* b) {
        return EditDistance(key, ConfigKey(*a)) < EditDistance(key, ConfigKey(*b));
      });
  if (nearest != options.end() && EditDistance(key, ConfigKey(**nearest)) <= 2) {
    return reason + " (did you mean '" + ConfigKey(**nearest) + "'?)";
  }
  return reason + " (the keys are the flags of trygg-server --help without their dashes)";
}

bool IsFlag(const CLI::Option& option) { return option.get_expected_min() == 0; }

// Digits only (after a '-' when `sign`), no leading zero: how the config file writes a number.
bool IsWholeNumber(std::string_view value, bool sign) {
  if (sign && value.starts_with('-')) value.remove_prefix(1);
  return !value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos &&
         (value == "0" || value.front() != '0');
}

// Sets `option` from a config-file entry as the command line would, with CLI11's own conversion
// and the option's validators. "" when taken, else the reason.
std::string SetFromFile(CLI::Option& option, const ConfigEntry& entry) {
  const bool boolean = entry.kind == ConfigEntry::Kind::kBoolean;
  if (IsFlag(option) && !boolean) {
    const bool text = entry.kind == ConfigEntry::Kind::kString;
    return "takes true or false (without quotes), not " +
           (text ? QuoteConfigString(entry.value) : entry.value);
  }
  if (!IsFlag(option) && boolean) return "takes a value, not " + entry.value;
  try {
    option.add_result(entry.value);
    option.run_callback();
  } catch (const CLI::ConversionError&) {
    // Only the numbers' conversion can fail: strings and paths take any text.
    return "'" + entry.value + "' is " +
           (IsWholeNumber(entry.value, true) ? "out of range" : "not a number");
  } catch (const CLI::ValidationError& e) {
    // "--time-zone: unknown time zone ..." without the flag's name, which the caller gives.
    std::string reason = e.what();
    const std::string prefix = option.get_name() + ": ";
    if (reason.starts_with(prefix)) reason.erase(0, prefix.size());
    return reason;
  } catch (const CLI::Error& e) {
    return e.what();
  }
  return "";
}

// A value as the config file writes it: true/false and whole numbers bare (up to 18 digits, well
// inside TOML's 64-bit integers), the rest quoted.
std::string ConfigValue(const std::string& value, bool flag) {
  if (flag) return value;
  return IsWholeNumber(value, false) && value.size() <= 18 ? value : QuoteConfigString(value);
}

}  // namespace

std::string ConfigKey(const CLI::Option& option) { return option.get_single_name(); }

ServeFlags::ServeFlags(CLI::App& app, Config& config) {
  app.add_option("--config", config_file_,
                 "read settings from this config file (TOML): one 'key = value' a line, each key "
                 "a flag below without its dashes, e.g. listen = \"0.0.0.0:50051\"; flags given "
                 "here win, and an unknown key or a bad value stops the start (exit 2)")
      ->type_name("FILE");
  app.add_flag("--print-config", print_config_,
               "print the effective configuration as a config file, each value's source in a "
               "comment (default, FILE:LINE or command line), and exit without opening anything");
  const std::size_t before = app.get_options().size();

  app.add_option("--listen", config.listen, "address to listen on (port 0: any free port)");
  app.add_option("--data", config.data, "event store directory (created when missing)");
  app.add_option("--tokens", config.tokens, "token file (SHA-256 digests of bearer tokens)");
  app.add_flag("--allow-anonymous", config.allow_anonymous,
               "serve without authentication (development only; logged loudly)");
  app.add_option("--tls-cert", config.tls_cert,
                 "serve TLS with this PEM certificate chain (server certificate first); needs "
                 "--tls-key");
  app.add_option("--tls-key", config.tls_key,
                 "the PEM private key (unencrypted) of the --tls-cert certificate");
  app.add_option("--tls-client-ca", config.tls_client_ca,
                 "mutual TLS: clients must present a certificate signed by a CA in this PEM "
                 "bundle");
  app.add_option("--time-zone", config.time_zone,
                 "IANA time zone whose date is \"today\" for overdue measures (trygg-audit's "
                 "--time-zone must match)")
      ->check(trygg::domain::TimeZoneError)
      ->type_name("ZONE");
  app.add_option("--verify-on-start", config.verify_on_start,
                 "what to verify of the store before serving: tail (the head and the last " +
                     std::to_string(kVerifyOnStartRecords) +
                     " records, milliseconds) or full (every record, as 'trygg-audit verify'); a "
                     "damaged store stops the start (exit 1)")
      ->check(CLI::IsMember({"tail", "full"}));
  app.add_option("--max-streams-per-principal", config.max_streams_per_principal,
                 "how many streams (Subscribe, ReadStream, ReadAll) one principal may hold open at "
                 "once; one more is RESOURCE_EXHAUSTED (0: no limit)");
  app.add_option("--max-writes-per-second-per-principal",
                 config.max_writes_per_second_per_principal,
                 "how many write commands one principal may make a second on average; more is "
                 "RESOURCE_EXHAUSTED (0: no limit)");
  app.add_option("--write-burst-per-principal", config.write_burst_per_principal,
                 "how many write commands one principal may make at once after an idle spell (at "
                 "least 1)")
      ->check(CLI::Range(uint32_t{1}, std::numeric_limits<uint32_t>::max()));
  app.add_option("--http", config.http,
                 "address of the HTTP side port serving /metrics (Prometheus), /healthz and "
                 "/readyz (port 0: any free port; none: no HTTP port)");
  app.add_option("--log-format", config.log_format,
                 "the log on stderr: text (key=value pairs) or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-level", config.log_level,
                 "leave out log records below this level: debug, info, warn or error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));

  const std::vector<CLI::Option*> all = app.get_options();
  options_.assign(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
  // Every default is known to --help and --print-config, this flag or a future one.
  for (CLI::Option* option : options_) option->capture_default_str();
}

CLI::Option* ServeFlags::Find(const std::string& key) const {
  const auto it = std::find_if(options_.begin(), options_.end(), [&](const CLI::Option* option) {
    return ConfigKey(*option) == key;
  });
  return it == options_.end() ? nullptr : *it;
}

std::string ServeFlags::ApplyConfigFile() {
  if (config_file_.empty()) return "";
  auto read = ReadConfigFile(config_file_);
  if (auto* error = std::get_if<std::string>(&read)) return *error;
  for (const ConfigEntry& entry : std::get<std::vector<ConfigEntry>>(read)) {
    const std::string where = config_file_ + ":" + std::to_string(entry.line);
    CLI::Option* option = Find(entry.key);
    if (option == nullptr) return where + ": " + UnknownKey(entry.key, options_);
    std::string error;
    if (option->count() > 0) {
      // The command line wins, but a bad value in the file is refused all the same: it would stop
      // the next start that leaves the flag out. Checked on flags of their own.
      CLI::App scratch_app;
      Config scratch_config;
      ServeFlags scratch(scratch_app, scratch_config);
      error = SetFromFile(*scratch.Find(entry.key), entry);
    } else {
      error = SetFromFile(*option, entry);
      from_file_[option] = where;
    }
    if (!error.empty()) return where + ": " + entry.key + ": " + error;
  }
  return "";
}

std::string ServeFlags::PrintConfig() const {
  std::string out =
      "# trygg-server's effective configuration (trygg-server --print-config), a config file it\n"
      "# reads back with --config. After each value, where it came from: default, FILE:LINE (a\n"
      "# config file) or command line.\n";
  for (const CLI::Option* option : options_) {
    std::string value;
    std::string source;
    if (option->count() == 0) {
      // A flag only turns something on: off is its default.
      value = IsFlag(*option) ? "false" : option->get_default_str();
      source = "default";
    } else {
      value = IsFlag(*option) ? (option->as<bool>() ? "true" : "false") : option->results().back();
      const auto file = from_file_.find(option);
      source = file == from_file_.end() ? "command line" : file->second;
    }
    out +=
        ConfigKey(*option) + " = " + ConfigValue(value, IsFlag(*option)) + "  # " + source + "\n";
  }
  return out;
}

}  // namespace trygg::server
