#include "audit/commands.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "audit/as_of.h"
#include "audit/compare.h"
#include "audit/export.h"
#include "audit/output.h"
#include "audit/replay.h"
#include "audit/verify.h"
#include "common/text.h"
#include "trygg/domain/streams.h"
#include "trygg/eventstore/types.h"
#include "trygg/projections/limits.h"

namespace trygg::audit {
namespace {

using eventstore::Result;
using eventstore::Status;

// Messages may quote what a store holds: sanitised, as everything printed from one.
int Error(const std::string& what) {
  std::cerr << "trygg-audit: " << client::SanitizeLine(what) << std::endl;
  return kExitError;
}

int Error(const Status& status) { return Error(status.message()); }

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

// One plan as replay shows it (render.h's PlanView), asked of the replayed projections.
Result<PlanView> ReplayPlan(const Replayed& replayed, const std::string& id) {
  const projections::Projections& p = replayed.projections;
  const std::string as_of = " as of position " + std::to_string(replayed.position);
  PlanView view;
  auto overview = p.GetPlanOverview(id, replayed.today);
  if (!overview)
    return Status(eventstore::Code::kNotFound, "plan '" + id + "' does not exist" + as_of);
  view.overview = std::move(*overview);
  v1::GetSituationPictureRequest picture_request;
  picture_request.set_plan_id(id);
  picture_request.set_include_retired(true);
  auto picture = p.GetSituationPicture(picture_request);
  v1::GetTraceabilityRequest trace_request;
  trace_request.set_plan_id(id);
  auto trace = p.GetTraceability(trace_request, replayed.today);
  for (const grpc::Status* s : {&picture.status(), &trace.status()}) {
    if (!s->ok())
      return Status(eventstore::Code::kInternal,
                    "plan '" + id + "': " + s->error_message() + as_of);
  }
  view.picture = std::move(picture).value();
  view.traceability = std::move(trace).value();
  for (const std::string& period : replayed.periods) {
    v1::GetFollowUpSummaryRequest summary_request;
    summary_request.set_plan_id(id);
    summary_request.set_period(period);
    auto summary = p.GetFollowUpSummary(summary_request);
    if (!summary.ok()) {
      return Status(eventstore::Code::kInternal,
                    "plan '" + id + "': " + summary.status().error_message() + as_of);
    }
    const v1::FollowUpTotals& t = summary->totals();
    if (t.green() + t.yellow() + t.red() > 0) view.follow_ups.push_back(std::move(summary).value());
  }
  return view;
}

}  // namespace

int Usage(const std::string& what) {
  std::cerr << "trygg-audit: " << client::SanitizeLine(what) << " (see --help)" << std::endl;
  return kExitUsage;
}

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
    auto plan = ReplayPlan(*replayed, id);
    if (!plan.ok()) return Error(plan.status());
    view.plans.push_back(std::move(plan).value());
  }
  std::cout << RenderReplay(g.format(), *replayed, view) << std::flush;
  return kExitOk;
}

// ---- history

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

}  // namespace trygg::audit
