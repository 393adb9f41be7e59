// Stream naming: every plan, agency and measure is one stream of the event log. The prefixes are
// part of the stored format; never change them.
#pragma once

#include <string>
#include <string_view>

namespace trygg::domain {

inline constexpr std::string_view kPlanStreamPrefix = "plan-";
inline constexpr std::string_view kAgencyStreamPrefix = "agency-";
inline constexpr std::string_view kMeasureStreamPrefix = "measure-";

// "plan-<plan_id>", "agency-<agency_id>", "measure-<measure_id>". The id is used as given; pass
// only ids that passed Validate (1..100 characters of [a-z0-9-]).
std::string PlanStream(std::string_view plan_id);
std::string AgencyStream(std::string_view agency_id);
std::string MeasureStream(std::string_view measure_id);

}  // namespace trygg::domain
