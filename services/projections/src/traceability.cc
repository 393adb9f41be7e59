#include "traceability.h"

#include <algorithm>

#include "follow_up.h"
#include "trygg/domain/lifecycle.h"

namespace trygg::projections {
namespace {

template <typename Item>
std::vector<const Item*> ItemsOf(const RecordedItems<Item>& items, std::string_view focus_area,
                                 bool include_retired) {
  std::vector<const Item*> out;
  for (const Item& item : items.all()) {
    if ((focus_area.empty() || item.focus_area() == focus_area) &&
        (include_retired || !item.retired())) {
      out.push_back(&item);
    }
  }
  return out;
}

bool ReportedEver(const v1::Measure& measure, std::string_view party) {
  return std::any_of(measure.latest_follow_ups().begin(), measure.latest_follow_ups().end(),
                     [party](const v1::FollowUp& f) { return f.party() == party; });
}

}  // namespace

std::vector<const v1::Finding*> FindingsOf(const PlanPicture& picture, std::string_view focus_area,
                                           bool include_retired) {
  return ItemsOf(picture.findings(), focus_area, include_retired);
}

std::vector<const v1::Cause*> CausesOf(const PlanPicture& picture, std::string_view focus_area,
                                       bool include_retired) {
  std::vector<const v1::Cause*> causes = ItemsOf(picture.causes(), focus_area, include_retired);
  std::stable_sort(causes.begin(), causes.end(), [](const v1::Cause* a, const v1::Cause* b) {
    return a->number() < b->number();
  });
  return causes;
}

TraceJudge::TraceJudge(const PlanPicture& picture, const domain::Period* period,
                       std::string_view today)
    : picture_(picture),
      period_(period != nullptr && period->first_day <= today ? period : nullptr) {
  for (const v1::Cause& cause : picture.causes().all()) {
    if (cause.retired()) continue;
    for (const std::string& finding_id : cause.finding_ids()) used_findings_.insert(finding_id);
  }
}

bool TraceJudge::FindingUnused(const v1::Finding& finding) const {
  return !used_findings_.contains(finding.finding_id());
}

bool TraceJudge::CauseWithoutMeasure(const v1::Cause& cause) const {
  const IdSet* measures = picture_.MeasuresOf(cause.cause_id());
  if (measures == nullptr) return true;
  return std::none_of(measures->begin(), measures->end(), [](const auto& measure) {
    return measure.second->view.status() != v1::MEASURE_STATUS_WITHDRAWN;
  });
}

void TraceJudge::JudgeMeasure(const MeasureEntry& entry,
                              google::protobuf::RepeatedField<int>* flags,
                              google::protobuf::RepeatedPtrField<std::string>* silent) const {
  const v1::Measure& measure = entry.view;
  if (measure.status() == v1::MEASURE_STATUS_WITHDRAWN) return;
  if (measure.cause_ids().empty()) flags->Add(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE);
  if (measure.goals().empty()) flags->Add(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL);
  if (period_ != nullptr && ExpectsFollowUp(measure.status()) &&
      FindFollowUp(entry.follow_ups, period_->canonical, measure.responsible_agency_id()) ==
          nullptr) {
    flags->Add(v1::TRACEABILITY_FLAG_NO_FOLLOW_UP);
  }
  // Partners of a measure that cannot be followed up yet have had no chance to.
  if (!domain::IsAllowed(measure.status(), domain::MeasureCommand::kRecordFollowUp)) return;
  const int before = silent->size();
  for (const v1::Partner& partner : measure.partners()) {
    if (!ReportedEver(measure, partner.agency_id())) *silent->Add() = partner.agency_id();
  }
  if (silent->size() > before) flags->Add(v1::TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP);
}

v1::TraceabilityFlagCounts TraceJudge::Count(std::string_view focus_area,
                                             const IdSet& measures) const {
  v1::TraceabilityFlagCounts counts;
  if (period_ != nullptr) counts.set_period(period_->canonical);
  for (const v1::Finding* finding : FindingsOf(picture_, focus_area, false)) {
    if (FindingUnused(*finding)) counts.set_findings_unused(counts.findings_unused() + 1);
  }
  for (const v1::Cause* cause : ItemsOf(picture_.causes(), focus_area, false)) {
    if (CauseWithoutMeasure(*cause)) {
      counts.set_causes_without_measure(counts.causes_without_measure() + 1);
    }
  }
  google::protobuf::RepeatedField<int> flags;
  google::protobuf::RepeatedPtrField<std::string> silent;
  for (const auto& [id, entry] : measures) {
    flags.Clear();
    silent.Clear();
    JudgeMeasure(*entry, &flags, &silent);
    for (int flag : flags) {
      switch (flag) {
        case v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE:
          counts.set_measures_without_cause(counts.measures_without_cause() + 1);
          break;
        case v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL:
          counts.set_measures_without_goal(counts.measures_without_goal() + 1);
          break;
        case v1::TRACEABILITY_FLAG_NO_FOLLOW_UP:
          counts.set_measures_without_follow_up(counts.measures_without_follow_up() + 1);
          break;
        default: break;  // PARTNER_NEVER_FOLLOWED_UP counts partners, below
      }
    }
    counts.set_partners_never_followed_up(counts.partners_never_followed_up() +
                                          static_cast<uint64_t>(silent.size()));
  }
  return counts;
}

}  // namespace trygg::projections
