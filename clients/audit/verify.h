// `trygg-audit verify`: the integrity of the whole log, from a store or from a server, and
// whether a digest published earlier (HASH@POSITION) is a prefix of the log today.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "audit/log_source.h"
#include "audit/payload.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::audit {

struct AuditReport {
  std::string checked;  // what was checked, in a sentence, for the output
  uint64_t events_checked = 0;
  eventstore::LogHead head;  // the head the walk ended at (a store's meta; a server's GetHead)
  std::optional<uint64_t> first_bad_position;
  std::string problem;  // what is wrong at first_bad_position
  PayloadChecker::Counts counts_by_type;
  PayloadChecker::Counts unknown_types;  // event types this build does not know (not a failure)

  bool ok() const { return !first_bad_position.has_value(); }
};

// Everything EventStore::Verify checks (each record's SHA-256 recomputed from its stored bytes,
// the chain, positions 1…head without gaps, stream versions, commit times in order, the stream
// index, the head in meta), plus that every payload of a known type parses as that type. One
// pass, on the calling thread. An error Result means reading failed, not that the log is bad.
eventstore::Result<AuditReport> VerifyStore(const eventstore::EventStore& store,
                                            const eventstore::VerifyProgress& progress = {});

// The log as a server serves it, read through EventLogService.ReadAll up to the head GetHead
// reports when the walk starts: each record's SHA-256 recomputed from the fields received (with
// the storage format's encoding; a record with metadata extras, which the wire does not carry,
// would not match — trygg-server writes none), the links prev_hash → hash, positions 1…head
// without gaps, stream versions, commit times in order, the head's hash, payload type URLs, and
// that every payload of a known type parses as that type. Not checked: the stream index.
eventstore::Result<AuditReport> VerifyServer(ServerSource& server,
                                             const eventstore::VerifyProgress& progress = {});

// A published digest: the record at `position` has hash `hash`.
struct ExpectedHead {
  uint64_t position = 0;
  eventstore::Hash hash{};
};
// "HASH@POSITION": 64 hex digits, '@', a position ≥ 1. kInvalidArgument otherwise.
eventstore::Result<ExpectedHead> ParseExpectedHead(std::string_view text);
// Empty when the record at expected.position exists in `source` (whose head is `head`) and has
// expected.hash; otherwise what differs. Proves the digest a prefix of today's log only together
// with a verification that passed (the chain then seals that record up to today's head).
eventstore::Result<std::string> CheckExpectedHead(LogSource& source, const ExpectedHead& expected,
                                                  const eventstore::LogHead& head);

}  // namespace trygg::audit
