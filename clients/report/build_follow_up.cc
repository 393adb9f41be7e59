// The follow-up of a period, for the steering group: health counts, hours and cost per focus area
// and agency, goals against baseline and target, what changed, what is overdue, every yellow and
// red follow-up with its comment, and what to fix before the next period.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/build_support.h"

namespace trygg::report::internal {
namespace {

// Segment colours of the charts (html); the health colours are the template's traffic lights.
constexpr const char* kGreen = "#2e7d32";
constexpr const char* kYellow = "#f9a825";
constexpr const char* kRed = "#c62828";
constexpr const char* kGrey = "#9e9e9e";
constexpr const char* kStatusColours[] = {"#90a4ae", "#5c6bc0", "#29b6f6",
                                          "#ffb300", "#2e7d32", "#bdbdbd"};

// What the builder looks up about the period, once.
struct PeriodFacts {
  v1::FollowUpSummary summary;  // of report.period(); empty when nothing was followed up
  std::map<std::string, std::vector<const v1::FollowUp*>> follow_ups;    // measure id → per party
  std::map<std::string, std::vector<const v1::MeasureChange*>> changes;  // measure id → changes
};

PeriodFacts FactsOfPeriod(const v1::PlanReport& report) {
  PeriodFacts facts;
  for (const v1::FollowUpSummary& s : report.follow_up_history()) {
    if (s.period() == report.period()) facts.summary = s;
  }
  for (const v1::ReportedFollowUp& r : report.period_follow_ups()) {
    facts.follow_ups[r.measure_id()].push_back(&r.follow_up());
  }
  for (const v1::MeasureChange& c : report.changes()) facts.changes[c.measure_id()].push_back(&c);
  return facts;
}

std::vector<std::string> TotalsColumns(const char* first, Lang lang, const Labels& words) {
  return {first,
          HealthLabel(lang, v1::HEALTH_GREEN),
          HealthLabel(lang, v1::HEALTH_YELLOW),
          HealthLabel(lang, v1::HEALTH_RED),
          words.missing,
          words.hours,
          words.cost,
          words.goals_met,
          words.goals_not_met,
          words.goals_not_measured};
}

std::vector<Cell> TotalsRow(const std::string& label, const v1::FollowUpTotals& t) {
  auto n = [](uint64_t v) { return Cell::Number(static_cast<double>(v)); };
  return {Cell::Text(label),
          n(t.green()),
          n(t.yellow()),
          n(t.red()),
          n(t.missing()),
          Cell::Number(t.hours()),
          Cell::Sek(static_cast<double>(t.cost_sek())),
          n(t.goals_met()),
          n(t.goals_not_met()),
          n(t.goals_not_measured())};
}

StackedBarChart StatusChart(const v1::PlanReport& report, const Index& index, Lang lang) {
  StackedBarChart chart;
  chart.title = LabelsFor(lang).status_per_area;
  for (int s = v1::MEASURE_STATUS_PROPOSED; s <= v1::MEASURE_STATUS_WITHDRAWN; ++s) {
    chart.series.push_back(StatusLabel(lang, s));
    chart.colours.push_back(kStatusColours[s - 1]);
  }
  for (const v1::FocusAreaOverview& a : report.overview().focus_areas()) {
    StackedBarChart::Bar bar{index.AreaName(a.focus_area().key()), std::vector<double>(6, 0.0)};
    for (const v1::StatusCount& c : a.counts()) {
      if (c.status() >= v1::MEASURE_STATUS_PROPOSED && c.status() <= v1::MEASURE_STATUS_WITHDRAWN) {
        bar.values[c.status() - 1] = static_cast<double>(c.count());
      }
    }
    chart.bars.push_back(std::move(bar));
  }
  return chart;
}

// One bar per agency and followed-up period: green, yellow, red and missing.
StackedBarChart HealthChart(const v1::PlanReport& report, const Index& index, Lang lang) {
  const Labels& words = LabelsFor(lang);
  StackedBarChart chart{words.health_over_periods,
                        {HealthLabel(lang, v1::HEALTH_GREEN), HealthLabel(lang, v1::HEALTH_YELLOW),
                         HealthLabel(lang, v1::HEALTH_RED), words.missing},
                        {kGreen, kYellow, kRed, kGrey},
                        {}};
  std::set<std::string> agencies;
  for (const v1::FollowUpSummary& s : report.follow_up_history()) {
    for (const v1::AgencyFollowUp& a : s.agencies()) agencies.insert(a.agency_id());
  }
  for (const std::string& id : agencies) {
    for (const v1::FollowUpSummary& s : report.follow_up_history()) {
      for (const v1::AgencyFollowUp& a : s.agencies()) {
        if (a.agency_id() != id) continue;
        const v1::FollowUpTotals& t = a.totals();
        chart.bars.push_back({index.AgencyName(id) + " " + s.period(),
                              {static_cast<double>(t.green()), static_cast<double>(t.yellow()),
                               static_cast<double>(t.red()), static_cast<double>(t.missing())}});
      }
    }
  }
  return chart;
}

Section Summary(const v1::PlanReport& report, const PeriodFacts& period, const Index& index,
                Lang lang, std::vector<std::string>* sheets) {
  const Labels& words = LabelsFor(lang);
  Section summary{words.summary, SheetName(words.summary, sheets), {}};
  if (report.period().empty()) {
    summary.blocks.push_back(Paragraph{words.nothing_followed_up});
  } else {
    std::string line = std::string(words.period) + ": " + report.period() + ".";
    if (!report.previous_period().empty()) {
      line += std::string(" ") + words.previous_period + ": " + report.previous_period() + ".";
    }
    summary.blocks.push_back(Paragraph{line});
  }
  Table areas{words.per_focus_area, TotalsColumns(words.focus_area, lang, words), {}};
  for (const v1::FocusAreaFollowUp& a : period.summary.focus_areas()) {
    areas.rows.push_back(TotalsRow(index.AreaName(a.focus_area().key()), a.totals()));
  }
  areas.rows.push_back(TotalsRow(words.whole_plan, period.summary.totals()));
  summary.blocks.push_back(std::move(areas));
  Table agencies{words.per_agency, TotalsColumns(words.agency, lang, words), {}};
  for (const v1::AgencyFollowUp& a : period.summary.agencies()) {
    agencies.rows.push_back(
        TotalsRow(a.name().empty() ? index.AgencyName(a.agency_id()) : a.name(), a.totals()));
  }
  summary.blocks.push_back(std::move(agencies));
  summary.blocks.push_back(StatusChart(report, index, lang));
  if (!report.follow_up_history().empty()) {
    summary.blocks.push_back(HealthChart(report, index, lang));
  }
  return summary;
}

// "2.1 Title" for a list that names measures.
std::string Named(const std::string& number, const std::string& title) {
  return number.empty() ? title : number + " " + title;
}

// The parties of a measure: the responsible agency first, then the partners.
std::vector<std::pair<std::string, const char*>> Parties(const v1::Measure& m,
                                                         const Labels& words) {
  std::vector<std::pair<std::string, const char*>> parties;
  if (!m.responsible_agency_id().empty()) {
    parties.emplace_back(m.responsible_agency_id(), words.responsible);
  }
  for (const v1::Partner& p : m.partners()) parties.emplace_back(p.agency_id(), words.partner);
  return parties;
}

const v1::FollowUp* FollowUpOf(const PeriodFacts& period, const std::string& measure_id,
                               const std::string& party) {
  const auto it = period.follow_ups.find(measure_id);
  if (it == period.follow_ups.end()) return nullptr;
  for (const v1::FollowUp* f : it->second) {
    if (f->party() == party) return f;
  }
  return nullptr;
}

// An assigned or started measure's party owes a follow-up for the period.
bool OwesFollowUp(const v1::Measure& m, const v1::PlanReport& report) {
  return !report.period().empty() && (m.status() == v1::MEASURE_STATUS_ASSIGNED ||
                                      m.status() == v1::MEASURE_STATUS_IN_PROGRESS);
}

// A list, or "<title>: inga" when it is empty, so that the reader sees it was looked at.
void AddList(Table table, const Labels& words, Section* section) {
  if (table.rows.empty()) {
    section->blocks.push_back(Paragraph{table.title + ": " + words.none + "."});
  } else {
    section->blocks.push_back(std::move(table));
  }
}

Table FlagTable(const v1::FocusAreaTrace* trace, const std::string& key, const Numbering& numbering,
                const Index& index, Lang lang) {
  const Labels& words = LabelsFor(lang);
  Table table{words.to_fix, {words.flag, words.concerns}, {}};
  if (trace == nullptr) return table;
  auto add = [&table, lang](int flag, const std::string& what) {
    table.rows.push_back({Cell::Text(FlagLabel(lang, flag)), Cell::Text(what)});
  };
  for (const v1::TracedCause& c : trace->causes()) {
    for (int flag : c.flags()) {
      add(flag, std::string(words.cause) + " " + std::to_string(c.number()) + ": " + c.text());
    }
  }
  std::vector<const v1::TracedMeasure*> measures;
  for (const v1::TracedMeasure& m : trace->measures()) measures.push_back(&m);
  numbering.SortInPlanOrder(&measures);
  for (const v1::TracedMeasure* traced : measures) {
    const v1::TracedMeasure& m = *traced;
    const std::string name = Named(numbering.NumberIn(m.measure_id(), key), m.title());
    for (int flag : m.flags()) {
      if (flag != v1::TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP) {
        add(flag, name);
        continue;
      }
      for (const std::string& partner : m.partners_never_followed_up()) {
        add(flag, name + " – " + index.AgencyName(partner));
      }
    }
  }
  for (const v1::TracedFinding& f : trace->findings()) {
    for (int flag : f.flags()) add(flag, f.text());
  }
  return table;
}

// The goals of the focus area's measures, as a table and a chart.
void AddGoals(const std::vector<const v1::Measure*>& measures, const std::string& key,
              const Numbering& numbering, Lang lang, Section* section) {
  const Labels& words = LabelsFor(lang);
  Table table{words.goals_table,
              {words.no, words.measure, words.indicator, words.unit, words.baseline, words.target,
               words.due, words.latest_value, words.period, words.met},
              {}};
  GoalChart chart{words.goals_chart, {}};
  for (const v1::Measure* m : measures) {
    const std::string number = numbering.NumberIn(m->measure_id(), key);
    for (const v1::OperationalGoal& g : m->goals()) {
      table.rows.push_back({Cell::Text(number), Cell::Text(m->title()), Cell::Text(g.indicator()),
                            Cell::Text(g.unit()), Cell::Number(g.baseline()),
                            Cell::Number(g.target()),
                            g.by_date().empty() ? Cell::Text("") : Cell::Date(g.by_date()),
                            g.has_latest_value() ? Cell::Number(g.latest_value()) : Cell::Text(""),
                            Cell::Text(g.latest_value_period()),
                            Cell::Text(!g.has_latest_value() ? ""
                                       : g.met()             ? words.yes
                                                             : words.no_word)});
      GoalChart::Row row{g.indicator() + " (" + Named(number, m->title()) + ")", g.unit(),
                         g.baseline(), g.target(), std::nullopt};
      if (g.has_latest_value()) row.value = g.latest_value();
      chart.rows.push_back(std::move(row));
    }
  }
  if (table.rows.empty()) {
    AddList(std::move(table), words, section);
    return;
  }
  section->blocks.push_back(std::move(table));
  section->blocks.push_back(std::move(chart));
}

Section AreaSection(const v1::PlanReport& report, const std::string& key, const PeriodFacts& period,
                    const Numbering& numbering, const Index& index, Lang lang,
                    std::vector<std::string>* sheets, Table* flat) {
  const Labels& words = LabelsFor(lang);
  const std::string area_name = index.AreaName(key);
  Section section{area_name, SheetName(area_name, sheets), {}};
  std::vector<const v1::Measure*> measures;
  for (const v1::Measure& m : report.measures()) {
    if (m.focus_area() == key) measures.push_back(&m);
  }
  numbering.SortInPlanOrder(&measures);

  Table per_party{words.follow_up_per_measure,
                  {words.no, words.measure, words.agency, words.role, words.health, words.hours,
                   words.cost, words.comment},
                  {}};
  Table yellow_red{
      words.yellow_red, {words.no, words.measure, words.agency, words.health, words.comment}, {}};
  Table changes{words.changes, {words.no, words.measure, words.change, words.from, words.to}, {}};
  Table overdue{words.overdue_table,
                {words.no, words.measure, words.responsible, words.due, words.status},
                {}};
  for (const v1::Measure* m : measures) {
    const std::string number = numbering.NumberIn(m->measure_id(), key);
    const std::string status = StatusLabel(lang, m->status());
    std::vector<std::string> change_words;
    if (const auto it = period.changes.find(m->measure_id()); it != period.changes.end()) {
      for (const v1::MeasureChange* c : it->second) {
        const bool moved = c->kind() == v1::MEASURE_CHANGE_KIND_DEADLINE_MOVED;
        auto date = [moved](const std::string& d) {
          return moved && !d.empty() ? Cell::Date(d) : Cell::Text("");
        };
        changes.rows.push_back({Cell::Text(number), Cell::Text(m->title()),
                                Cell::Text(ChangeLabel(lang, c->kind())), date(c->from_due_date()),
                                date(c->to_due_date())});
        change_words.push_back(moved ? ChangeLabel(lang, c->kind()) + " " + c->from_due_date() +
                                           " → " + c->to_due_date()
                                     : ChangeLabel(lang, c->kind()));
      }
    }
    if (m->overdue()) {
      overdue.rows.push_back({Cell::Text(number), Cell::Text(m->title()),
                              Cell::Text(index.AgencyName(m->responsible_agency_id())),
                              Cell::Date(m->due_date()), Cell::Text(status)});
    }
    auto flat_row = [&](const std::string& party, const char* role, std::vector<Cell> figures) {
      std::vector<Cell> row = {Cell::Text(report.period()),
                               Cell::Text(area_name),
                               Cell::Text(number),
                               Cell::Text(m->title()),
                               Cell::Text(status),
                               Cell::Text(party),
                               Cell::Text(role)};
      for (Cell& c : figures) row.push_back(std::move(c));
      row.push_back(Cell::Text(m->overdue() ? words.yes : words.no_word));
      row.push_back(Cell::Text(JoinLines(change_words, "; ")));
      row.push_back(Cell::Text(m->measure_id()));
      flat->rows.push_back(std::move(row));
    };
    const auto parties = Parties(*m, words);
    if (parties.empty()) {
      flat_row("", "", {Cell::Text(""), Cell::Text(""), Cell::Text(""), Cell::Text("")});
    }
    for (const auto& [party, role] : parties) {
      const v1::FollowUp* f = FollowUpOf(period, m->measure_id(), party);
      const std::string name = index.AgencyName(party);
      std::vector<Cell> figures;
      if (f != nullptr) {
        const Health health = HealthOf(f->health());
        figures = {Cell::HealthOf(health, HealthLabel(lang, f->health())), Cell::Number(f->hours()),
                   Cell::Sek(static_cast<double>(f->cost_sek())), Cell::Text(f->comment())};
        if (health == Health::kYellow || health == Health::kRed) {
          yellow_red.rows.push_back({Cell::Text(number), Cell::Text(m->title()), Cell::Text(name),
                                     figures[0], Cell::Text(f->comment())});
        }
      } else if (OwesFollowUp(*m, report)) {
        figures = {Cell::HealthOf(Health::kNone, words.missing), Cell::Text(""), Cell::Text(""),
                   Cell::Text("")};
      } else {
        figures = {Cell::Text(""), Cell::Text(""), Cell::Text(""), Cell::Text("")};
      }
      flat_row(name, role, figures);
      if (f != nullptr || OwesFollowUp(*m, report)) {
        std::vector<Cell> row = {Cell::Text(number), Cell::Text(m->title()), Cell::Text(name),
                                 Cell::Text(role)};
        for (Cell& c : figures) row.push_back(std::move(c));
        per_party.rows.push_back(std::move(row));
      }
    }
  }

  const v1::FocusAreaTrace* trace = nullptr;
  for (const v1::FocusAreaTrace& t : report.traceability().focus_areas()) {
    if (t.focus_area().key() == key) trace = &t;
  }
  AddList(std::move(per_party), words, &section);
  AddList(std::move(yellow_red), words, &section);
  AddGoals(measures, key, numbering, lang, &section);
  AddList(std::move(changes), words, &section);
  AddList(std::move(overdue), words, &section);
  AddList(FlagTable(trace, key, numbering, index, lang), words, &section);
  return section;
}

}  // namespace

Document BuildFollowUp(const v1::PlanReport& report, Lang lang) {
  const Labels& words = LabelsFor(lang);
  const Index index(report);
  const Numbering numbering(report, index);
  const PeriodFacts period = FactsOfPeriod(report);
  Document document;
  document.lang = lang;
  SetTitle(report,
           report.period().empty() ? words.follow_up_title
                                   : std::string(words.follow_up_title) + " " + report.period(),
           words, &document);
  std::vector<std::string> sheets;
  document.summary = Summary(report, period, index, lang, &sheets);
  document.flat.columns = {
      words.period,  words.focus_area, words.no,     words.measure, words.status,
      words.agency,  words.role,       words.health, words.hours,   words.cost,
      words.comment, words.overdue,    words.change, "Id"};
  for (const v1::FocusAreaOverview& a : report.overview().focus_areas()) {
    document.sections.push_back(AreaSection(report, a.focus_area().key(), period, numbering, index,
                                            lang, &sheets, &document.flat));
  }
  return document;
}

}  // namespace trygg::report::internal
