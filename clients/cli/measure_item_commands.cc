// The measure-level writes beyond its lifecycle (SPEC12 "CLI command names"): the causes it
// addresses, its operational goals, its partner agencies and each party's follow-up. Each
// appends to the measure's stream, so each takes --expected-version of the measure.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/write.h"

namespace trygg::cli {

using client::Outcome;
using client::ParseEnum;
using client::Vocabulary;

namespace {

namespace v1 = ::trygg::v1;
using Stub = v1::ActionPlanService::Stub;

constexpr char kCauseHint[] =
    "check the measure id (trygg measures list) and the cause id (trygg plan picture PLAN)";
constexpr char kPartnerHint[] =
    "check the measure id (trygg measures list) and the agency id (trygg measure show MEASURE)";

void AddMeasureArgument(CLI::App* c, std::string* measure) {
  c->add_option("MEASURE", *measure, "the measure id")->required();
}

// --- measure link | unlink -----------------------------------------------------------------

struct LinkFields {
  std::string measure, cause, reason;
};

void AddLinkFields(CLI::App* c, LinkFields* f) {
  AddMeasureArgument(c, &f->measure);
  c->add_option("CAUSE", f->cause, "the cause id (a cause of the measure's plan)")->required();
}

Outcome RunLink(Session& s, const LinkFields& f, const WriteOptions& o) {
  v1::LinkMeasureToCauseRequest request;
  request.set_measure_id(f.measure);
  request.set_cause_id(f.cause);
  return RunWrite(s, request, &Stub::LinkMeasureToCause, o, Kind::kMeasure,
                  "Linked cause " + f.cause + " to", kCauseHint);
}

void AddUnlinkFields(CLI::App* c, LinkFields* f) {
  AddLinkFields(c, f);
  c->add_option("--reason", f->reason, "why");
}

Outcome RunUnlink(Session& s, const LinkFields& f, const WriteOptions& o) {
  v1::UnlinkMeasureFromCauseRequest request;
  request.set_measure_id(f.measure);
  request.set_cause_id(f.cause);
  request.set_reason(f.reason);
  return RunWrite(s, request, &Stub::UnlinkMeasureFromCause, o, Kind::kMeasure,
                  "Unlinked cause " + f.cause + " from", kCauseHint);
}

// --- goal set | retire ---------------------------------------------------------------------

struct GoalFields {
  std::string measure, indicator, unit, by, id;
  double baseline = 0, target = 0;
};

void AddGoalFields(CLI::App* c, GoalFields* f) {
  AddMeasureArgument(c, &f->measure);
  c->add_option("--indicator", f->indicator,
                "what is measured, e.g. \"Andel trygga i trygghetsmätningen\"")
      ->required();
  c->add_option("--baseline", f->baseline, "the indicator's value now")->required();
  c->add_option("--target", f->target, "the value to reach")->required();
  c->add_option("--by", f->by, "when to reach it, YYYY-MM-DD")->required();
  c->add_option("--unit", f->unit, "e.g. %, st, kr (up to 20 characters)");
  c->add_option("--id", f->id,
                "the goal's id, [a-z0-9-]; an existing one replaces that goal (default: the "
                "server makes one)");
}

Outcome RunGoalSet(Session& s, const GoalFields& f, const WriteOptions& o) {
  v1::SetOperationalGoalRequest request;
  request.set_measure_id(f.measure);
  request.set_goal_id(f.id);
  request.set_indicator(f.indicator);
  request.set_unit(f.unit);
  request.set_baseline(f.baseline);
  request.set_target(f.target);
  request.set_by_date(f.by);
  return RunWrite(s, request, &Stub::SetOperationalGoal, o, Kind::kMeasure, "Set goal {item} of",
                  kMeasureHint);
}

struct RetireGoalFields {
  std::string measure, goal, reason;
};

void AddRetireGoalFields(CLI::App* c, RetireGoalFields* f) {
  AddMeasureArgument(c, &f->measure);
  c->add_option("GOAL", f->goal, "the goal id (trygg measure show MEASURE lists them)")->required();
  c->add_option("--reason", f->reason, "why");
}

Outcome RunGoalRetire(Session& s, const RetireGoalFields& f, const WriteOptions& o) {
  v1::RetireOperationalGoalRequest request;
  request.set_measure_id(f.measure);
  request.set_goal_id(f.goal);
  request.set_reason(f.reason);
  return RunWrite(s, request, &Stub::RetireOperationalGoal, o, Kind::kMeasure,
                  "Retired goal " + f.goal + " of",
                  "check the measure id and the goal id (trygg "
                  "measure show MEASURE)");
}

// --- partner add | remove ------------------------------------------------------------------

struct PartnerFields {
  std::string measure, agency, commitment, reason;
};

void AddPartnerAddFields(CLI::App* c, PartnerFields* f) {
  AddMeasureArgument(c, &f->measure);
  c->add_option("AGENCY", f->agency, "the partner agency's id")->required();
  c->add_option("--commitment", f->commitment, "what the partner does, up to 1,000 characters")
      ->required();
}

Outcome RunPartnerAdd(Session& s, const PartnerFields& f, const WriteOptions& o) {
  v1::AddPartnerRequest request;
  request.set_measure_id(f.measure);
  request.set_agency_id(f.agency);
  request.set_commitment(f.commitment);
  return RunWrite(s, request, &Stub::AddPartner, o, Kind::kMeasure,
                  "Added partner " + f.agency + " to", kPartnerHint);
}

void AddPartnerRemoveFields(CLI::App* c, PartnerFields* f) {
  AddMeasureArgument(c, &f->measure);
  c->add_option("AGENCY", f->agency, "the partner agency's id")->required();
  c->add_option("--reason", f->reason, "why");
}

Outcome RunPartnerRemove(Session& s, const PartnerFields& f, const WriteOptions& o) {
  v1::RemovePartnerRequest request;
  request.set_measure_id(f.measure);
  request.set_agency_id(f.agency);
  request.set_reason(f.reason);
  return RunWrite(s, request, &Stub::RemovePartner, o, Kind::kMeasure,
                  "Removed partner " + f.agency + " from", kPartnerHint);
}

// --- follow-up record ----------------------------------------------------------------------

// "GOAL=NUMBER" split into its goal and a finite value; false when it is not that.
bool ParseValue(const std::string& text, v1::IndicatorValue* value) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) return false;
  const std::string number = text.substr(equals + 1);
  char* end = nullptr;
  errno = 0;
  const double parsed = std::strtod(number.c_str(), &end);
  if (errno != 0 || end != number.c_str() + number.size() || !std::isfinite(parsed)) return false;
  value->set_goal_id(text.substr(0, equals));
  value->set_value(parsed);
  return true;
}

