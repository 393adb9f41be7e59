#include "cli/views.h"

#include <algorithm>
#include <utility>

#include "cli/describe.h"
#include "cli/plan_views.h"
#include "common/csv.h"
#include "common/names.h"
#include "common/table.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::cli {

using client::Align;
using client::Cell;
using client::Column;
using client::CsvRecord;
using client::DisplayWidth;
using client::EnumWord;
using client::PadToWidth;
using client::PriorityName;
using client::SanitizeLine;
using client::StatusName;
using client::Style;
using client::Styled;
using client::Table;
using client::Vocabulary;

namespace {

namespace v1 = ::trygg::v1;

// Statuses in lifecycle order, for rows and columns that list every one.
constexpr v1::MeasureStatus kStatuses[] = {
    v1::MEASURE_STATUS_PROPOSED,    v1::MEASURE_STATUS_PRIORITISED, v1::MEASURE_STATUS_ASSIGNED,
    v1::MEASURE_STATUS_IN_PROGRESS, v1::MEASURE_STATUS_COMPLETED,   v1::MEASURE_STATUS_WITHDRAWN};

uint64_t CountOf(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts,
                 v1::MeasureStatus status) {
  uint64_t total = 0;
  for (const v1::StatusCount& count : counts) {
    if (count.status() == status) total += count.count();
  }
  return total;
}

uint64_t Total(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts) {
  uint64_t total = 0;
  for (const v1::StatusCount& count : counts) total += count.count();
  return total;
}

// "Label  value" lines, labels padded to the longest; rows with an empty value are left out.
class Details {
 public:
  void Add(std::string label, const std::string& value, Style style = Style::kPlain) {
    if (!value.empty()) rows_.push_back({std::move(label), SanitizeLine(value), style});
  }
  // One line per value, the label on the first only; nothing when there are none.
  void AddLines(const std::string& label, const std::vector<std::string>& values) {
    for (const std::string& value : values) Add(&value == values.data() ? label : "", value);
  }
  std::string Render(bool colour) const {
    std::size_t width = 0;
    for (const Row& row : rows_) width = std::max(width, DisplayWidth(row.label));
    std::string out;
    for (const Row& row : rows_) {
      out += PadToWidth(row.label, width + 2, Align::kLeft) + Styled(row.value, row.style, colour) +
             "\n";
    }
    return out;
  }

 private:
  struct Row {
    std::string label;
    std::string value;
    Style style;
  };
  std::vector<Row> rows_;
};

// The plan's latest adoption and what changed since, or that it was never adopted.
std::string AdoptionText(const v1::PlanOverview& plan) {
  if (plan.adopted_version() == 0) return "Not adopted yet\n";
  const v1::PlanAdoption& a = plan.latest_adoption();
  std::string out =
      SanitizeLine("Adopted: version " + std::to_string(plan.adopted_version()) + " by " +
                   a.adopted_by() + " on " + a.decision_date() + " (" + a.reference() + ")" +
                   (a.signatories().empty() ? "" : ", signed by " + Join(a.signatories()))) +
      "\n";
  return out + Plural(plan.changed_since_adoption(), "measure", "measures") +
         " changed since the adoption\n";
}

// An agency's measures, responsible or partner, as a table after a blank line; with a pointer to
// the list command when the status holds only the first of them.
std::string AgencyMeasuresText(const google::protobuf::RepeatedPtrField<v1::Measure>& list,
                               uint64_t total, bool partner, const std::string& agency_id,
                               const Terminal& terminal) {
  if (list.empty()) return "";
  std::vector<const v1::Measure*> measures;
  for (const v1::Measure& m : list) measures.push_back(&m);
  // Another agency is responsible for a partner measure: that column says which.
  std::string out = partner ? "\nAs partner (another agency is responsible)\n" : "\n";
  out += MeasureTable(measures, /*with_agency=*/partner).Render(terminal.width, terminal.colour);
  if (static_cast<uint64_t>(list.size()) < total) {
    out += "Showing the first " + std::to_string(list.size()) + " of " + std::to_string(total) +
           "; see them all with 'trygg measures list " + (partner ? "--partner " : "--agency ") +
           SanitizeLine(agency_id) + "'\n";
  }
  return out;
}

}  // namespace

