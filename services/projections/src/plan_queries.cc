// The whole plan's queries: situation picture, traceability, follow-up summary, working groups.
// Each reads one plan's structures (its picture and its measures), never other plans'.
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client_view.h"
#include "follow_up.h"
#include "paging.h"
#include "projections_state.h"
#include "traceability.h"
#include "trygg/domain/period.h"
#include "trygg/domain/streams.h"
#include "trygg/projections/limits.h"
#include "trygg/projections/projections.h"

namespace trygg::projections {
namespace {

using internal::ProjectionsState;

domain::Result<const PlanEntry*> FindPlan(const ProjectionsState& state, std::string_view plan_id) {
  const PlanEntry* plan = state.plans.Find(plan_id);
  if (plan == nullptr) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "plan " + std::string(plan_id) + " does not exist");
  }
  return plan;
}

// The plan's focus areas a request asks about: all of them for an empty `focus_area`, else that
// one; INVALID_ARGUMENT naming focus_area when the plan does not list it.
domain::Result<std::vector<const v1::FocusArea*>> FocusAreasOf(const PlanEntry& plan,
                                                               std::string_view focus_area) {
  std::vector<const v1::FocusArea*> areas;
  for (const v1::FocusArea& area : plan.created->focus_areas()) {
    if (focus_area.empty() || area.key() == focus_area) areas.push_back(&area);
  }
  if (!focus_area.empty() && areas.empty()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "focus_area: plan " + plan.created->plan_id() + " has no focus area '" +
                            std::string(focus_area) + "'");
  }
  return areas;
}

// The plan's measures a request asks about: the focus area's, or the whole plan's.
const IdSet& MeasuresOf(const PlanEntry& plan, std::string_view focus_area) {
  static const IdSet kNone;
  if (focus_area.empty()) return plan.measures.all.ids();
  auto it = plan.measures.by_focus_area.find(focus_area);
  return it == plan.measures.by_focus_area.end() ? kNone : it->second.ids();
}

// A period named in a request: INVALID_ARGUMENT naming `period` when it does not parse.
domain::Result<domain::Period> RequestedPeriod(std::string_view period) {
  if (period.empty()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "period: required, e.g. \"2026-T2\", \"2026-Q3\" or "
                        "\"2026-09-01/2026-12-31\"");
  }
  return domain::ParsePeriod(period);
}

void FillCause(const v1::Cause& cause, const PlanPicture& picture, v1::Cause* out) {
  *out = cause;
  if (const IdSet* measures = picture.MeasuresOf(cause.cause_id())) {
    for (const auto& [id, entry] : *measures) out->add_measure_ids(std::string(id.id));
  }
}

}  // namespace

domain::Result<v1::SituationPicture> Projections::GetSituationPicture(
    const v1::GetSituationPictureRequest& request) const {
  domain::Result<const PlanEntry*> plan = FindPlan(*state_, request.plan_id());
  if (!plan.ok()) return plan.status();
  domain::Result<std::vector<const v1::FocusArea*>> areas =
      FocusAreasOf(**plan, request.focus_area());
  if (!areas.ok()) return areas.status();
  const PlanPicture& picture = (*plan)->picture;

  v1::SituationPicture reply;
  reply.set_plan_id(request.plan_id());
  for (const v1::FocusArea* area : *areas) {
    v1::FocusAreaPicture* out = reply.add_focus_areas();
    *out->mutable_focus_area() = *area;
    absl::flat_hash_set<std::string_view> cited;
    for (const v1::Finding* finding : FindingsOf(picture, area->key(), request.include_retired())) {
      *out->add_findings() = *finding;
      cited.insert(finding->input_ids().begin(), finding->input_ids().end());
    }
    for (const v1::Cause* cause : CausesOf(picture, area->key(), request.include_retired())) {
      FillCause(*cause, picture, out->add_causes());
    }
    for (const v1::ResidentInput& input : picture.inputs().all()) {
      if (input.focus_area() == area->key() || cited.contains(input.input_id())) {
        *out->add_inputs() = input;
      }
    }
  }
  for (const v1::ResidentInput& input : picture.inputs().all()) {
    if (input.focus_area().empty()) *reply.add_general_inputs() = input;
  }
  return reply;
}

