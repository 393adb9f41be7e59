// The example plan "Tryggare Värnamo 2026" (../shared/example-plan.md) as data: the whole plan as
// the municipality and the police built it — residents' input, the situation picture's findings,
// the causes numbered within their focus areas, fifteen measures citing causes (with their kind,
// goals and partners, each brought to its state), two working groups, the adoption, a citizen
// promise and two follow-up periods. trygg-load-example loads it through the API; the tests fold
// it as an event history. Both read this one table, so the demo and the fixtures cannot drift
// apart.
//
// Plain constants and structs over the generated messages, and the requests they make; no gRPC.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "trygg/v1/action_plan.pb.h"
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

// Who records a thing: empty means the coordinator ("samordnare" at varnamo-kommun-ks); an agency
// id means that agency's own principal (trygg-load-example needs its --agency-token).
using RecordedBy = std::string_view;

// ---- The situation picture

// Aggregated residents' input: never names or anything else that identifies a person.
struct ResidentInput {
  std::string_view id{};
  std::string_view focus_area{};  // empty: it concerns several
  v1::InputChannel channel = v1::INPUT_CHANNEL_UNSPECIFIED;
  std::string_view area{};  // empty: the whole municipality
  std::string_view received_on{};
  uint32_t people = 0;
  std::string_view summary{};
  RecordedBy recorded_by{};
};
extern const std::array<ResidentInput, 3> kResidentInputs;

struct Finding {
  std::string_view id{};
  std::string_view focus_area{};
  v1::FindingSource source = v1::FINDING_SOURCE_UNSPECIFIED;
  std::string_view period{};  // free text, as the finding states it
  std::string_view text{};
  std::vector<std::string_view> input_ids{};  // the residents' inputs it cites
  RecordedBy recorded_by{};                   // police intelligence comes from the police
};
extern const std::array<Finding, 8> kFindings;

// Identified in this order, so the server numbers them 1, 2, 3 … within each focus area, as
// `number` says.
struct Cause {
  std::string_view id{};
  std::string_view focus_area{};
  uint32_t number = 0;
  std::string_view text{};
  std::vector<std::string_view> finding_ids{};
};
extern const std::array<Cause, 8> kCauses;

// ---- Measures

// The commands a measure goes through, in this order, each at most once. kSetGoals sets every goal
// of the measure, kAddPartners adds every partner.
enum class Step {
  kPropose,
  kPrioritise,
  kAssign,
  kSetGoals,
  kAddPartners,
  kStart,
  kReportProgress,
  kComplete,
  kWithdraw
};

struct Goal {
  std::string_view id{};
  std::string_view indicator{};
  std::string_view unit{};
  double baseline = 0;
  double target = 0;
  std::string_view by_date{};
};

struct Partner {
  std::string_view agency{};
  std::string_view commitment{};
};

struct Measure {
  std::string_view id{};  // "example-1" … "example-15", the example's numbering
  std::string_view focus_area{};
  std::string_view title{};
  std::string_view description{};             // may be empty
  std::vector<std::string_view> cause_ids{};  // cited when proposed; may be empty
  v1::MeasureKind kind = v1::MEASURE_KIND_UNSPECIFIED;
  v1::Effort effort = v1::EFFORT_UNSPECIFIED;
  v1::ExpectedEffect expected_effect = v1::EXPECTED_EFFECT_UNSPECIFIED;
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
  std::string_view assign_note{};   // may be empty
  std::vector<Goal> goals{};        // kSetGoals, in this order
  std::vector<Partner> partners{};  // kAddPartners, in this order
  uint32_t percent_complete = 0;    // kReportProgress
  std::string_view progress_note{};
  std::string_view outcome{};            // kComplete
  std::string_view withdrawal_reason{};  // kWithdraw
};

// The fifteen measures in the example's order. Measure 7's due date (2026-09-30) has passed on
// every day after it; the other open measures are due from 2027-02-28 on. Measures 5 and 8 cite
// no cause (traceability flags them); cause otrygghet 3 is addressed by measure 4 only, through a
// link made after the proposal (kCauseLinks).
extern const std::array<Measure, 15> kMeasures;

// The commands that bring `measure` to where the table says, in order: kPropose first, then each
// step up to `last` (kComplete skips kReportProgress; kWithdraw follows `withdrawn_after`), with
// kSetGoals and kAddPartners (when the measure has goals or partners) after the last of kPropose,
// kPrioritise and kAssign, before the measure is started or withdrawn.
[[nodiscard]] std::vector<Step> StepsOf(const Measure& measure);