std::string MeasureDetailText(const v1::Measure& m, const Terminal& terminal) {
  Details details;
  details.Add("Measure", m.measure_id());
  details.Add("Title", m.title());
  details.Add("Plan", m.plan_id() + ", focus area " + m.focus_area());
  if (m.plan_version() > 0 || m.changed_since_adoption()) {
    details.Add("Adoption", Join({m.plan_version() > 0
                                      ? "follows plan version " + std::to_string(m.plan_version())
                                      : "",
                                  m.changed_since_adoption() ? "changed since the adoption" : ""}));
  }
  std::string status = StatusName(m.status());
  if (m.status() == v1::MEASURE_STATUS_IN_PROGRESS || m.status() == v1::MEASURE_STATUS_ASSIGNED) {
    status += ", " + std::to_string(m.percent_complete()) + "% done";
  }
  details.Add("Status", status);
  if (m.overdue()) details.Add("Overdue", "OVERDUE: due " + m.due_date(), Style::kAlert);
  details.Add("Priority", PriorityName(m.priority()));
  if (!m.responsible_agency_id().empty()) {
    details.Add("Responsible",
                m.responsible_agency_id() + (m.due_date().empty() ? "" : ", due " + m.due_date()));
  }
  std::vector<std::string> partners;
  for (const v1::Partner& partner : m.partners()) {
    partners.push_back(partner.agency_id() +
                       (partner.commitment().empty() ? "" : ": " + partner.commitment()));
  }
  details.AddLines("Partners", partners);
  details.Add("Causes", Join(m.cause_ids()));
  details.Add(
      "Kind",
      Join({EnumWord(Vocabulary::kMeasureKind, m.kind()), EnumWord(Vocabulary::kEffort, m.effort()),
            m.expected_effect() == v1::EXPECTED_EFFECT_UNSPECIFIED
                ? ""
                : EnumWord(Vocabulary::kExpectedEffect, m.expected_effect()) + " effect"}));
  std::vector<std::string> goals;
  for (const v1::OperationalGoal& goal : m.goals()) {
    goals.push_back(goal.goal_id() + ": " + GoalTarget(goal) + "; latest " + GoalLatest(goal));
  }
  details.AddLines("Goals", goals);
  std::vector<std::string> follow_ups;
  for (const v1::FollowUp& f : m.latest_follow_ups()) {
    follow_ups.push_back(f.party() + " (" + f.period() + "): " + FollowUpFigures(f));
  }
  details.AddLines("Follow-up", follow_ups);
  details.Add("Last note", m.last_note());
  details.Add("Outcome", m.outcome());
  details.Add("Withdrawn", m.withdrawal_reason());
  details.Add("Description", m.description());
  details.Add(
      "Proposed by",
      m.proposed_by() + (m.has_created_at() ? ", " + UtcTime(m.created_at().seconds()) : ""));
  details.Add("Updated", m.has_updated_at() ? UtcTime(m.updated_at().seconds()) : "");
  details.Add("Version", std::to_string(m.version()) + " (for --expected-version)");
  return details.Render(terminal.colour);
}

std::string HistoryText(const std::vector<v1::Event>& events, const Terminal& terminal) {
  // What changed is the point of a history: that last column is never shortened (a long note
  // wraps), and the event type, which it repeats in words, is left to json and csv.
  Table table({{"VERSION", Align::kRight}, {"TIME"}, {"BY"}, {"AGENCY"}, {"CHANGE"}});
  for (const v1::Event& e : events) {
    table.AddRow(
        {std::to_string(e.version()), EventTime(e), e.principal(), e.agency(), DescribeChange(e)});
  }
  return table.Render(terminal.width, terminal.colour);
}

std::string EventCsvHeader() {
  return CsvRecord({"position", "stream_id", "version", "recorded_at", "principal", "agency",
                    "type", "change", "command_id"});
}

std::string EventCsvRecord(const v1::Event& e) {
  return CsvRecord({std::to_string(e.position()), e.stream_id(), std::to_string(e.version()),
                    EventTime(e), e.principal(), e.agency(), e.type(), DescribeChange(e),
                    e.command_id()});
}