domain::Result<v1::Traceability> Projections::GetTraceability(
    const v1::GetTraceabilityRequest& request, std::string_view today) const {
  domain::Result<const PlanEntry*> plan = FindPlan(*state_, request.plan_id());
  if (!plan.ok()) return plan.status();
  domain::Result<std::vector<const v1::FocusArea*>> areas =
      FocusAreasOf(**plan, request.focus_area());
  if (!areas.ok()) return areas.status();
  domain::Result<uint32_t> page_size =
      PageSizeOf(request.page_size(), {kMaxTracePageSize, kDefaultTracePageSize});
  if (!page_size.ok()) return page_size.status();
  domain::Result<std::string> after = PageStart(request.page_token(), "a GetTraceability response");
  if (!after.ok()) return after.status();
  const PlanPicture& picture = (*plan)->picture;
  const domain::Period* period = picture.LatestPeriodBegunBy(today);
  std::optional<domain::Period> requested;
  if (!request.period().empty()) {
    domain::Result<domain::Period> parsed = RequestedPeriod(request.period());
    if (!parsed.ok()) return parsed.status();
    period = &requested.emplace(*std::move(parsed));
  }

  const TraceJudge judge(picture, period, today);
  const IdSet& measures = MeasuresOf(**plan, request.focus_area());
  v1::Traceability reply;
  reply.set_plan_id(request.plan_id());
  *reply.mutable_counts() = judge.Count(request.focus_area(), measures);
  std::vector<std::pair<std::string_view, v1::FocusAreaTrace*>> traces;
  for (const v1::FocusArea* area : *areas) {
    v1::FocusAreaTrace* trace = reply.add_focus_areas();
    traces.emplace_back(area->key(), trace);
    *trace->mutable_focus_area() = *area;
    for (const v1::Finding* finding : FindingsOf(picture, area->key(), false)) {
      v1::TracedFinding* out = trace->add_findings();
      out->set_finding_id(finding->finding_id());
      out->set_text(finding->text());
      out->set_source(finding->source());
      if (judge.FindingUnused(*finding)) out->add_flags(v1::TRACEABILITY_FLAG_FINDING_UNUSED);
    }
    for (const v1::Cause* cause : CausesOf(picture, area->key(), false)) {
      v1::TracedCause* out = trace->add_causes();
      out->set_cause_id(cause->cause_id());
      out->set_number(cause->number());
      out->set_text(cause->text());
      *out->mutable_finding_ids() = cause->finding_ids();
      if (const IdSet* linked = picture.MeasuresOf(cause->cause_id())) {
        for (const auto& [id, entry] : *linked) out->add_measure_ids(std::string(id.id));
      }
      if (judge.CauseWithoutMeasure(*cause)) {
        out->add_flags(v1::TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE);
      }
    }
  }
  // The trace a measure belongs in; nullptr for a focus area the plan does not list.
  auto trace_of = [&traces](const MeasureEntry& entry) -> v1::FocusAreaTrace* {
    for (const auto& [key, trace] : traces) {
      if (key == entry.view.focus_area()) return trace;
    }
    return nullptr;
  };
  reply.set_next_page_token(Page(
      measures, *after, *page_size,
      [&trace_of](const MeasureEntry& entry) { return trace_of(entry) != nullptr; },
      [&](const MeasureEntry& entry) {
        const v1::Measure& measure = entry.view;
        v1::TracedMeasure* out = trace_of(entry)->add_measures();
        out->set_measure_id(measure.measure_id());
        out->set_title(measure.title());
        out->set_status(measure.status());
        out->set_responsible_agency_id(measure.responsible_agency_id());
        *out->mutable_partners() = measure.partners();
        *out->mutable_cause_ids() = measure.cause_ids();
        *out->mutable_goals() = measure.goals();
        *out->mutable_latest_follow_ups() = measure.latest_follow_ups();
        judge.JudgeMeasure(entry, out->mutable_flags(), out->mutable_partners_never_followed_up());
      }));
  return reply;
}

