#include "cli/plan_views.h"

#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/describe.h"
#include "cli/views.h"
#include "common/csv.h"
#include "common/names.h"
#include "common/table.h"
#include "common/text.h"
#include "trygg/v1/status.pb.h"

namespace trygg::cli {

using client::Align;
using client::Cell;
using client::Column;
using client::CsvRecord;
using client::EnumName;
using client::EnumWord;
using client::SanitizeLine;
using client::StatusName;
using client::Style;
using client::Styled;
using client::Table;
using client::Vocabulary;

namespace {

namespace v1 = ::trygg::v1;

// The marker of a raised flag, in tables and in `plan show`.
constexpr char kFlagMark[] = "⚑ ";

// Each traceability flag: what an item carrying it lacks, and how its count reads. The one place
// that says what the flags are called.
struct FlagText {
  v1::TraceabilityFlag flag;
  const char* lacks;  // "no cause": on the item that carries the flag
  const char* one;    // "measure without a cause": in the counts
  const char* many;
  uint64_t (v1::TraceabilityFlagCounts::*count)() const;
};
constexpr FlagText kFlagTexts[] = {
    {v1::TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE, "no measure", "cause without a measure",
     "causes without a measure", &v1::TraceabilityFlagCounts::causes_without_measure},
    {v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE, "no cause", "measure without a cause",
     "measures without a cause", &v1::TraceabilityFlagCounts::measures_without_cause},
    {v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL, "no goal", "measure without an operational goal",
     "measures without an operational goal", &v1::TraceabilityFlagCounts::measures_without_goal},
    {v1::TRACEABILITY_FLAG_NO_FOLLOW_UP, "no follow-up", "measure without follow-up",
     "measures without follow-up", &v1::TraceabilityFlagCounts::measures_without_follow_up},
    {v1::TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP, "partner never followed up",
     "partner that never followed up", "partners that never followed up",
     &v1::TraceabilityFlagCounts::partners_never_followed_up},
    {v1::TRACEABILITY_FLAG_FINDING_UNUSED, "no cause rests on it", "finding no cause rests on",
     "findings no cause rests on", &v1::TraceabilityFlagCounts::findings_unused},
};

// The flag's entry in kFlagTexts; a flag added to the contract after this build has none.
const FlagText* TextOf(int flag) {
  for (const FlagText& text : kFlagTexts) {
    if (text.flag == flag) return &text;
  }
  return nullptr;
}

const char* Lacks(int flag) {
  const FlagText* text = TextOf(flag);
  return text == nullptr ? "an unknown flag" : text->lacks;
}

// "⚑ no cause, ⚑ no goal" for a table cell; `detail` follows the partner flag (who).
std::string FlagCell(const google::protobuf::RepeatedField<int>& flags,
                     const std::string& partner_detail = "") {
  std::vector<std::string> marks;
  for (int flag : flags) {
    std::string mark = kFlagMark + std::string(Lacks(flag));
    if (flag == v1::TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP && !partner_detail.empty()) {
      mark += " (" + partner_detail + ")";
    }
    marks.push_back(std::move(mark));
  }
  return Join(marks);
}

// The flags by their enum names without the prefix, for CSV: "MEASURE_WITHOUT_GOAL,
// NO_FOLLOW_UP"; a flag this build does not know by its number.
std::vector<std::string> FlagNames(const google::protobuf::RepeatedField<int>& flags) {
  constexpr std::string_view kPrefix = "TRACEABILITY_FLAG_";
  std::vector<std::string> names;
  for (int flag : flags) {
    const std::string& name = v1::TraceabilityFlag_Name(flag);
    names.push_back(name.starts_with(kPrefix) ? name.substr(kPrefix.size()) : std::to_string(flag));
  }
  return names;
}

Cell Flagged(const std::string& text) {
  return Cell(text, text.empty() ? Style::kPlain : Style::kAlert);
}

std::string FocusAreaHeading(const v1::FocusArea& area) {
  return SanitizeLine(area.name() + " (" + area.key() + ")") + "\n";
}

std::string Partners(const google::protobuf::RepeatedPtrField<v1::Partner>& partners) {
  std::vector<std::string> ids;
  for (const v1::Partner& partner : partners) ids.push_back(partner.agency_id());
  return Join(ids);
}

std::string Section(const std::string& title, const Table& table, const Terminal& terminal) {
  return "\n" + title + "\n" + table.Render(terminal.width, terminal.colour);
}

Style HealthStyle(v1::Health health) {
  if (health == v1::HEALTH_GREEN) return Style::kGood;
  if (health == v1::HEALTH_RED) return Style::kAlert;
  return Style::kPlain;
}

// ---- The situation picture.

std::string Retired(bool retired, const std::string& reason) {
  return retired ? "RETIRED" + (reason.empty() ? "" : " (" + reason + ")") + ": " : "";
}

Table InputTable(const google::protobuf::RepeatedPtrField<v1::ResidentInput>& inputs) {
  Table table({{"INPUT"},
               {"RECEIVED"},
               {"CHANNEL"},
               {"AREA", Align::kLeft, /*shrinks=*/true, 10},
               {"PEOPLE", Align::kRight},
               {"SUMMARY"}});
  for (const v1::ResidentInput& input : inputs) {
    table.AddRow({input.input_id(), input.received_on(),
                  EnumWord(Vocabulary::kInputChannel, input.channel()), input.area(),
                  input.people() > 0 ? std::to_string(input.people()) : "", input.summary()});
  }
  return table;
}

std::string AreaPictureText(const v1::FocusAreaPicture& area, const Terminal& terminal) {
  std::string out = "\n" + FocusAreaHeading(area.focus_area());
  if (area.findings().empty()) {
    out += "\nNo findings yet.\n";
  } else {
    Table findings({{"FINDING"},
                    {"SOURCE"},
                    {"PERIOD"},
                    {"AREA", Align::kLeft, /*shrinks=*/true, 10},
                    {"CITES", Align::kLeft, /*shrinks=*/true, 10},
                    {"TEXT"}});
    for (const v1::Finding& f : area.findings()) {
      const Style style = f.retired() ? Style::kDim : Style::kPlain;
      findings.AddRow({f.finding_id(), EnumWord(Vocabulary::kFindingSource, f.source()), f.period(),
                       f.area(), Join(f.input_ids()),
                       Cell(Retired(f.retired(), f.retirement_reason()) + f.text(), style)});
    }
    out += Section("Findings", findings, terminal);
  }
  if (area.causes().empty()) {
    out += "\nNo causes yet.\n";
  } else {
    Table causes({{"CAUSE", Align::kRight},
                  {"ID"},
                  {"RESTS ON", Align::kLeft, /*shrinks=*/true, 10},
                  {"MEASURES", Align::kLeft, /*shrinks=*/true, 10},
                  {"TEXT"}});
    for (const v1::Cause& c : area.causes()) {
      const Style style = c.retired() ? Style::kDim : Style::kPlain;
      causes.AddRow({std::to_string(c.number()) + ".", c.cause_id(), Join(c.finding_ids()),
                     Join(c.measure_ids()),
                     Cell(Retired(c.retired(), c.retirement_reason()) + c.text(), style)});
    }
    out += Section("Causes", causes, terminal);
  }
  if (!area.inputs().empty())
    out += Section("Residents' input", InputTable(area.inputs()), terminal);
  return out;
}

// ---- Traceability.

std::map<std::string, uint32_t, std::less<>> CauseNumbers(const v1::FocusAreaTrace& area) {
  std::map<std::string, uint32_t, std::less<>> numbers;
  for (const v1::TracedCause& cause : area.causes()) numbers[cause.cause_id()] = cause.number();
  return numbers;
}

std::string AreaTraceText(const v1::FocusAreaTrace& area, const Terminal& terminal) {
  std::string out = "\n" + FocusAreaHeading(area.focus_area());
  Table findings({{"FINDING"}, {"SOURCE"}, {"FLAGS"}, {"TEXT"}});
  for (const v1::TracedFinding& f : area.findings()) {
    findings.AddRow({f.finding_id(), EnumWord(Vocabulary::kFindingSource, f.source()),
                     Flagged(FlagCell(f.flags())), f.text()});
  }
  Table causes({{"CAUSE", Align::kRight},
                {"ID"},
                {"RESTS ON", Align::kLeft, /*shrinks=*/true, 10},
                {"MEASURES", Align::kLeft, /*shrinks=*/true, 10},
                {"FLAGS"},
                {"TEXT"}});
  for (const v1::TracedCause& c : area.causes()) {
    causes.AddRow({std::to_string(c.number()) + ".", c.cause_id(), Join(c.finding_ids()),
                   Join(c.measure_ids()), Flagged(FlagCell(c.flags())), c.text()});
  }
  const auto numbers = CauseNumbers(area);
  // A measure's flags are the point of this view: they come last, never shortened, and the
  // title (in full in `measure show`) gives up width first.
  Table measures({{"MEASURE"},
                  {"STATUS"},
                  {"RESPONSIBLE", Align::kLeft, /*shrinks=*/true, 10},
                  {"PARTNERS", Align::kLeft, /*shrinks=*/true, 10},
                  {"CAUSES"},
                  {"TITLE", Align::kLeft, /*shrinks=*/true, 12},
                  {"FLAGS"}});
  Table goals({{"MEASURE"}, {"GOAL"}, {"TARGET", Align::kLeft, /*shrinks=*/true, 20}, {"LATEST"}});
  Table follow_ups({{"MEASURE"},
                    {"PARTY"},
                    {"PERIOD"},
                    {"HEALTH"},
                    {"HOURS", Align::kRight},
                    {"COST (SEK)", Align::kRight},
                    {"COMMENT"}});
  for (const v1::TracedMeasure& m : area.measures()) {
    std::vector<std::string> cited;
    for (const std::string& id : m.cause_ids()) {
      auto number = numbers.find(id);
      cited.push_back(number == numbers.end() ? id : std::to_string(number->second) + ".");
    }
    measures.AddRow({m.measure_id(), StatusName(m.status()), m.responsible_agency_id(),
                     Partners(m.partners()), Join(cited), m.title(),
                     Flagged(FlagCell(m.flags(), Join(m.partners_never_followed_up())))});
    for (const v1::OperationalGoal& goal : m.goals()) {
      goals.AddRow({m.measure_id(), goal.goal_id(), GoalTarget(goal),
                    Cell(GoalLatest(goal), goal.met() ? Style::kGood : Style::kPlain)});
    }
    for (const v1::FollowUp& f : m.latest_follow_ups()) {
      follow_ups.AddRow({m.measure_id(), f.party(), f.period(),
                         Cell(EnumName(Vocabulary::kHealth, f.health()), HealthStyle(f.health())),
                         f.hours() > 0 ? client::PlainNumber(f.hours()) : "",
                         f.cost_sek() > 0 ? std::to_string(f.cost_sek()) : "", f.comment()});
    }
  }
  auto section = [&](const std::string& title, const Table& table, const std::string& none) {
    out += table.rows() == 0 ? "\n" + none + "\n" : Section(title, table, terminal);
  };
  section("Findings", findings, "No findings.");
  section("Causes", causes, "No causes.");
  section("Measures", measures, "No measures.");
  section("Operational goals", goals, "No operational goals.");
  section("Latest follow-up per party", follow_ups, "No follow-up yet.");
  return out;
}

// The traceability record for a finding, a cause and a measure (any may be null).
std::vector<std::string> TraceRecord(const v1::FocusAreaTrace& area, const v1::TracedFinding* f,
                                     const v1::TracedCause* c, const v1::TracedMeasure* m) {
  std::vector<std::string> flags;
  std::vector<std::string> goals;
  std::vector<std::string> follow_ups;
  if (f != nullptr) {
    for (std::string& name : FlagNames(f->flags())) flags.push_back(std::move(name));
  }
  if (c != nullptr) {
    for (std::string& name : FlagNames(c->flags())) flags.push_back(std::move(name));
  }
  if (m != nullptr) {
    for (std::string& name : FlagNames(m->flags())) flags.push_back(std::move(name));
    for (const v1::OperationalGoal& goal : m->goals()) {
      goals.push_back(goal.goal_id() + ": " + GoalTarget(goal) + "; " + GoalLatest(goal));
    }
    for (const v1::FollowUp& fu : m->latest_follow_ups()) {
      follow_ups.push_back(fu.party() + " " + fu.period() + " " +
                           EnumName(Vocabulary::kHealth, fu.health()));
    }
  }
  std::string findings;
  if (f != nullptr) findings = f->finding_id();
  if (c != nullptr) findings = Join(c->finding_ids());
  return {area.focus_area().key(),
          c != nullptr ? std::to_string(c->number()) : "",
          c != nullptr ? c->cause_id() : "",
          findings,
          m != nullptr ? m->measure_id() : "",
          m != nullptr ? m->title() : "",
          m != nullptr ? StatusName(m->status()) : "",
          m != nullptr ? m->responsible_agency_id() : "",
          m != nullptr ? Partners(m->partners()) : "",
          Join(goals, "; "),
          Join(follow_ups),
          Join(flags)};
}

// ---- Follow-up.

std::vector<std::string> TotalsCells(const v1::FollowUpTotals& t) {
  return {std::to_string(t.green()),
          std::to_string(t.yellow()),
          std::to_string(t.red()),
          std::to_string(t.missing()),
          client::PlainNumber(t.hours()),
          std::to_string(t.cost_sek()),
          std::to_string(t.goals_met()),
          std::to_string(t.goals_not_met()),
          std::to_string(t.goals_not_measured())};
}

// A row per agency or focus area, by id (the names are in json and csv): a table as wide as
// the terminal's 100 columns with the longest agency ids of the example plan.
Table TotalsTable(const std::string& id_header) {
  return Table({{id_header, Align::kLeft, /*shrinks=*/true, 10},
                {"GREEN", Align::kRight},
                {"YELLOW", Align::kRight},
                {"RED", Align::kRight},
                {"MISSING", Align::kRight},
                {"HOURS", Align::kRight},
                {"COST (SEK)", Align::kRight},
                {"GOALS MET", Align::kRight},
                {"NOT MET", Align::kRight},
                {"UNMEASURED", Align::kRight}});
}

void AddTotalsRow(Table* table, const std::string& id, const v1::FollowUpTotals& totals) {
  std::vector<Cell> row = {Cell(id)};
  for (std::string& cell : TotalsCells(totals)) row.emplace_back(std::move(cell));
  // The cells after the id are TotalsCells': green, yellow, red, missing, ...
  row[1].style = totals.green() > 0 ? Style::kGood : Style::kPlain;
  row[3].style = totals.red() > 0 ? Style::kAlert : Style::kPlain;
  row[4].style = totals.missing() > 0 ? Style::kAlert : Style::kPlain;
  table->AddRow(std::move(row));
}

}  // namespace

std::string SituationPictureText(const v1::SituationPicture& picture, const Terminal& terminal) {
  std::string out = SanitizeLine("Situation picture of " + picture.plan_id()) + "\n";
  for (const v1::FocusAreaPicture& area : picture.focus_areas()) {
    out += AreaPictureText(area, terminal);
  }
  if (!picture.general_inputs().empty()) {
    out += Section("Residents' input about the whole plan", InputTable(picture.general_inputs()),
                   terminal);
  }
  return out;
}

std::string SituationPictureCsv(const v1::SituationPicture& picture) {
  std::string out =
      CsvRecord({"focus_area", "kind", "id", "number", "source", "period", "area", "people", "refs",
                 "measures", "retired", "retirement_reason", "text"});
  auto input_record = [](const std::string& focus_area, const v1::ResidentInput& input) {
    return CsvRecord({focus_area, "input", input.input_id(), "",
                      EnumName(Vocabulary::kInputChannel, input.channel()), input.received_on(),
                      input.area(), std::to_string(input.people()), "", "", "false", "",
                      input.summary()});
  };
  for (const v1::FocusAreaPicture& area : picture.focus_areas()) {
    const std::string& key = area.focus_area().key();
    for (const v1::Finding& f : area.findings()) {
      out += CsvRecord({key, "finding", f.finding_id(), "",
                        EnumName(Vocabulary::kFindingSource, f.source()), f.period(), f.area(), "",
                        Join(f.input_ids()), "", f.retired() ? "true" : "false",
                        f.retirement_reason(), f.text()});
    }
    for (const v1::Cause& c : area.causes()) {
      out += CsvRecord({key, "cause", c.cause_id(), std::to_string(c.number()), "", "", "", "",
                        Join(c.finding_ids()), Join(c.measure_ids()),
                        c.retired() ? "true" : "false", c.retirement_reason(), c.text()});
    }
    for (const v1::ResidentInput& input : area.inputs()) out += input_record(key, input);
  }
  for (const v1::ResidentInput& input : picture.general_inputs()) out += input_record("", input);
  return out;
}

std::string FlagCountsText(const v1::TraceabilityFlagCounts& counts, const Terminal& terminal) {
  std::string out =
      counts.period().empty()
          ? "Traceability (no follow-up recorded yet):\n"
          : SanitizeLine("Traceability (follow-up period " + counts.period() + "):") + "\n";
  bool any = false;
  for (const FlagText& text : kFlagTexts) {
    const uint64_t n = (counts.*text.count)();
    if (n == 0) continue;
    any = true;
    out += "  " +
           Styled(kFlagMark + Plural(n, text.one, text.many), Style::kAlert, terminal.colour) +
           "\n";
  }
  if (!any) out += "  no flags: every cause has a measure, every measure a cause and a goal\n";
  return out;
}

void AppendTracePage(v1::Traceability page, v1::Traceability* all) {
  if (all->focus_areas().empty() && all->plan_id().empty()) {
    *all = std::move(page);
    all->clear_next_page_token();
    return;
  }
  for (v1::FocusAreaTrace& area : *page.mutable_focus_areas()) {
    v1::FocusAreaTrace* into = nullptr;
    for (v1::FocusAreaTrace& known : *all->mutable_focus_areas()) {
      if (known.focus_area().key() == area.focus_area().key()) into = &known;
    }
    if (into == nullptr) {
      *all->add_focus_areas() = std::move(area);
      continue;
    }
    for (v1::TracedMeasure& m : *area.mutable_measures()) *into->add_measures() = std::move(m);
  }
}

std::string TraceabilityText(const v1::Traceability& trace, const Terminal& terminal) {
  std::string out = SanitizeLine("Plan " + trace.plan_id() +
                                 ": findings → causes → measures → goals → follow-up") +
                    "\n" + FlagCountsText(trace.counts(), terminal);
  for (const v1::FocusAreaTrace& area : trace.focus_areas()) out += AreaTraceText(area, terminal);
  return out;
}

std::string TraceabilityCsv(const v1::Traceability& trace) {
  std::string out =
      CsvRecord({"focus_area", "cause_number", "cause_id", "finding_ids", "measure_id", "title",
                 "status", "responsible_agency_id", "partners", "goals", "follow_ups", "flags"});
  for (const v1::FocusAreaTrace& area : trace.focus_areas()) {
    std::map<std::string, const v1::TracedCause*, std::less<>> causes;
    for (const v1::TracedCause& c : area.causes()) causes[c.cause_id()] = &c;
    std::map<std::string, bool, std::less<>> addressed;  // causes with a record of a measure
    std::vector<std::string> records;
    for (const v1::TracedMeasure& m : area.measures()) {
      bool cited = false;
      for (const std::string& id : m.cause_ids()) {
        auto cause = causes.find(id);
        if (cause == causes.end()) continue;  // retired, or another focus area's
        cited = true;
        addressed[id] = true;
        out += CsvRecord(TraceRecord(area, nullptr, cause->second, &m));
      }
      if (!cited) out += CsvRecord(TraceRecord(area, nullptr, nullptr, &m));
    }
    for (const v1::TracedCause& c : area.causes()) {
      if (!addressed.contains(c.cause_id()))
        out += CsvRecord(TraceRecord(area, nullptr, &c, nullptr));
    }
    for (const v1::TracedFinding& f : area.findings()) {
      if (!f.flags().empty()) out += CsvRecord(TraceRecord(area, &f, nullptr, nullptr));
    }
  }
  return out;
}

std::string FollowUpSummaryText(const v1::FollowUpSummary& summary, const Terminal& terminal) {
  const v1::FollowUpTotals& t = summary.totals();
  std::string out = SanitizeLine("Follow-up of " + summary.plan_id() + " for " + summary.period()) +
                    "\n" +
                    Styled(std::to_string(t.green()) + " green",
                           t.green() > 0 ? Style::kGood : Style::kPlain, terminal.colour) +
                    ", " + std::to_string(t.yellow()) + " yellow, " +
                    Styled(std::to_string(t.red()) + " red",
                           t.red() > 0 ? Style::kAlert : Style::kPlain, terminal.colour) +
                    ", " +
                    Styled(std::to_string(t.missing()) + " missing",
                           t.missing() > 0 ? Style::kAlert : Style::kPlain, terminal.colour) +
                    "; " + client::PlainNumber(t.hours()) + " h, " + std::to_string(t.cost_sek()) +
                    " SEK; goals: " + std::to_string(t.goals_met()) + " met, " +
                    std::to_string(t.goals_not_met()) + " not met, " +
                    std::to_string(t.goals_not_measured()) + " not measured\n";
  Table agencies = TotalsTable("AGENCY");
  for (const v1::AgencyFollowUp& a : summary.agencies()) {
    AddTotalsRow(&agencies, a.agency_id(), a.totals());
  }
  Table areas = TotalsTable("FOCUS AREA");
  for (const v1::FocusAreaFollowUp& a : summary.focus_areas()) {
    AddTotalsRow(&areas, a.focus_area().key(), a.totals());
  }
  out += agencies.rows() == 0 ? "\nNo agency has measures to follow up.\n"
                              : Section("Per agency", agencies, terminal);
  out += Section("Per focus area", areas, terminal);
  return out;
}

std::string FollowUpSummaryCsv(const v1::FollowUpSummary& summary) {
  std::string out =
      CsvRecord({"period", "scope", "id", "name", "green", "yellow", "red", "missing", "hours",
                 "cost_sek", "goals_met", "goals_not_met", "goals_not_measured"});
  auto record = [&summary](const std::string& scope, const std::string& id, const std::string& name,
                           const v1::FollowUpTotals& totals) {
    std::vector<std::string> fields = {summary.period(), scope, id, name};
    for (std::string& cell : TotalsCells(totals)) fields.push_back(std::move(cell));
    return CsvRecord(fields);
  };
  out += record("plan", summary.plan_id(), "", summary.totals());
  for (const v1::AgencyFollowUp& a : summary.agencies()) {
    out += record("agency", a.agency_id(), a.name(), a.totals());
  }
  for (const v1::FocusAreaFollowUp& a : summary.focus_areas()) {
    out += record("focus_area", a.focus_area().key(), a.focus_area().name(), a.totals());
  }
  return out;
}

std::string WorkingGroupStatusText(const v1::WorkingGroupStatus& status, const Terminal& terminal) {
  const v1::WorkingGroup& group = status.group();
  std::string out =
      SanitizeLine("Working group " + group.name() + " (" + group.group_id() + ")") + "\n" +
      SanitizeLine("Members: " + Join(group.agency_ids())) + "\n" +
      SanitizeLine("Focus areas: " +
                   (group.focus_areas().empty() ? "every focus area" : Join(group.focus_areas()))) +
      "\n";
  std::string summary = Plural(status.total_measures(), "measure", "measures");
  if (status.total_measures() > 0) summary += ": " + CountsInWords(status.counts());
  out += SanitizeLine(summary) + "; " +
         Styled(std::to_string(status.overdue()) + " overdue",
                status.overdue() > 0 ? Style::kAlert : Style::kPlain, terminal.colour) +
         "\n";
  std::vector<const v1::Measure*> measures;
  for (const v1::Measure& m : status.measures()) measures.push_back(&m);
  return out + "\n" + MeasuresText(measures, /*with_agency=*/true, terminal);
}

}  // namespace trygg::cli