std::string HistoryCsv(const std::vector<v1::Event>& events) {
  std::string out = EventCsvHeader();
  for (const v1::Event& e : events) out += EventCsvRecord(e);
  return out;
}

std::string EventLine(const v1::Event& e) {
  return SanitizeLine(std::to_string(e.position()) + " " + EventTime(e) + " " + e.stream_id() +
                      " v" + std::to_string(e.version()) + " " + ShortType(e) + " by " +
                      e.principal() + (e.agency().empty() ? "" : " (" + e.agency() + ")") + ": " +
                      DescribeChange(e));
}

std::string PlanOverviewText(const v1::PlanOverview& plan, const Terminal& terminal) {
  std::string out =
      SanitizeLine(plan.name() + " (" + plan.plan_id() + "), " + plan.municipality()) + "\n";
  std::string areas;
  for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
    areas += (areas.empty() ? "" : ", ") + area.focus_area().key() + " (" +
             area.focus_area().name() + ")";
  }
  out += SanitizeLine("Focus areas: " + areas) + "\n";
  const uint64_t total = Total(plan.counts());
  std::string summary = Plural(total, "measure", "measures");
  if (total > 0) summary += ": " + CountsInWords(plan.counts());
  out += SanitizeLine(summary) + "\n" +
         Styled(std::to_string(plan.overdue()) + " overdue",
                plan.overdue() > 0 ? Style::kAlert : Style::kPlain, terminal.colour) +
         "; " + std::to_string(plan.prioritised_unassigned()) + " prioritised, not yet assigned\n" +
         AdoptionText(plan) + "\n";

  std::vector<Column> columns = {{""}};
  for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
    columns.push_back({area.focus_area().key(), Align::kRight});
  }
  columns.push_back({"TOTAL", Align::kRight});
  Table table(std::move(columns));
  for (v1::MeasureStatus status : kStatuses) {
    std::vector<Cell> row = {Cell(StatusName(status))};
    for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
      row.emplace_back(std::to_string(CountOf(area.counts(), status)));
    }
    row.emplace_back(std::to_string(CountOf(plan.counts(), status)));
    table.AddRow(std::move(row));
  }
  std::vector<Cell> overdue = {Cell("OVERDUE")};
  std::vector<Cell> unassigned = {Cell("PRIORITISED, UNASSIGNED")};
  auto alert = [](uint64_t n) {
    return Cell(std::to_string(n), n > 0 ? Style::kAlert : Style::kPlain);
  };
  for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
    overdue.push_back(alert(area.overdue()));
    unassigned.emplace_back(std::to_string(area.prioritised_unassigned()));
  }
  overdue.push_back(alert(plan.overdue()));
  unassigned.emplace_back(std::to_string(plan.prioritised_unassigned()));
  table.AddRow(std::move(overdue));
  table.AddRow(std::move(unassigned));
  out +=
      table.Render(terminal.width, terminal.colour) + "\n" + FlagCountsText(plan.flags(), terminal);
  if (!plan.working_groups().empty()) {
    Table groups({{"GROUP"},
                  {"NAME", Align::kLeft, /*shrinks=*/true, 12},
                  {"MEMBERS", Align::kLeft, /*shrinks=*/true, 12},
                  {"FOCUS AREAS"}});
    for (const v1::WorkingGroup& g : plan.working_groups()) {
      groups.AddRow({g.group_id(), g.name(), Join(g.agency_ids()),
                     g.focus_areas().empty() ? "every focus area" : Join(g.focus_areas())});
    }
    out += "\nWorking groups\n" + groups.Render(terminal.width, terminal.colour);
  }
  if (!plan.citizen_promises().empty()) {
    Table promises({{"PROMISE"},
                    {"VALID"},
                    {"MEASURES", Align::kLeft, /*shrinks=*/true, 10},
                    {"SIGNED BY", Align::kLeft, /*shrinks=*/true, 12},
                    {"TEXT"}});
    for (const v1::CitizenPromise& p : plan.citizen_promises()) {
      const std::string ended =
          p.ended() ? "ENDED" + (p.end_reason().empty() ? "" : " (" + p.end_reason() + ")") + ": "
                    : "";
      promises.AddRow({p.promise_id(), p.valid_from() + "–" + p.valid_to(), Join(p.measure_ids()),
                       Join(p.signatories()),
                       Cell(ended + p.text(), p.ended() ? Style::kDim : Style::kPlain)});
    }
    out += "\nCitizen promises\n" + promises.Render(terminal.width, terminal.colour);
  }
  return out;
}

