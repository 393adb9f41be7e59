// trygg: the command-line client of trygg-server. Parses the command line (CLI11), resolves the
// settings (flags over environment over config file), runs the command and turns its Outcome
// into an exit code and, on failure, one line on stderr.
#include <grpc/support/log.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/session.h"
#include "cli/terminal.h"
#include "common/settings.h"
#include "common/text.h"

#ifndef TRYGG_VERSION
#define TRYGG_VERSION "unknown"
#endif

namespace {

using namespace trygg::cli;     // NOLINT(google-build-using-namespace): main of this namespace
using namespace trygg::client;  // NOLINT(google-build-using-namespace): its shared plumbing

constexpr char kFooter[] =
    R"(Settings come from flags, else the environment (TRYGG_SERVER, TRYGG_TOKEN, TRYGG_CA,
TRYGG_CERT, TRYGG_KEY, TRYGG_OUTPUT, TRYGG_TIMEOUT), else the config file
$XDG_CONFIG_HOME/trygg/config (default ~/.config/trygg/config) with `key = value` lines
(server, token, ca, cert, key, output, timeout). Any of --ca, --cert and --key means TLS,
trusting --ca or else the system's CA certificates. Tables fit $COLUMNS (else the terminal, else
100 columns); colour only on a terminal and never with NO_COLOR.

Exit codes:
  0  ok
  1  other error
  2  usage: bad command line, config or option value (also when the server calls a field invalid)
  3  not found: no such plan, agency or measure
  4  permission or authentication: no token, token refused, or the role may not do this
  5  conflict: version conflict (--expected-version), illegal transition, or id already taken
  6  server unavailable: cannot connect, or no answer within --timeout

Examples:
  trygg status                          # your agency's measures (agency token)
  trygg plan show tryggare-varnamo-2026 # the plan's overview
  trygg measure assign example-8 --agency polisen-lpo-varnamo --due 2027-03-31 --wait)";

// Flags as given on the command line (CLI11 fills them; TakeFlag tells whether it did).
struct Flags {
  ConnectionFlags connection;
  std::string output, timeout;
  CLI::Option *output_opt = nullptr, *timeout_opt = nullptr;
};

SettingLayer FlagLayer(const Flags& flags) {
  SettingLayer layer = flags.connection.Layer();
  TakeFlag(flags.output_opt, flags.output, &layer.output);
  TakeFlag(flags.timeout_opt, flags.timeout, &layer.timeout);
  return layer;
}

// "trygg measure assign": the commands the parser got to, for "see '... --help'".
std::string CommandPath(const CLI::App& app) {
  std::string path = app.get_name();
  const CLI::App* at = &app;
  for (;;) {
    auto parsed = at->get_subcommands();
    if (parsed.empty()) break;
    at = parsed.front();
    path += " " + at->get_name();
  }
  return path;
}

// CLI11's message, lower-cased at the start to read as part of "trygg: ...".
std::string UsageMessage(const std::string& what) {
  std::string message = what;
  if (message.size() > 1 && std::isupper(static_cast<unsigned char>(message[0])) &&
      (std::islower(static_cast<unsigned char>(message[1])) || message[1] == ' ')) {
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  }
  return message;
}

void DiscardGrpcLog(gpr_log_func_args* /*args*/) {}

int Report(const Outcome& outcome) {
  std::cout.flush();
  if (!outcome.ok()) std::cerr << "trygg: " << SanitizeLine(outcome.message()) << "\n";
  return outcome.exit_code();
}

}  // namespace

