#include "common/settings.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <system_error>

namespace trygg::client {
namespace {

constexpr std::size_t kMaxConfigBytes =
    std::size_t{64} * 1024;  // a handful of lines; more is a wrong file

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::optional<Setting>* Slot(SettingLayer* layer, std::string_view key) {
  if (key == "server") return &layer->server;
  if (key == "token") return &layer->token;
  if (key == "ca") return &layer->ca;
  if (key == "cert") return &layer->cert;
  if (key == "key") return &layer->key;
  if (key == "output") return &layer->output;
  if (key == "timeout") return &layer->timeout;
  return nullptr;
}

const std::optional<Setting>& Pick(const std::optional<Setting>& flag,
                                   const std::optional<Setting>& env,
                                   const std::optional<Setting>& file) {
  if (flag) return flag;
  if (env) return env;
  return file;
}

Outcome Usage(std::string message) { return Outcome::Fail(ExitCode::kUsage, std::move(message)); }

}  // namespace

SettingLayer SettingLayer::ConnectionOnly() const {
  SettingLayer layer = *this;
  layer.output.reset();
  layer.timeout.reset();
  return layer;
}

void TakeFlag(const CLI::Option* option, const std::string& value, std::optional<Setting>* slot) {
  if (option->count() > 0) *slot = Setting{value, option->get_name()};
}

void ConnectionFlags::AddTo(CLI::App& app, const std::string& server_help, bool tls_aliases) {
  server_opt_ = app.add_option("--server", server_, server_help);
  token_opt_ = app.add_option(
      "--token", token_,
      "bearer token (or TRYGG_TOKEN; prefer the variable, a command line is visible to other "
      "users)");
  ca_opt_ = app.add_option(tls_aliases ? "--ca,--tls-ca" : "--ca", ca_,
                           "use TLS, trusting this PEM CA certificate (bundle); --cert or --key "
                           "without --ca use TLS too, trusting the system's CA certificates");
  cert_opt_ = app.add_option(tls_aliases ? "--cert,--tls-cert" : "--cert", cert_,
                             "TLS client certificate (PEM), with --key");
  key_opt_ = app.add_option(tls_aliases ? "--key,--tls-key" : "--key", key_,
                            "TLS client key (PEM), with --cert");
}

SettingLayer ConnectionFlags::Layer() const {
  SettingLayer layer;
  TakeFlag(server_opt_, server_, &layer.server);
  TakeFlag(token_opt_, token_, &layer.token);
  TakeFlag(ca_opt_, ca_, &layer.ca);
  TakeFlag(cert_opt_, cert_, &layer.cert);
  TakeFlag(key_opt_, key_, &layer.key);
  return layer;
}

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return std::nullopt;
}

Outcome ParseConfigFile(std::string_view text, const std::string& path, SettingLayer* out) {
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    const std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = path + ":" + std::to_string(line_number);
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      return Usage("config file " + where + " is not 'key = value'; fix or remove that line");
    }
    const std::string_view key = Trim(line.substr(0, equals));
    std::string_view value = Trim(line.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    std::optional<Setting>* slot = Slot(out, key);
    if (slot == nullptr) {
      return Usage("config file " + where + " has an unknown key '" + std::string(key) +
                   "'; the keys are server, token, ca, cert, key, output and timeout");
    }
    *slot = Setting{std::string(value), "config file " + where};
  }
  return Outcome::Ok();
}

std::optional<std::filesystem::path> ConfigFilePath(const GetEnv& getenv) {
  const char* xdg = getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') return std::filesystem::path(xdg) / "trygg" / "config";
  const char* home = getenv("HOME");
  if (home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".config" / "trygg" / "config";
  }
  return std::nullopt;
}

Outcome ReadConfigFile(const std::filesystem::path& path, SettingLayer* out) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return Outcome::Ok();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Usage("cannot read config file " + path.string() + " (" + std::strerror(errno) +
                 "); fix its permissions or remove it");
  }
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes) {
    return Usage("config file " + path.string() + " is larger than 64 KiB; is it the right file?");
  }
  return ParseConfigFile(text, path.string(), out);
}

SettingLayer FromEnvironment(const GetEnv& getenv) {
  SettingLayer layer;
  auto take = [&](const char* name, std::optional<Setting>* slot) {
    const char* value = getenv(name);
    if (value != nullptr && *value != '\0') *slot = Setting{value, name};
  };
  take("TRYGG_SERVER", &layer.server);
  take("TRYGG_TOKEN", &layer.token);
  take("TRYGG_CA", &layer.ca);
  take("TRYGG_CERT", &layer.cert);
  take("TRYGG_KEY", &layer.key);
  take("TRYGG_OUTPUT", &layer.output);
  take("TRYGG_TIMEOUT", &layer.timeout);
  return layer;
}

Outcome Resolve(const SettingLayer& flags, const SettingLayer& env, const SettingLayer& file,
                Settings* out) {
  Settings settings;
  if (const auto& s = Pick(flags.server, env.server, file.server)) {
    if (s->value.empty()) return Usage(s->origin + " is empty; give host:port");
    settings.server = s->value;
  }
  if (const auto& s = Pick(flags.token, env.token, file.token)) {
    // Sent as an HTTP/2 header value: printable ASCII only, which every issued token is.
    for (char c : s->value) {
      if (c <= ' ' || c > '~') {
        return Usage("the token from " + s->origin +
                     " contains a space, a control or a non-ASCII character; check it");
      }
    }
    settings.token = s->value;
  }
  if (const auto& s = Pick(flags.ca, env.ca, file.ca)) settings.ca = s->value;
  if (const auto& s = Pick(flags.cert, env.cert, file.cert)) settings.cert = s->value;
  if (const auto& s = Pick(flags.key, env.key, file.key)) settings.key = s->value;
  if (const auto& s = Pick(flags.output, env.output, file.output)) {
    std::optional<OutputFormat> format = ParseOutputFormat(s->value);
    if (!format) {
      return Usage(s->origin + " is '" + s->value +
                   "', not an output format; use table, json or csv");
    }
    settings.output = *format;
  }
  if (const auto& s = Pick(flags.timeout, env.timeout, file.timeout)) {
    double seconds = 0;
    const char* end = s->value.data() + s->value.size();
    auto [ptr, ec] = std::from_chars(s->value.data(), end, seconds);
    if (ec != std::errc() || ptr != end || !std::isfinite(seconds) || seconds <= 0 ||
        seconds > kMaxTimeoutSeconds) {
      return Usage(s->origin + " is '" + s->value +
                   "', not a timeout; give a number of seconds greater than 0 (at most 86400)");
    }
    settings.timeout_seconds = seconds;
  }
  if (settings.cert.empty() != settings.key.empty()) {
    return Usage(
        "a client certificate needs its key and a key its certificate; give both --cert "
        "and --key, or neither");
  }
  *out = std::move(settings);
  return Outcome::Ok();
}

}  // namespace trygg::client