namespace {

// Adds one follow-up's own figures to a total.
void AddFollowUp(const v1::FollowUp& follow_up, v1::FollowUpTotals& totals) {
  switch (follow_up.health()) {
    case v1::HEALTH_GREEN: totals.set_green(totals.green() + 1); break;
    case v1::HEALTH_YELLOW: totals.set_yellow(totals.yellow() + 1); break;
    case v1::HEALTH_RED: totals.set_red(totals.red() + 1); break;
    default: break;  // a health this build does not know
  }
  totals.set_hours(totals.hours() + follow_up.hours());
  totals.set_cost_sek(totals.cost_sek() + follow_up.cost_sek());
}

enum class GoalOutcome { kMet, kNotMet, kNotMeasured };

void AddGoal(GoalOutcome outcome, v1::FollowUpTotals& totals) {
  switch (outcome) {
    case GoalOutcome::kMet: totals.set_goals_met(totals.goals_met() + 1); break;
    case GoalOutcome::kNotMet: totals.set_goals_not_met(totals.goals_not_met() + 1); break;
    case GoalOutcome::kNotMeasured:
      totals.set_goals_not_measured(totals.goals_not_measured() + 1);
      break;
  }
}

bool RecordedBefore(const v1::FollowUp& a, const v1::FollowUp& b) {
  return std::pair(a.recorded_at().seconds(), a.recorded_at().nanos()) <
         std::pair(b.recorded_at().seconds(), b.recorded_at().nanos());
}

// How a goal fared in a period: the value the latest recorded of the period's follow-ups
// measured, if any did.
GoalOutcome OutcomeOf(const v1::OperationalGoal& goal,
                      const std::map<std::string, v1::FollowUp, std::less<>>* period) {
  const v1::FollowUp* latest = nullptr;
  double value = 0;
  if (period != nullptr) {
    for (const auto& [party, follow_up] : *period) {
      if (latest != nullptr && RecordedBefore(follow_up, *latest)) continue;
      for (const v1::IndicatorValue& measured : follow_up.values()) {
        if (measured.goal_id() != goal.goal_id()) continue;
        latest = &follow_up;
        value = measured.value();
      }
    }
  }
  if (latest == nullptr) return GoalOutcome::kNotMeasured;
  return GoalMet(goal, value) ? GoalOutcome::kMet : GoalOutcome::kNotMet;
}

// The totals a follow-up summary adds up: the plan's, per agency and per focus area.
class SummaryTotals {
 public:
  SummaryTotals(const v1::PlanCreated& plan, v1::FollowUpSummary& summary) : summary_(summary) {
    for (const v1::FocusArea& area : plan.focus_areas()) {
      v1::FocusAreaFollowUp* out = summary.add_focus_areas();
      *out->mutable_focus_area() = area;
      by_focus_area_.emplace_back(area.key(), out->mutable_totals());
    }
  }

  // Adds to the plan's totals, the agency's (none for an empty id) and the focus area's (none
  // for one the plan does not list).
  template <typename Adder>
  void Add(std::string_view agency_id, std::string_view focus_area, Adder add) {
    add(*summary_.mutable_totals());
    if (!agency_id.empty()) {
      auto it = by_agency_.find(agency_id);
      if (it == by_agency_.end()) it = by_agency_.try_emplace(std::string(agency_id)).first;
      add(it->second);
    }
    for (const auto& [key, totals] : by_focus_area_) {
      if (key == focus_area) add(*totals);
    }
  }

  // Writes the agencies' totals, by id, with their names.
  void Finish(const AgencyIndex& agencies) {
    for (auto& [agency_id, totals] : by_agency_) {
      v1::AgencyFollowUp* out = summary_.add_agencies();
      out->set_agency_id(agency_id);
      if (const v1::Agency* agency = agencies.FindAgency(agency_id)) out->set_name(agency->name());
      *out->mutable_totals() = std::move(totals);
    }
  }

 private:
  v1::FollowUpSummary& summary_;
  std::map<std::string, v1::FollowUpTotals, std::less<>> by_agency_;
  std::vector<std::pair<std::string_view, v1::FollowUpTotals*>> by_focus_area_;
};

}  // namespace

