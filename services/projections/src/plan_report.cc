// BuildPlanReport: one fold of the plan's own streams up to the moment, then the queries the live
// server answers with, asked of that fold. What no query gives — the measures' states at the
// period's boundaries, their follow-ups of an earlier period — comes from the same fold.
#include "trygg/projections/plan_report.h"

#include <absl/time/civil_time.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "client_view.h"
#include "paging.h"
#include "projections_state.h"
#include "trygg/domain/period.h"
#include "trygg/domain/streams.h"
#include "trygg/projections/limits.h"
#include "trygg/projections/projections.h"

namespace trygg::projections {
namespace internal {

// Projections' friend: the report reads the fold's state where no query returns what it needs.
class ReportReader {
 public:
  static const ProjectionsState& Of(const Projections& projections) { return *projections.state_; }
};

}  // namespace internal
namespace {

using google::protobuf::util::TimeUtil;

// What a period's changes compare: a measure's status and due date.
struct MeasureState {
  v1::MeasureStatus status = v1::MEASURE_STATUS_UNSPECIFIED;
  std::string due_date;

  friend bool operator==(const MeasureState&, const MeasureState&) = default;
};

// A measure's state after an event of its stream that changed it.
struct MeasureStep {
  uint64_t position = 0;
  MeasureState state;
};

// Per measure of the plan (by id), every change of its state, in position order.
using MeasureSteps = std::map<std::string, std::vector<MeasureStep>, std::less<>>;

struct Folded {
  Projections projections;
  MeasureSteps steps;
};

// Folds `events` up to and including `last_position` (a caller's later events would make the
// report depend on what came after its moment), noting each change of the plan's measures.
domain::Result<Folded> FoldUpTo(std::span<const EventView> events, uint64_t last_position,
                                std::string_view plan_id) {
  Folded fold;
  const internal::ProjectionsState& state = internal::ReportReader::Of(fold.projections);
  for (const EventView& event : events) {
    if (event.position > last_position) break;
    if (grpc::Status applied = fold.projections.Apply(event); !applied.ok()) return applied;
    if (!event.stream_id.starts_with(domain::kMeasureStreamPrefix)) continue;
    const MeasureEntry* entry =
        state.measures.Entry(event.stream_id.substr(domain::kMeasureStreamPrefix.size()));
    if (entry == nullptr || entry->view.plan_id() != plan_id) continue;
    MeasureState now{entry->view.status(), entry->view.due_date()};
    std::vector<MeasureStep>& steps = fold.steps[entry->id];
    if (steps.empty() || steps.back().state != now) {
      steps.push_back({event.position, std::move(now)});
    }
  }
  return fold;
}

// The position of the first event recorded at or after `at_us`: the state "before" that time is
// the state after every event before it. One past every event when none is.
uint64_t CutAt(std::span<const EventView> events, int64_t at_us) {
  for (const EventView& event : events) {
    if (event.recorded_at_us >= at_us) return event.position;
  }
  return std::numeric_limits<uint64_t>::max();
}

// The measure's state after its last step before `cut`; nullptr when it was not proposed yet.
const MeasureState* StateBefore(const std::vector<MeasureStep>& steps, uint64_t cut) {
  auto after = std::partition_point(steps.begin(), steps.end(),
                                    [cut](const MeasureStep& step) { return step.position < cut; });
  return after == steps.begin() ? nullptr : &std::prev(after)->state;
}

bool NotYetStarted(v1::MeasureStatus status) {
  return status == v1::MEASURE_STATUS_PROPOSED || status == v1::MEASURE_STATUS_PRIORITISED ||
         status == v1::MEASURE_STATUS_ASSIGNED;
}

// The measure's changes during the period (before the `end` cut, from the `begin` cut on), in
// MeasureChangeKind order. The rules:
//   NEW             not proposed when the period began, proposed by its end;
//   STARTED         not started when the period began (absent, proposed, prioritised or
//                   assigned) and in progress at some point during it — so a measure started
//                   and completed within the period is STARTED and COMPLETED, one completed
//                   straight from assigned only COMPLETED;
//   COMPLETED       completed at the end, not when the period began;
//   WITHDRAWN       withdrawn at the end, not when the period began;
//   DEADLINE_MOVED  a due date when the period began and another at its end.
void AppendChanges(const std::string& measure_id, const std::vector<MeasureStep>& steps,
                   uint64_t begin, uint64_t end,
                   google::protobuf::RepeatedPtrField<v1::MeasureChange>* out) {
  const MeasureState* before = StateBefore(steps, begin);
  const MeasureState* after = StateBefore(steps, end);
  if (after == nullptr) return;  // proposed after the period
  auto add = [&](v1::MeasureChangeKind kind) {
    v1::MeasureChange* change = out->Add();
    change->set_measure_id(measure_id);
    change->set_kind(kind);
    return change;
  };
  if (before == nullptr) add(v1::MEASURE_CHANGE_KIND_NEW);
  const bool started_during = std::any_of(steps.begin(), steps.end(), [&](const MeasureStep& s) {
    return s.position >= begin && s.position < end &&
           s.state.status == v1::MEASURE_STATUS_IN_PROGRESS;
  });
  if ((before == nullptr || NotYetStarted(before->status)) && started_during) {
    add(v1::MEASURE_CHANGE_KIND_STARTED);
  }
  for (const v1::MeasureStatus ended :
       {v1::MEASURE_STATUS_COMPLETED, v1::MEASURE_STATUS_WITHDRAWN}) {
    if (after->status == ended && (before == nullptr || before->status != ended)) {
      add(ended == v1::MEASURE_STATUS_COMPLETED ? v1::MEASURE_CHANGE_KIND_COMPLETED
                                                : v1::MEASURE_CHANGE_KIND_WITHDRAWN);
    }
  }
  if (before != nullptr && !before->due_date.empty() && !after->due_date.empty() &&
      before->due_date != after->due_date) {
    v1::MeasureChange* moved = add(v1::MEASURE_CHANGE_KIND_DEADLINE_MOVED);
    moved->set_from_due_date(before->due_date);
    moved->set_to_due_date(after->due_date);
  }
}

// The day after `date` ("YYYY-MM-DD", a period's valid last day).
std::string DayAfter(std::string_view date) {
  absl::CivilDay day;
  [[maybe_unused]] const bool parsed =
      absl::ParseCivilTime(absl::string_view(date.data(), date.size()), &day);
  assert(parsed);  // ParsePeriod checked the day
  return absl::FormatCivilTime(day + 1);
}

// Health per party over the periods: each followed-up period begun by `today`, the last
// kMaxReportPeriods of them, summarised as GetFollowUpSummary does.
grpc::Status AddFollowUpHistory(const Projections& projections, const PlanPicture& picture,
                                const std::string& plan_id, std::string_view today,
                                v1::PlanReport& report) {
  std::vector<const domain::Period*> begun;
  for (const domain::Period& followed_up : picture.periods()) {
    // A period that does not parse, which only a log Decide did not write holds, has no days
    // (PeriodOf) and never began.
    if (!followed_up.first_day.empty() && followed_up.first_day <= today) {
      begun.push_back(&followed_up);
    }
  }
  const size_t skipped = begun.size() > kMaxReportPeriods ? begun.size() - kMaxReportPeriods : 0;
  for (auto it = begun.begin() + static_cast<std::ptrdiff_t>(skipped); it != begun.end(); ++it) {
    v1::GetFollowUpSummaryRequest request;
    request.set_plan_id(plan_id);
    request.set_period((*it)->canonical);
    domain::Result<v1::FollowUpSummary> summary = projections.GetFollowUpSummary(request);
    if (!summary.ok()) return summary.status();
    *report.add_follow_up_history() = *std::move(summary);
  }
  return grpc::Status::OK;
}

// The report's period and what the page's measures did in it: the period before it, each
// party's latest follow-up for it (by agency id), and the changes from the period's first day to
// the end of its last (as plan_report.h says).
void AddPeriod(const domain::Period& period, const PlanPicture& picture,
               std::span<const MeasureEntry* const> page, const MeasureSteps& steps,
               std::span<const EventView> events, const StartOfDay& start_of_day,
               v1::PlanReport& report) {
  report.set_period(period.canonical);
  for (const domain::Period& followed_up : picture.periods()) {
    if (domain::PeriodBefore(followed_up, period)) {
      report.set_previous_period(followed_up.canonical);
    }
  }
  for (const MeasureEntry* entry : page) {
    if (auto found = entry->follow_ups.find(period.canonical); found != entry->follow_ups.end()) {
      for (const auto& [party, follow_up] : found->second) {
        v1::ReportedFollowUp* reported = report.add_period_follow_ups();
        reported->set_measure_id(entry->id);
        *reported->mutable_follow_up() = follow_up;
      }
    }
  }
  if (period.first_day.empty()) return;  // no days (as above): nothing to compare
  const uint64_t begin = CutAt(events, start_of_day(period.first_day));
  const uint64_t end = CutAt(events, start_of_day(DayAfter(period.last_day)));
  for (const MeasureEntry* entry : page) {
    if (auto found = steps.find(entry->id); found != steps.end()) {
      AppendChanges(entry->id, found->second, begin, end, report.mutable_changes());
    }
  }
}

}  // namespace

domain::Result<v1::PlanReport> BuildPlanReport(std::span<const EventView> events,
                                               const v1::GetPlanReportRequest& request,
                                               const ReportMoment& moment,
                                               const StartOfDay& start_of_day) {
  std::optional<domain::Period> period;
  if (!request.period().empty()) {
    domain::Result<domain::Period> parsed = domain::ParsePeriod(request.period());
    if (!parsed.ok()) return parsed.status();
    period = *std::move(parsed);
  }
  domain::Result<uint32_t> page_size =
      PageSizeOf(request.page_size(), {kMaxPageSize, kDefaultReportPageSize});
  if (!page_size.ok()) return page_size.status();
  domain::Result<std::string> after = PageStart(request.page_token(), "a GetPlanReport reply");
  if (!after.ok()) return after.status();

  const std::string& plan_id = request.plan_id();
  domain::Result<Folded> fold = FoldUpTo(events, moment.position, plan_id);
  if (!fold.ok()) return fold.status();
  const Projections& projections = fold->projections;
  const internal::ProjectionsState& state = internal::ReportReader::Of(projections);
  const PlanEntry* plan = state.plans.Find(plan_id);
  if (plan == nullptr) {
    return grpc::Status(
        grpc::StatusCode::NOT_FOUND,
        "plan " + plan_id + " did not exist at position " + std::to_string(moment.position));
  }
  const PlanPicture& picture = plan->picture;
  const std::string& today = moment.today;
  if (!period) {
    if (const domain::Period* latest = picture.LatestPeriodBegunBy(today)) period = *latest;
  }

  v1::PlanReport report;
  report.set_position(moment.position);
  *report.mutable_recorded_at() = TimeUtil::MicrosecondsToTimestamp(moment.recorded_at_us);
  report.set_head_hash(moment.head_hash);
  report.set_today(today);
  report.set_plan_version(picture.adopted_version());
  report.set_total_measures(plan->measures.all.total());

  // The page, as ListMeasures pages a plan's measures.
  std::vector<const MeasureEntry*> page;
  report.set_next_page_token(Page(
      plan->measures.all.ids(), *after, *page_size, [](const MeasureEntry&) { return true; },
      [&](const MeasureEntry& entry) {
        AppendView(entry, today, report.mutable_measures());
        page.push_back(&entry);
      }));

  // The same page traced, its flags judged for the report's period; the reply's next_page_token
  // continues both.
  v1::GetTraceabilityRequest trace_request;
  trace_request.set_plan_id(plan_id);
  // As asked: empty makes GetTraceability judge the same latest period begun by today.
  trace_request.set_period(request.period());
  trace_request.set_page_size(*page_size);
  trace_request.set_page_token(request.page_token());
  domain::Result<v1::Traceability> traceability = projections.GetTraceability(trace_request, today);
  if (!traceability.ok()) return traceability.status();
  traceability->clear_next_page_token();

  // GetPlanOverview counts the flags for the plan's latest period; the report's are for its own
  // period, which the traceability counted over the whole plan.
  std::optional<v1::PlanOverview> overview = projections.GetPlanOverview(plan_id, today);
  *overview->mutable_flags() = traceability->counts();
  *report.mutable_overview() = *std::move(overview);
  *report.mutable_traceability() = *std::move(traceability);

  v1::GetSituationPictureRequest situation_request;
  situation_request.set_plan_id(plan_id);
  domain::Result<v1::SituationPicture> situation =
      projections.GetSituationPicture(situation_request);
  if (!situation.ok()) return situation.status();
  *report.mutable_situation() = *std::move(situation);

  for (const auto& [agency_id, agency] : state.agencies.agencies()) *report.add_agencies() = agency;

  if (grpc::Status history = AddFollowUpHistory(projections, picture, plan_id, today, report);
      !history.ok()) {
    return history;
  }
  if (period) AddPeriod(*period, picture, page, fold->steps, events, start_of_day, report);
  return report;
}

}  // namespace trygg::projections