struct FollowUpFields {
  std::string measure, period, health, party, comment;
  double hours = 0;
  uint64_t cost = 0;
  std::vector<std::string> values;
};

void AddFollowUpFields(CLI::App* c, FollowUpFields* f) {
  AddMeasureArgument(c, &f->measure);
  c->add_option("--period", f->period,
                "2026, 2026-T1..T3, 2026-Q1..Q4, 2026-H1/H2 or 2026-09-01/2026-12-31")
      ->required();
  c->add_option("--health", f->health,
                "green (on track), yellow (behind) or red (needs a decision)")
      ->required()
      ->check(EnumCheck(Vocabulary::kHealth));
  c->add_option("--party", f->party,
                "the agency whose part this is: the responsible one or a partner (default: your "
                "own agency)");
  c->add_option("--hours", f->hours, "hours spent in the period")->check(CLI::Range(0.0, 1e5));
  c->add_option("--cost", f->cost, "cost in the period, whole kronor (SEK)");
  c->add_option("--comment", f->comment, "what happened; required for yellow and red");
  c->add_option("--value", f->values,
                "a goal's measured value as GOAL=NUMBER, e.g. g-1a2b3c4d5e6f=64.5; repeat for each")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            v1::IndicatorValue value;
            return ParseValue(text, &value) ? ""
                                            : "'" + text +
                                                  "' is not GOAL=NUMBER (e.g. "
                                                  "g-1a2b3c4d5e6f=64.5)";
          },
          "GOAL=NUMBER"));
}

