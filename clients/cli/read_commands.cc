// The read commands: whoami, status, plan show, measures list, measure show (the plan-wide reads
// are in plan_read_commands.cc). They use StatusService (every role may) and, for a measure's
// history, EventLogService.ReadStream.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/describe.h"
#include "cli/read_support.h"
#include "cli/views.h"
#include "common/csv.h"
#include "common/json.h"
#include "common/names.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

using client::CsvRecord;
using client::ExitCode;
using client::JsonObject;
using client::MessageJson;
using client::Outcome;
using client::OutputFormat;
using client::ParseStatus;
using client::SanitizeLine;

namespace {

namespace v1 = ::trygg::v1;

constexpr uint32_t kMaxPageSize = 500;    // StatusService's largest page
constexpr uint32_t kHistoryChunk = 1000;  // events per ReadStream call

Outcome WhoAmI(Session& s, v1::WhoAmIResponse* me) {
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(s.channel());
  return CallUnary(s, *stub, &v1::StatusService::Stub::WhoAmI, v1::WhoAmIRequest(), me);
}

Outcome RunWhoAmI(Session& s) {
  v1::WhoAmIResponse me;
  if (Outcome called = WhoAmI(s, &me); !called.ok()) return called;
  switch (s.format()) {
    case OutputFormat::kJson: s.out() << MessageJson(me, true); break;
    case OutputFormat::kCsv:
      s.out() << CsvRecord({"principal", "role", "agency_id", "anonymous"})
              << CsvRecord({me.principal(), me.role(), me.agency_id(),
                            me.anonymous() ? "true" : "false"});
      break;
    case OutputFormat::kTable:
      s.out() << SanitizeLine(
                     me.principal() + " (" + me.role() +
                     (me.agency_id().empty() ? ", no agency" : ", agency " + me.agency_id()) + ")" +
                     (me.anonymous() ? "; the server runs with --allow-anonymous" : ""))
              << "\n";
      break;
  }
  return Outcome::Ok();
}

struct StatusOptions {
  std::string agency;
  uint64_t min_position = 0;
};

Outcome RunStatus(Session& s, const StatusOptions& options) {
  std::string agency = options.agency;
  if (agency.empty()) {
    v1::WhoAmIResponse me;
    if (Outcome called = WhoAmI(s, &me); !called.ok()) return called;
    if (me.agency_id().empty()) {
      return Outcome::Fail(ExitCode::kUsage, "principal '" + me.principal() + "' (role " +
                                                 me.role() +
                                                 ") acts for no agency; give --agency ID");
    }
    agency = me.agency_id();
  }
  v1::GetAgencyStatusRequest request;
  request.set_agency_id(agency);
  request.set_page_size(kMaxPageSize);
  request.set_min_position(options.min_position);
  return ReadAndPrint(s, &v1::StatusService::Stub::GetAgencyStatus, request, kAgencyHint,
                      AgencyMeasuresCsv, AgencyStatusText);
}

struct PlanShowOptions {
  std::string plan;
  uint64_t min_position = 0;
};

Outcome RunPlanShow(Session& s, const PlanShowOptions& options) {
  v1::GetPlanOverviewRequest request;
  request.set_plan_id(options.plan);
  request.set_min_position(options.min_position);
  return ReadAndPrint(s, &v1::StatusService::Stub::GetPlanOverview, request, kPlanHint,
                      PlanOverviewCsv, PlanOverviewText);
}

struct ListOptions {
  std::string plan, focus_area, agency, partner, status;
  uint64_t limit = 0;  // 0: every match
  uint64_t min_position = 0;
};

Outcome RunMeasuresList(Session& s, const ListOptions& options) {
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(s.channel());
  v1::ListMeasuresRequest request;
  request.set_plan_id(options.plan);
  request.set_focus_area(options.focus_area);
  request.set_agency_id(options.agency);
  request.set_partner_agency_id(options.partner);
  if (!options.status.empty()) {
    request.set_status(static_cast<v1::MeasureStatus>(ParseStatus(options.status)));
  }
  request.set_min_position(options.min_position);
  v1::ListMeasuresResponse all;
  bool more = false;  // --limit stopped the paging while the server had more
  // Each page asks for at most what --limit still wants.
  auto page_size = [&options, &all] {
    uint64_t want = kMaxPageSize;
    if (options.limit > 0) {
      want = std::min<uint64_t>(want, options.limit - static_cast<uint64_t>(all.measures_size()));
    }
    return static_cast<uint32_t>(want);
  };
  request.set_page_size(page_size());
  auto take = [&](v1::ListMeasuresResponse&& response, v1::ListMeasuresRequest* next) {
    for (v1::Measure& m : *response.mutable_measures()) *all.add_measures() = std::move(m);
    if (options.limit > 0 && static_cast<uint64_t>(all.measures_size()) >= options.limit) {
      more = !response.next_page_token().empty();
      return false;
    }
    next->set_page_size(page_size());
    return true;
  };
  if (Outcome paged = PageThrough(s, *stub, &v1::StatusService::Stub::ListMeasures, request, take,
                                  "", "narrow the list or give --limit");
      !paged.ok()) {
    return paged;
  }
  std::vector<const v1::Measure*> measures;
  for (const v1::Measure& m : all.measures()) measures.push_back(&m);
  switch (s.format()) {
    case OutputFormat::kJson: s.out() << MessageJson(all, true); break;
    case OutputFormat::kCsv: s.out() << MeasuresCsv(measures); break;
    case OutputFormat::kTable:
      // Filtered by agency, every row would repeat it: the column is left out.
      s.out() << MeasuresText(measures, /*with_agency=*/options.agency.empty(), s.terminal());
      if (more) s.out() << "More measures match; raise --limit to see them.\n";
      break;
  }
  return Outcome::Ok();
}

// Reads the stream "measure-<id>" from its start, kHistoryChunk events per call. *denied is set
// (and the result ok) when the caller's role may not read the event log.
Outcome ReadHistory(Session& s, const std::string& measure_id, std::vector<v1::Event>* events,
                    bool* denied) {
  auto stub = v1::EventLogService::NewStub(s.channel());
  v1::ReadStreamRequest request;
  request.set_stream_id("measure-" + measure_id);
  request.set_max_count(kHistoryChunk);
  uint64_t next_version = 1;
  for (;;) {
    request.set_from_version(next_version);
    auto context = s.NewContext();
    auto reader = stub->ReadStream(context.get(), request);
    std::size_t got = 0;
    v1::Event event;
    while (reader->Read(&event)) {
      ++got;
      next_version = event.version() + 1;
      events->push_back(std::move(event));
      event.Clear();
    }
    const grpc::Status status = reader->Finish();
    if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
      *denied = true;
      return Outcome::Ok();
    }
    if (!status.ok()) return s.Failed(status, kMeasureHint);
    if (got < kHistoryChunk) return Outcome::Ok();
  }
}

