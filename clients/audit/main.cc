// trygg-audit: proves what a trygg action plan looked like on any day, who decided each change,
// and that no record was altered afterwards — from a store directory (a stopped store, a
// checkpoint, a backup, or a running server's store, read as a secondary instance) or from a
// running trygg-server with an auditor's token. See README.md, "Auditing: trygg-audit".
#include <CLI/CLI.hpp>
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
#include "audit/payload.h"
#include "audit/replay.h"
#include "audit/verify.h"
#include "audit/wire.h"
#include "trygg/domain/streams.h"
#include "trygg/domain/today.h"
#include "trygg/projections/limits.h"

namespace trygg::audit {
namespace {

using eventstore::Result;
using eventstore::Status;

// Exit codes (also in --help and the README).
constexpr int kExitOk = 0;        // done; the log verified, the server agrees, ...
constexpr int kExitError = 1;     // could not do it: store or server unreachable, I/O, not found
constexpr int kExitUsage = 2;     // bad command line
constexpr int kExitFindings = 3;  // verification failed, a published head does not match,
                                  // the server differs from the replay, the log does not replay

constexpr char kExitCodes[] =
    "Exit codes: 0 ok; 1 error (cannot open the store, reach the server, read or write; unknown "
    "agency, plan or stream); 2 bad usage; 3 findings: verification failed (the first bad "
    "position is named), --expect-head does not match, compare found differences, or the log "
    "does not replay.";

struct Global {
  std::string data;
  ServerOptions server;
  std::string time_zone = std::string(domain::kDefaultTimeZone);
  absl::TimeZone zone;  // time_zone, loaded once the flags are parsed
  std::string output = "table";
  bool json() const { return output == "json"; }
};

int Error(const std::string& what) {
  std::cerr << "trygg-audit: " << what << std::endl;
  return kExitError;
}

int Error(const Status& status) { return Error(status.message()); }

int Usage(const std::string& what) {
  std::cerr << "trygg-audit: " << what << " (see --help)" << std::endl;
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

std::string CountsText(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts) {
  std::string text;
  for (const v1::StatusCount& c : counts) {
    if (!text.empty()) text += ", ";
    std::string name = v1::MeasureStatus_Name(c.status());
    if (name.starts_with("MEASURE_STATUS_")) name = name.substr(15);
    text += name + " " + std::to_string(c.count());
  }
  return text.empty() ? "none" : text;
}

std::string StatusName(v1::MeasureStatus status) {
  std::string name = v1::MeasureStatus_Name(status);
  return name.starts_with("MEASURE_STATUS_") ? name.substr(15) : name;
}

std::string PriorityName(v1::Priority priority) {
  if (priority == v1::PRIORITY_UNSPECIFIED) return "-";
  std::string name = v1::Priority_Name(priority);
  return name.starts_with("PRIORITY_") ? name.substr(9) : name;
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
    if (auto* store = dynamic_cast<StoreSource*>(source->get())) {
      report = VerifyStore(store->store(), progress.callback());
    } else {
      report = VerifyServer(static_cast<ServerSource&>(**source), progress.callback());
    }
  }
  if (!report.ok()) return Error(report.status());
  std::string expect_problem;
  if (expected) {
    auto checked = CheckExpectedHead(**source, *expected, report->head);
    if (!checked.ok()) return Error(checked.status());
    expect_problem = *checked;
  }
  const std::string digest =
      expected ? HashHex(expected->hash) + "@" + std::to_string(expected->position) : "";
  if (g.json()) {
    JsonObject counts;
    for (const auto& [type, n] : report->counts_by_type) counts.AddNumber(type, n);
    JsonObject unknown;
    for (const auto& [type, n] : report->unknown_types) unknown.AddNumber(type, n);
    JsonObject out;
    out.AddString("source", (*source)->Describe())
        .AddBool("ok", report->ok() && expect_problem.empty())
        .AddNumber("events", report->events_checked)
        .AddNumber("head_position", report->head.position.value())
        .AddString("head_hash", HashHex(report->head.hash))
        .AddString("checked", report->checked);
    if (report->first_bad_position) {
      out.AddNumber("first_bad_position", *report->first_bad_position)
          .AddString("problem", report->problem);
    } else {
      out.AddNull("first_bad_position").AddNull("problem");
    }
    out.AddRaw("events_by_type", counts.str()).AddRaw("unknown_types", unknown.str());
    if (expected) {
      JsonObject expect;
      expect.AddString("digest", digest).AddBool("ok", expect_problem.empty());
      if (!expect_problem.empty()) expect.AddString("problem", expect_problem);
      out.AddRaw("expect_head", expect.str());
    }
    std::cout << out.str() << std::endl;
  } else {
    Table table({"source", (*source)->Describe()});
    table.Add({"events", Thousands(report->events_checked)});
    table.Add({"head", std::to_string(report->head.position.value())});
    table.Add({"head hash", HashHex(report->head.hash)});
    table.Add({"digest",
               HashHex(report->head.hash) + "@" + std::to_string(report->head.position.value())});
    table.Add({"checked", report->checked});
    if (!report->unknown_types.empty()) {
      std::string types;
      for (const auto& [type, n] : report->unknown_types) {
        types += (types.empty() ? "" : ", ") + type + " (" + Thousands(n) + ")";
      }
      table.Add({"warning", "event types this build does not know, payloads not checked: " + types +
                                "; use a newer trygg-audit"});
    }
    if (report->ok()) {
      table.Add({"result", "OK"});
    } else {
      table.Add({"result", "FAILED at position " + std::to_string(*report->first_bad_position) +
                               ": " + report->problem});
    }
    if (expected) {
      table.Add({"expected", expect_problem.empty()
                                 ? digest + ": matches, a prefix of today's log"
                                 : digest + ": DOES NOT MATCH: " + expect_problem});
    }
    table.Print(std::cout);
  }
  if (!report->ok()) {
    std::cerr << "trygg-audit: verification failed at position " << *report->first_bad_position
              << ": " << report->problem << std::endl;
    return kExitFindings;
  }
  if (!expect_problem.empty()) {
    std::cerr << "trygg-audit: --expect-head " << digest << ": " << expect_problem << std::endl;
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

std::string AsOfJson(const Replayed& r, const std::string& at) {
  JsonObject as_of;
  as_of.AddNumber("position", r.position);
  if (r.last_recorded) {
    as_of.AddString("recorded_at", FormatUtc(*r.last_recorded));
  } else {
    as_of.AddNull("recorded_at");
  }
  as_of.AddString("hash", HashHex(r.last_hash)).AddString("today", r.today);
  if (at.empty()) {
    as_of.AddNull("at");
  } else {
    as_of.AddString("at", at);
  }
  return as_of.str();
}

void PrintAgency(const v1::AgencyStatus& status) {
  const v1::Agency& a = status.agency();
  std::cout << "\nagency " << a.agency_id() << ": " << a.name()
            << (a.kind().empty() ? "" : " (" + a.kind() + ")") << '\n'
            << "  " << status.total_measures() << " measures, " << status.overdue()
            << " overdue: " << CountsText(status.counts()) << '\n';
  if (status.measures_size() == 0) return;
  Table table({"MEASURE", "STATUS", "PRIORITY", "DUE", "DONE", "OVERDUE", "TITLE"});
  for (const v1::Measure& m : status.measures()) {
    table.Add({m.measure_id(), StatusName(m.status()), PriorityName(m.priority()),
               m.due_date().empty() ? "-" : m.due_date(),
               std::to_string(m.percent_complete()) + "%", m.overdue() ? "OVERDUE" : "",
               m.title()});
  }
  table.Print(std::cout, "  ");
  if (status.total_measures() > static_cast<uint64_t>(status.measures_size())) {
    std::cout << "  ... and " << status.total_measures() - status.measures_size() << " more\n";
  }
}

void PrintPlan(const v1::PlanOverview& plan) {
  std::cout << "\nplan " << plan.plan_id() << ": " << plan.name()
            << (plan.municipality().empty() ? "" : " (" + plan.municipality() + ")") << '\n'
            << "  " << plan.overdue() << " overdue, " << plan.prioritised_unassigned()
            << " prioritised but unassigned: " << CountsText(plan.counts()) << '\n';
  Table table({"FOCUS AREA", "OVERDUE", "UNASSIGNED", "MEASURES"});
  for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
    table.Add({area.focus_area().key(), std::to_string(area.overdue()),
               std::to_string(area.prioritised_unassigned()), CountsText(area.counts())});
  }
  table.Print(std::cout, "  ");
}

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
      std::cerr << "trygg-audit: the log does not replay: " << replayed.status().message()
                << std::endl;
      return kExitFindings;
    }
    if (replayed.status().code() == eventstore::Code::kInvalidArgument) {
      return Usage(replayed.status().message());
    }
    return Error(replayed.status());
  }
  const projections::Projections& p = replayed->projections;
  std::vector<v1::AgencyStatus> agencies;
  std::vector<v1::PlanOverview> plans;
  const bool all = args.agency.empty() && args.plan.empty();
  for (const std::string& id : all ? replayed->agencies : std::vector<std::string>{args.agency}) {
    if (id.empty()) continue;
    auto status = p.GetAgencyStatus(id, projections::kMaxPageSize, replayed->today);
    if (!status.ok()) {
      return Error("agency '" + id + "': " + status.status().error_message() + " as of position " +
                   std::to_string(replayed->position));
    }
    agencies.push_back(std::move(status).value());
  }
  for (const std::string& id : all ? replayed->plans : std::vector<std::string>{args.plan}) {
    if (id.empty()) continue;
    auto overview = p.GetPlanOverview(id, replayed->today);
    if (!overview) {
      return Error("plan '" + id + "' does not exist as of position " +
                   std::to_string(replayed->position));
    }
    plans.push_back(std::move(*overview));
  }
  if (g.json()) {
    JsonObject out;
    out.AddString("source", (*source)->Describe()).AddRaw("as_of", AsOfJson(*replayed, args.at));
    std::vector<std::string> agency_json;
    agency_json.reserve(agencies.size());
    for (const auto& a : agencies) agency_json.push_back(MessageJson(a));
    std::vector<std::string> plan_json;
    plan_json.reserve(plans.size());
    for (const auto& o : plans) plan_json.push_back(MessageJson(o));
    if (!args.agency.empty()) out.AddRaw("agency_status", agency_json.front());
    if (!args.plan.empty()) out.AddRaw("plan_overview", plan_json.front());
    if (all) out.AddRaw("agencies", JsonArray(agency_json)).AddRaw("plans", JsonArray(plan_json));
    std::cout << out.str() << std::endl;
    return kExitOk;
  }
  Table head({"source", (*source)->Describe()});
  head.Add(
      {"as of", "position " + std::to_string(replayed->position) +
                    (replayed->last_recorded ? ", recorded " + FormatUtc(*replayed->last_recorded)
                                             : std::string()) +
                    (args.at.empty() ? " (the whole log)" : " (--at " + args.at + ")")});
  head.Add({"digest", HashHex(replayed->last_hash) + "@" + std::to_string(replayed->position)});
  head.Add({"today", replayed->today + " (the date overdue is judged by)"});
  head.Print(std::cout);
  for (const auto& o : plans) PrintPlan(o);
  for (const auto& a : agencies) PrintAgency(a);
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
  if (g.json()) {
    std::vector<std::string> lines;
    lines.reserve(events.size());
    for (const auto& e : events) lines.push_back(JsonLine(e));
    std::cout << JsonObject()
                     .AddString("source", (*source)->Describe())
                     .AddString("stream_id", stream)
                     .AddRaw("events", JsonArray(lines))
                     .str()
              << std::endl;
    return kExitOk;
  }
  std::cout << "stream " << stream << ": " << events.size() << " events, from "
            << (*source)->Describe() << "\n\n";
  for (const auto& e : events) {
    Table table({"position", std::to_string(e.position.value())});
    table.Add({"version", std::to_string(e.version.value())});
    table.Add({"recorded", FormatUtc(e.recorded_at)});
    table.Add({"type", e.type});
    table.Add({"principal", e.metadata.principal});
    table.Add({"agency", e.metadata.agency.empty() ? "-" : e.metadata.agency});
    table.Add({"command id", e.metadata.command_id.empty() ? "-" : e.metadata.command_id});
    table.Add({"payload", PayloadJson(e.type, e.payload)});
    table.Add({"hash", HashHex(e.hash)});
    table.Print(std::cout);
    std::cout << '\n';
  }
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
  if (g.server.address.empty()) return Usage("compare needs --server ADDRESS");
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
      std::cerr << "trygg-audit: the log does not replay: " << replayed.status().message()
                << std::endl;
      return kExitFindings;
    }
    return Error(replayed.status());
  }
  auto compared = Compare(*replayed, **server);
  if (!compared.ok()) return Error(compared.status());
  const Comparison& c = *compared;
  if (g.json()) {
    std::vector<std::string> diffs;
    for (const Difference& d : c.differences) {
      diffs.push_back(JsonObject().AddString("what", d.what).AddString("detail", d.detail).str());
    }
    std::cout << JsonObject()
                     .AddString("replayed_from", log.Describe())
                     .AddString("server", g.server.address)
                     .AddBool("equal", c.equal())
                     .AddNumber("replay_position", c.replay_position)
                     .AddString("replay_hash", HashHex(c.replay_hash))
                     .AddNumber("server_position", c.server_head.position.value())
                     .AddString("server_hash", HashHex(c.server_head.hash))
                     .AddString("today", c.today)
                     .AddNumber("measures", c.measures)
                     .AddNumber("agencies", c.agencies)
                     .AddNumber("plans", c.plans)
                     .AddRaw("differences", JsonArray(diffs))
                     .str()
              << std::endl;
  } else {
    Table table(
        {"replayed", log.Describe() + ", up to position " + std::to_string(c.replay_position)});
    table.Add({"server", g.server.address + ", head at position " +
                             std::to_string(c.server_head.position.value())});
    table.Add({"compared", Thousands(c.measures) + " measures, " + Thousands(c.agencies) +
                               " agency statuses, " + Thousands(c.plans) +
                               " plan overviews (today " + c.today + ")"});
    table.Add({"result", c.equal() ? "EQUAL: the server serves what the log says"
                                   : std::to_string(c.differences.size()) + " DIFFERENCES " +
                                         "(replay -> server)"});
    table.Print(std::cout);
    for (const Difference& d : c.differences)
      std::cout << "  " << d.what << ": " << d.detail << '\n';
  }
  return c.equal() ? kExitOk : kExitFindings;
}

