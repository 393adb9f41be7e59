// PlanReportSource: the event store side of StatusService.GetPlanReport (status.proto). It
// resolves the moment a request names against the log, reads the plan's own streams up to that
// moment and hands them to projections::BuildPlanReport, the fold the live projections and
// trygg-audit share (docs/reports.md, "As of any moment", says why the plan's streams suffice).
//
// The moment (GetPlanReportRequest.as_of):
//   position P         P itself (1 … head); "today" is the date record P was recorded;
//   time T             the last record committed at or before T (commit times never decrease
//                      along the log, so a binary search over positions finds it); "today" is
//                      T's date;
//   date D             every record committed before the midnight that ends D; "today" is D;
//   adopted_version N  the plan's PlanAdopted event of version N; "today" is its date;
//   absent             the log's head; "today" is the caller's current date.
// Dates are in the server's time zone (domain::Today). The reply's head hash is record P's
// stored hash, which is what EventLogService.GetHead said while P was the head.
//
// Nothing in a report depends on anything after its moment (the reads stop at P, "today" comes
// from the moment), so a report of a past moment is the same bytes whenever it is produced.
//
// Thread safety: every method is const and may be called from any thread; the store must outlive
// the source. Each call reads the store synchronously on the calling thread: a few dozen single
// record reads to resolve a time, then one plan's streams (bounded: a plan's events, its measures'
// and the agencies').
#pragma once

#include <absl/time/time.h>
#include <grpcpp/support/status.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trygg/domain/result.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/projections/plan_report.h"
#include "trygg/v1/status.pb.h"

namespace trygg::api {

// The fields of `request` that need no log to judge: plan_id (an id), the as_of fields (position
// and adopted_version at least 1, a real date, a time within 0001–9999), period (domain/period.h)
// and page_size (at most kMaxPlanReportPageSize). OK, or INVALID_ARGUMENT naming the field.
[[nodiscard]] grpc::Status CheckPlanReportRequest(const v1::GetPlanReportRequest& request);

inline constexpr uint32_t kMaxPlanReportPageSize = 500;

class PlanReportSource {
 public:
  // `zone`: the server's time zone, where dates begin and end.
  PlanReportSource(const eventstore::EventStore& store, absl::TimeZone zone);

  // The moment request.as_of names, with `current_date` ("YYYY-MM-DD") as "today" of the head.
  // INVALID_ARGUMENT "as_of.position: …" for a position beyond the head; NOT_FOUND for a plan
  // without the adopted version asked for (or no such plan), or a time or date before the first
  // record. A request CheckPlanReportRequest passed.
  [[nodiscard]] domain::Result<projections::ReportMoment> Resolve(
      const v1::GetPlanReportRequest& request, std::string_view current_date) const;

  // The events of `streams` (Projections::PlanReportStreams of request.plan_id) up to and
  // including moment.position, in position order. NOT_FOUND "plan X did not exist at position P"
  // when the plan's stream has no event by then (or "no plan X" when `streams` is empty).
  [[nodiscard]] domain::Result<std::vector<eventstore::RecordedEvent>> Read(
      std::string_view plan_id, std::span<const std::string> streams, uint64_t position) const;

  // Read, then projections::BuildPlanReport of those events.
  [[nodiscard]] domain::Result<v1::PlanReport> Build(const v1::GetPlanReportRequest& request,
                                                     const projections::ReportMoment& moment,
                                                     std::span<const std::string> streams) const;

  // The instant local midnight begins `date` ("YYYY-MM-DD") in the zone, in microseconds since
  // the Unix epoch: BuildPlanReport's StartOfDay.
  [[nodiscard]] int64_t StartOfDay(std::string_view date) const;

 private:
  // The last position whose record was committed at or before `time_us` (0 when none), by binary
  // search over 1 … head.
  domain::Result<uint64_t> LastAtOrBefore(int64_t time_us, uint64_t head) const;
  // The position of the plan's PlanAdopted event of `version`.
  domain::Result<uint64_t> AdoptionOf(const std::string& plan_id, uint32_t version) const;
  // Record `position` (1 … head).
  domain::Result<eventstore::RecordedEvent> Record(uint64_t position) const;

  const eventstore::EventStore& store_;
  absl::TimeZone zone_;
};

}  // namespace trygg::api
