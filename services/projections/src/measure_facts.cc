#include "measure_facts.h"

namespace trygg::projections {

MeasureFacts FactsOf(const IdKey& id, const v1::Measure& measure) {
  MeasureFacts facts;
  facts.id = id;
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
