#include "measure_facts.h"

#include "measure_views.h"

namespace trygg::projections {

MeasureFacts FactsOf(const IdKey& id, const MeasureEntry& entry) {
  const v1::Measure& measure = entry.view;
  MeasureFacts facts;
  facts.id = id;
  facts.entry = &entry;
  facts.plan_id = measure.plan_id();
  facts.focus_area = measure.focus_area();
  facts.status = measure.status();
  facts.priority = measure.priority();
  facts.agency_id = measure.responsible_agency_id();
  facts.due_date = measure.due_date();
  return facts;
}

}  // namespace trygg::projections
