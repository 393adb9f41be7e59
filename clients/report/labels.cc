#include "report/labels.h"

#include <array>
#include <cstddef>
#include <string_view>

#include "common/names.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::report {
namespace {

namespace v1 = ::trygg::v1;
using client::Vocabulary;

constexpr Labels kSwedish = {
    .plan_title = "Handlingsplan",
    .follow_up_title = "Uppföljning",
    .public_title = "Medborgarlöften",
    .as_of = "Läget den",
    .position = "Loggposition",
    .recorded_at = "Tidpunkt (UTC)",
    .head_hash = "Loggens hash (SHA-256)",
    .plan_version = "Planversion",
    .not_adopted = "ej antagen",
    .adopted_by = "antagen av",
    .on_date = "den",
    .period = "Period",
    .no_period = "ingen uppföljning ännu",
    .previous_period = "Föregående period",
    .summary = "Sammanfattning",
    .municipality = "Kommun",
    .whole_plan = "Hela planen",

    .cause = "Orsak",
    .causes_table = "Orsaker och lägesbild",
    .findings = "Lägesbild",
    .measures_table = "Åtgärder",
    .no = "Nr",
    .measure = "Åtgärd",
    .goal = "Operativt mål",
    .when = "När",
    .who = "Vem",
    .type = "Typ",
    .follow_up = "Uppföljning",
    .responsible = "Ansvarig",
    .partner = "Partner",
    .by = "senast",
    .no_cause = "Saknar orsak – att åtgärda",
    .no_follow_up_yet = "Ingen uppföljning ännu",
    .no_causes = "Inga orsaker är angivna.",
    .status_per_area = "Status per fokusområde",
    .focus_area = "Fokusområde",
    .overdue = "Försenade",
    .working_groups = "Arbetsgrupper",
    .group = "Grupp",
    .members = "Medlemmar",
    .every_focus_area = "alla fokusområden",

    .per_focus_area = "Per fokusområde",
    .per_agency = "Per aktör",
    .agency = "Aktör",
    .missing = "Saknas",
    .hours = "Timmar",
    .cost = "Kostnad (kr)",
    .goals_met = "Mål uppnådda",
    .goals_not_met = "Mål ej uppnådda",
    .goals_not_measured = "Mål ej mätta",
    .health_over_periods = "Uppföljning per aktör och period",
    .follow_up_per_measure = "Uppföljning per åtgärd och aktör",
    .health = "Läge",
    .comment = "Kommentar",
    .goals_table = "Operativa mål",
    .goals_chart = "Operativa mål: senaste värde mot utgångsvärde och målvärde",
    .indicator = "Indikator",
    .unit = "Enhet",
    .baseline = "Utgångsvärde",
    .target = "Målvärde",
    .latest_value = "Senast uppmätt",
    .met = "Uppnått",
    .yes = "Ja",
    .no_word = "Nej",
    .changes = "Förändringar under perioden",
    .change = "Förändring",
    .from = "Från",
    .to = "Till",
    .overdue_table = "Försenade åtgärder",
    .due = "Klart senast",
    .status = "Status",
    .yellow_red = "Gula och röda uppföljningar",
    .to_fix = "Att åtgärda före nästa period",
    .flag = "Brist",
    .concerns = "Gäller",
    .nothing_followed_up = "Ingen uppföljning är registrerad ännu.",
    .role = "Roll",
    .none = "inga",

    .public_intro =
        "Det här har kommunen och dess samverkansparter lovat invånarna, och så går "
        "arbetet med åtgärderna som ska infria löftena.",
    .promise = "Löfte",
    .signed_by = "Undertecknat av",
    .valid_from = "Gäller från",
    .valid_to = "Gäller till",
    .promise_state = "Läge",
    .in_force = "Gäller",
    .ended = "Avslutat",
    .fulfilled_by = "Åtgärder som infriar löftet",
    .unknown_measure = "(okänd åtgärd)",
};

constexpr Labels kEnglish = {
    .plan_title = "Action plan",
    .follow_up_title = "Follow-up",
    .public_title = "Citizen promises",
    .as_of = "As of",
    .position = "Log position",
    .recorded_at = "Time (UTC)",
    .head_hash = "Log hash (SHA-256)",
    .plan_version = "Plan version",
    .not_adopted = "not adopted",
    .adopted_by = "adopted by",
    .on_date = "on",
    .period = "Period",
    .no_period = "no follow-up yet",
    .previous_period = "Previous period",
    .summary = "Summary",
    .municipality = "Municipality",
    .whole_plan = "Whole plan",

    .cause = "Cause",
    .causes_table = "Causes and situation picture",
    .findings = "Situation picture",
    .measures_table = "Measures",
    .no = "No.",
    .measure = "Measure",
    .goal = "Operational goal",
    .when = "When",
    .who = "Who",
    .type = "Type",
    .follow_up = "Follow-up",
    .responsible = "Responsible",
    .partner = "Partner",
    .by = "by",
    .no_cause = "No cause – to fix",
    .no_follow_up_yet = "No follow-up yet",
    .no_causes = "No causes are given.",
    .status_per_area = "Status per focus area",
    .focus_area = "Focus area",
    .overdue = "Overdue",
    .working_groups = "Working groups",
    .group = "Group",
    .members = "Members",
    .every_focus_area = "every focus area",

    .per_focus_area = "Per focus area",
    .per_agency = "Per agency",
    .agency = "Agency",
    .missing = "Missing",
    .hours = "Hours",
    .cost = "Cost (SEK)",
    .goals_met = "Goals met",
    .goals_not_met = "Goals not met",
    .goals_not_measured = "Goals not measured",
    .health_over_periods = "Follow-up per agency and period",
    .follow_up_per_measure = "Follow-up per measure and agency",
    .health = "Health",
    .comment = "Comment",
    .goals_table = "Operational goals",
    .goals_chart = "Operational goals: latest value against baseline and target",
    .indicator = "Indicator",
    .unit = "Unit",
    .baseline = "Baseline",
    .target = "Target",
    .latest_value = "Latest value",
    .met = "Met",
    .yes = "Yes",
    .no_word = "No",
    .changes = "Changes during the period",
    .change = "Change",
    .from = "From",
    .to = "To",
    .overdue_table = "Overdue measures",
    .due = "Due",
    .status = "Status",
    .yellow_red = "Yellow and red follow-ups",
    .to_fix = "To fix before the next period",
    .flag = "Gap",
    .concerns = "Concerns",
    .nothing_followed_up = "No follow-up has been recorded yet.",
    .role = "Role",
    .none = "none",

    .public_intro =
        "This is what the municipality and its partners have promised residents, and "
        "how the work on the measures that fulfil the promises is going.",
    .promise = "Promise",
    .signed_by = "Signed by",
    .valid_from = "Valid from",
    .valid_to = "Valid to",
    .promise_state = "State",
    .in_force = "In force",
    .ended = "Ended",
    .fulfilled_by = "Measures that fulfil the promise",
    .unknown_measure = "(unknown measure)",
};

struct Pair {
  const char* sv;
  const char* en;
};

// The word for enum value `value` from `words` (indexed by value, [0] for UNSPECIFIED: ""), or the
// CLI's spelling for a value added to the contract after this table was written.
template <std::size_t N>
std::string Pick(Lang lang, const std::array<Pair, N>& words, int value,
                 std::string (*fallback)(int)) {
  if (value < 0 || static_cast<std::size_t>(value) >= N) return fallback(value);
  return lang == Lang::kSv ? words[value].sv : words[value].en;
}

std::string StatusFallback(int status) { return client::StatusWords(status); }
std::string PriorityFallback(int priority) { return client::PriorityName(priority); }
template <Vocabulary V>
std::string WordFallback(int value) {
  return client::EnumWord(V, value);
}
std::string NoFallback(int) { return ""; }

constexpr std::array<Pair, 7> kStatus = {{{"", ""},
                                          {"Föreslagen", "Proposed"},
                                          {"Prioriterad", "Prioritised"},
                                          {"Tilldelad", "Assigned"},
                                          {"Pågår", "In progress"},
                                          {"Genomförd", "Completed"},
                                          {"Återkallad", "Withdrawn"}}};
constexpr std::array<Pair, 7> kPublicStatus = {
    {{"", ""},
     {"Föreslagen", "Proposed"},
     {"Prioriterad", "Prioritised"},
     {"Planerad", "Planned"},
     {"Pågår", "In progress"},
     {"Genomförd", "Completed"},
     {"Avslutad utan genomförande", "Ended without being carried out"}}};
constexpr std::array<Pair, 4> kPriority = {
    {{"", ""}, {"Hög", "High"}, {"Medel", "Medium"}, {"Låg", "Low"}}};
constexpr std::array<Pair, 3> kKind = {
    {{"", ""}, {"Situationell", "Situational"}, {"Social", "Social"}}};
constexpr std::array<Pair, 3> kEffort = {
    {{"", ""}, {"Engångsinsats", "One-off"}, {"Ordinarie verksamhet", "Ordinary work"}}};
constexpr std::array<Pair, 3> kEffect = {
    {{"", ""}, {"Kort sikt", "Short term"}, {"Lång sikt", "Long term"}}};
constexpr std::array<Pair, 4> kHealth = {
    {{"", ""}, {"Grön", "Green"}, {"Gul", "Yellow"}, {"Röd", "Red"}}};
constexpr std::array<Pair, 8> kSource = {{{"", ""},
                                          {"Brottsstatistik", "Crime statistics"},
                                          {"Trygghetsmätning", "Safety survey"},
                                          {"Invånarnas synpunkter", "Residents' input"},
                                          {"Dialog med personal", "Staff dialogue"},
                                          {"Polisens underrättelser", "Police intelligence"},
                                          {"Händelserapporter", "Incident reports"},
                                          {"Annat", "Other"}}};
constexpr std::array<Pair, 6> kChange = {{{"", ""},
                                          {"Ny", "New"},
                                          {"Påbörjad", "Started"},
                                          {"Genomförd", "Completed"},
                                          {"Återkallad", "Withdrawn"},
                                          {"Nytt slutdatum", "Deadline moved"}}};
constexpr std::array<Pair, 7> kFlag = {
    {{"", ""},
     {"Orsak utan åtgärd", "Cause without a measure"},
     {"Åtgärd utan orsak", "Measure without a cause"},
     {"Åtgärd utan operativt mål", "Measure without an operational goal"},
     {"Ingen uppföljning för perioden", "No follow-up for the period"},
     {"Partner har aldrig följt upp", "Partner never followed up"},
     {"Iakttagelse som ingen orsak bygger på", "Finding no cause rests on"}}};

}  // namespace

