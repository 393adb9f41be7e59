// `trygg-audit export`: the log, with payloads decoded, for archives and public-records requests.
//
//   jsonl  one trygg.v1.Event per line in protobuf's JSON mapping (field names as in
//          event_log.proto; fields at their default value left out, as the mapping does by
//          default; `payload` is the event's message with "@type"; hash and prev_hash in base64,
//          as the mapping writes bytes). JsonStringToMessage parses each line back into the Event
//          the server would send, with the very payload bytes that were stored, so re-hashing it
//          (RecordHash) gives `hash`: an export can be checked without the store. A payload whose
//          JSON form would not give its bytes back (a type this build does not know, bytes that
//          do not parse, fields a newer writer added) is written as a google.protobuf.BytesValue
//          holding the raw bytes; `type` still says what it is.
//   csv    RFC 4180: a header line, then one line per event, CRLF line ends, fields quoted when
//          they hold a comma, a quote or a line break (quotes doubled). Columns: position,
//          recorded_at (UTC, microseconds), stream_id, version, type, principal, agency,
//          command_id, payload (the message as compact JSON), hash, prev_hash (hex).
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "audit/log_source.h"

namespace trygg::audit {

enum class ExportFormat { kJsonLines, kCsv };

struct ExportRange {
  uint64_t from = 1;         // first position
  uint64_t to = UINT64_MAX;  // last position (clamped to the head)
};

// Writes the events of `range` (up to the source's head when export starts) to `out`; returns how
// many. Errors: read failures, kInternal when `out` fails, kInvalidArgument for from > to.
eventstore::Result<uint64_t> Export(LogSource& source, ExportFormat format, ExportRange range,
                                    std::ostream& out,
                                    const eventstore::VerifyProgress& progress = {});

// One event as an export line (without the line end).
std::string JsonLine(const eventstore::RecordedEvent& event);
// One event as a CSV record, and the CSV header, each ending in CRLF (common/csv.h).
std::string CsvRecord(const eventstore::RecordedEvent& event);
std::string CsvHeader();

}  // namespace trygg::audit
