// The action plan in the council's template: per focus area the numbered causes with the findings
// behind them, and each cause's measures with goals, when, who, type and the latest follow-up.
#include <string>
#include <vector>

#include "report/build_support.h"

namespace trygg::report::internal {
namespace {

// "andel klotter sanerat inom 24 h: 55 % → 95 % senast 2026-12-31", one line per goal.
std::string Goals(const v1::Measure& m, const Labels& words) {
  std::vector<std::string> lines;
  for (const v1::OperationalGoal& g : m.goals()) {
    std::string line = g.indicator() + ": " + WithUnit(g.baseline(), g.unit()) + " → " +
                       WithUnit(g.target(), g.unit());
    if (!g.by_date().empty()) line += std::string(" ") + words.by + " " + g.by_date();
    lines.push_back(std::move(line));
  }
  return JoinLines(lines);
}

// "Ansvarig: …" and "Partner: … – commitment", one line each.
std::string Who(const v1::Measure& m, const Index& index, const Labels& words) {
  std::vector<std::string> lines;
  if (!m.responsible_agency_id().empty()) {
    lines.push_back(std::string(words.responsible) + ": " +
                    index.AgencyName(m.responsible_agency_id()));
  }
  for (const v1::Partner& p : m.partners()) {
    std::string line = std::string(words.partner) + ": " + index.AgencyName(p.agency_id());
    if (!p.commitment().empty()) line += " – " + p.commitment();
    lines.push_back(std::move(line));
  }
  return JoinLines(lines);
}

// "Engångsinsats; situationell; kort sikt".
std::string Type(const v1::Measure& m, Lang lang) {
  std::string type = JoinLines({EffortLabel(lang, m.effort()), MeasureKindLabel(lang, m.kind()),
                                ExpectedEffectLabel(lang, m.expected_effect())},
                               "; ");
  // Only the first word keeps its capital: the template writes the type as one phrase.
  for (std::size_t i = type.find("; "); i != std::string::npos; i = type.find("; ", i + 2)) {
    if (i + 2 < type.size() && type[i + 2] >= 'A' && type[i + 2] <= 'Z') type[i + 2] += 'a' - 'A';
  }
  return type;
}

// The latest follow-up per party ("Gul 2026-T3: Värnamo kommun, …"), coloured by the worst.
Cell FollowUps(const v1::Measure& m, const Index& index, Lang lang, const Labels& words) {
  if (m.latest_follow_ups().empty()) return Cell::HealthOf(Health::kNone, words.no_follow_up_yet);
  Health worst = Health::kNone;
  std::vector<std::string> lines;
  for (const v1::FollowUp& f : m.latest_follow_ups()) {
    worst = Worse(worst, HealthOf(f.health()));
    lines.push_back(HealthLabel(lang, f.health()) + " " + f.period() + ": " +
                    index.AgencyName(f.party()));
  }
  return Cell::HealthOf(worst, JoinLines(lines));
}

std::vector<std::string> MeasureColumns(const Labels& words) {
  return {words.no, words.measure, words.goal, words.when, words.who, words.type, words.follow_up};
}

std::vector<Cell> MeasureRow(const Numbering::Listed& listed, bool flag_no_cause,
                             const Index& index, Lang lang, const Labels& words) {
  const v1::Measure& m = *listed.measure;
  std::string title = m.title();
  if (flag_no_cause) title += std::string("\n(") + words.no_cause + ")";
  return {Cell::Text(listed.number),
          Cell::Text(title),
          Cell::Text(Goals(m, words)),
          m.due_date().empty() ? Cell::Text("") : Cell::Date(m.due_date()),
          Cell::Text(Who(m, index, words)),
          Cell::Text(Type(m, lang)),
          FollowUps(m, index, lang, words)};
}

// "Var tredje kvinna undviker centrum kvällstid (Trygghetsmätning, 2026)", one line per finding.
std::string FindingsOf(const v1::Cause& cause, const Index& index, Lang lang) {
  std::vector<std::string> lines;
  for (const std::string& id : cause.finding_ids()) {
    const v1::Finding* f = index.FindFinding(id);
    if (f == nullptr) continue;
    const std::string about = JoinLines({FindingSourceLabel(lang, f->source()), f->period()}, ", ");
    lines.push_back(about.empty() ? f->text() : f->text() + " (" + about + ")");
  }
  return JoinLines(lines);
}

Section AreaSection(const std::string& key, const Numbering& numbering, const Index& index,
                    Lang lang, std::vector<std::string>* sheets, Table* flat) {
  const Labels& words = LabelsFor(lang);
  const std::string area_name = index.AreaName(key);
  Section section{area_name, SheetName(area_name, sheets), {}};
  const Numbering::Area& area = numbering.AreaOf(key);

  if (area.causes.empty()) {
    section.blocks.push_back(Paragraph{words.no_causes});
  } else {
    Table causes{words.causes_table, {words.cause, words.findings}, {}};
    for (const Numbering::CauseGroup& group : area.causes) {
      causes.rows.push_back({Cell::Text(CauseHeading(*group.cause, words)),
                             Cell::Text(FindingsOf(*group.cause, index, lang))});
    }
    section.blocks.push_back(std::move(causes));
  }

  auto add_flat = [&](const std::vector<Cell>& row, const std::string& cause,
                      const v1::Measure& m) {
    std::vector<Cell> flat_row = {Cell::Text(area_name), Cell::Text(cause)};
    flat_row.insert(flat_row.end(), row.begin(), row.end());
    flat_row.push_back(Cell::Text(m.measure_id()));
    flat->rows.push_back(std::move(flat_row));
  };
  for (const Numbering::CauseGroup& group : area.causes) {
    const std::string heading = CauseHeading(*group.cause, words);
    if (group.measures.empty()) {
      section.blocks.push_back(Paragraph{
          heading + " – " + FlagLabel(lang, v1::TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE)});
      continue;
    }
    Table table{heading, MeasureColumns(words), {}};
    for (const Numbering::Listed& listed : group.measures) {
      table.rows.push_back(MeasureRow(listed, false, index, lang, words));
      add_flat(table.rows.back(), heading, *listed.measure);
    }
    section.blocks.push_back(std::move(table));
  }
  if (!area.without_cause.empty()) {
    Table table{
        FlagLabel(lang, v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE), MeasureColumns(words), {}};
    for (const Numbering::Listed& listed : area.without_cause) {
      table.rows.push_back(MeasureRow(listed, true, index, lang, words));
      add_flat(table.rows.back(), "", *listed.measure);
    }
    section.blocks.push_back(std::move(table));
  }
  return section;
}

// Counts per focus area and status, and the working groups.
Section Summary(const v1::PlanReport& report, const Index& index, Lang lang,
                std::vector<std::string>* sheets) {
  const Labels& words = LabelsFor(lang);
  Section summary{words.summary, SheetName(words.summary, sheets), {}};
  const v1::PlanOverview& overview = report.overview();
  if (!overview.municipality().empty()) {
    summary.blocks.push_back(
        Paragraph{std::string(words.municipality) + ": " + overview.municipality()});
  }
  Table counts{words.status_per_area, {words.focus_area}, {}};
  for (int s = v1::MEASURE_STATUS_PROPOSED; s <= v1::MEASURE_STATUS_WITHDRAWN; ++s) {
    counts.columns.push_back(StatusLabel(lang, s));
  }
  counts.columns.push_back(words.overdue);
  auto row = [](const std::string& label,
                const google::protobuf::RepeatedPtrField<v1::StatusCount>& by_status,
                uint64_t overdue) {
    std::vector<Cell> cells = {Cell::Text(label)};
    for (int s = v1::MEASURE_STATUS_PROPOSED; s <= v1::MEASURE_STATUS_WITHDRAWN; ++s) {
      uint64_t n = 0;
      for (const v1::StatusCount& c : by_status) {
        if (c.status() == s) n = c.count();
      }
      cells.push_back(Cell::Number(static_cast<double>(n)));
    }
    cells.push_back(Cell::Number(static_cast<double>(overdue)));
    return cells;
  };
  for (const v1::FocusAreaOverview& a : overview.focus_areas()) {
    counts.rows.push_back(row(index.AreaName(a.focus_area().key()), a.counts(), a.overdue()));
  }
  counts.rows.push_back(row(words.whole_plan, overview.counts(), overview.overdue()));
  summary.blocks.push_back(std::move(counts));

  if (!overview.working_groups().empty()) {
    Table groups{words.working_groups, {words.group, words.members, words.focus_area}, {}};
    for (const v1::WorkingGroup& g : overview.working_groups()) {
      std::vector<std::string> members;
      for (const std::string& id : g.agency_ids()) members.push_back(index.AgencyName(id));
      std::vector<std::string> areas;
      for (const std::string& key : g.focus_areas()) areas.push_back(index.AreaName(key));
      groups.rows.push_back(
          {Cell::Text(g.name()), Cell::Text(JoinLines(members)),
           Cell::Text(areas.empty() ? std::string(words.every_focus_area) : JoinLines(areas))});
    }
    summary.blocks.push_back(std::move(groups));
  }
  return summary;
}

}  // namespace

Document BuildPlan(const v1::PlanReport& report, Lang lang) {
  const Labels& words = LabelsFor(lang);
  const Index index(report);
  const Numbering numbering(report, index);
  Document document;
  document.lang = lang;
  SetTitle(report, words.plan_title, words, &document);
  std::vector<std::string> sheets;
  document.summary = Summary(report, index, lang, &sheets);
  document.flat.columns = {words.focus_area, words.cause};
  for (std::string& column : MeasureColumns(words)) document.flat.columns.push_back(column);
  document.flat.columns.push_back("Id");
  for (const v1::FocusAreaOverview& a : report.overview().focus_areas()) {
    document.sections.push_back(
        AreaSection(a.focus_area().key(), numbering, index, lang, &sheets, &document.flat));
  }
  return document;
}

}  // namespace trygg::report::internal
