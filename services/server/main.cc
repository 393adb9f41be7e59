// trygg-server: serves an action plan's event log over gRPC.
//
//   trygg-server [--listen ADDR] [--data DIR] [--tokens FILE] [--allow-anonymous] [--config FILE]
//   trygg-server tokens add --tokens FILE --name NAME --role ROLE [--agency ID]
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "api/token_file.h"
#include "server.h"

namespace {

using trygg::server::Config;

int Serve(const Config& config) {
  if (config.allow_anonymous) {
    std::cerr << "trygg-server: WARNING: --allow-anonymous: callers are not authenticated and act "
                 "as an anonymous coordinator. For development only; never expose this server.\n";
  }
  // SIGINT/SIGTERM: stop accepting, let in-flight calls finish, close the store, exit 0. Handled
  // from before the "listening" line, so a signal sent as soon as it appears is not fatal.
  boost::asio::io_context signals_ctx;
  boost::asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);

  auto started = trygg::server::Server::Start(config);
  if (auto* error = std::get_if<std::string>(&started)) {
    std::cerr << "trygg-server: " << *error << "\n";
    return 1;
  }
  auto& server = *std::get<std::unique_ptr<trygg::server::Server>>(started);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    std::cerr << "trygg-server: " << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down"
              << std::endl;
    server.Shutdown();
  });
  std::cout << "trygg-server listening on " << server.address()
            << " (data: " << config.data.string() << ")" << std::endl;
  signals_ctx.run();
  server.Wait();
  std::cerr << "trygg-server: stopped" << std::endl;
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

}  // namespace

int main(int argc, char** argv) {
  // "Today" (for overdue measures) is the date in Sweden unless TZ says otherwise.
  ::setenv("TZ", "Europe/Stockholm", /*overwrite=*/0);
  ::tzset();
  CLI::App app(
      "trygg-server: the system of record for a joint crime-prevention action plan, served over "
      "gRPC (ActionPlanService, StatusService, EventLogService, health, reflection).");
  app.footer(
      "Example:\n"
      "  trygg-server tokens add --tokens var/tokens --name samordnare --role coordinator\n"
      "  trygg-server --data var/trygg --tokens var/tokens --listen 127.0.0.1:50051\n"
      "Stops cleanly on SIGINT or SIGTERM. Exit codes: 0 stopped cleanly, 1 could not start or "
      "failed, 2 bad usage.");
  app.set_config("--config", "", "read options from a TOML/INI file (flags win)");
  Config config;
  app.add_option("--listen", config.listen, "address to listen on (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--data", config.data, "event store directory (created when missing)")
      ->capture_default_str();
  app.add_option("--tokens", config.tokens, "token file (SHA-256 digests of bearer tokens)");
  app.add_flag("--allow-anonymous", config.allow_anonymous,
               "serve without authentication (development only; logged loudly)");

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
  tokens->require_subcommand(1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (*add) return AddToken(file, name, role, agency);
  return Serve(config);
}
