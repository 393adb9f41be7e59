#include "cli/describe.h"

#include <google/protobuf/descriptor.h>

#include <ctime>
#include <map>
#include <optional>
#include <variant>

#include "common/names.h"
#include "trygg/domain/event.h"
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

namespace {

// The one-line change of each event type: an overload per alternative of domain::DomainEvent.
std::string Describe(const v1::PlanCreated& e) {
  std::string areas;
  for (const v1::FocusArea& area : e.focus_areas()) {
    areas += (areas.empty() ? "" : ", ") + area.key() + " (" + area.name() + ")";
  }
  return "created plan " + e.plan_id() + " " + Quoted(e.name()) + " for " + e.municipality() +
         "; focus areas " + areas;
}
std::string Describe(const v1::AgencyRegistered& e) {
  return "registered agency " + e.agency_id() + " " + Quoted(e.name()) +
         (e.kind().empty() ? "" : " (" + e.kind() + ")");
}
std::string Describe(const v1::MeasureProposed& e) {
  return "proposed under " + e.plan_id() + "/" + e.focus_area() + ": " + Quoted(e.title());
}
std::string Describe(const v1::MeasurePrioritised& e) {
  return "priority set to " + PriorityName(e.priority()) + Colon(e.rationale());
}
std::string Describe(const v1::MeasureAssigned& e) {
  return "assigned to " + e.agency_id() + ", due " + e.due_date() + Colon(e.note());
}
std::string Describe(const v1::MeasureStarted& /*e*/) { return "started"; }
std::string Describe(const v1::MeasureProgressReported& e) {
  return "progress " + std::to_string(e.percent_complete()) + "%" + Colon(e.note());
}
std::string Describe(const v1::MeasureCompleted& e) { return "completed" + Colon(e.outcome()); }
std::string Describe(const v1::MeasureWithdrawn& e) { return "withdrawn" + Colon(e.reason()); }

// The description of `payload` if it unpacks as the I-th alternative of DomainEvent, the one
// list of event types (event.h), or a later one; nullopt if none. A new event type without a
// Describe overload above does not compile.
template <std::size_t I = 0>
std::optional<std::string> DescribeAs(const google::protobuf::Any& payload) {
  if constexpr (I == std::variant_size_v<domain::DomainEvent>) {
    return std::nullopt;
  } else {
    using Message = std::variant_alternative_t<I, domain::DomainEvent>;
    if (Message e; payload.Is<Message>() && payload.UnpackTo(&e)) return Describe(e);
    return DescribeAs<I + 1>(payload);
  }
}

}  // namespace

std::string DescribeChange(const v1::Event& event) {
  if (std::optional<std::string> change = DescribeAs(event.payload())) return *change;
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
