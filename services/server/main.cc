// trygg-server: serves an action plan's event log over gRPC.
//
//   trygg-server [--config FILE] [--print-config]
//                [--listen ADDR] [--data DIR] [--tokens FILE] [--allow-anonymous]
//                [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]] [--time-zone ZONE]
//                [--verify-on-start tail|full]
//                [--max-streams-per-principal N] [--max-writes-per-second-per-principal N]
//                [--write-burst-per-principal N] [--http ADDR|none]
//                [--log-format text|json] [--log-level debug|info|warn|error]
//   (the serve flags, and the config file's keys, are in flags.cc)
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
#include <string>

#include "api/token_file.h"
#include "flags.h"
#include "lifecycle_log.h"
#include "server.h"

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

  // The HTTP side port listens before the store opens (a long verification answers /readyz 503
  // meanwhile): its address comes first, on a line of its own.
  auto started = trygg::server::Server::Start(config, log, [](const std::string& http) {
    std::cout << "trygg-server http on " << http << std::endl;
  });
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
      "  trygg-server --config /etc/trygg/trygg-server.toml --print-config\n"
      "Config file (--config FILE): every option above but --config and --print-config is a key,\n"
      "without its dashes, one a line, in TOML:\n"
      "  listen = \"0.0.0.0:50051\"\n"
      "  max-streams-per-principal = 16\n"
      "  allow-anonymous = false\n"
      "Flags on the command line win (--allow-anonymous=false turns off what the file turns on).\n"
      "--print-config prints the effective configuration, each value's source in a comment.\n"
      "Stops cleanly on SIGINT or SIGTERM; reloads the token file on SIGHUP. Exit codes: 0 "
      "stopped cleanly, 1 could not start or failed, 2 bad usage.");
  Config config;
  trygg::server::ServeFlags serve_flags(app, config);

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
  if (const std::string error = serve_flags.ApplyConfigFile(); !error.empty()) {
    std::cerr << "trygg-server: " << error << "\n";
    return 2;
  }
  if (const std::string error = TlsUsageError(config); !error.empty()) {
    std::cerr << "trygg-server: " << error << "\nRun with --help for more information.\n";
    return 2;
  }
  if (serve_flags.print_config()) {
    std::cout << serve_flags.PrintConfig();
    return 0;
  }
  return Serve(config);
}
