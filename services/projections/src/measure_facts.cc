#include "measure_facts.h"

namespace trygg::projections {

MeasureFacts FactsOf(std::string_view id, const v1::Measure& measure) {
  MeasureFacts facts;
  facts.id = IdKey::Of(id);
  facts.view = &measure;
  facts.plan_id = measure.plan_id();
  facts.focus_area = measure.focus_area();
  facts.status = measure.status();
  facts.priority = measure.priority();
  facts.agency_id = measure.responsible_agency_id();
  facts.due_date = measure.due_date();
  return facts;
}

}  // namespace trygg::projections
