// The plan-wide read commands: plan picture (the situation picture), plan trace (findings →
// causes → measures → goals → follow-up, with the traceability flags), plan follow-up (a period's
// summary) and group show (a working group's measures); plan report is in report_command.cc.
// StatusService; every role may.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/plan_views.h"
#include "cli/read_support.h"
#include "cli/views.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

using client::Outcome;

namespace {

namespace v1 = ::trygg::v1;
using StatusStub = v1::StatusService::Stub;

constexpr uint32_t kTracePage = 1000;  // GetTraceability's largest page
constexpr uint32_t kGroupPage = 500;   // GetWorkingGroupStatus's largest page
constexpr char kGroupHint[] =
    "check the group id ('trygg plan show PLAN' lists the working groups)";

struct PictureOptions {
  std::string plan, focus_area;
  bool include_retired = false;
  uint64_t min_position = 0;
};

Outcome RunPicture(Session& s, const PictureOptions& options) {
  v1::GetSituationPictureRequest request;
  request.set_plan_id(options.plan);
  request.set_focus_area(options.focus_area);
  request.set_include_retired(options.include_retired);
  request.set_min_position(options.min_position);
  return ReadAndPrint(s, &StatusStub::GetSituationPicture, request, kPlanHint, SituationPictureCsv,
                      SituationPictureText);
}

struct TraceOptions {
  std::string plan, focus_area, period;
  uint64_t min_position = 0;
};

Outcome RunTrace(Session& s, const TraceOptions& options) {
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(s.channel());
  v1::GetTraceabilityRequest request;
  request.set_plan_id(options.plan);
  request.set_focus_area(options.focus_area);
  request.set_period(options.period);
  request.set_page_size(kTracePage);
  request.set_min_position(options.min_position);
  v1::Traceability all;
  auto take = [&all](v1::Traceability&& page, v1::GetTraceabilityRequest* /*next*/) {
    AppendTracePage(std::move(page), &all);
    return true;
  };
  if (Outcome paged = PageThrough(s, *stub, &StatusStub::GetTraceability, request, take, kPlanHint,
                                  "give --focus-area");
      !paged.ok()) {
    return paged;
  }
  PrintReply(s, all, TraceabilityCsv, TraceabilityText);
  return Outcome::Ok();
}

struct FollowUpOptions {
  std::string plan, period;
  uint64_t min_position = 0;
};

Outcome RunFollowUp(Session& s, const FollowUpOptions& options) {
  v1::GetFollowUpSummaryRequest request;
  request.set_plan_id(options.plan);
  request.set_period(options.period);
  request.set_min_position(options.min_position);
  return ReadAndPrint(s, &StatusStub::GetFollowUpSummary, request, kPlanHint, FollowUpSummaryCsv,
                      FollowUpSummaryText);
}

struct GroupOptions {
  std::string plan, group;
  uint64_t min_position = 0;
};

// The group's measures as CSV, as `measures list` prints them.
std::string GroupMeasuresCsv(const v1::WorkingGroupStatus& status) {
  std::vector<const v1::Measure*> measures;
  for (const v1::Measure& m : status.measures()) measures.push_back(&m);
  return MeasuresCsv(measures);
}

Outcome RunGroupShow(Session& s, const GroupOptions& options) {
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(s.channel());
  v1::GetWorkingGroupStatusRequest request;
  request.set_plan_id(options.plan);
  request.set_group_id(options.group);
  request.set_page_size(kGroupPage);
  request.set_min_position(options.min_position);
  v1::WorkingGroupStatus all;
  bool first = true;
  auto take = [&](v1::WorkingGroupStatus&& page, v1::GetWorkingGroupStatusRequest* /*next*/) {
    if (first) {
      all = std::move(page);
      first = false;
    } else {
      for (v1::Measure& m : *page.mutable_measures()) *all.add_measures() = std::move(m);
    }
    all.clear_next_page_token();
    return true;
  };
  if (Outcome paged = PageThrough(s, *stub, &StatusStub::GetWorkingGroupStatus, request, take,
                                  kGroupHint, "the group has too many measures to list");
      !paged.ok()) {
    return paged;
  }
  PrintReply(s, all, GroupMeasuresCsv, WorkingGroupStatusText);
  return Outcome::Ok();
}

}  // namespace

void AddPlanReadCommands(const CommandGroups& groups, Action* action) {
  auto picture_options = std::make_shared<PictureOptions>();
  CLI::App* picture = AddRead(
      groups.plan, "picture",
      "The situation picture (lägesbild): per focus area, the findings with their source, "
      "period and cited residents' input, the causes numbered 1, 2, ... with the findings they "
      "rest on, and the residents' input. csv: one record per finding, cause and input",
      "trygg plan picture tryggare-varnamo-2026 --focus-area narkotika", picture_options,
      RunPicture, action);
  picture->add_option("PLAN", picture_options->plan, "the plan id")->required();
  picture->add_option("--focus-area", picture_options->focus_area,
                      "only this focus area (its key)");
  picture->add_flag("--include-retired", picture_options->include_retired,
                    "also retired findings and causes, with the reason");

  auto trace_options = std::make_shared<TraceOptions>();
  CLI::App* trace = AddRead(
      groups.plan, "trace",
      "Traceability, as the council's template reads: per focus area, findings → causes → "
      "measures → operational goals → each party's latest follow-up, with a ⚑ where something "
      "is missing (a cause without a measure, a measure without a cause or a goal, no follow-up "
      "in the period, a partner that never followed up, a finding no cause rests on) and the "
      "counts. csv: one record per measure and cause",
      "trygg plan trace tryggare-varnamo-2026 --period 2026-T3", trace_options, RunTrace, action);
  trace->add_option("PLAN", trace_options->plan, "the plan id")->required();
  trace->add_option("--focus-area", trace_options->focus_area, "only this focus area (its key)");
  trace->add_option("--period", trace_options->period,
                    "judge missing follow-up for this period (2026-T3, 2026-Q4, 2026-H2, 2026 or "
                    "2026-09-01/2026-12-31; default: the latest period followed up)");

  auto follow_up_options = std::make_shared<FollowUpOptions>();
  CLI::App* follow_up = AddRead(
      groups.plan, "follow-up",
      "A period's follow-up: for the plan, per agency and per focus area, how many parts were "
      "reported green, yellow and red and how many are missing, hours, cost in SEK, and "
      "operational goals met, not met and not measured",
      "trygg plan follow-up tryggare-varnamo-2026 --period 2026-T3 -o csv", follow_up_options,
      RunFollowUp, action);
  follow_up->add_option("PLAN", follow_up_options->plan, "the plan id")->required();
  follow_up
      ->add_option("--period", follow_up_options->period,
                   "the period: 2026-T3, 2026-Q4, 2026-H2, 2026 or 2026-09-01/2026-12-31")
      ->required();

  auto group_options = std::make_shared<GroupOptions>();
  CLI::App* group_show = AddRead(
      groups.group, "show",
      "A working group: its members and focus areas, and the measures its members are "
      "responsible for or partners in within those focus areas, with counts per status and "
      "overdue (pages through the server)",
      "trygg group show tryggare-varnamo-2026 wg-centrum", group_options, RunGroupShow, action);
  group_show->add_option("PLAN", group_options->plan, "the plan id")->required();
  group_show->add_option("GROUP", group_options->group, "the working group id")->required();

  AddPlanReportCommand(groups, action);
}

}  // namespace trygg::cli
