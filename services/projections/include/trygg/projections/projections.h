// Projections: the read models of trygg, folded from the event log. One instance holds every
// measure's current view, the registered plans and agencies, indexes by agency (responsible and
// partner) and by plan, and per plan its picture: residents' input, findings, causes (with the
// measures linked to each), working groups, citizen promises, adoptions and the latest follow-up
// period.
//
// Pure fold: no I/O, no threads, no clock. The server feeds it from a subscription and the audit
// tool from a replay that stops at a chosen position; both pass "today" to queries, because
// `overdue` depends on the date and nothing else in here may read a clock.
//
// Thread safety: none. Projections is not internally synchronised; Apply and the queries must not
// run concurrently (the server wraps an instance in a reader/writer lock: Apply takes it
// exclusively, queries shared — the const queries do not mutate anything).
//
// Complexity (n = all measures, k = measures of one agency or plan, p = page size,
// d = distinct due dates of the open measures in the group before today, f = focus areas,
// r = partners of one measure, t = findings + causes of a plan (at most 600), u = the findings
// causes rest on, g = goals and follow-up parties of one measure):
//   Apply                O(1) expected per event, plus the payload parse; O((1 + r) log n) when
//                        the event changes what the indexes file the measure under (a progress
//                        report does not); O(log) in the plan's items for a plan event, in the
//                        measure's periods for a follow-up.
//   GetMeasure           O(1) expected (hashed by id).
//   ListMeasures         O((p + s) log n), s = candidates skipped by filters. Candidates come from
//                        the smallest index the filters allow: the agency's measures, the
//                        partner's, the plan's focus area's, the plan's, else all measures.
//   GetAgencyStatus      O(d + p log n): counts are kept current, not recounted; the same again for
//                        the partner measures.
//   GetPlanOverview      O(f (d + log n) + t + u + k (r + g)): the flags are judged per query,
//                        over the plan's own measures only.
//   GetSituationPicture  O(t log t + inputs), the plan's items only.
//   GetTraceability      O(t + u + k (r + g) + p log n).
//   GetFollowUpSummary   O(k (r + g) log), reading each of the plan's measures' follow-ups for
//                        the period (kept per measure by period and party).
//   GetWorkingGroupStatus O(k (r + members)) for the counts, plus the page.
// Memory: a v1::Measure per measure plus five index entries (and one per partner); measured at
// about 1.2 KB per assigned measure with typical ids, a one-line title and short notes (most of
// it protobuf's per-field string allocations), so 100,000 measures take about 120 MB. Goals,
// partners and follow-ups add their messages: a follow-up is kept in the view (the party's latest)
// and in the measure's history (the latest per period and party). A plan's items are bounded by
// the domain (300 inputs, findings and causes; 100 groups and promises). Nothing is ever erased:
// measures end completed or withdrawn, never deleted.
//
// Errors are grpc::Status (queries return a trygg::domain::Result), so a gRPC layer can return them
// as they are:
//   INVALID_ARGUMENT     a query is malformed (the message names the field); fix it.
//   NOT_FOUND            the agency or plan asked about does not exist.
//   FAILED_PRECONDITION  Apply was called out of position order: the caller's bug.
//   INTERNAL             the log contradicts itself (a payload that does not parse, an event for a
//                        measure that does not exist, a stream version gap, a plan event for a
//                        plan never created or an item recorded twice or never recorded). The log
//                        is hash-verified, so this is a bug in whatever wrote it; stop applying.
#pragma once

#include <grpcpp/support/status.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trygg/domain/result.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

namespace internal {
class ProjectionsState;
class ReportReader;
}  // namespace internal

class Projections {
 public:
  Projections();
  ~Projections();
  // A moved-from instance may only be assigned to or destroyed.
  Projections(Projections&&) noexcept;
  Projections& operator=(Projections&&) noexcept;
  Projections(const Projections&) = delete;
  Projections& operator=(const Projections&) = delete;