struct MeasureShowOptions {
  std::string measure;
  uint64_t min_position = 0;
};

Outcome RunMeasureShow(Session& s, const MeasureShowOptions& options) {
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(s.channel());
  v1::GetMeasureRequest request;
  request.set_measure_id(options.measure);
  request.set_min_position(options.min_position);
  v1::Measure measure;
  if (Outcome called = CallUnary(s, *stub, &v1::StatusService::Stub::GetMeasure, request, &measure,
                                 kMeasureHint);
      !called.ok()) {
    return called;
  }
  std::vector<v1::Event> history;
  bool denied = false;
  if (Outcome read = ReadHistory(s, options.measure, &history, &denied); !read.ok()) return read;
  constexpr char kDenied[] =
      "the history needs the event log, which this token's role may not read";
  switch (s.format()) {
    case OutputFormat::kJson: {
      JsonObject doc;
      doc.AddMessage("measure", measure);
      if (!denied) {
        std::vector<v1::Event> printable;
        printable.reserve(history.size());
        for (const v1::Event& e : history) printable.push_back(PrintableEvent(e));
        std::vector<const google::protobuf::Message*> list;
        list.reserve(printable.size());
        for (const v1::Event& e : printable) list.push_back(&e);
        doc.AddMessages("history", list);
      }
      s.out() << doc.Finish();
      break;
    }
    case OutputFormat::kCsv:
      if (denied) {
        return Outcome::Fail(ExitCode::kDenied,
                             std::string(kDenied) +
                                 " (PERMISSION_DENIED); use a coordinator, agency or auditor "
                                 "token, or 'trygg measures list -o csv' for the state");
      }
      s.out() << HistoryCsv(history);
      break;
    case OutputFormat::kTable:
      s.out() << MeasureDetailText(measure, s.terminal()) << "\n";
      if (denied) {
        s.out() << "History not shown: " << kDenied << ".\n";
      } else {
        s.out() << "History\n" << HistoryText(history, s.terminal());
      }
      break;
  }
  return Outcome::Ok();
}

}  // namespace

