// "Tryggare Värnamo 2026" (clients/example_plan/example_plan_data.h, the table trygg-load-example
// loads) as an event history: the whole plan in the order the loader writes it. On kToday only
// measure 7 is overdue; the latest follow-up period is 2027-T1.
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

// Appends the example to `history` as trygg-load-example loads it: the plan, the agencies, the
// residents' input, findings and causes, the working groups, then each measure's steps
// (example_plan::StepsOf) measure by measure, the causes linked later, the adoption and the
// citizen promise, and the follow-ups. Each event carries what the server would have decided
// (a cause's number, the plan version). The coordinator ("samordnare") records everything the
// table does not give to an agency; an agency's own records carry its id as principal.
void BuildTryggareVarnamo(History& history);

}  // namespace trygg::projections::testing