domain::Result<v1::FollowUpSummary> Projections::GetFollowUpSummary(
    const v1::GetFollowUpSummaryRequest& request) const {
  domain::Result<const PlanEntry*> plan = FindPlan(*state_, request.plan_id());
  if (!plan.ok()) return plan.status();
  domain::Result<domain::Period> period = RequestedPeriod(request.period());
  if (!period.ok()) return period.status();

  v1::FollowUpSummary summary;
  summary.set_plan_id(request.plan_id());
  summary.set_period(period->canonical);
  SummaryTotals totals(*(*plan)->created, summary);
  for (const auto& [id, entry] : (*plan)->measures.all.ids()) {
    const v1::Measure& measure = entry->view;
    auto found = entry->follow_ups.find(period->canonical);
    const auto* in_period = found == entry->follow_ups.end() ? nullptr : &found->second;
    const bool expected = ExpectsFollowUp(measure.status());
    if (in_period == nullptr && !expected) continue;
    const std::string& focus_area = measure.focus_area();
    if (in_period != nullptr) {
      for (const auto& [party, recorded] : *in_period) {
        // A named reference: clang before 16 cannot capture a structured binding (C++20 allows it).
        const auto& follow_up = recorded;
        totals.Add(party, focus_area, [&](v1::FollowUpTotals& t) { AddFollowUp(follow_up, t); });
      }
    }
    if (expected) {
      auto missing = [&](const std::string& party) {
        if (in_period != nullptr && in_period->contains(party)) return;
        totals.Add(party, focus_area,
                   [](v1::FollowUpTotals& t) { t.set_missing(t.missing() + 1); });
      };
      missing(measure.responsible_agency_id());
      for (const v1::Partner& partner : measure.partners()) missing(partner.agency_id());
    }
    for (const v1::OperationalGoal& goal : measure.goals()) {
      const GoalOutcome outcome = OutcomeOf(goal, in_period);
      totals.Add(measure.responsible_agency_id(), focus_area,
                 [outcome](v1::FollowUpTotals& t) { AddGoal(outcome, t); });
    }
  }
  totals.Finish(state_->agencies);
  return summary;
}

domain::Result<v1::WorkingGroupStatus> Projections::GetWorkingGroupStatus(
    const v1::GetWorkingGroupStatusRequest& request, std::string_view today) const {
  domain::Result<const PlanEntry*> plan = FindPlan(*state_, request.plan_id());
  if (!plan.ok()) return plan.status();
  const v1::WorkingGroup* group = (*plan)->picture.groups().Find(request.group_id());
  if (group == nullptr) {
    return grpc::Status(
        grpc::StatusCode::NOT_FOUND,
        "plan " + request.plan_id() + " has no working group " + request.group_id());
  }
  domain::Result<uint32_t> page_size =
      PageSizeOf(request.page_size(), {kMaxPageSize, kDefaultPageSize});
  if (!page_size.ok()) return page_size.status();
  domain::Result<std::string> after =
      PageStart(request.page_token(), "a GetWorkingGroupStatus response");
  if (!after.ok()) return after.status();

  auto member = [group](std::string_view agency_id) {
    return std::find(group->agency_ids().begin(), group->agency_ids().end(), agency_id) !=
           group->agency_ids().end();
  };
  auto in_group = [&](const MeasureEntry& entry) {
    const v1::Measure& measure = entry.view;
    if (!group->focus_areas().empty() &&
        std::find(group->focus_areas().begin(), group->focus_areas().end(), measure.focus_area()) ==
            group->focus_areas().end()) {
      return false;
    }
    return member(measure.responsible_agency_id()) ||
           std::any_of(measure.partners().begin(), measure.partners().end(),
                       [&](const v1::Partner& partner) { return member(partner.agency_id()); });
  };

  v1::WorkingGroupStatus reply;
  *reply.mutable_group() = *group;
  StatusCounts counts{};
  uint64_t overdue = 0;
  uint64_t total = 0;
  const IdSet& measures = (*plan)->measures.all.ids();
  for (const auto& [id, entry] : measures) {
    if (!in_group(*entry)) continue;
    ++counts[static_cast<size_t>(entry->view.status())];
    if (IsOverdue(entry->view.status(), entry->view.due_date(), today)) ++overdue;
    ++total;
  }
  AppendCounts(counts, reply.mutable_counts());
  reply.set_overdue(overdue);
  reply.set_total_measures(total);
  reply.set_next_page_token(
      Page(measures, *after, *page_size, in_group,
           [&](const MeasureEntry& entry) { AppendView(entry, today, reply.mutable_measures()); }));
  return reply;
}

std::vector<std::string> Projections::PlanReportStreams(std::string_view plan_id) const {
  const PlanEntry* plan = state_->plans.Find(plan_id);
  if (plan == nullptr) return {};
  std::vector<std::string> streams;
  streams.reserve(1 + plan->measures.all.total() + state_->agencies.agencies().size());
  streams.push_back(domain::PlanStream(plan_id));
  for (const auto& [id, entry] : plan->measures.all.ids()) {
    streams.push_back(domain::MeasureStream(id.id));
  }
  for (const auto& [agency_id, agency] : state_->agencies.agencies()) {
    streams.push_back(domain::AgencyStream(agency_id));
  }
  return streams;
}

}  // namespace trygg::projections
