#include "cli/views.h"

#include <algorithm>
#include <utility>

#include "cli/describe.h"
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
using client::PadToWidth;
using client::PriorityName;
using client::SanitizeLine;
using client::StatusName;
using client::Style;
using client::Styled;
using client::Table;

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

std::string Plural(uint64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "Label  value" lines, labels padded to the longest; rows with an empty value are left out.
class Details {
 public:
  void Add(std::string label, const std::string& value, Style style = Style::kPlain) {
    if (!value.empty()) rows_.push_back({std::move(label), SanitizeLine(value), style});
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

}  // namespace

std::string MeasureDetailText(const v1::Measure& m, const Terminal& terminal) {
  Details details;
  details.Add("Measure", m.measure_id());
  details.Add("Title", m.title());
  details.Add("Plan", m.plan_id() + ", focus area " + m.focus_area());
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
         "; " + std::to_string(plan.prioritised_unassigned()) +
         " prioritised, not yet assigned\n\n";

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
  return out + table.Render(terminal.width, terminal.colour);
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
  std::string out = CsvRecord(header);
  for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
    std::vector<std::string> record = {plan.plan_id(), area.focus_area().key(),
                                       area.focus_area().name()};
    for (v1::MeasureStatus status : kStatuses) {
      record.push_back(std::to_string(CountOf(area.counts(), status)));
    }
    record.push_back(std::to_string(area.overdue()));
    record.push_back(std::to_string(area.prioritised_unassigned()));
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
  if (status.measures_size() == 0) return out;
  std::vector<const v1::Measure*> measures;
  for (const v1::Measure& m : status.measures()) measures.push_back(&m);
  out +=
      "\n" + MeasureTable(measures, /*with_agency=*/false).Render(terminal.width, terminal.colour);
  if (static_cast<uint64_t>(status.measures_size()) < status.total_measures()) {
    out += "Showing the first " + std::to_string(status.measures_size()) + " of " +
           std::to_string(status.total_measures()) + "; see them all with 'trygg measures list " +
           "--agency " + SanitizeLine(agency.agency_id()) + "'\n";
  }
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