Outcome RunFollowUp(Session& s, const FollowUpFields& f, const WriteOptions& o) {
  v1::RecordFollowUpRequest request;
  request.set_measure_id(f.measure);
  request.set_period(f.period);
  request.set_party(f.party);
  request.set_health(static_cast<v1::Health>(ParseEnum(Vocabulary::kHealth, f.health)));
  request.set_hours(f.hours);
  request.set_cost_sek(f.cost);
  request.set_comment(f.comment);
  for (const std::string& text : f.values) {
    if (!ParseValue(text, request.add_values())) {  // the option's check let it through
      return Outcome::Fail(client::ExitCode::kUsage, "'" + text + "' is not GOAL=NUMBER");
    }
  }
  return RunWrite(s, request, &Stub::RecordFollowUp, o, Kind::kMeasure,
                  "Recorded follow-up " + f.period + " of", kPartnerHint);
}

}  // namespace

void AddMeasureItemCommands(const CommandGroups& groups, Action* action) {
  AddWrite<LinkFields>(groups.measure,
                       {"link", "Tie a measure to a cause of its plan (role: coordinator)",
                        Kind::kMeasure, true, "trygg measure link example-6 c-5d2e8f7a9b10"},
                       action, RunLink, AddLinkFields);
  AddWrite<LinkFields>(
      groups.measure,
      {"unlink", "Untie a measure from a cause (role: coordinator)", Kind::kMeasure, true,
       "trygg measure unlink example-6 c-5d2e8f7a9b10 --reason \"Fel orsak\""},
      action, RunUnlink, AddUnlinkFields);
  AddWrite<GoalFields>(groups.goal,
                       {"set",
                        "Set (or, with the --id of an existing one, replace) an operational goal "
                        "of a measure (role: coordinator)",
                        Kind::kMeasure, true,
                        "trygg goal set example-6 --indicator \"Andel trygga i "
                        "trygghetsmätningen\" --unit % --baseline 61 --target 70 --by "
                        "2027-12-31"},
                       action, RunGoalSet, AddGoalFields);
  AddWrite<RetireGoalFields>(
      groups.goal,
      {"retire", "Retire an operational goal (role: coordinator)", Kind::kMeasure, true,
       "trygg goal retire example-6 g-1a2b3c4d5e6f --reason \"Mäts inte "
       "längre\""},
      action, RunGoalRetire, AddRetireGoalFields);
  AddWrite<PartnerFields>(groups.partner,
                          {"add",
                           "Add a partner agency with its own commitment to a measure (role: "
                           "coordinator)",
                           Kind::kMeasure, true,
                           "trygg partner add example-6 vidingehem --commitment \"Byter "
                           "belysning i trapphusen på Mossleberg\""},
                          action, RunPartnerAdd, AddPartnerAddFields);
  AddWrite<PartnerFields>(
      groups.partner,
      {"remove", "Remove a partner agency from a measure (role: coordinator)", Kind::kMeasure, true,
       "trygg partner remove example-6 vidingehem --reason \"Klart med "
       "sin del\""},
      action, RunPartnerRemove, AddPartnerRemoveFields);
  AddWrite<FollowUpFields>(groups.follow_up,
                           {"record",
                            "Record one party's follow-up of a measure for a period; a second "
                            "one for the same period replaces it (an agency for its own part, a "
                            "coordinator for any party)",
                            Kind::kMeasure, true,
                            "trygg follow-up record example-6 --period 2026-T3 --health yellow "
                            "--hours 120 --cost 45000 --comment \"Två av tre skolor klara\" "
                            "--value g-1a2b3c4d5e6f=64.5"},
                           action, RunFollowUp, AddFollowUpFields);
}

}  // namespace trygg::cli
