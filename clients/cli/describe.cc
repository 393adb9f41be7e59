#include "cli/describe.h"

#include <google/protobuf/descriptor.h>

#include <ctime>
#include <map>
#include <optional>
#include <variant>

#include "common/names.h"
#include "common/text.h"
#include "trygg/domain/event.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::cli {

using client::Align;
using client::Cell;
using client::Column;
using client::EnumName;
using client::EnumWord;
using client::PriorityName;
using client::StatusName;
using client::StatusWords;
using client::Style;
using client::Table;
using client::Vocabulary;

namespace {

namespace v1 = ::trygg::v1;

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

// ": text" when there is text, for the free-text part of a change.
std::string Colon(const std::string& text) { return text.empty() ? "" : ": " + text; }

// `prefix` and the ids joined by ", ", or "" when there are none.
std::string Listed(const std::string& prefix,
                   const google::protobuf::RepeatedPtrField<std::string>& ids) {
  return ids.empty() ? "" : prefix + Join(ids);
}

// " under plan/focus-area", or " under plan" for something that concerns the whole plan.
std::string Under(const std::string& plan_id, const std::string& focus_area) {
  return " under " + plan_id + (focus_area.empty() ? "" : "/" + focus_area);
}

// "20 %", "12 antal", or "20" without a unit.
std::string WithUnit(double value, const std::string& unit) {
  return client::PlainNumber(value) + (unit.empty() ? "" : " " + unit);
}

// A goal's indicator, baseline, target and date, from its event or its state (the same fields).
template <class Goal>
std::string Target(const Goal& goal) {
  return goal.indicator() + " from " + WithUnit(goal.baseline(), goal.unit()) + " to " +
         WithUnit(goal.target(), goal.unit()) + " by " + goal.by_date();
}

// A follow-up's health, hours, cost, measured values and comment, from its event or its state.
template <class FollowUp>
std::string Figures(const FollowUp& f) {
  std::vector<std::string> values;
  for (const v1::IndicatorValue& value : f.values()) {
    values.push_back(value.goal_id() + " = " + client::PlainNumber(value.value()));
  }
  return Join({EnumName(Vocabulary::kHealth, f.health()),
               f.hours() > 0 ? client::PlainNumber(f.hours()) + " h" : "",
               f.cost_sek() > 0 ? std::to_string(f.cost_sek()) + " SEK" : "", Join(values)}) +
         Colon(f.comment());
}

// A working group's members and focus areas, as its events hold them.
std::string GroupMembers(const google::protobuf::RepeatedPtrField<std::string>& members,
                         const google::protobuf::RepeatedPtrField<std::string>& focus_areas) {
  return Listed("; members ", members) +
         (focus_areas.empty() ? "; every focus area" : Listed("; focus areas ", focus_areas));
}

}  // namespace

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  return client::JoinNonEmpty(parts, separator);
}

std::string Join(const google::protobuf::RepeatedPtrField<std::string>& parts) {
  return Join(std::vector<std::string>(parts.begin(), parts.end()));
}

std::string Plural(uint64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string GoalTarget(const v1::OperationalGoal& goal) { return Target(goal); }

std::string GoalLatest(const v1::OperationalGoal& goal) {
  if (!goal.has_latest_value()) return "not measured yet";
  return WithUnit(goal.latest_value(), goal.unit()) + " (" + goal.latest_value_period() + "), " +
         (goal.met() ? "met" : "not met");
}

std::string FollowUpFigures(const v1::FollowUp& follow_up) { return Figures(follow_up); }

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
std::string Describe(const v1::ResidentInputRecorded& e) {
  std::vector<std::string> about = {EnumWord(Vocabulary::kInputChannel, e.channel()), e.area(),
                                    e.received_on()};
  if (e.people() > 0) about.push_back(Plural(e.people(), "person", "people"));
  return "recorded residents' input " + e.input_id() + Under(e.plan_id(), e.focus_area()) + " (" +
         Join(about) + ")" + Colon(e.summary());
}
std::string Describe(const v1::FindingRecorded& e) {
  return "recorded finding " + e.finding_id() + Under(e.plan_id(), e.focus_area()) + " (" +
         Join({EnumWord(Vocabulary::kFindingSource, e.source()), e.period(), e.area()}) + ")" +
         Colon(e.text()) + Listed("; cites ", e.input_ids());
}
std::string Describe(const v1::FindingRevised& e) {
  return "revised finding " + e.finding_id() + Colon(e.text()) + Listed("; cites ", e.input_ids());
}
std::string Describe(const v1::FindingRetired& e) {
  return "retired finding " + e.finding_id() + Colon(e.reason());
}
std::string Describe(const v1::CauseIdentified& e) {
  return "identified cause " + std::to_string(e.number()) + " (" + e.cause_id() + ")" +
         Under(e.plan_id(), e.focus_area()) + Colon(e.text()) +
         Listed("; rests on ", e.finding_ids());
}
std::string Describe(const v1::CauseRevised& e) {
  return "revised cause " + e.cause_id() + Colon(e.text()) + Listed("; rests on ", e.finding_ids());
}
std::string Describe(const v1::CauseRetired& e) {
  return "retired cause " + e.cause_id() + Colon(e.reason());
}
std::string Describe(const v1::MeasureLinkedToCause& e) {
  return "linked to cause " + e.cause_id();
}
std::string Describe(const v1::MeasureUnlinkedFromCause& e) {
  return "unlinked from cause " + e.cause_id() + Colon(e.reason());
}
std::string Describe(const v1::OperationalGoalSet& e) {
  return "goal " + e.goal_id() + " set: " + Target(e);
}
std::string Describe(const v1::OperationalGoalRetired& e) {
  return "goal " + e.goal_id() + " retired" + Colon(e.reason());
}
std::string Describe(const v1::PartnerAdded& e) {
  return "partner " + e.agency_id() + " added" + Colon(e.commitment());
}
std::string Describe(const v1::PartnerRemoved& e) {
  return "partner " + e.agency_id() + " removed" + Colon(e.reason());
}
std::string Describe(const v1::FollowUpRecorded& e) {
  return "follow-up " + e.period() + " by " + e.party() + ": " + Figures(e);
}
std::string Describe(const v1::WorkingGroupFormed& e) {
  return "formed working group " + e.group_id() + " " + Quoted(e.name()) +
         GroupMembers(e.agency_ids(), e.focus_areas());
}
std::string Describe(const v1::WorkingGroupChanged& e) {
  return "changed working group " + e.group_id() + " " + Quoted(e.name()) +
         GroupMembers(e.agency_ids(), e.focus_areas());
}
std::string Describe(const v1::CitizenPromiseMade& e) {
  return "made citizen promise " + e.promise_id() + ", valid " + e.valid_from() + " to " +
         e.valid_to() + Listed(", signed by ", e.signatories()) +
         Listed(", fulfilled by ", e.measure_ids()) + ": " + Quoted(e.text());
}
std::string Describe(const v1::CitizenPromiseEnded& e) {
  return "ended citizen promise " + e.promise_id() + Colon(e.reason());
}
std::string Describe(const v1::PlanAdopted& e) {
  return "adopted as plan version " + std::to_string(e.version()) + " by " + e.adopted_by() +
         " on " + e.decision_date() + " (" + e.reference() + ")" +
         Listed(", signed by ", e.signatories());
}

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
