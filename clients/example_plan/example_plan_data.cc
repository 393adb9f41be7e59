#include "example_plan_data.h"

namespace trygg::example_plan {

using enum Step;

const std::array<Measure, 15> kMeasures = {{
    // Narkotika
    {.id = "example-1",
     .focus_area = "narkotika",
     .title = "SSPF-samverkan för unga i riskzon",
     .description = "Skola, socialtjänst, polis och fritid samverkar kring unga i riskzon.",
     .last = kReportProgress,
     .priority = v1::PRIORITY_HIGH,
     .rationale = "Flest unga i riskzon",
     .agency = "varnamo-kommun-socialtjansten",
     .due_date = "2027-06-30",
     .assign_note = "SSPF-gruppen träffas varannan vecka",
     .percent_complete = 40,
     .progress_note = "Tolv ärenden följs upp"},
    {.id = "example-2",
     .focus_area = "narkotika",
     .title = "Föräldrautbildning om narkotika och tidiga tecken",
     .last = kAssign,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "varnamo-kommun-socialtjansten",
     .due_date = "2027-03-31"},
    {.id = "example-3",
     .focus_area = "narkotika",
     .title = "Riktade kontroller vid kända försäljningsplatser",
     .last = kComplete,
     .priority = v1::PRIORITY_HIGH,
     .agency = "polisen-lpo-varnamo",
     .due_date = "2026-10-31",
     .outcome = "Fyra platser kontrollerade varje vecka under september och oktober"},
    {.id = "example-4",
     .focus_area = "narkotika",
     .title = "Fältassistenter kvällstid i centrum och vid resecentrum",
     .last = kPrioritise,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-fritid"},
    {.id = "example-5",
     .focus_area = "narkotika",
     .title = "Tillsyn av serveringstillstånd och tobaksförsäljning",
     .last = kPropose,
     .agency = "varnamo-kommun-ks"},
    // Otrygghet
    {.id = "example-6",
     .focus_area = "otrygghet",
     .title = "Trygghetsvandringar i bostadsområden",
     .last = kReportProgress,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "allmannyttan-varnamo",
     .due_date = "2027-05-31",
     .percent_complete = 60,
     .progress_note = "Sex av tio områden genomvandrade"},
    {.id = "example-7",
     .focus_area = "otrygghet",
     .title = "Bättre belysning längs gång- och cykelvägar",
     .last = kAssign,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-tekniska",
     .due_date = "2026-09-30",  // passed: the example's one overdue measure
     .assign_note = "Börja med gång- och cykeltunneln vid Vråen"},
    {.id = "example-8",
     .focus_area = "otrygghet",
     .title = "Kamerabevakning vid resecentrum",
     .last = kPrioritise,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "polisen-lpo-varnamo"},
    {.id = "example-9",
     .focus_area = "otrygghet",
     .title = "Sanering av klotter och skadegörelse inom 24 timmar",
     .last = kComplete,
     .priority = v1::PRIORITY_LOW,
     .agency = "allmannyttan-varnamo",
     .due_date = "2026-08-31",
     .outcome = "Rutin införd; klotter saneras inom ett dygn"},
    {.id = "example-10",
     .focus_area = "otrygghet",
     .title = "Medborgardialog om trygghet i varje kommundel",
     .last = kPropose,
     .agency = "varnamo-kommun-ks"},
    // Otillåten påverkan
    {.id = "example-11",
     .focus_area = "otillaten-paverkan",
     .title = "Utbildning för anställda om hot och otillåten påverkan",
     .last = kReportProgress,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-ks",
     .due_date = "2027-02-28",
     .percent_complete = 25,
     .progress_note = "Två av åtta förvaltningar utbildade"},
    {.id = "example-12",
     .focus_area = "otillaten-paverkan",
     .title = "Rutin för att rapportera hot och påtryckningar mot handläggare",
     .last = kComplete,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-ks",
     .due_date = "2026-11-15",
     .outcome = "Rutinen antagen av kommunstyrelsen"},
    {.id = "example-13",
     .focus_area = "otillaten-paverkan",
     .title = "Kontroll av leverantörer vid upphandling",
     .last = kPrioritise,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-ks"},
    {.id = "example-14",
     .focus_area = "otillaten-paverkan",
     .title = "Gemensam lägesbild om kriminella nätverks påverkan, varje kvartal",
     .last = kAssign,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "polisen-lpo-varnamo",
     .due_date = "2027-03-31"},
    {.id = "example-15",
     .focus_area = "otillaten-paverkan",
     .title = "Skyddade personuppgifter för utsatta tjänstepersoner",
     .last = kWithdraw,
     .withdrawn_after = kAssign,
     .priority = v1::PRIORITY_LOW,
     .agency = "varnamo-kommun-ks",
     .due_date = "2026-11-30",
     .withdrawal_reason = "Hanteras av de nationella reglerna"},
}};

std::vector<Step> StepsOf(const Measure& measure) {
  const Step until = measure.last == kWithdraw ? measure.withdrawn_after : measure.last;
  std::vector<Step> steps;
  for (Step step : {kPropose, kPrioritise, kAssign, kStart, kReportProgress, kComplete}) {
    if (step > until) break;
    // A completed measure goes from started to completed; progress reports are the in-progress
    // measures' own.
    if (step == kReportProgress && until == kComplete) continue;
    steps.push_back(step);
  }
  if (measure.last == kWithdraw) steps.push_back(kWithdraw);
  return steps;
}

}  // namespace trygg::example_plan
