// Validation of issue 12's requests, table-driven: for each request, the valid builder passes,
// and each bad value of a field is INVALID_ARGUMENT whose message starts with that field's name
// (fields in proto order, so a request with one bad field names exactly that one).
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "domain_test_util.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/validate.h"
#include "validation_expectations.h"

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// One change to a valid request and what Validate says: the field it names, or "" for accepted.
template <class Request>
struct Case {
  std::string label;
  std::function<void(Request&)> change;
  std::string field;  // "" when the changed request is valid
};

template <class Request>
void ExpectCases(Request (*make)(), const std::vector<Case<Request>>& cases) {
  EXPECT_TRUE(Accepted(Validate(make())));
  for (const Case<Request>& c : cases) {
    SCOPED_TRACE(c.label);
    Request request = make();
    c.change(request);
    if (c.field.empty()) {
      EXPECT_TRUE(Accepted(Validate(request)));
    } else {
      EXPECT_TRUE(RejectedNaming(Validate(request), c.field));
    }
  }
}

// `count` distinct valid ids "x-0", "x-1", ...
template <class Repeated>
void FillIds(Repeated* ids, std::size_t count) {
  ids->Clear();
  for (std::size_t i = 0; i < count; ++i) *ids->Add() = "x-" + std::to_string(i);
}

// Adapters so the builders with default arguments fit `Request (*)()`.
v1::AddPartnerRequest DefaultAddPartner() { return AddPartner(); }
v1::RemovePartnerRequest DefaultRemovePartner() { return RemovePartner(); }
v1::RecordFollowUpRequest DefaultRecordFollowUp() { return RecordFollowUp(); }

const std::string kAring = "å";

TEST(ValidatePlanTest, ProposeMeasureCausesKindEffortAndEffect) {
  using R = v1::ProposeMeasureRequest;
  ExpectCases<R>(
      ProposeMeasure,
      {
          {"causes",
           [](R& r) {
             r.add_cause_ids("c-1");
             r.add_cause_ids("c-2");
           },
           ""},
          {"fifty causes", [](R& r) { FillIds(r.mutable_cause_ids(), kMaxCausesPerMeasure); }, ""},
          {"51 causes", [](R& r) { FillIds(r.mutable_cause_ids(), kMaxCausesPerMeasure + 1); },
           "cause_ids"},
          {"bad cause id", [](R& r) { r.add_cause_ids("C 1"); }, "cause_ids[0]"},
          {"repeated cause",
           [](R& r) {
             r.add_cause_ids("c-1");
             r.add_cause_ids("c-1");
           },
           "cause_ids[1]"},
          {"kind social", [](R& r) { r.set_kind(v1::MEASURE_KIND_SOCIAL); }, ""},
          {"kind unknown", [](R& r) { r.set_kind(static_cast<v1::MeasureKind>(9)); }, "kind"},
          {"effort ordinary", [](R& r) { r.set_effort(v1::EFFORT_ORDINARY_WORK); }, ""},
          {"effort unknown", [](R& r) { r.set_effort(static_cast<v1::Effort>(-1)); }, "effort"},
          {"effect long", [](R& r) { r.set_expected_effect(v1::EXPECTED_EFFECT_LONG_TERM); }, ""},
          {"effect unknown",
           [](R& r) { r.set_expected_effect(static_cast<v1::ExpectedEffect>(3)); },
           "expected_effect"},
      });
}

