// `trygg-audit replay`: the projections as they stood at a chosen moment, rebuilt by folding the
// log with trygg::projections — the very code trygg-server folds with (ProjectionHost), so the
// audit has no second copy of the rules.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/as_of.h"
#include "audit/log_source.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/projections/projections.h"

namespace trygg::audit {

struct Replayed {
  projections::Projections projections;
  uint64_t position = 0;                   // the last event applied (0: none)
  std::optional<Timestamp> last_recorded;  // when it was recorded
  eventstore::Hash last_hash{};            // its hash: the digest of the replayed prefix
  std::string today;                       // "YYYY-MM-DD": the date queries judge overdue by
  // Plans and agencies created in the replayed prefix, in log order (from their streams'
  // first events), so a caller can query each.
  std::vector<std::string> plans;
  std::vector<std::string> agencies;
  // The periods any follow-up in the replayed prefix was recorded for (canonical, as stored; in
  // the order of their names), so a caller can ask for each period's summary.
  std::set<std::string> periods;
};

// The projections as a server would have served them at `at`: every event up to and including
// the position (AsOf::kPosition), or every event recorded at or before the time (kTime: the log's
// commit times never decrease, so that is a prefix), or the whole log up to the source's head
// (kHead). `today` is the date of `at` in `zone` (kHead: the current date there).
//
// Errors: kInvalidArgument when a position is beyond the head; kDataLoss when the projections
// refuse an event (the log contradicts the fold — the message names the position); read errors.
[[nodiscard]] eventstore::Result<Replayed> Replay(LogSource& source, const AsOf& at,
                                                  const absl::TimeZone& zone,
                                                  const eventstore::VerifyProgress& progress = {});

}  // namespace trygg::audit