  // Folds one event. Events must come in log order: `event.position` must be greater than
  // applied_position(), else FAILED_PRECONDITION. Event types this build does not know are
  // ignored and counted (forward compatibility); one on the stream of a known measure still
  // advances that measure's version and updated_at, so Measure.version stays a valid
  // expected_version. A payload that does not parse, or an event that contradicts its stream
  // (measure unknown or proposed twice, stream id not "measure-<measure_id>", version not the
  // next one, plan or agency created twice; a plan event not on "plan-<plan_id>", for a plan never
  // created, recording an item id twice or changing one never recorded) is INTERNAL. References
  // across streams (a measure's plan and focus area, an assignment's agency, a linked cause, a
  // partner) are the domain's to check; the fold files whatever the log says, so a measure of an
  // unknown plan is listed but in no overview.
  // Positions need only increase, not be contiguous.
  //
  // On any error nothing changed, not even applied_position(). An INTERNAL error means the log
  // and this code disagree: the caller should stop applying and report it, not skip the event.
  [[nodiscard]] grpc::Status Apply(const EventView& event);

  // Position of the last event applied; 0 before the first.
  uint64_t applied_position() const;
  // Events of unknown types skipped so far, and by type (the first kMaxTrackedIgnoredTypes types).
  uint64_t ignored_events() const;
  const std::map<std::string, uint64_t, std::less<>>& ignored_types() const;

  // ---- Queries. `today` is the caller's date, "YYYY-MM-DD": a measure is overdue when its due
  // date is non-empty and before `today` and it is neither completed nor withdrawn. Every measure
  // a query returns has `overdue` and `changed_since_adoption` set for the moment of the query
  // (neither is stored: a date or a later adoption changes them without an event of the measure).

  // The measure's current view; nullopt when no such measure was proposed.
  std::optional<v1::Measure> GetMeasure(std::string_view measure_id, std::string_view today) const;

  // Measures matching every filter given (empty / UNSPECIFIED matches all; partner_agency_id
  // matches a measure with that agency among its current partners), ordered by id, at most
  // page_size (0 means kDefaultPageSize). The page token means "after this id", so paging stays
  // stable while measures are added: each matching measure that existed when paging started
  // appears exactly once, and no measure twice. INVALID_ARGUMENT, naming the field, for page_size >
  // kMaxPageSize, a status that is not a MeasureStatus, or a page_token this code did not issue.
  domain::Result<v1::ListMeasuresResponse> ListMeasures(const v1::ListMeasuresRequest& request,
                                                        std::string_view today) const;
  // The same, written into `out` (which must be empty and may live on a protobuf Arena, so a
  // server builds its reply without a heap allocation per field). On error `out` is unchanged.
  grpc::Status ListMeasures(const v1::ListMeasuresRequest& request, std::string_view today,
                            v1::ListMeasuresResponse& out) const;

  // What one agency is responsible for: counts per status (statuses with at least one measure, in
  // enum order), overdue count, total, and the first page_size measures (0 means
  // kDefaultPageSize): open ones by priority (HIGH, MEDIUM, LOW, unspecified), then due date
  // (earliest first, none last), then id; then completed and withdrawn ones by id. Apart from
  // them, in the same order and also at most page_size, the measures the agency is a current
  // partner in (partner_measures), and how many there are (total_partner_measures); the counts
  // and overdue are of its own measures only.
  // NOT_FOUND when the agency was never registered; INVALID_ARGUMENT for page_size > kMaxPageSize.
  domain::Result<v1::AgencyStatus> GetAgencyStatus(std::string_view agency_id, uint32_t page_size,
                                                   std::string_view today) const;
  // The same, serialised into `out` (replacing what it held): the bytes of that v1::AgencyStatus,
  // written straight from the stored measures without copying them into a message first, so a
  // server can send them as they are. On error `out` is unchanged.
  grpc::Status GetAgencyStatus(std::string_view agency_id, uint32_t page_size,
                               std::string_view today, std::string& out) const;

