#include "trygg/domain/streams.h"

namespace trygg::domain {
namespace {

std::string Join(std::string_view prefix, std::string_view id) {
  std::string stream;
  stream.reserve(prefix.size() + id.size());
  stream.append(prefix).append(id);
  return stream;
}

}  // namespace

std::string PlanStream(std::string_view plan_id) { return Join(kPlanStreamPrefix, plan_id); }
std::string AgencyStream(std::string_view agency_id) {
  return Join(kAgencyStreamPrefix, agency_id);
}
std::string MeasureStream(std::string_view measure_id) {
  return Join(kMeasureStreamPrefix, measure_id);
}

}  // namespace trygg::domain