std::string PlanOverviewCsv(const v1::PlanOverview& plan) {
  std::vector<std::string> header = {"plan_id", "focus_area", "name"};
  for (v1::MeasureStatus status : kStatuses) {
    std::string name = StatusName(status);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    header.push_back(name);
  }
  header.push_back("overdue");
  header.push_back("prioritised_unassigned");
  header.push_back("adopted_version");         // the plan's, on every record
  header.push_back("changed_since_adoption");  // likewise
  std::string out = CsvRecord(header);
  for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
    std::vector<std::string> record = {plan.plan_id(), area.focus_area().key(),
                                       area.focus_area().name()};
    for (v1::MeasureStatus status : kStatuses) {
      record.push_back(std::to_string(CountOf(area.counts(), status)));
    }
    record.push_back(std::to_string(area.overdue()));
    record.push_back(std::to_string(area.prioritised_unassigned()));
    record.push_back(std::to_string(plan.adopted_version()));
    record.push_back(std::to_string(plan.changed_since_adoption()));
    out += CsvRecord(record);
  }
  return out;
}

std::string AgencyStatusText(const v1::AgencyStatus& status, const Terminal& terminal) {
  const v1::Agency& agency = status.agency();
  std::string out = SanitizeLine(agency.name() + " (" + agency.agency_id() +
                                 (agency.kind().empty() ? "" : ", " + agency.kind()) + ")") +
                    "\n";
  std::string summary = Plural(status.total_measures(), "measure", "measures");
  if (status.total_measures() > 0) summary += ": " + CountsInWords(status.counts());
  out += SanitizeLine(summary) + "; " +
         Styled(std::to_string(status.overdue()) + " overdue",
                status.overdue() > 0 ? Style::kAlert : Style::kPlain, terminal.colour) +
         "\n";
  if (status.total_partner_measures() > 0) {
    out += "Partner in " + Plural(status.total_partner_measures(), "measure", "measures") +
           " of other agencies\n";
  }
  out += AgencyMeasuresText(status.measures(), status.total_measures(), /*partner=*/false,
                            agency.agency_id(), terminal);
  out += AgencyMeasuresText(status.partner_measures(), status.total_partner_measures(),
                            /*partner=*/true, agency.agency_id(), terminal);
  return out;
}

std::string AgencyMeasuresCsv(const v1::AgencyStatus& status) {
  std::vector<std::string> header = MeasureCsvHeader();
  header.push_back("role");
  std::string out = CsvRecord(header);
  auto add = [&out](const v1::Measure& m, const char* role) {
    std::vector<std::string> record = MeasureCsvRecord(m);
    record.push_back(role);
    out += CsvRecord(record);
  };
  for (const v1::Measure& m : status.measures()) add(m, "responsible");
  for (const v1::Measure& m : status.partner_measures()) add(m, "partner");
  return out;
}

std::string AgencyCsv(const v1::AgencyStatus& status) {
  return CsvRecord({"agency_id", "name", "kind", "total_measures", "overdue"}) +
         CsvRecord({status.agency().agency_id(), status.agency().name(), status.agency().kind(),
                    std::to_string(status.total_measures()), std::to_string(status.overdue())});
}

std::string MeasuresText(const std::vector<const v1::Measure*>& measures, bool with_agency,
                         const Terminal& terminal) {
  if (measures.empty()) return "No measures.\n";
  return MeasureTable(measures, with_agency).Render(terminal.width, terminal.colour);
}

std::string MeasuresCsv(const std::vector<const v1::Measure*>& measures) {
  std::string out = CsvRecord(MeasureCsvHeader());
  for (const v1::Measure* m : measures) out += CsvRecord(MeasureCsvRecord(*m));
  return out;
}

}  // namespace trygg::cli