// ---- backup

int RunBackup(const Global& g, const std::string& out_dir) {
  if (g.data.empty() || !g.server.address.empty()) {
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
  const bool ok = report->ok() && same_head;
  if (g.json()) {
    JsonObject out;
    out.AddString("source", (*source)->Describe())
        .AddString("copy", out_dir)
        .AddBool("ok", ok)
        .AddNumber("events", report->events_checked)
        .AddNumber("head_position", head.position.value())
        .AddString("head_hash", HashHex(head.hash));
    if (!report->ok()) out.AddString("problem", report->problem);
    std::cout << out.str() << std::endl;
  } else {
    Table table({"source", (*source)->Describe()});
    table.Add({"copy", out_dir});
    table.Add({"events", Thousands(report->events_checked)});
    table.Add({"head", std::to_string(head.position.value())});
    table.Add({"head hash", HashHex(head.hash)});
    table.Add({"result", ok ? "OK: the copy verifies and ends at the source's head"
                            : "FAILED: the copy does not verify (kept for inspection)"});
    table.Print(std::cout);
  }
  if (!report->ok()) {
    std::cerr << "trygg-audit: the copy fails verification at position "
              << *report->first_bad_position << ": " << report->problem
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

int Main(int argc, char** argv) {
  CLI::App app(
      "trygg-audit: verify, replay, read and export a trygg event log, and check a running "
      "server against it. Reads a store directory (--data: a stopped store, a checkpoint, a "
      "backup, or the store of a running server, opened read-only) or a running trygg-server "
      "(--server, with an auditor's token).");
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(std::string(kExitCodes) +
             "\nTimes: the log records UTC; dates (--at YYYY-MM-DD, \"today\") are in "
             "--time-zone.");
  Global g;
  app.add_option("--data", g.data,
                 "store directory to read (never written; a running server's store is read as a "
                 "RocksDB secondary instance, as of the moment it is opened)");
  app.add_option("--server", g.server.address, "trygg-server address (host:port)");
  app.add_option("--token", g.server.token,
                 "bearer token of an auditor (default: $TRYGG_TOKEN; prefer the variable, a "
                 "command line is visible to other users)")
      ->envname("TRYGG_TOKEN");
  // The TLS flags are spelled as the trygg client spells them (--ca, --cert, --key, and the same
  // environment variables); --tls-* as trygg-server spells its own.
  app.add_option("--ca,--tls-ca", g.server.tls_ca_file,
                 "connect with TLS, trusting this CA bundle (PEM); without it, plaintext, for "
                 "the loopback only")
      ->envname("TRYGG_CA");
  app.add_option("--cert,--tls-cert", g.server.tls_cert_file,
                 "client certificate chain (PEM) for mutual TLS")
      ->envname("TRYGG_CERT");
  app.add_option("--key,--tls-key", g.server.tls_key_file, "client key (PEM) for mutual TLS")
      ->envname("TRYGG_KEY");
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
  replay->add_option("--at", replay_args.at,
                     "POSITION (e.g. 1234: up to and including it), DATE (2026-03-01: the end of "
                     "that day in TZ) or an RFC 3339 TIME with a zone (2026-03-01T12:00:00Z). "
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

  app.add_subcommand(
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  // A given --time-zone was checked while parsing; the default is checked here (tzdata may lack
  // it).
  if (!absl::LoadTimeZone(g.time_zone, &g.zone)) return Usage(domain::TimeZoneError(g.time_zone));

  CLI::App* command = app.get_subcommands().front();
  const std::string name = command->get_name();
  if (name != "compare" && name != "backup" && g.data.empty() == g.server.address.empty()) {
    return Usage(name + " reads either --data DIR or --server ADDRESS");
  }
  if (name == "verify") return RunVerify(g, verify_args);
  if (name == "replay") return RunReplay(g, replay_args);
  if (name == "history") return RunHistory(g, history_args);
  if (name == "export") return RunExport(g, export_args);
  if (name == "compare") return RunCompare(g);
  if (name == "backup") return RunBackup(g, backup_out);
  return Usage("unknown command " + name);
}

}  // namespace
}  // namespace trygg::audit

int main(int argc, char** argv) { return trygg::audit::Main(argc, argv); }
