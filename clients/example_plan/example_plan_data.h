// The example plan "Tryggare Värnamo 2026" (../shared/example-plan.md) as data: the plan and its
// focus areas, the eight agencies, and the fifteen measures with their ids, the state each is
// brought to, and everything said on the way there. trygg-load-example loads it through the API;
// the tests fold it as an event history. Both read this one table, so the demo and the fixtures
// cannot drift apart.
//
// Plain constants and structs over the generated enums; no gRPC.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "trygg/v1/events.pb.h"

namespace trygg::example_plan {

struct FocusArea {
  std::string_view key;
  std::string_view name;
};

inline constexpr std::string_view kPlanId = "tryggare-varnamo-2026";
inline constexpr std::string_view kPlanName = "Tryggare Värnamo 2026";
inline constexpr std::string_view kMunicipality = "Värnamo kommun";
inline constexpr std::array<FocusArea, 3> kFocusAreas = {{
    {"narkotika", "Narkotika"},
    {"otrygghet", "Otrygghet"},
    {"otillaten-paverkan", "Otillåten påverkan"},
}};

struct Agency {
  std::string_view id;
  std::string_view name;
  std::string_view kind;
};

inline constexpr std::array<Agency, 8> kAgencies = {{
    {"polisen-lpo-varnamo", "Polisen, lokalpolisområde Värnamo", "police"},
    {"varnamo-kommun-ks", "Värnamo kommun, kommunledningsförvaltningen", "municipality"},
    {"varnamo-kommun-socialtjansten", "Värnamo kommun, socialförvaltningen", "social services"},
    {"varnamo-kommun-utbildning", "Värnamo kommun, utbildningsförvaltningen", "schools"},
    {"varnamo-kommun-fritid", "Värnamo kommun, kultur- och fritidsförvaltningen",
     "leisure and youth"},
    {"varnamo-kommun-tekniska", "Värnamo kommun, tekniska förvaltningen",
     "streets, parks, lighting"},
    {"allmannyttan-varnamo", "Kommunens bostadsbolag", "municipal housing company"},
    {"raddningstjansten-varnamo", "Räddningstjänsten", "fire and rescue"},
}};

// The commands a measure goes through, in this order, each at most once.
enum class Step { kPropose, kPrioritise, kAssign, kStart, kReportProgress, kComplete, kWithdraw };

struct Measure {
  std::string_view id{};  // "example-1" … "example-15", the example's numbering
  std::string_view focus_area{};
  std::string_view title{};
  std::string_view description{};  // may be empty
  // Where the measure ends: kPropose (proposed), kPrioritise, kAssign, kReportProgress (in
  // progress), kComplete or kWithdraw.
  Step last = Step::kPropose;
  // The furthest step before kWithdraw (kPropose, kPrioritise or kAssign); unused otherwise.
  Step withdrawn_after = Step::kPropose;
  v1::Priority priority = v1::PRIORITY_UNSPECIFIED;  // from kPrioritise on
  std::string_view rationale{};                      // of the prioritisation; may be empty
  std::string_view agency{};    // the responsible agency (the example names one for every measure;
                                // it is assigned from kAssign on)
  std::string_view due_date{};  // from kAssign on
  std::string_view assign_note{};  // may be empty
  uint32_t percent_complete = 0;   // kReportProgress
  std::string_view progress_note{};
  std::string_view outcome{};            // kComplete
  std::string_view withdrawal_reason{};  // kWithdraw
};

// The fifteen measures in the example's order. Measure 7's due date (2026-09-30) has passed on
// every day after it; the other open measures are due from 2027-02-28 on.
extern const std::array<Measure, 15> kMeasures;

// The commands that bring `measure` to where the table says, in order: kPropose first, then each
// step up to `last` (kComplete skips kReportProgress; kWithdraw follows `withdrawn_after`).
[[nodiscard]] std::vector<Step> StepsOf(const Measure& measure);

}  // namespace trygg::example_plan
