#include "example_plan.h"

#include <string>
#include <utility>
#include <vector>

namespace trygg::projections::testing {
namespace {

using example_plan::Step;

void RunStep(Step step, const example_plan::Measure& m, History& h) {
  switch (step) {
    case Step::kPropose:
      h.Propose(m.id, kPlanId, m.focus_area, m.title, m.description, "samordnare", kKs);
      return;
    case Step::kPrioritise: h.Prioritise(m.id, m.priority, m.rationale); return;
    case Step::kAssign: h.Assign(m.id, m.agency, m.due_date, m.assign_note); return;
    case Step::kStart: h.Start(m.id); return;
    case Step::kReportProgress: h.Report(m.id, m.percent_complete, m.progress_note); return;
    case Step::kComplete: h.Complete(m.id, m.outcome); return;
    case Step::kWithdraw: h.Withdraw(m.id, m.withdrawal_reason); return;
  }
}

}  // namespace

void BuildTryggareVarnamo(History& history) {
  std::vector<std::pair<std::string, std::string>> focus_areas;
  for (const auto& [key, name] : example_plan::kFocusAreas) focus_areas.emplace_back(key, name);
  history.CreatePlan(kPlanId, example_plan::kPlanName, example_plan::kMunicipality, focus_areas);
  for (const auto& a : example_plan::kAgencies) history.RegisterAgency(a.id, a.name, a.kind);
  for (const auto& m : example_plan::kMeasures) {
    for (Step step : example_plan::StepsOf(m)) RunStep(step, m, history);
  }
}

}  // namespace trygg::projections::testing
