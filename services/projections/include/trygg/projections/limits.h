// Bounds on what one query returns. The API documents them in status.proto.
#pragma once

#include <cstddef>
#include <cstdint>

namespace trygg::projections {

// Largest page a query may ask for (ListMeasures, GetAgencyStatus, GetWorkingGroupStatus); more is
// INVALID_ARGUMENT.
inline constexpr uint32_t kMaxPageSize = 500;
// The page size used when a query asks for 0.
inline constexpr uint32_t kDefaultPageSize = 100;
// The same for GetTraceability's measures, which a plan review reads whole: a plan of up to 1,000
// measures fits one page.
inline constexpr uint32_t kMaxTracePageSize = 1000;
inline constexpr uint32_t kDefaultTracePageSize = 500;
// GetPlanReport's measures per page when a request asks for 0 (at most kMaxPageSize): a report
// carries every measure's full view, its traceability and follow-ups, so pages are smaller.
inline constexpr uint32_t kDefaultReportPageSize = 200;
// Followed-up periods a report summarises (PlanReport.follow_up_history), the latest ones: four
// years of tertials, three of quarters.
inline constexpr size_t kMaxReportPeriods = 12;
// Longest measure id a page token may carry. Stream ids are at most 200 bytes, so every real
// measure id fits; a longer token is malformed.
inline constexpr size_t kMaxPageTokenIdBytes = 256;
// Distinct unknown event types whose counts are kept by name; further types only add to the total.
inline constexpr size_t kMaxTrackedIgnoredTypes = 32;

}  // namespace trygg::projections
