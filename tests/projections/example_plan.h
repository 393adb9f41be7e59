// "Tryggare Värnamo 2026" (../shared/example-plan.md) as an event history: the plan, its eight
// agencies and fifteen measures in the states the example gives them, with "today" 2026-06-15.
#pragma once

#include <string_view>

#include "history.h"

namespace trygg::projections::testing {

inline constexpr std::string_view kPlanId = "tryggare-varnamo-2026";
inline constexpr std::string_view kToday = "2026-06-15";

inline constexpr std::string_view kPolisen = "polisen-lpo-varnamo";
inline constexpr std::string_view kKs = "varnamo-kommun-ks";
inline constexpr std::string_view kSocialtjansten = "varnamo-kommun-socialtjansten";
inline constexpr std::string_view kUtbildning = "varnamo-kommun-utbildning";
inline constexpr std::string_view kFritid = "varnamo-kommun-fritid";
inline constexpr std::string_view kTekniska = "varnamo-kommun-tekniska";
inline constexpr std::string_view kAllmannyttan = "allmannyttan-varnamo";
inline constexpr std::string_view kRaddningstjansten = "raddningstjansten-varnamo";

// Measure ids tv26-01 … tv26-15 follow the example's numbering. Only assigned measures have a
// responsible agency; the proposed and prioritised ones are not in any agency's status yet.
//   01 narkotika  socialtjansten  IN_PROGRESS 40 %  HIGH    due 2026-09-30
//   02 narkotika  socialtjansten  ASSIGNED          MEDIUM  due 2026-10-31
//   03 narkotika  polisen         COMPLETED         HIGH    due 2026-04-30
//   04 narkotika  —               PRIORITISED       HIGH
//   05 narkotika  —               PROPOSED
//   06 otrygghet  allmannyttan    IN_PROGRESS 60 %  MEDIUM  due 2026-08-31
//   07 otrygghet  tekniska        ASSIGNED          MEDIUM  due 2026-05-31  (overdue)
//   08 otrygghet  —               PRIORITISED       MEDIUM
//   09 otrygghet  allmannyttan    COMPLETED         LOW     due 2026-03-31
//   10 otrygghet  —               PROPOSED
//   11 påverkan   ks              IN_PROGRESS 25 %  HIGH    due 2026-12-31
//   12 påverkan   ks              COMPLETED         HIGH    due 2026-05-15
//   13 påverkan   —               PRIORITISED       HIGH
//   14 påverkan   polisen         ASSIGNED          MEDIUM  due 2026-12-31
//   15 påverkan   ks              WITHDRAWN         LOW     due 2026-11-30
void BuildTryggareVarnamo(History& history);

}  // namespace trygg::projections::testing
