// trygg-server: serves an action plan's event log over gRPC.
//
//   trygg-server [--listen ADDR] [--data DIR] [--tokens FILE] [--allow-anonymous] [--config FILE]
//                [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]] [--time-zone ZONE]
//                [--verify-on-start tail|full]
//                [--max-streams-per-principal N] [--max-writes-per-second-per-principal N]
//                [--write-burst-per-principal N] [--http ADDR|none]
//                [--log-format text|json] [--log-level debug|info|warn|error]
//   trygg-server tokens add --tokens FILE --name NAME --role ROLE [--agency ID]
//   trygg-server tokens list --tokens FILE
//   trygg-server tokens revoke --tokens FILE NAME
#include <absl/synchronization/mutex.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <csignal>
#include <functional>
#include <iostream>
#include <limits>
#include <string>

#include "api/token_file.h"
#include "lifecycle_log.h"
#include "server.h"
#include "trygg/domain/today.h"

namespace {

using trygg::server::Config;

// Whether `listen` (a gRPC listening address) accepts connections from this machine only: a Unix
// socket, "localhost", or a loopback IP ("127.0.0.1:50051", "[::1]:50051").
bool IsLocalOnly(const std::string& listen) {
  if (listen.starts_with("unix:") || listen.starts_with("unix-abstract:")) return true;
  const std::size_t colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6) || (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127);
  }
  return false;  // all interfaces ("0.0.0.0", "[::]", ":50051"), another address, or a host name
}

// The TLS flags that must come together; empty when they are consistent.
std::string TlsUsageError(const Config& config) {
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    return "--tls-cert and --tls-key go together: give both to serve TLS, or neither";
  }
  if (!config.tls_client_ca.empty() && config.tls_cert.empty()) {
    return "--tls-client-ca needs --tls-cert and --tls-key: mutual TLS is TLS plus a client "
           "certificate";
  }
  return "";
}

// " (TLS)", " (mutual TLS)" or nothing, for the "listening on" line.
std::string TlsLabel(const Config& config) {
  if (config.tls_cert.empty()) return "";
  return config.tls_client_ca.empty() ? " (TLS)" : " (mutual TLS)";
}

int Serve(const Config& config) {
  // Static: gRPC's, protobuf's and the services' hooks write to it until the process exits.
  static const trygg::server::Logger log = trygg::server::MakeLogger(config);
  trygg::server::RouteLibraryLogs(log);
  trygg::server::LogWithheldStoreErrors(log);
  trygg::server::LogStart(log, config);
  if (config.allow_anonymous) {
    log.Warn("anonymous", {{"message",
                            "--allow-anonymous: callers are not authenticated and act as an "
                            "anonymous coordinator. For development only; never expose this "
                            "server."}});
  }
  // SIGINT/SIGTERM: stop accepting, let in-flight calls finish, close the store, exit 0. Handled
  // from before the "listening" line, so a signal sent as soon as it appears is not fatal.
  boost::asio::io_context signals_ctx;
  boost::asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);
  // SIGHUP: reload the token file (rotation without a restart); handled from the same moment.
  boost::asio::signal_set reloads(signals_ctx, SIGHUP);

  auto started = trygg::server::Server::Start(config, log);
  if (auto* error = std::get_if<std::string>(&started)) {
    log.Error("start_failed", {{"message", *error}});
    return 1;
  }
  auto& server = *std::get<std::unique_ptr<trygg::server::Server>>(started);
  if (config.tls_cert.empty() && !IsLocalOnly(config.listen)) {
    log.Warn("no_tls", {{"message", "listening on " + config.listen +
                                        " without TLS: bearer tokens travel in clear text (see "
                                        "--tls-cert)"}});
  }
  std::string stop_signal;
  std::chrono::steady_clock::time_point stopping;
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    stop_signal = signal == SIGINT ? "SIGINT" : "SIGTERM";
    stopping = std::chrono::steady_clock::now();
    log.Info("stopping", {{"signal", stop_signal}, {"message", stop_signal + ", shutting down"}});
    reloads.cancel();
    server.Shutdown();
  });
  std::function<void(const boost::system::error_code&, int)> on_reload =
      [&](const boost::system::error_code& ec, int) {
        if (ec) return;  // cancelled at shutdown
        server.ReloadTokens();
        reloads.async_wait(on_reload);
      };
  reloads.async_wait(on_reload);
  std::cout << "trygg-server listening on " << server.address() << TlsLabel(config)
            << " (data: " << config.data.string() << ")" << std::endl;
  signals_ctx.run();
  server.Wait();
  log.Info("stop", {{"signal", stop_signal},
                    {"took_ms", std::chrono::duration<double, std::milli>(
                                    std::chrono::steady_clock::now() - stopping)
                                    .count()},
                    {"message", "stopped"}});
  return 0;
}

int AddToken(const std::string& file, const std::string& name, const std::string& role_name,
             const std::string& agency) {
  const auto role = trygg::api::ParseRole(role_name);
  if (!role) {
    std::cerr << "trygg-server tokens add: unknown role '" << role_name
              << "' (coordinator, agency, auditor, reader)\n";
    return 2;
  }
  auto added = trygg::api::TokenFile::Add(file, {name, *role, agency});
  if (added.index() == 1) {
    std::cerr << "trygg-server tokens add: " << std::get<1>(added) << "\n";
    return 1;
  }
  std::cout << std::get<0>(added) << std::endl;  // the token, alone on stdout
  return 0;
}

