// Follow-up periods: the one rule for what a period is, which the domain (RecordFollowUp), the
// projections ("the latest period") and the clients read.
//
// A period is one of
//   "2026"                   the year
//   "2026-T1" .. "2026-T3"   tertials: January–April, May–August, September–December
//   "2026-Q1" .. "2026-Q4"   quarters
//   "2026-H1", "2026-H2"     halves
//   "2026-09-01/2026-12-31"  a date range, first day <= last day, at most kMaxPeriodDays days
// with a year 0001..9999 and real calendar dates. The letters T, Q and H may be given in lower
// case; the canonical form has them in upper case. A date range is canonical as written, even
// when it spans exactly a named period ("2026-01-01/2026-03-31" is not "2026-Q1").
#pragma once

#include <string>
#include <string_view>

#include "trygg/domain/result.h"

namespace trygg::domain {

struct Period {
  std::string canonical;  // e.g. "2026-T3"
  std::string first_day;  // "YYYY-MM-DD", the period's first day
  std::string last_day;   // "YYYY-MM-DD", its last day (included)
};

// The period `text` names, or INVALID_ARGUMENT whose message starts with "period" and says which
// forms are accepted. Pure; thread-safe.
[[nodiscard]] Result<Period> ParsePeriod(std::string_view text);

// A strict weak order of periods: by last day, then first day, then canonical text (so only equal
// periods are equivalent). "The latest period" is the greatest: of periods ending on the same
// day, the one that starts last, e.g. "2026-T2" < "2026" < "2026-H2" < "2026-Q4".
[[nodiscard]] bool PeriodBefore(const Period& a, const Period& b) noexcept;

}  // namespace trygg::domain
