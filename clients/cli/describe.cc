#include "cli/describe.h"

#include <google/protobuf/descriptor.h>

#include <ctime>
#include <map>

#include "common/names.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::cli {

using client::Align;
using client::Cell;
using client::Column;
using client::PriorityName;
using client::StatusName;
using client::StatusWords;
using client::Style;
using client::Table;

namespace {

namespace v1 = ::trygg::v1;

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

// ": text" when there is text, for the free-text part of a change.
std::string Colon(const std::string& text) { return text.empty() ? "" : ": " + text; }

}  // namespace

std::string CountsInWords(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts) {
  std::map<int, uint64_t> by_status;  // status order: proposed first, withdrawn last
  for (const v1::StatusCount& count : counts) by_status[count.status()] += count.count();
  std::string out;
  for (const auto& [status, count] : by_status) {
    if (count == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(count) + " " + StatusWords(status);
  }
  return out;
}

Table MeasureTable(const std::vector<const v1::Measure*>& measures, bool with_agency) {
  // Title, focus area and agency give up width to fit the terminal, the widest first: the title
  // down to 12 columns, the ids (still recognisable by their start) down to 10.
  std::vector<Column> columns = {{"ID"},
                                 {"FOCUS AREA", Align::kLeft, /*shrinks=*/true, 10},
                                 {"TITLE", Align::kLeft, /*shrinks=*/true, 12},
                                 {"PRIO"},
                                 {"STATUS"}};
  if (with_agency) columns.push_back({"AGENCY", Align::kLeft, /*shrinks=*/true, 10});
  columns.push_back({"DUE"});
  columns.push_back({"DONE", Align::kRight});
  columns.push_back({""});  // the overdue marker
  Table table(std::move(columns));
  for (const v1::Measure* m : measures) {
    Style status_style = Style::kPlain;
    if (m->status() == v1::MEASURE_STATUS_COMPLETED) status_style = Style::kGood;
    if (m->status() == v1::MEASURE_STATUS_WITHDRAWN) status_style = Style::kDim;
    // Percent done means something once the measure is someone's work.
    const bool has_progress = m->status() == v1::MEASURE_STATUS_ASSIGNED ||
                              m->status() == v1::MEASURE_STATUS_IN_PROGRESS ||
                              m->status() == v1::MEASURE_STATUS_COMPLETED;
    std::vector<Cell> row = {Cell(m->measure_id()), Cell(m->focus_area()), Cell(m->title()),
                             Cell(PriorityName(m->priority())),
                             Cell(StatusName(m->status()), status_style)};
    if (with_agency) row.emplace_back(m->responsible_agency_id());
    row.emplace_back(m->due_date());
    row.emplace_back(has_progress ? std::to_string(m->percent_complete()) + "%" : "");
    row.emplace_back(m->overdue() ? "OVERDUE" : "", Style::kAlert);
    table.AddRow(std::move(row));
  }
  return table;
}

std::vector<std::string> MeasureCsvHeader() {
  return {"measure_id",
          "plan_id",
          "focus_area",
          "title",
          "status",
          "priority",
          "responsible_agency_id",
          "due_date",
          "percent_complete",
          "overdue",
          "version"};
}

std::vector<std::string> MeasureCsvRecord(const v1::Measure& m) {
  return {m.measure_id(),
          m.plan_id(),
          m.focus_area(),
          m.title(),
          StatusName(m.status()),
          PriorityName(m.priority()),
          m.responsible_agency_id(),
          m.due_date(),
          std::to_string(m.percent_complete()),
          m.overdue() ? "true" : "false",
          std::to_string(m.version())};
}

std::string ShortType(const v1::Event& event) {
  const std::string& type = event.type();
  const std::size_t dot = type.rfind('.');
  return dot == std::string::npos ? type : type.substr(dot + 1);
}

std::string EventTime(const v1::Event& event) { return UtcTime(event.recorded_at().seconds()); }

std::string UtcTime(int64_t seconds_since_epoch) {
  if (seconds_since_epoch == 0) return "";
  const auto seconds = static_cast<std::time_t>(seconds_since_epoch);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return "";
  char buffer[32];
  if (std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0) return "";
  return buffer;
}

std::string DescribeChange(const v1::Event& event) {
  const google::protobuf::Any& payload = event.payload();
  if (v1::PlanCreated e; payload.Is<v1::PlanCreated>() && payload.UnpackTo(&e)) {
    std::string areas;
    for (const v1::FocusArea& area : e.focus_areas()) {
      areas += (areas.empty() ? "" : ", ") + area.key() + " (" + area.name() + ")";
    }
    return "created plan " + e.plan_id() + " " + Quoted(e.name()) + " for " + e.municipality() +
           "; focus areas " + areas;
  }
  if (v1::AgencyRegistered e; payload.Is<v1::AgencyRegistered>() && payload.UnpackTo(&e)) {
    return "registered agency " + e.agency_id() + " " + Quoted(e.name()) +
           (e.kind().empty() ? "" : " (" + e.kind() + ")");
  }
  if (v1::MeasureProposed e; payload.Is<v1::MeasureProposed>() && payload.UnpackTo(&e)) {
    return "proposed under " + e.plan_id() + "/" + e.focus_area() + ": " + Quoted(e.title());
  }
  if (v1::MeasurePrioritised e; payload.Is<v1::MeasurePrioritised>() && payload.UnpackTo(&e)) {
    return "priority set to " + PriorityName(e.priority()) + Colon(e.rationale());
  }
  if (v1::MeasureAssigned e; payload.Is<v1::MeasureAssigned>() && payload.UnpackTo(&e)) {
    return "assigned to " + e.agency_id() + ", due " + e.due_date() + Colon(e.note());
  }
  if (v1::MeasureStarted e; payload.Is<v1::MeasureStarted>() && payload.UnpackTo(&e)) {
    return "started";
  }
  if (v1::MeasureProgressReported e;
      payload.Is<v1::MeasureProgressReported>() && payload.UnpackTo(&e)) {
    return "progress " + std::to_string(e.percent_complete()) + "%" + Colon(e.note());
  }
  if (v1::MeasureCompleted e; payload.Is<v1::MeasureCompleted>() && payload.UnpackTo(&e)) {
    return "completed" + Colon(e.outcome());
  }
  if (v1::MeasureWithdrawn e; payload.Is<v1::MeasureWithdrawn>() && payload.UnpackTo(&e)) {
    return "withdrawn" + Colon(e.reason());
  }
  return "an event of type " + event.type() + " (this trygg does not know it; upgrade trygg)";
}

v1::Event PrintableEvent(const v1::Event& event) {
  v1::Event copy = event;
  const std::string& url = event.payload().type_url();
  const std::string name = url.substr(url.rfind('/') + 1);
  if (event.has_payload() &&
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(name) == nullptr) {
    copy.clear_payload();
  }
  return copy;
}

}  // namespace trygg::cli
