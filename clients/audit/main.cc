// trygg-audit: proves what a trygg action plan looked like on any day, who decided each change,
// and that no record was altered afterwards — from a store directory (a stopped store, a
// checkpoint, a backup, or a running server's store, read as a secondary instance) or from a
// running trygg-server with an auditor's token. See README.md, "Auditing: trygg-audit".
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "audit/commands.h"

namespace trygg::audit {
namespace {

constexpr char kExitCodes[] =
    "Exit codes: 0 ok; 1 error (cannot open the store, reach the server, read or write; unknown "
    "agency, plan or stream); 2 bad usage; 3 findings: verification failed (the first bad "
    "position is named), --expect-head does not match, compare found differences, or the log "
    "does not replay.";

constexpr char kSettingsHelp[] =
    "\nConnection settings come from flags, else TRYGG_SERVER, TRYGG_TOKEN, TRYGG_CA, TRYGG_CERT "
    "and TRYGG_KEY, else trygg's config file ($XDG_CONFIG_HOME/trygg/config, default "
    "~/.config/trygg/config: server, token, ca, cert, key), as for trygg; a server from the "
    "environment or the file is used only without --data, or by compare. Any of --ca, --cert "
    "and --key means TLS, trusting --ca or else the system's CA certificates.";

// What the parsed command runs, set by its callback, so that no command can be added and then
// forgotten in a dispatch.
struct Action {
  std::string name;
  bool one_source = true;  // reads exactly one of --data and --server
  std::function<int()> run;
};

void On(CLI::App* command, Action* action, bool one_source, std::function<int()> run) {
  command->callback([=] { *action = Action{command->get_name(), one_source, run}; });
}

int Main(int argc, char** argv) {
  CLI::App app(
      "trygg-audit: verify, replay, read and export a trygg event log, and check a running "
      "server against it. Reads a store directory (--data: a stopped store, a checkpoint, a "
      "backup, or the store of a running server, opened read-only) or a running trygg-server "
      "(--server, with an auditor's token).");
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(std::string(kExitCodes) + kSettingsHelp +
             "\nTimes: the log records UTC; dates (--at YYYY-MM-DD, \"today\") are in "
             "--time-zone.");
  Global g;
  app.add_option("--data", g.data,
                 "store directory to read (never written; a running server's store is read as a "
                 "RocksDB secondary instance, as of the moment it is opened)");
  g.connection.AddTo(app, "trygg-server address (host:port)", /*tls_aliases=*/true);
  app.add_option("--time-zone", g.time_zone,
                 "IANA time zone whose date is \"today\" for overdue measures and in which --at "
                 "dates end; must be the server's --time-zone for compare to agree")
      ->check(domain::TimeZoneError)
      ->type_name("ZONE")
      ->capture_default_str();
  app.add_option("--output", g.output, "table (for people) or json (one JSON document)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();

  VerifyArgs verify_args;
  CLI::App* verify = app.add_subcommand(
      "verify",
      "Walk the whole log: hash chain, positions, stream versions, stream index (--data), "
      "payloads. Prints the event count, the head position and the head hash (the digest to "
      "publish). Exits 3 naming the first bad position.");
  verify->add_option("--expect-head", verify_args.expect_head,
                     "HASH@POSITION: a digest published earlier; checks that the record at "
                     "POSITION still has HASH, i.e. the published log is a prefix of today's");

  ReplayArgs replay_args;
  CLI::App* replay = app.add_subcommand(
      "replay",
      "Rebuild the projections as of a moment with the server's own projection code and print "
      "the agency status or plan overview as it stood then (all plans and agencies without "
      "--agency/--plan).");
  replay->add_option(
      "--at", replay_args.at,
      "POSITION (e.g. 1234: up to and including it), DATE (2026-03-01: the end of "
      "that day in --time-zone) or an RFC 3339 TIME with a zone (2026-03-01T12:00:00Z). "
      "\"Today\", for overdue measures, is the date of --at. Default: the whole "
      "log, today.");
  replay->add_option("--agency", replay_args.agency, "agency id");
  replay->add_option("--plan", replay_args.plan, "plan id");

  HistoryArgs history_args;
  CLI::App* history = app.add_subcommand(
      "history",
      "Every event of one measure (or stream): position, time, principal, agency, command id "
      "and the decoded payload.");
  history->add_option("--measure", history_args.measure, "measure id");
  history->add_option("--stream", history_args.stream,
                      "stream id, e.g. plan-tryggare-varnamo-2026");

  ExportArgs export_args;
  CLI::App* export_cmd = app.add_subcommand(
      "export",
      "Write the log to stdout with payloads decoded: jsonl (one trygg.v1.Event per line, "
      "protobuf's JSON mapping) or csv (RFC 4180, with a header).");
  export_cmd->add_option("--format", export_args.format, "jsonl or csv")
      ->required()
      ->check(CLI::IsMember({"jsonl", "csv"}));
  export_cmd->add_option("--from", export_args.from, "first position (default 1)");
  export_cmd->add_option("--to", export_args.to, "last position (default: the head)");

  CLI::App* compare = app.add_subcommand(
      "compare",
      "Replay the log (from --data, or from the server's own log) and check that every measure, "
      "agency status and plan overview the server at --server serves equals the replay; print "
      "each difference. Exits 3 when there is one.");

  std::string backup_out;
  CLI::App* backup = app.add_subcommand(
      "backup",
      "Copy the store at --data (also while a server is writing to it) to a new store at --out: "
      "exactly the records up to the head at the moment it is opened, byte for byte, then verify "
      "the copy.");
  backup->add_option("--out", backup_out, "new directory for the copy (must not exist)")
      ->required();

  Action action;
  On(verify, &action, true, [&] { return RunVerify(g, verify_args); });
  On(replay, &action, true, [&] { return RunReplay(g, replay_args); });
  On(history, &action, true, [&] { return RunHistory(g, history_args); });
  On(export_cmd, &action, true, [&] { return RunExport(g, export_args); });
  On(compare, &action, false, [&] { return RunCompare(g); });
  On(backup, &action, false, [&] { return RunBackup(g, backup_out); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  // A given --time-zone was checked while parsing; the default is checked here (tzdata may lack
  // it).
  if (!absl::LoadTimeZone(g.time_zone, &g.zone)) return Usage(domain::TimeZoneError(g.time_zone));
  if (!action.run) return Usage("no command given");
  if (int resolved = ResolveConnection(g, action.name); resolved != kExitOk) return resolved;
  if (action.one_source && g.data.empty() == g.server.settings.server.empty()) {
    return Usage(action.name + " reads either --data DIR or --server ADDRESS");
  }
  return action.run();
}

}  // namespace
}  // namespace trygg::audit

int main(int argc, char** argv) { return trygg::audit::Main(argc, argv); }
