// `trygg-audit compare`: does a live server serve what the log says? Replays the log (from a store
// copy or from the server itself) and checks every measure, every agency status and every plan
// overview that StatusService serves against the replay, field by field — and for every plan its
// situation picture, its traceability, its follow-up summary for every period the log has
// follow-ups for, and the status of each of its working groups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audit/log_source.h"
#include "audit/replay.h"

namespace trygg::audit {

struct Difference {
  // "log", "measure m-1", "agency polisen", "plan p", "situation picture p", "traceability p"
  // (" page 2" …), "follow-up p 2026-T3", "working group p/g" (" page 2" …)
  std::string what;
  std::string detail;  // what differs: "modified: status: <replay> -> <server>; ..."
};

struct Comparison {
  uint64_t replay_position = 0;
  eventstore::Hash replay_hash{};
  eventstore::LogHead server_head;
  uint64_t min_position = 0;  // what the server was asked to have applied before answering
  std::string today;          // the date overdue was judged by, on both sides
  uint64_t measures = 0;      // how many of each were compared
  uint64_t agencies = 0;
  uint64_t plans = 0;
  uint64_t pictures = 0;             // situation pictures
  uint64_t traces = 0;               // traceabilities (all pages of a plan count once)
  uint64_t follow_up_summaries = 0;  // (plan, period) pairs
  uint64_t groups = 0;               // working group statuses
  std::vector<Difference> differences;

  bool equal() const { return differences.empty(); }
};

// Compares `replayed` with what `server` serves now. The agencies and plans compared are those the
// replay created plus any the server's measures name; measures are all of either side's (listed
// with ListMeasures); working groups are those either side's plan overview lists; periods are
// Replayed::periods. Queries ask for min_position = min(replayed position, server head), so the
// server answers from at least the replayed prefix when it has it. The server judges "overdue" by
// its own date: run both in the same time zone (both default to Europe/Stockholm).
// Errors (the comparison could not be made): a failing call other than NOT_FOUND, a replay query
// error.
eventstore::Result<Comparison> Compare(const Replayed& replayed, ServerSource& server);

}  // namespace trygg::audit
