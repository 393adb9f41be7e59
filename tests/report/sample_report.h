// A hand-built StatusService.GetPlanReport answer resembling the Värnamo example
// (../shared/example-plan.md), for the report builders' and writers' tests: three focus areas,
// numbered causes with findings, measures with goals, partners with commitments, follow-ups
// green/yellow/red with comments, hours and costs, changes during the period, and two citizen
// promises. Every field the public page must not show holds the marker kInternal, so a test can
// search any output for it.
#pragma once

#include <string_view>

#include "trygg/v1/status.pb.h"

namespace trygg::report::testing {

// In every internal string of the sample: comments, notes, outcomes, withdrawal reasons,
// descriptions, commitments, principal names, a promise's end reason.
inline constexpr std::string_view kInternal = "INTERNT";

// The sample, as of position 4711 on 2026-12-31, period 2026-T3 (previous 2026-T2), plan version
// 1. Measures m-01 … m-15 (some numbers left out), by id:
//   narkotika:  m-01 (cause 1, in progress, goal), m-02 (cause 3, assigned, no follow-up),
//               m-03 (cause 1, completed), m-04 (causes narkotika 2 and otrygghet 3; partners;
//               yellow and green), m-05 (no cause, proposed)
//   otrygghet:  m-06 (cause 1, in progress), m-07 (cause 1, overdue, red, deadline moved, goal),
//               m-09 (cause 2, completed in the period, goal)
//   otillåten påverkan: m-11 (cause 1, started in the period), m-12 (cause 1, completed),
//               m-13 (cause 2, new in the period), m-15 (cause 1, withdrawn in the period);
//               cause 3 has no measure.
// Promises: medborgarlofte-2027 (m-04, m-07, in force) and medborgarlofte-2026 (m-09, ended).
v1::PlanReport SampleReport();

}  // namespace trygg::report::testing