int main(int argc, char** argv) {
  // gRPC logs connection and TLS failures on stderr; trygg reports each failure as one line of
  // its own. GRPC_VERBOSITY set (e.g. to DEBUG) keeps gRPC's log, for troubleshooting.
  if (std::getenv("GRPC_VERBOSITY") == nullptr) gpr_set_log_function(DiscardGrpcLog);
  CLI::App app(
      "trygg: the command-line client of trygg-server, the system of record for joint "
      "crime-prevention action plans.",
      "trygg");
  app.fallthrough();  // global options may also follow the command
  app.require_subcommand(1);
  app.set_version_flag("--version", "trygg " TRYGG_VERSION);
  app.footer(kFooter);

  Flags flags;
  flags.connection.AddTo(app, "trygg-server's address (default 127.0.0.1:50051)");
  flags.output_opt = app.add_option("-o,--output", flags.output, "table (default), json or csv");
  flags.timeout_opt =
      app.add_option("--timeout", flags.timeout, "seconds to wait for each call (default 10)");

  CommandGroups groups;
  groups.plan = app.add_subcommand(
      "plan",
      "Show, create or adopt a plan; its situation picture, traceability, follow-up and reports");
  groups.agency = app.add_subcommand("agency", "Register an agency");
  groups.measure = app.add_subcommand("measure", "Show, propose, change or import measures");
  groups.measures = app.add_subcommand("measures", "List measures");
  groups.input =
      app.add_subcommand("input", "Record residents' input (aggregated, no personal data)");
  groups.finding =
      app.add_subcommand("finding", "Record, revise or retire a finding of the situation picture");
  groups.cause = app.add_subcommand("cause", "Identify, revise or retire a cause");
  groups.goal = app.add_subcommand("goal", "Set or retire a measure's operational goal");
  groups.partner = app.add_subcommand("partner", "Add or remove a measure's partner agency");
  groups.follow_up = app.add_subcommand("follow-up", "Record a measure's follow-up for a period");
  groups.group = app.add_subcommand("group", "Form, change or show a working group");
  groups.promise = app.add_subcommand("promise", "Make or end a citizen promise");
  for (CLI::App* group : {groups.plan, groups.agency, groups.measure, groups.measures, groups.input,
                          groups.finding, groups.cause, groups.goal, groups.partner,
                          groups.follow_up, groups.group, groups.promise}) {
    group->require_subcommand(1);
  }
  groups.plan->footer("Example:\n  trygg plan show tryggare-varnamo-2026");
  groups.agency->footer(
      "Example:\n  trygg agency register polisen-lpo-varnamo --name \"Polisen, "
      "lokalpolisområde Värnamo\" --kind police");
  groups.measure->footer("Example:\n  trygg measure show example-7");
  groups.measures->footer("Example:\n  trygg measures list --agency polisen-lpo-varnamo");
  groups.input->footer(
      "Residents' input is aggregated: what a dialogue, survey or safety walk said, never who "
      "said it. No personal data (names, addresses, anything identifying a person) belongs "
      "in it.\n\nExample:\n  trygg input record tryggare-varnamo-2026 --channel safety-walk "
      "--received 2026-09-17 --area Mossleberg --people 24 --summary \"Dålig belysning vid "
      "gångtunneln\"");
  groups.finding->footer(
      "Example:\n  trygg finding record tryggare-varnamo-2026 --focus-area narkotika --source "
      "crime-statistics --period 2025-2026 --text \"Anmälda narkotikabrott +38 %\"");
  groups.cause->footer(
      "Example:\n  trygg cause identify tryggare-varnamo-2026 --focus-area narkotika --text "
      "\"Öppen försäljning vid resecentrum\" --rests-on f-statistik-2025");
  groups.goal->footer(
      "Example:\n  trygg goal set example-6 --indicator \"Andel trygga i trygghetsmätningen\" "
      "--unit % --baseline 61 --target 70 --by 2027-12-31");
  groups.partner->footer(
      "Example:\n  trygg partner add example-6 vidingehem --commitment \"Byter belysning i "
      "trapphusen\"");
  groups.follow_up->footer(
      "Example:\n  trygg follow-up record example-6 --period 2026-T3 --health yellow --hours "
      "120 --comment \"Två av tre skolor klara\"");
  groups.group->footer(
      "Example:\n  trygg group form tryggare-varnamo-2026 --name \"Samverkansgrupp centrum\" "
      "--member polisen-lpo-varnamo --member varnamo-kommun-socialtjansten");
  groups.promise->footer(
      "Example:\n  trygg promise make tryggare-varnamo-2026 --text \"Vi ökar tryggheten vid "
      "resecentrum\" --measure example-6 --signed-by lokalpolisområdeschef --signed-by "
      "\"kommunstyrelsens ordförande\" --from 2027-01-01 --to 2027-12-31");

  Action action;
  AddReadCommands(app, groups, &action);
  AddWriteCommands(groups, &action);
  AddWatchCommand(app, &action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A word that is no command shows up as "a subcommand is required" with the word left over.
    const std::vector<std::string> left = app.remaining();
    if (!left.empty() && app.get_subcommands().empty() && !left.front().starts_with("-")) {
      return Report(Outcome::Fail(ExitCode::kUsage, "'" + left.front() +
                                                        "' is not a trygg command; see 'trygg "
                                                        "--help'"));
    }
    return Report(Outcome::Fail(
        ExitCode::kUsage, UsageMessage(e.what()) + "; see '" + CommandPath(app) + " --help'"));
  }
  if (!action) {
    return Report(Outcome::Fail(ExitCode::kUsage, "no command given; see 'trygg --help'"));
  }

  const GetEnv getenv = [](const char* name) { return std::getenv(name); };
  SettingLayer file;
  if (std::optional<std::filesystem::path> path = ConfigFilePath(getenv)) {
    if (Outcome read = ReadConfigFile(*path, &file); !read.ok()) return Report(read);
  }
  Settings settings;
  if (Outcome resolved = Resolve(FlagLayer(flags), FromEnvironment(getenv), file, &settings);
      !resolved.ok()) {
    return Report(resolved);
  }
  Session session(std::move(settings), DetectTerminal(), std::cout);
  return Report(action(session));
}
