#include "api/plan_report_source.h"

#include <absl/time/civil_time.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <optional>
#include <utility>

#include "api/store_status.h"
#include "trygg/domain/period.h"
#include "trygg/domain/streams.h"
#include "trygg/domain/today.h"
#include "trygg/domain/validate.h"
#include "trygg/eventstore/limits.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/events.pb.h"
#include "trygg/wire/wire.h"

namespace trygg::api {
namespace {

using google::protobuf::util::TimeUtil;

grpc::Status Invalid(std::string message) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::move(message));
}

grpc::Status NotFound(std::string message) {
  return grpc::Status(grpc::StatusCode::NOT_FOUND, std::move(message));
}

// Microseconds since the epoch of a checked Timestamp, rounded down: a time between two
// microseconds includes the record of the earlier one, which the log cannot tell apart from it.
int64_t MicrosOf(const google::protobuf::Timestamp& time) {
  return time.seconds() * 1'000'000 + time.nanos() / 1'000;
}

int64_t MicrosOf(eventstore::Timestamp time) { return time.time_since_epoch().count(); }

// The date `date` names; nullopt unless a real calendar date "YYYY-MM-DD" (domain::IsValidDate).
std::optional<absl::CivilDay> DayOf(std::string_view date) {
  absl::CivilDay day;
  if (!domain::IsValidDate(date) ||
      !absl::ParseCivilTime(absl::string_view(date.data(), date.size()), &day)) {
    return std::nullopt;
  }
  return day;
}

std::string Quoted(std::string_view id) { return "'" + std::string(id) + "'"; }

}  // namespace

grpc::Status CheckPlanReportRequest(const v1::GetPlanReportRequest& request) {
  if (grpc::Status id = domain::CheckId("plan_id", request.plan_id()); !id.ok()) return id;
  switch (request.as_of_case()) {
    case v1::GetPlanReportRequest::kPosition:
      if (request.position() == 0) return Invalid("as_of.position: positions start at 1");
      break;
    case v1::GetPlanReportRequest::kTime: {
      const google::protobuf::Timestamp& time = request.time();
      if (time.seconds() < TimeUtil::kTimestampMinSeconds ||
          time.seconds() > TimeUtil::kTimestampMaxSeconds || time.nanos() < 0 ||
          time.nanos() > 999'999'999) {
        return Invalid("as_of.time: not a time between 0001-01-01 and 9999-12-31");
      }
      break;
    }
    case v1::GetPlanReportRequest::kDate:
      if (!DayOf(request.date())) {
        return Invalid("as_of.date: '" + request.date() + "' is not a date YYYY-MM-DD");
      }
      break;
    case v1::GetPlanReportRequest::kAdoptedVersion:
      if (request.adopted_version() == 0) {
        return Invalid("as_of.adopted_version: adopted versions start at 1");
      }
      break;
    case v1::GetPlanReportRequest::AS_OF_NOT_SET: break;
  }
  if (!request.period().empty()) {
    if (domain::Result<domain::Period> period = domain::ParsePeriod(request.period());
        !period.ok()) {
      return period.status();
    }
  }
  if (request.page_size() > kMaxPlanReportPageSize) {
    return Invalid("page_size: at most " + std::to_string(kMaxPlanReportPageSize) +
                   " (0 means 200), not " + std::to_string(request.page_size()));
  }
  return grpc::Status::OK;
}

PlanReportSource::PlanReportSource(const eventstore::EventStore& store, absl::TimeZone zone)
    : store_(store), zone_(zone) {}

domain::Result<projections::ReportMoment> PlanReportSource::Resolve(
    const v1::GetPlanReportRequest& request, std::string_view current_date) const {
  const uint64_t head = store_.Head().position.value();
  uint64_t position = head;
  std::string today;
  switch (request.as_of_case()) {
    case v1::GetPlanReportRequest::kPosition:
      position = request.position();
      if (position > head) {
        return Invalid("as_of.position: " + std::to_string(position) +
                       " is beyond the log's head " + std::to_string(head));
      }
      break;
    case v1::GetPlanReportRequest::kTime: {
      const int64_t time_us = MicrosOf(request.time());
      domain::Result<uint64_t> last = LastAtOrBefore(time_us, head);
      if (!last.ok()) return last.status();
      position = *last;
      today = domain::LocalDate(eventstore::Timestamp(std::chrono::microseconds(time_us)), zone_);
      if (position == 0) {
        return NotFound("plan " + Quoted(request.plan_id()) + " did not exist at " +
                        TimeUtil::ToString(request.time()));
      }
      break;
    }
    case v1::GetPlanReportRequest::kDate: {
      const std::optional<absl::CivilDay> day = DayOf(request.date());
      assert(day.has_value());  // CheckPlanReportRequest
      domain::Result<uint64_t> last = LastAtOrBefore(domain::LastMicrosecondOf(*day, zone_), head);
      if (!last.ok()) return last.status();
      position = *last;
      today = request.date();
      if (position == 0) {
        return NotFound("plan " + Quoted(request.plan_id()) + " did not exist on " +
                        request.date());
      }
      break;
    }
    case v1::GetPlanReportRequest::kAdoptedVersion: {
      domain::Result<uint64_t> adoption = AdoptionOf(request.plan_id(), request.adopted_version());
      if (!adoption.ok()) return adoption.status();
      position = *adoption;
      break;
    }
    case v1::GetPlanReportRequest::AS_OF_NOT_SET:
      if (head == 0) return NotFound("no plan " + Quoted(request.plan_id()));
      today = std::string(current_date);
      break;
  }
  domain::Result<eventstore::RecordedEvent> record = Record(position);
  if (!record.ok()) return record.status();
  projections::ReportMoment moment;
  moment.position = position;
  moment.recorded_at_us = MicrosOf(record->recorded_at);
  moment.head_hash = eventstore::ToHex(record->hash);
  moment.today = today.empty() ? domain::LocalDate(record->recorded_at, zone_) : std::move(today);
  return moment;
}