int RevokeToken(const std::string& file, const std::string& name) {
  if (std::string error = trygg::api::TokenFile::Revoke(file, name); !error.empty()) {
    std::cerr << "trygg-server tokens revoke: " << error << "\n";
    return 1;
  }
  std::cerr << "trygg-server tokens revoke: removed '" << name << "' from " << file
            << "; a running server refuses its token after SIGHUP (or a restart)\n";
  return 0;
}

// One line per principal: name TAB role TAB agency. Never a token or a digest.
int ListTokens(const std::string& file) {
  std::string error;
  auto tokens = trygg::api::TokenFile::Load(file, error);
  if (!tokens) {
    std::cerr << "trygg-server tokens list: " << error << "\n";
    return 1;
  }
  for (const trygg::api::Principal& p : tokens->Principals()) {
    std::cout << p.name << '\t' << trygg::api::RoleName(p.role) << '\t' << p.agency << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Debian builds Abseil without NDEBUG, so every absl::Mutex operation inside gRPC would also
  // maintain a lock-order graph for deadlock detection: ~4% of the server's CPU under load.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App app(
      "trygg-server: the system of record for a joint crime-prevention action plan, served over "
      "gRPC (ActionPlanService, StatusService, EventLogService, health, reflection).");
  app.footer(
      "Example:\n"
      "  trygg-server tokens add --tokens var/tokens --name samordnare --role coordinator\n"
      "  trygg-server --data var/trygg --tokens var/tokens --listen 127.0.0.1:50051\n"
      "  trygg-server --data var/trygg --tokens var/tokens --listen 0.0.0.0:50051 \\\n"
      "      --tls-cert server.pem --tls-key server.key --tls-client-ca clients-ca.pem\n"
      "Stops cleanly on SIGINT or SIGTERM; reloads the token file on SIGHUP. Exit codes: 0 "
      "stopped cleanly, 1 could not start or failed, 2 bad usage.");
  app.set_config("--config", "", "read options from a TOML/INI file (flags win)");
  Config config;
  app.add_option("--listen", config.listen, "address to listen on (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--data", config.data, "event store directory (created when missing)")
      ->capture_default_str();
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
      ->type_name("ZONE")
      ->capture_default_str();
  app.add_option("--verify-on-start", config.verify_on_start,
                 "what to verify of the store before serving: tail (the head and the last " +
                     std::to_string(trygg::server::kVerifyOnStartRecords) +
                     " records, milliseconds) or full (every record, as 'trygg-audit verify'); a "
                     "damaged store stops the start (exit 1)")
      ->check(CLI::IsMember({"tail", "full"}))
      ->capture_default_str();
  app.add_option("--max-streams-per-principal", config.max_streams_per_principal,
                 "how many streams (Subscribe, ReadStream, ReadAll) one principal may hold open at "
                 "once; one more is RESOURCE_EXHAUSTED (0: no limit)")
      ->capture_default_str();
  app.add_option("--max-writes-per-second-per-principal",
                 config.max_writes_per_second_per_principal,
                 "how many write commands one principal may make a second on average; more is "
                 "RESOURCE_EXHAUSTED (0: no limit)")
      ->capture_default_str();
  app.add_option("--write-burst-per-principal", config.write_burst_per_principal,
                 "how many write commands one principal may make at once after an idle spell (at "
                 "least 1)")
      ->check(CLI::Range(uint32_t{1}, std::numeric_limits<uint32_t>::max()))
      ->capture_default_str();
  app.add_option("--http", config.http,
                 "address of the HTTP side port serving /metrics (Prometheus), /healthz and "
                 "/readyz (port 0: any free port; none: no HTTP port)")
      ->capture_default_str();
  app.add_option("--log-format", config.log_format,
                 "the log on stderr: text (key=value pairs) or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--log-level", config.log_level,
                 "leave out log records below this level: debug, info, warn or error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();

  auto* tokens = app.add_subcommand("tokens", "manage the token file");
  auto* add = tokens->add_subcommand("add", "add a principal and print its new token");
  std::string file;
  std::string name;
  std::string role;
  std::string agency;
  add->add_option("--tokens", file, "token file (created when missing)")->required();
  add->add_option("--name", name, "principal name, e.g. samordnare")->required();
  add->add_option("--role", role, "coordinator, agency, auditor or reader")->required();
  add->add_option("--agency", agency, "the principal's agency id (required for role agency)");
  add->footer(
      "Example:\n  trygg-server tokens add --tokens var/tokens --name kommunpolis --role agency "
      "--agency polisen-lpo-varnamo");
  auto* list = tokens->add_subcommand(
      "list", "print each principal: name, role, agency (tab-separated; never a token)");
  list->add_option("--tokens", file, "token file")->required();
  auto* revoke = tokens->add_subcommand(
      "revoke", "remove a principal: its token stops working when the server reloads (SIGHUP)");
  revoke->add_option("--tokens", file, "token file")->required();
  revoke->add_option("name", name, "the principal's name")->required();
  revoke->footer(
      "Example:\n  trygg-server tokens revoke --tokens var/tokens kommunpolis\n"
      "  kill -HUP $(pidof trygg-server)");
  tokens->require_subcommand(1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (*add) return AddToken(file, name, role, agency);
  if (*list) return ListTokens(file);
  if (*revoke) return RevokeToken(file, name);
  if (const std::string error = TlsUsageError(config); !error.empty()) {
    std::cerr << "trygg-server: " << error << "\nRun with --help for more information.\n";
    return 2;
  }
  return Serve(config);
}