void AddReadCommands(CLI::App& app, const CommandGroups& groups, Action* action) {
  CLI::App* whoami = app.add_subcommand("whoami", "Show who the server takes the token to be");
  ReadExample(whoami, "trygg --token \"$TRYGG_TOKEN\" whoami");
  whoami->callback([action] { *action = RunWhoAmI; });

  auto status_options = std::make_shared<StatusOptions>();
  CLI::App* status = AddRead(
      &app, "status",
      "An agency's measures: open ones first by priority then due date, with counts per status "
      "and overdue; then the measures it is a partner in (csv: the role column says which). "
      "Without --agency, the token's own agency",
      "trygg status --agency polisen-lpo-varnamo", status_options, RunStatus, action);
  status->add_option("--agency", status_options->agency, "the agency id (default: your own)");

  auto plan_options = std::make_shared<PlanShowOptions>();
  CLI::App* plan_show = AddRead(
      groups.plan, "show",
      "A plan's overview: its adopted version and what changed since, per focus area counts "
      "per status, overdue and prioritised measures not yet assigned, the traceability flags, "
      "working groups and citizen promises",
      "trygg plan show tryggare-varnamo-2026", plan_options, RunPlanShow, action);
  plan_show->add_option("PLAN", plan_options->plan, "the plan id")->required();

  auto list_options = std::make_shared<ListOptions>();
  CLI::App* list =
      AddRead(groups.measures, "list",
              "Measures matching every filter given, by id (pages through the server)",
              "trygg measures list --plan tryggare-varnamo-2026 --status in-progress -o csv",
              list_options, RunMeasuresList, action);
  list->add_option("--plan", list_options->plan, "only this plan's measures");
  list->add_option("--focus-area", list_options->focus_area, "only this focus area's (its key)");
  list->add_option("--agency", list_options->agency, "only those this agency is responsible for");
  list->add_option("--partner", list_options->partner, "only those this agency is a partner in");
  list->add_option("--status", list_options->status,
                   "only those in this status: proposed, prioritised, assigned, in-progress, "
                   "completed or withdrawn")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            return ParseStatus(value) < 0
                       ? "'" + value +
                             "' is not a status; use proposed, prioritised, assigned, "
                             "in-progress, completed or withdrawn"
                       : "";
          },
          "STATUS"));
  list->add_option("--limit", list_options->limit, "at most this many (default: all)")
      ->check(CLI::NonNegativeNumber);

  auto show_options = std::make_shared<MeasureShowOptions>();
  CLI::App* show = AddRead(
      groups.measure, "show",
      "A measure's current state (with its causes, partners and their commitments, operational "
      "goals and each party's latest follow-up) and its full history: every event with its "
      "time, principal, agency and what changed. csv prints the history; json both. The "
      "history needs the event log (coordinator, agency or auditor token); a reader sees the "
      "state only",
      "trygg measure show example-7", show_options, RunMeasureShow, action);
  show->add_option("ID", show_options->measure, "the measure id")->required();

  AddPlanReadCommands(groups, action);
}

}  // namespace trygg::cli