const Labels& LabelsFor(Lang lang) { return lang == Lang::kSv ? kSwedish : kEnglish; }

std::string StatusLabel(Lang lang, int status) {
  return Pick(lang, kStatus, status, StatusFallback);
}
std::string PublicStatusLabel(Lang lang, int status) {
  return Pick(lang, kPublicStatus, status, StatusFallback);
}
std::string PriorityLabel(Lang lang, int priority) {
  return Pick(lang, kPriority, priority, PriorityFallback);
}
std::string MeasureKindLabel(Lang lang, int kind) {
  return Pick(lang, kKind, kind, WordFallback<Vocabulary::kMeasureKind>);
}
std::string EffortLabel(Lang lang, int effort) {
  return Pick(lang, kEffort, effort, WordFallback<Vocabulary::kEffort>);
}
std::string ExpectedEffectLabel(Lang lang, int effect) {
  return Pick(lang, kEffect, effect, WordFallback<Vocabulary::kExpectedEffect>);
}
std::string HealthLabel(Lang lang, int health) {
  return Pick(lang, kHealth, health, WordFallback<Vocabulary::kHealth>);
}
std::string FindingSourceLabel(Lang lang, int source) {
  return Pick(lang, kSource, source, WordFallback<Vocabulary::kFindingSource>);
}
std::string ChangeLabel(Lang lang, int change) { return Pick(lang, kChange, change, NoFallback); }
std::string FlagLabel(Lang lang, int flag) { return Pick(lang, kFlag, flag, NoFallback); }

}  // namespace trygg::report
