// trygg-audit: proves what a trygg action plan looked like on any day, who decided each change,
// and that no record was altered afterwards — from a store directory (a stopped store, a
// checkpoint, a backup, or a running server's store, read as a secondary instance) or from a
// running trygg-server with an auditor's token. See README.md, "Auditing: trygg-audit".
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/as_of.h"
#include "audit/compare.h"
#include "audit/export.h"
#include "audit/log_source.h"
#include "audit/output.h"
#include "audit/render.h"
#include "audit/replay.h"
#include "audit/verify.h"
#include "common/outcome.h"
#include "common/settings.h"
#include "common/text.h"
#include "trygg/domain/streams.h"
#include "trygg/domain/today.h"
#include "trygg/eventstore/types.h"
#include "trygg/projections/limits.h"

namespace trygg::audit {
namespace {

using eventstore::Result;
using eventstore::Status;

// Exit codes (also in --help and the README): 0-2 as every trygg client has them
// (common/outcome.h), 3 the audit's own.
constexpr int kExitOk = static_cast<int>(client::ExitCode::kOk);  // done; the log verified, ...
// Could not do it: store or server unreachable, I/O, not found.
constexpr int kExitError = static_cast<int>(client::ExitCode::kOther);
constexpr int kExitUsage = static_cast<int>(client::ExitCode::kUsage);  // bad command line
constexpr int kExitFindings = 3;  // verification failed, a published head does not match,
                                  // the server differs from the replay, the log does not replay

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

struct Global {
  std::string data;
  client::ConnectionFlags connection;
  ServerOptions server;  // resolved from `connection`, the environment and the config file
  std::string time_zone = std::string(domain::kDefaultTimeZone);
  absl::TimeZone zone;  // time_zone, loaded once the flags are parsed
  std::string output = "table";
  Format format() const { return output == "json" ? Format::kJson : Format::kTable; }
};

// Messages may quote what a store holds: sanitised, as everything printed from one.
int Error(const std::string& what) {
  std::cerr << "trygg-audit: " << client::SanitizeLine(what) << std::endl;
  return kExitError;
}

int Error(const Status& status) { return Error(status.message()); }

int Usage(const std::string& what) {
  std::cerr << "trygg-audit: " << client::SanitizeLine(what) << " (see --help)" << std::endl;
  return kExitUsage;
}

// The one source a command reads: --data or --server.
Result<std::unique_ptr<LogSource>> OpenSource(const Global& g) {
  if (!g.data.empty()) {
    auto store = StoreSource::Open(g.data);
    if (!store.ok()) return store.status();
    return std::unique_ptr<LogSource>(std::move(store).value());
  }
  auto server = ServerSource::Connect(g.server);
  if (!server.ok()) return server.status();
  return std::unique_ptr<LogSource>(std::move(server).value());
}

// The connection settings as every trygg client takes them (common/settings.h): flags, else the
// TRYGG_* variables, else the config file. A server named by the environment or the file is
// used only by a command that reads no store (--data), and by compare, which checks one against
// the other; without one there is no server (no default address, unlike trygg).
int ResolveConnection(Global& g, const std::string& command) {
  const client::GetEnv getenv = [](const char* name) { return std::getenv(name); };
  client::SettingLayer file;
  if (std::optional<std::filesystem::path> path = client::ConfigFilePath(getenv)) {
    if (client::Outcome read = client::ReadConfigFile(*path, &file); !read.ok()) {
      return Usage(read.message());
    }
  }
  file = file.ConnectionOnly();
  client::SettingLayer env = client::FromEnvironment(getenv).ConnectionOnly();
  const client::SettingLayer flags = g.connection.Layer();
  if (!g.data.empty() && command != "compare") {
    env.server.reset();
    file.server.reset();
  }
  const bool server_given = flags.server || env.server || file.server;
  if (client::Outcome resolved = client::Resolve(flags, env, file, &g.server.settings);
      !resolved.ok()) {
    return Usage(resolved.message());
  }
  if (!server_given) g.server.settings.server.clear();
  return kExitOk;
}

// ---- verify

struct VerifyArgs {
  std::string expect_head;
};

int RunVerify(const Global& g, const VerifyArgs& args) {
  std::optional<ExpectedHead> expected;
  if (!args.expect_head.empty()) {
    auto parsed = ParseExpectedHead(args.expect_head);
    if (!parsed.ok()) return Usage(parsed.status().message());
    expected = *parsed;
  }
  auto source = OpenSource(g);
  if (!source.ok()) return Error(source.status());
  Result<AuditReport> report = Status();
  {
    Progress progress("verifying");
    report = (*source)->Verify(progress.callback());
  }
  if (!report.ok()) return Error(report.status());
  std::string expect_problem;
  if (expected) {
    auto checked = CheckExpectedHead(**source, *expected, report->head);
    if (!checked.ok()) return Error(checked.status());
    expect_problem = *checked;
  }
  const std::optional<std::string> digest =
      expected ? std::optional<std::string>(eventstore::ToHex(expected->hash) + "@" +
                                            std::to_string(expected->position))
               : std::nullopt;
  std::cout << RenderVerify(g.format(), (*source)->Describe(), *report, digest, expect_problem)
            << std::flush;
  if (!report->ok()) {
    std::cerr << "trygg-audit: verification failed at position " << *report->first_bad_position
              << ": " << client::SanitizeLine(report->problem) << std::endl;
    return kExitFindings;
  }
  if (!expect_problem.empty()) {
    std::cerr << "trygg-audit: --expect-head " << *digest << ": "
              << client::SanitizeLine(expect_problem) << std::endl;
    return kExitFindings;
  }
  return kExitOk;
}

// ---- replay

struct ReplayArgs {
  std::string at;
  std::string agency;
  std::string plan;
};

int RunReplay(const Global& g, const ReplayArgs& args) {
  AsOf at;
  if (!args.at.empty()) {
    auto parsed = ParseAsOf(args.at, g.zone);
    if (!parsed.ok()) return Usage(parsed.status().message());
    at = *parsed;
  }
  auto source = OpenSource(g);
  if (!source.ok()) return Error(source.status());
  Result<Replayed> replayed = Status();
  {
    Progress progress("replaying");
    replayed = Replay(**source, at, g.zone, progress.callback());
  }
  if (!replayed.ok()) {
    if (replayed.status().code() == eventstore::Code::kDataLoss) {
      std::cerr << "trygg-audit: the log does not replay: "
                << client::SanitizeLine(replayed.status().message()) << std::endl;
      return kExitFindings;
    }
    if (replayed.status().code() == eventstore::Code::kInvalidArgument) {
      return Usage(replayed.status().message());
    }
    return Error(replayed.status());
  }
  const projections::Projections& p = replayed->projections;
  ReplayView view;
  view.source = (*source)->Describe();
  view.at = args.at;
  view.agency = !args.agency.empty();
  view.plan = !args.plan.empty();
  const bool all = !view.agency && !view.plan;
  for (const std::string& id : all ? replayed->agencies : std::vector<std::string>{args.agency}) {
    if (id.empty()) continue;
    auto status = p.GetAgencyStatus(id, projections::kMaxPageSize, replayed->today);
    if (!status.ok()) {
      return Error("agency '" + id + "': " + status.status().error_message() + " as of position " +
                   std::to_string(replayed->position));
    }
    view.agencies.push_back(std::move(status).value());
  }
  for (const std::string& id : all ? replayed->plans : std::vector<std::string>{args.plan}) {
    if (id.empty()) continue;
    auto overview = p.GetPlanOverview(id, replayed->today);
    if (!overview) {
      return Error("plan '" + id + "' does not exist as of position " +
                   std::to_string(replayed->position));
    }
    view.plans.push_back(std::move(*overview));
  }
  std::cout << RenderReplay(g.format(), *replayed, view) << std::flush;
  return kExitOk;
}

// ---- history

struct HistoryArgs {
  std::string measure;
  std::string stream;
};

int RunHistory(const Global& g, const HistoryArgs& args) {
  if (args.measure.empty() == args.stream.empty()) {
    return Usage("history needs exactly one of --measure ID and --stream ID");
  }
  const std::string stream =
      args.measure.empty() ? args.stream : domain::MeasureStream(args.measure);
  auto source = OpenSource(g);
  if (!source.ok()) return Error(source.status());
  std::vector<eventstore::RecordedEvent> events;
  std::vector<eventstore::RecordedEvent> page;
  for (;;) {
    const eventstore::StreamVersion from(events.empty() ? 1 : events.back().version.value() + 1);
    if (Status s = (*source)->ReadStream(stream, from, (*source)->max_read(), page); !s.ok()) {
      return Error(s);
    }
    if (page.empty()) break;
    for (auto& e : page) events.push_back(std::move(e));
  }
  if (events.empty()) return Error("no events on stream '" + stream + "'");
  std::cout << RenderHistory(g.format(), (*source)->Describe(), stream, events) << std::flush;
  return kExitOk;
}

// ---- export

struct ExportArgs {
  std::string format;
  uint64_t from = 1;
  uint64_t to = UINT64_MAX;
};

int RunExport(const Global& g, const ExportArgs& args) {
  auto source = OpenSource(g);
  if (!source.ok()) return Error(source.status());
  Progress progress("exporting");
  auto written =
      Export(**source, args.format == "csv" ? ExportFormat::kCsv : ExportFormat::kJsonLines,
             ExportRange{args.from, args.to}, std::cout, progress.callback());
  if (!written.ok()) {
    if (written.status().code() == eventstore::Code::kInvalidArgument) {
      return Usage(written.status().message());
    }
    return Error(written.status());
  }
  return kExitOk;
}

// ---- compare

int RunCompare(const Global& g) {
  if (g.server.settings.server.empty()) return Usage("compare needs --server ADDRESS");
  auto server = ServerSource::Connect(g.server);
  if (!server.ok()) return Error(server.status());
  std::unique_ptr<StoreSource> store;
  if (!g.data.empty()) {
    auto opened = StoreSource::Open(g.data);
    if (!opened.ok()) return Error(opened.status());
    store = std::move(opened).value();
  }
  LogSource& log = store ? static_cast<LogSource&>(*store) : **server;
  Result<Replayed> replayed = Status();
  {
    Progress progress("replaying");
    replayed = Replay(log, AsOf{}, g.zone, progress.callback());
  }
  if (!replayed.ok()) {
    if (replayed.status().code() == eventstore::Code::kDataLoss) {
      std::cerr << "trygg-audit: the log does not replay: "
                << client::SanitizeLine(replayed.status().message()) << std::endl;
      return kExitFindings;
    }
    return Error(replayed.status());
  }
  auto compared = Compare(*replayed, **server);
  if (!compared.ok()) return Error(compared.status());
  const Comparison& c = *compared;
  std::cout << RenderCompare(g.format(), log.Describe(), g.server.settings.server, c) << std::flush;
  return c.equal() ? kExitOk : kExitFindings;
}

// ---- backup

int RunBackup(const Global& g, const std::string& out_dir) {
  if (g.data.empty() || !g.server.settings.server.empty()) {
    return Usage("backup copies a store directory: give --data DIR (not --server)");
  }
  auto source = StoreSource::Open(g.data);
  if (!source.ok()) return Error(source.status());
  const eventstore::LogHead head = (*source)->store().Head();
  if (Status s = (*source)->store().CopyTo(out_dir); !s.ok()) return Error(s);
  auto copy = StoreSource::Open(out_dir);
  if (!copy.ok())
    return Error("the copy in " + out_dir + " does not open: " + copy.status().message());
  Result<AuditReport> report = Status();
  {
    Progress progress("verifying the copy");
    report = VerifyStore((*copy)->store(), progress.callback());
  }
  if (!report.ok()) return Error(report.status());
  const bool same_head = report->head == head;
  std::cout << RenderBackup(g.format(), (*source)->Describe(), out_dir, *report, head)
            << std::flush;
  if (!report->ok()) {
    std::cerr << "trygg-audit: the copy fails verification at position "
              << *report->first_bad_position << ": " << client::SanitizeLine(report->problem)
              << " (the source is damaged the same way: the copy is byte for byte)" << std::endl;
    return kExitFindings;
  }
  if (!same_head) {
    std::cerr << "trygg-audit: the copy's head (" << report->head.position.value()
              << ") is not the source's (" << head.position.value() << ")" << std::endl;
    return kExitFindings;
  }
  return kExitOk;
}

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