TEST(ValidatePlanTest, RecordResidentInput) {
  using R = v1::RecordResidentInputRequest;
  ExpectCases<R>(
      RecordResidentInput,
      {
          {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
          {"bad plan", [](R& r) { r.set_plan_id("Värnamo"); }, "plan_id"},
          {"generated id", [](R& r) { r.clear_input_id(); }, ""},
          {"bad id", [](R& r) { r.set_input_id("In 1"); }, "input_id"},
          {"no focus area", [](R& r) { r.clear_focus_area(); }, ""},
          {"bad focus area", [](R& r) { r.set_focus_area("Otrygghet"); }, "focus_area"},
          {"no channel", [](R& r) { r.set_channel(v1::INPUT_CHANNEL_UNSPECIFIED); }, "channel"},
          {"unknown channel", [](R& r) { r.set_channel(static_cast<v1::InputChannel>(6)); },
           "channel"},
          {"no area", [](R& r) { r.clear_area(); }, ""},
          {"area too long", [](R& r) { r.set_area(Repeat(kAring, kMaxNameChars + 1)); }, "area"},
          {"area two lines", [](R& r) { r.set_area("Pilagården\nCentrum"); }, "area"},
          {"no date", [](R& r) { r.clear_received_on(); }, "received_on"},
          {"not a date", [](R& r) { r.set_received_on("2026-02-29"); }, "received_on"},
          {"people unknown", [](R& r) { r.set_people(0); }, ""},
          {"no summary", [](R& r) { r.clear_summary(); }, "summary"},
          {"blank summary", [](R& r) { r.set_summary(" \n "); }, "summary"},
          {"longest summary", [](R& r) { r.set_summary(Repeat(kAring, kMaxStatementChars)); }, ""},
          {"summary too long", [](R& r) { r.set_summary(Repeat("a", kMaxStatementChars + 1)); },
           "summary"},
          {"summary not UTF-8", [](R& r) { r.set_summary("\xC0\xAF"); }, "summary"},
      });
}

TEST(ValidatePlanTest, RecordFinding) {
  using R = v1::RecordFindingRequest;
  ExpectCases<R>(
      RecordFinding,
      {
          {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
          {"generated id", [](R& r) { r.clear_finding_id(); }, ""},
          {"bad id", [](R& r) { r.set_finding_id("F-1"); }, "finding_id"},
          {"no focus area", [](R& r) { r.clear_focus_area(); }, "focus_area"},
          {"no text", [](R& r) { r.clear_text(); }, "text"},
          {"text too long", [](R& r) { r.set_text(Repeat("a", kMaxStatementChars + 1)); }, "text"},
          {"no source", [](R& r) { r.set_source(v1::FINDING_SOURCE_UNSPECIFIED); }, "source"},
          {"unknown source", [](R& r) { r.set_source(static_cast<v1::FindingSource>(8)); },
           "source"},
          {"police source", [](R& r) { r.set_source(v1::FINDING_SOURCE_POLICE_INTELLIGENCE); }, ""},
          {"no period", [](R& r) { r.clear_period(); }, "period"},
          {"free-text period", [](R& r) { r.set_period("hösten 2025"); }, ""},
          {"longest period", [](R& r) { r.set_period(Repeat("a", kMaxFindingPeriodChars)); }, ""},
          {"period too long", [](R& r) { r.set_period(Repeat("a", kMaxFindingPeriodChars + 1)); },
           "period"},
          {"period two lines", [](R& r) { r.set_period("2025\n2026"); }, "period"},
          {"area too long", [](R& r) { r.set_area(Repeat("a", kMaxNameChars + 1)); }, "area"},
          {"no inputs", [](R& r) { r.clear_input_ids(); }, ""},
          {"bad input", [](R& r) { r.add_input_ids("in_2"); }, "input_ids[1]"},
          {"repeated input", [](R& r) { r.add_input_ids(kInputId); }, "input_ids[1]"},
          {"51 inputs", [](R& r) { FillIds(r.mutable_input_ids(), kMaxIdsPerList + 1); },
           "input_ids"},
      });
}

TEST(ValidatePlanTest, ReviseFinding) {
  using R = v1::ReviseFindingRequest;
  ExpectCases<R>(ReviseFinding,
                 {
                     {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
                     {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
                     {"no finding", [](R& r) { r.clear_finding_id(); }, "finding_id"},
                     {"no text", [](R& r) { r.clear_text(); }, "text"},
                     {"no inputs", [](R& r) { r.clear_input_ids(); }, ""},
                     {"repeated input", [](R& r) { r.add_input_ids(kInputId); }, "input_ids[1]"},
                     {"51 inputs", [](R& r) { FillIds(r.mutable_input_ids(), kMaxIdsPerList + 1); },
                      "input_ids"},
                 });
}

TEST(ValidatePlanTest, RetireFinding) {
  using R = v1::RetireFindingRequest;
  ExpectCases<R>(
      RetireFinding,
      {
          {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
          {"no finding", [](R& r) { r.clear_finding_id(); }, "finding_id"},
          {"no reason", [](R& r) { r.clear_reason(); }, "reason"},
          {"blank reason", [](R& r) { r.set_reason("\t"); }, "reason"},
          {"reason too long", [](R& r) { r.set_reason(Repeat("a", kMaxTextChars + 1)); }, "reason"},
      });
}

TEST(ValidatePlanTest, IdentifyCause) {
  using R = v1::IdentifyCauseRequest;
  ExpectCases<R>(
      IdentifyCause,
      {
          {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
          {"generated id", [](R& r) { r.clear_cause_id(); }, ""},
          {"bad id", [](R& r) { r.set_cause_id("orsak 1"); }, "cause_id"},
          {"no focus area", [](R& r) { r.clear_focus_area(); }, "focus_area"},
          {"no text", [](R& r) { r.clear_text(); }, "text"},
          {"no findings", [](R& r) { r.clear_finding_ids(); }, "finding_ids"},
          {"fifty findings", [](R& r) { FillIds(r.mutable_finding_ids(), kMaxIdsPerList); }, ""},
          {"51 findings", [](R& r) { FillIds(r.mutable_finding_ids(), kMaxIdsPerList + 1); },
           "finding_ids"},
          {"bad finding", [](R& r) { r.set_finding_ids(0, ""); }, "finding_ids[0]"},
          {"repeated finding", [](R& r) { r.add_finding_ids(kFindingId); }, "finding_ids[1]"},
      });
}

TEST(ValidatePlanTest, ReviseCause) {
  using R = v1::ReviseCauseRequest;
  ExpectCases<R>(
      ReviseCause,
      {
          {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
          {"no cause", [](R& r) { r.clear_cause_id(); }, "cause_id"},
          {"no text", [](R& r) { r.clear_text(); }, "text"},
          {"no findings", [](R& r) { r.clear_finding_ids(); }, "finding_ids"},
          {"repeated finding", [](R& r) { r.add_finding_ids(kFindingId); }, "finding_ids[1]"},
      });
}

TEST(ValidatePlanTest, RetireCause) {
  using R = v1::RetireCauseRequest;
  ExpectCases<R>(RetireCause,
                 {
                     {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
                     {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
                     {"no cause", [](R& r) { r.clear_cause_id(); }, "cause_id"},
                     {"no reason", [](R& r) { r.clear_reason(); }, "reason"},
                 });
}

TEST(ValidatePlanTest, LinkAndUnlinkCause) {
  using L = v1::LinkMeasureToCauseRequest;
  ExpectCases<L>(LinkCause, {
                                {"no command id", [](L& r) { r.clear_command_id(); }, "command_id"},
                                {"no measure", [](L& r) { r.clear_measure_id(); }, "measure_id"},
                                {"no cause", [](L& r) { r.clear_cause_id(); }, "cause_id"},
                                {"bad cause", [](L& r) { r.set_cause_id("C-1"); }, "cause_id"},
                            });
  using U = v1::UnlinkMeasureFromCauseRequest;
  ExpectCases<U>(
      UnlinkCause,
      {
          {"no command id", [](U& r) { r.clear_command_id(); }, "command_id"},
          {"no measure", [](U& r) { r.clear_measure_id(); }, "measure_id"},
          {"no cause", [](U& r) { r.clear_cause_id(); }, "cause_id"},
          {"no reason", [](U& r) { r.clear_reason(); }, ""},
          {"reason too long", [](U& r) { r.set_reason(Repeat("a", kMaxTextChars + 1)); }, "reason"},
      });
}

TEST(ValidatePlanTest, SetAndRetireOperationalGoal) {
  using S = v1::SetOperationalGoalRequest;
  ExpectCases<S>(
      SetGoal,
      {
          {"no command id", [](S& r) { r.clear_command_id(); }, "command_id"},
          {"no measure", [](S& r) { r.clear_measure_id(); }, "measure_id"},
          {"generated id", [](S& r) { r.clear_goal_id(); }, ""},
          {"bad id", [](S& r) { r.set_goal_id("mål-1"); }, "goal_id"},
          {"no indicator", [](S& r) { r.clear_indicator(); }, "indicator"},
          {"indicator too long", [](S& r) { r.set_indicator(Repeat("a", kMaxNameChars + 1)); },
           "indicator"},
          {"no unit", [](S& r) { r.clear_unit(); }, ""},
          {"longest unit", [](S& r) { r.set_unit(Repeat(kAring, kMaxUnitChars)); }, ""},
          {"unit too long", [](S& r) { r.set_unit(Repeat("a", kMaxUnitChars + 1)); }, "unit"},
          {"unit two lines", [](S& r) { r.set_unit("%\n"); }, "unit"},
          {"negative baseline", [](S& r) { r.set_baseline(-3.5); }, ""},
          {"NaN baseline", [](S& r) { r.set_baseline(kNaN); }, "baseline"},
          {"infinite baseline", [](S& r) { r.set_baseline(kInfinity); }, "baseline"},
          {"NaN target", [](S& r) { r.set_target(kNaN); }, "target"},
          {"infinite target", [](S& r) { r.set_target(-kInfinity); }, "target"},
          {"no date", [](S& r) { r.clear_by_date(); }, "by_date"},
          {"not a date", [](S& r) { r.set_by_date("2026-13-01"); }, "by_date"},
      });
  using R = v1::RetireOperationalGoalRequest;
  ExpectCases<R>(RetireGoal,
                 {
                     {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
                     {"no measure", [](R& r) { r.clear_measure_id(); }, "measure_id"},
                     {"no goal", [](R& r) { r.clear_goal_id(); }, "goal_id"},
                     {"no reason", [](R& r) { r.clear_reason(); }, ""},
                     {"reason control", [](R& r) { r.set_reason("bell\a"); }, "reason"},
                 });
}

TEST(ValidatePlanTest, AddAndRemovePartner) {
  using A = v1::AddPartnerRequest;
  ExpectCases<A>(
      DefaultAddPartner,
      {
          {"no command id", [](A& r) { r.clear_command_id(); }, "command_id"},
          {"no measure", [](A& r) { r.clear_measure_id(); }, "measure_id"},
          {"no agency", [](A& r) { r.clear_agency_id(); }, "agency_id"},
          {"no commitment", [](A& r) { r.clear_commitment(); }, "commitment"},
          {"blank commitment", [](A& r) { r.set_commitment("  "); }, "commitment"},
          {"commitment too long",
           [](A& r) { r.set_commitment(Repeat("a", kMaxStatementChars + 1)); }, "commitment"},
      });
  using R = v1::RemovePartnerRequest;
  ExpectCases<R>(DefaultRemovePartner,
                 {
                     {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
                     {"no measure", [](R& r) { r.clear_measure_id(); }, "measure_id"},
                     {"no agency", [](R& r) { r.clear_agency_id(); }, "agency_id"},
                     {"no reason", [](R& r) { r.clear_reason(); }, ""},
                 });
}

TEST(ValidatePlanTest, RecordFollowUp) {
  using R = v1::RecordFollowUpRequest;
  const auto values = [](R& r, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      v1::IndicatorValue* value = r.add_values();
      value->set_goal_id("g-" + std::to_string(i));
      value->set_value(static_cast<double>(i));
    }
  };
  ExpectCases<R>(
      DefaultRecordFollowUp,
      {
          {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
          {"no measure", [](R& r) { r.clear_measure_id(); }, "measure_id"},
          {"no period", [](R& r) { r.clear_period(); }, "period"},
          {"fourth tertial", [](R& r) { r.set_period("2026-T4"); }, "period"},
          {"date range", [](R& r) { r.set_period("2026-09-01/2026-12-31"); }, ""},
          {"backwards range", [](R& r) { r.set_period("2026-12-31/2026-09-01"); }, "period"},
          {"no party", [](R& r) { r.clear_party(); }, ""},
          {"bad party", [](R& r) { r.set_party("Polisen"); }, "party"},
          {"no health", [](R& r) { r.set_health(v1::HEALTH_UNSPECIFIED); }, "health"},
          {"unknown health", [](R& r) { r.set_health(static_cast<v1::Health>(4)); }, "health"},
          {"no hours", [](R& r) { r.set_hours(0); }, ""},
          {"most hours", [](R& r) { r.set_hours(kMaxFollowUpHours); }, ""},
          {"too many hours", [](R& r) { r.set_hours(kMaxFollowUpHours + 0.5); }, "hours"},
          {"negative hours", [](R& r) { r.set_hours(-1); }, "hours"},
          {"NaN hours", [](R& r) { r.set_hours(kNaN); }, "hours"},
          {"most cost", [](R& r) { r.set_cost_sek(kMaxFollowUpCostSek); }, ""},
          {"too much cost", [](R& r) { r.set_cost_sek(kMaxFollowUpCostSek + 1); }, "cost_sek"},
          {"green without comment", [](R& r) { r.clear_comment(); }, ""},
          {"yellow without comment",
           [](R& r) {
             r.set_health(v1::HEALTH_YELLOW);
             r.clear_comment();
           },
           "comment"},
          {"red with blank comment",
           [](R& r) {
             r.set_health(v1::HEALTH_RED);
             r.set_comment(" ");
           },
           "comment"},
          {"red with comment", [](R& r) { r.set_health(v1::HEALTH_RED); }, ""},
          {"comment too long", [](R& r) { r.set_comment(Repeat("a", kMaxTextChars + 1)); },
           "comment"},
          {"twenty values", [values](R& r) { values(r, kMaxGoalsPerMeasure); }, ""},
          {"21 values", [values](R& r) { values(r, kMaxGoalsPerMeasure + 1); }, "values"},
          {"value without goal", [](R& r) { r.add_values()->set_value(3); }, "values[0].goal_id"},
          {"two values for a goal",
           [values](R& r) {
             values(r, 2);
             r.mutable_values(1)->set_goal_id("g-0");
           },
           "values[1].goal_id"},
          {"NaN value",
           [values](R& r) {
             values(r, 2);
             r.mutable_values(1)->set_value(kNaN);
           },
           "values[1].value"},
      });
}

TEST(ValidatePlanTest, FormAndChangeWorkingGroup) {
  using F = v1::FormWorkingGroupRequest;
  ExpectCases<F>(
      FormWorkingGroup,
      {
          {"no command id", [](F& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](F& r) { r.clear_plan_id(); }, "plan_id"},
          {"generated id", [](F& r) { r.clear_group_id(); }, ""},
          {"bad id", [](F& r) { r.set_group_id("WG"); }, "group_id"},
          {"no name", [](F& r) { r.clear_name(); }, "name"},
          {"no members", [](F& r) { r.clear_agency_ids(); }, "agency_ids"},
          {"51 members", [](F& r) { FillIds(r.mutable_agency_ids(), kMaxIdsPerList + 1); },
           "agency_ids"},
          {"repeated member", [](F& r) { r.add_agency_ids(kAgencyId); }, "agency_ids[2]"},
          {"all focus areas", [](F& r) { r.clear_focus_areas(); }, ""},
          {"bad focus area", [](F& r) { r.add_focus_areas("Narkotika"); }, "focus_areas[1]"},
          {"repeated focus area", [](F& r) { r.add_focus_areas("otrygghet"); }, "focus_areas[1]"},
      });
  using C = v1::ChangeWorkingGroupRequest;
  ExpectCases<C>(
      ChangeWorkingGroup,
      {
          {"no command id", [](C& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](C& r) { r.clear_plan_id(); }, "plan_id"},
          {"no group", [](C& r) { r.clear_group_id(); }, "group_id"},
          {"no name", [](C& r) { r.clear_name(); }, "name"},
          {"no members", [](C& r) { r.clear_agency_ids(); }, "agency_ids"},
          {"51 focus areas", [](C& r) { FillIds(r.mutable_focus_areas(), kMaxIdsPerList + 1); },
           "focus_areas"},
      });
}

TEST(ValidatePlanTest, MakeAndEndCitizenPromise) {
  using M = v1::MakeCitizenPromiseRequest;
  ExpectCases<M>(
      MakeCitizenPromise,
      {
          {"no command id", [](M& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](M& r) { r.clear_plan_id(); }, "plan_id"},
          {"generated id", [](M& r) { r.clear_promise_id(); }, ""},
          {"bad id", [](M& r) { r.set_promise_id("löfte"); }, "promise_id"},
          {"no text", [](M& r) { r.clear_text(); }, "text"},
          {"longest text", [](M& r) { r.set_text(Repeat(kAring, kMaxPromiseTextChars)); }, ""},
          {"text too long", [](M& r) { r.set_text(Repeat("a", kMaxPromiseTextChars + 1)); },
           "text"},
          {"no measures", [](M& r) { r.clear_measure_ids(); }, "measure_ids"},
          {"repeated measure", [](M& r) { r.add_measure_ids(kMeasureId); }, "measure_ids[1]"},
          {"no signatories", [](M& r) { r.clear_signatories(); }, "signatories"},
          {"ten signatories",
           [](M& r) {
             for (int i = 0; i < 8; ++i) r.add_signatories("rektor");
           },
           ""},
          {"eleven signatories",
           [](M& r) {
             for (int i = 0; i < 9; ++i) r.add_signatories("rektor");
           },
           "signatories"},
          {"blank signatory", [](M& r) { r.set_signatories(1, " "); }, "signatories[1]"},
          {"no start", [](M& r) { r.clear_valid_from(); }, "valid_from"},
          {"end not a date", [](M& r) { r.set_valid_to("2026-12-32"); }, "valid_to"},
          {"one day", [](M& r) { r.set_valid_to(r.valid_from()); }, ""},
          {"ends before it starts", [](M& r) { r.set_valid_to("2025-12-31"); }, "valid_to"},
      });
  using E = v1::EndCitizenPromiseRequest;
  ExpectCases<E>(EndCitizenPromise,
                 {
                     {"no command id", [](E& r) { r.clear_command_id(); }, "command_id"},
                     {"no plan", [](E& r) { r.clear_plan_id(); }, "plan_id"},
                     {"no promise", [](E& r) { r.clear_promise_id(); }, "promise_id"},
                     {"no reason", [](E& r) { r.clear_reason(); }, "reason"},
                 });
}

TEST(ValidatePlanTest, AdoptPlan) {
  using R = v1::AdoptPlanRequest;
  ExpectCases<R>(
      AdoptPlan,
      {
          {"no command id", [](R& r) { r.clear_command_id(); }, "command_id"},
          {"no plan", [](R& r) { r.clear_plan_id(); }, "plan_id"},
          {"no body", [](R& r) { r.clear_adopted_by(); }, "adopted_by"},
          {"body too long", [](R& r) { r.set_adopted_by(Repeat("a", kMaxNameChars + 1)); },
           "adopted_by"},
          {"no date", [](R& r) { r.clear_decision_date(); }, "decision_date"},
          {"not a date", [](R& r) { r.set_decision_date("15 april 2026"); }, "decision_date"},
          {"no reference", [](R& r) { r.clear_reference(); }, "reference"},
          {"no signatories", [](R& r) { r.clear_signatories(); }, ""},
          {"eleven signatories",
           [](R& r) {
             for (int i = 0; i < 10; ++i) r.add_signatories("ledamot");
           },
           "signatories"},
          {"empty signatory", [](R& r) { r.add_signatories(""); }, "signatories[1]"},
      });
}

TEST(ValidatePlanTest, EnumMessagesListTheAcceptedValues) {
  v1::RecordFollowUpRequest request = RecordFollowUp();
  request.set_health(v1::HEALTH_UNSPECIFIED);
  EXPECT_EQ(Validate(request).error_message(),
            "health must be one of HEALTH_GREEN, HEALTH_YELLOW, HEALTH_RED (got 0)");
  v1::ProposeMeasureRequest propose = ProposeMeasure();
  propose.set_kind(static_cast<v1::MeasureKind>(7));
  EXPECT_EQ(Validate(propose).error_message(),
            "kind must be one of MEASURE_KIND_UNSPECIFIED, MEASURE_KIND_SITUATIONAL, "
            "MEASURE_KIND_SOCIAL (got 7)");
}

TEST(ValidatePlanTest, ListMessagesNameTheRepeatAndTheCount) {
  v1::IdentifyCauseRequest cause = IdentifyCause();
  cause.add_finding_ids("f-2");
  cause.add_finding_ids(kFindingId);
  EXPECT_EQ(Validate(cause).error_message(),
            "finding_ids[2] 'f-1' repeats finding_ids[0]; ids must be unique");
  cause.clear_finding_ids();
  EXPECT_EQ(Validate(cause).error_message(), "finding_ids must have at least one entry");
  FillIds(cause.mutable_finding_ids(), kMaxIdsPerList + 1);
  EXPECT_EQ(Validate(cause).error_message(), "finding_ids must have at most 50 entries (got 51)");
}

}  // namespace
}  // namespace trygg::domain