domain::Result<std::vector<eventstore::RecordedEvent>> PlanReportSource::Read(
    std::string_view plan_id, std::span<const std::string> streams, uint64_t position) const {
  if (streams.empty()) return NotFound("no plan " + Quoted(plan_id));
  const std::string plan_stream = domain::PlanStream(plan_id);
  std::vector<eventstore::RecordedEvent> events;
  bool plan_existed = false;
  for (const std::string& stream : streams) {
    // A stream's versions are in position order: stop at the first event after the moment.
    uint64_t from = 1;
    for (;;) {
      eventstore::Result<std::vector<eventstore::RecordedEvent>> page =
          store_.ReadStream(stream, eventstore::StreamVersion(from), eventstore::kMaxReadEvents);
      if (!page.ok()) return FromStore(page.status());
      const std::size_t read = page->size();
      bool past = false;
      for (eventstore::RecordedEvent& event : *page) {
        if (event.position.value() > position) {
          past = true;
          break;
        }
        if (stream == plan_stream) plan_existed = true;
        events.push_back(std::move(event));
      }
      if (past || read < eventstore::kMaxReadEvents) break;
      from += read;
    }
  }
  if (!plan_existed) {
    return NotFound("plan " + Quoted(plan_id) + " did not exist at position " +
                    std::to_string(position));
  }
  std::sort(events.begin(), events.end(),
            [](const eventstore::RecordedEvent& a, const eventstore::RecordedEvent& b) {
              return a.position < b.position;
            });
  return events;
}

domain::Result<v1::PlanReport> PlanReportSource::Build(const v1::GetPlanReportRequest& request,
                                                       const projections::ReportMoment& moment,
                                                       std::span<const std::string> streams) const {
  domain::Result<std::vector<eventstore::RecordedEvent>> events =
      Read(request.plan_id(), streams, moment.position);
  if (!events.ok()) return events.status();
  std::vector<projections::EventView> views;
  views.reserve(events->size());
  for (const eventstore::RecordedEvent& event : *events) views.push_back(wire::ViewOf(event));
  return projections::BuildPlanReport(views, request, moment,
                                      [this](std::string_view date) { return StartOfDay(date); });
}

int64_t PlanReportSource::StartOfDay(std::string_view date) const {
  const std::optional<absl::CivilDay> day = DayOf(date);
  assert(day.has_value());  // BuildPlanReport passes a period's days, which are real dates
  return day ? absl::ToUnixMicros(absl::FromCivil(*day, zone_)) : 0;
}

domain::Result<uint64_t> PlanReportSource::LastAtOrBefore(int64_t time_us, uint64_t head) const {
  // Invariant: the answer is in [low, high]; position 0 stands for "before every record".
  uint64_t low = 0;
  uint64_t high = head;
  while (low < high) {
    const uint64_t middle = low + (high - low + 1) / 2;
    domain::Result<eventstore::RecordedEvent> record = Record(middle);
    if (!record.ok()) return record.status();
    if (MicrosOf(record->recorded_at) <= time_us) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

domain::Result<uint64_t> PlanReportSource::AdoptionOf(const std::string& plan_id,
                                                      uint32_t version) const {
  const std::string stream = domain::PlanStream(plan_id);
  const std::string adopted_type = v1::PlanAdopted::descriptor()->full_name();
  bool plan_exists = false;
  uint64_t from = 1;
  for (;;) {
    eventstore::Result<std::vector<eventstore::RecordedEvent>> page =
        store_.ReadStream(stream, eventstore::StreamVersion(from), eventstore::kMaxReadEvents);
    if (!page.ok()) return FromStore(page.status());
    plan_exists = plan_exists || !page->empty();
    for (const eventstore::RecordedEvent& event : *page) {
      if (event.type != adopted_type) continue;
      v1::PlanAdopted adopted;
      if (!adopted.ParseFromString(event.payload)) {
        return grpc::Status(grpc::StatusCode::INTERNAL, "the PlanAdopted event at position " +
                                                            std::to_string(event.position.value()) +
                                                            " does not parse");
      }
      if (adopted.version() == version) return event.position.value();
    }
    if (page->size() < eventstore::kMaxReadEvents) break;
    from += page->size();
  }
  if (!plan_exists) return NotFound("no plan " + Quoted(plan_id));
  return NotFound("plan " + Quoted(plan_id) + " has no adopted version " + std::to_string(version));
}

domain::Result<eventstore::RecordedEvent> PlanReportSource::Record(uint64_t position) const {
  eventstore::Result<std::vector<eventstore::RecordedEvent>> read =
      store_.ReadAll(eventstore::Position(position), 1);
  if (!read.ok()) return FromStore(read.status());
  if (read->empty()) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "record " + std::to_string(position) + " is missing from the log");
  }
  return std::move(read->front());
}

}  // namespace trygg::api