// Causes tied to a measure after it was proposed (LinkMeasureToCause), once every measure is where
// the table says.
struct CauseLink {
  std::string_view measure_id{};
  std::string_view cause_id{};
};
inline constexpr std::array<CauseLink, 1> kCauseLinks = {{{"example-4", "otrygghet-3"}}};

// ---- Working together, adoption and promises

struct WorkingGroup {
  std::string_view id{};
  std::string_view name{};
  std::vector<std::string_view> agency_ids{};
  std::vector<std::string_view> focus_areas{};  // empty: every focus area
};
extern const std::array<WorkingGroup, 2> kWorkingGroups;

struct Adoption {
  std::string_view adopted_by{};
  std::string_view decision_date{};
  std::string_view reference{};
  std::array<std::string_view, 2> signatories;
};
// Version 1, adopted once every measure is where the table says and before any follow-up.
inline constexpr Adoption kAdoption = {"Kommunstyrelsen",
                                       "2026-11-04",
                                       "KS 2026/412",
                                       {"kommunstyrelsens ordförande", "lokalpolisområdeschef"}};

struct CitizenPromise {
  std::string_view id{};
  std::string_view text{};
  std::array<std::string_view, 2> measure_ids;
  std::array<std::string_view, 2> signatories;
  std::string_view valid_from{};
  std::string_view valid_to{};
};
inline constexpr CitizenPromise kCitizenPromise = {
    "medborgarlofte-2027",
    "Polisen och Värnamo kommun lovar att öka vuxennärvaron i centrum och vid resecentrum fredag "
    "och lördag kväll, och att åtgärda trasig belysning på utpekade gångvägar inom en vecka",
    {"example-4", "example-7"},
    {"lokalpolisområdeschef", "kommunstyrelsens ordförande"},
    "2027-01-01",
    "2027-12-31"};

// ---- Follow-up

struct IndicatorValue {
  std::string_view goal_id{};
  double value = 0;
};

// One party's follow-up of its part of a measure for a period. Recorded after the adoption and
// the promise, in this order (2026-T3, then 2027-T1). Parties without a principal of their own in
// the example (leisure, technical services) report to the coordinator, who records it for them.
struct FollowUp {
  std::string_view measure_id{};
  std::string_view period{};  // canonical
  std::string_view party{};
  v1::Health health = v1::HEALTH_UNSPECIFIED;
  double hours = 0;
  uint64_t cost_sek = 0;
  std::string_view comment{};
  std::vector<IndicatorValue> values{};
  RecordedBy recorded_by{};  // the party itself, or empty: the coordinator
};
extern const std::array<FollowUp, 7> kFollowUps;

// The two follow-up periods, in order.
inline constexpr std::array<std::string_view, 2> kPeriods = {"2026-T3", "2027-T1"};

// ---- The whole plan's commands, as ActionPlanService requests with fixed command ids (so loading
// the example again changes nothing). trygg-load-example sends them; the tests' fixtures turn
// them into the events the server would write.

[[nodiscard]] v1::RecordResidentInputRequest InputRequest(const ResidentInput& input);
[[nodiscard]] v1::RecordFindingRequest FindingRequest(const Finding& finding);
[[nodiscard]] v1::IdentifyCauseRequest CauseRequest(const Cause& cause);
[[nodiscard]] v1::FormWorkingGroupRequest GroupRequest(const WorkingGroup& group);
// kPropose, with the causes, kind, effort and expected effect.
[[nodiscard]] v1::ProposeMeasureRequest ProposeRequest(const Measure& measure);
// kSetGoals and kAddPartners: one request per goal, per partner, in the table's order.
[[nodiscard]] std::vector<v1::SetOperationalGoalRequest> GoalRequests(const Measure& measure);
[[nodiscard]] std::vector<v1::AddPartnerRequest> PartnerRequests(const Measure& measure);
[[nodiscard]] v1::LinkMeasureToCauseRequest LinkRequest(const CauseLink& link);
[[nodiscard]] v1::AdoptPlanRequest AdoptRequest();
[[nodiscard]] v1::MakeCitizenPromiseRequest PromiseRequest();
[[nodiscard]] v1::RecordFollowUpRequest FollowUpRequest(const FollowUp& follow_up);

}  // namespace trygg::example_plan
