// "Tryggare Värnamo 2026" (clients/example_plan/example_plan_data.h, the table trygg-load-example
// loads) as an event history: the plan, its eight agencies and fifteen measures in the states the
// example gives them, each proposed by the coordinator. On kToday only measure 7 is overdue.
#pragma once

#include <string_view>

#include "example_plan_data.h"
#include "history.h"

namespace trygg::projections::testing {

using example_plan::kPlanId;
// After measure 7's due date (2026-09-30), before the next open measure's (2027-02-28).
inline constexpr std::string_view kToday = "2026-12-01";

inline constexpr std::string_view kPolisen = example_plan::kAgencies[0].id;
inline constexpr std::string_view kKs = example_plan::kAgencies[1].id;
inline constexpr std::string_view kSocialtjansten = example_plan::kAgencies[2].id;
inline constexpr std::string_view kUtbildning = example_plan::kAgencies[3].id;
inline constexpr std::string_view kFritid = example_plan::kAgencies[4].id;
inline constexpr std::string_view kTekniska = example_plan::kAgencies[5].id;
inline constexpr std::string_view kAllmannyttan = example_plan::kAgencies[6].id;
inline constexpr std::string_view kRaddningstjansten = example_plan::kAgencies[7].id;

// Appends the example to `history`: the plan, the agencies, then each measure's steps
// (example_plan::StepsOf), measure by measure, as the coordinator ("samordnare") and, for starting,
// reporting and completing, the responsible agency.
void BuildTryggareVarnamo(History& history);

}  // namespace trygg::projections::testing