  // Counts per focus area (in the plan's order) and for the whole plan; the plan's totals also
  // count measures filed under a focus area the plan does not list. With them the adopted version
  // and latest adoption, how many measures changed since it, the traceability flag counts of the
  // whole plan for its latest period (as GetTraceability counts them), and the working groups and
  // citizen promises in the order they were formed and made. nullopt when no such plan.
  std::optional<v1::PlanOverview> GetPlanOverview(std::string_view plan_id,
                                                  std::string_view today) const;

  // ---- The whole plan. Each returns NOT_FOUND for a plan that was never created, and
  // INVALID_ARGUMENT naming the field for a focus_area the plan does not list, a malformed period,
  // a page_size above the bound or a page_token this code did not issue. The plan's "latest
  // period" is the latest (domain::PeriodBefore) period any follow-up of its measures was
  // recorded for that has begun by `today` (a follow-up recorded ahead, for a period still to
  // come, does not move it).

  // Per focus area (the plan's order; only request.focus_area when given): findings in the order
  // they were recorded, causes by number, and the residents' inputs recorded for the focus area or
  // cited by its findings; retired findings and causes only with include_retired. Inputs without a
  // focus area are general_inputs, also when a focus area is asked for.
  domain::Result<v1::SituationPicture> GetSituationPicture(
      const v1::GetSituationPictureRequest& request) const;

  // findings → causes → measures → goals → latest follow-up per party, with the flags of
  // status.proto's TraceabilityFlag. Findings and causes (not retired) are on every page; the
  // measures of the plan (or focus area) are paged by id across focus areas, page_size 1–1,000
  // (0 means 500), the token meaning "after this id" as ListMeasures'. counts cover every page.
  // NO_FOLLOW_UP is judged for request.period, else the plan's latest period; not at all while
  // there is none, nor for a requested period that begins after `today`.
  domain::Result<v1::Traceability> GetTraceability(const v1::GetTraceabilityRequest& request,
                                                   std::string_view today) const;

  // For request.period (required, as RecordFollowUpRequest.period): per agency (by id) and per
  // focus area (the plan's order) and for the whole plan, the health counts, hours and cost of
  // that period's follow-ups (the latest per measure and party); missing, the parties
  // (responsible agency and partners) of assigned or started measures without a follow-up for
  // the period; and the current goals of the measures followed up in the period or expected to
  // be, as met / not met by the value measured in the period, or not measured (counted for the
  // responsible agency).
  domain::Result<v1::FollowUpSummary> GetFollowUpSummary(
      const v1::GetFollowUpSummaryRequest& request) const;

  // A working group of a plan and the plan's measures whose responsible agency or a partner is a
  // member, within the group's focus areas (all when it lists none): counts, overdue and total
  // over all of them, and one page by id (page_size 1–500, 0 means 100; token as ListMeasures').
  // NOT_FOUND also for a group the plan does not have.
  domain::Result<v1::WorkingGroupStatus> GetWorkingGroupStatus(
      const v1::GetWorkingGroupStatusRequest& request, std::string_view today) const;

  // The streams a report on the plan folds (plan_report.h): "plan-<plan_id>", every measure stream
  // ever filed under the plan, and every registered agency's stream, in that order (measures and
  // agencies by id). A superset of what any past moment needs: a measure never leaves its plan and
  // nothing is ever erased. Empty when no such plan.
  std::vector<std::string> PlanReportStreams(std::string_view plan_id) const;

 private:
  // BuildPlanReport (plan_report.cc) reads what no query returns: each measure's follow-ups of
  // any period, the plan's followed-up periods and the registry of agencies.
  friend class internal::ReportReader;

  std::unique_ptr<internal::ProjectionsState> state_;
};

}  // namespace trygg::projections
