#include "audit/export.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/wrappers.pb.h>

#include <vector>

#include "audit/as_of.h"
#include "audit/payload.h"
#include "common/csv.h"
#include "trygg/wire/wire.h"

namespace trygg::audit {

using eventstore::Code;
using eventstore::Position;
using eventstore::RecordedEvent;
using eventstore::Result;
using eventstore::Status;

namespace {

// A payload the JSON mapping cannot decode (unknown type, or bytes that do not parse) travels as
// its raw bytes in a BytesValue; `type` still names what it claims to be.
void WrapRawPayload(const RecordedEvent& event, v1::Event& wire) {
  google::protobuf::BytesValue raw;
  raw.set_value(event.payload);
  wire.mutable_payload()->PackFrom(raw);
}

// Protobuf's JSON mapping with its defaults: fields at their default value are left out. Parsing
// such a line writes the payload's fields back in field-number order, so a payload that was
// serialised canonically (as trygg writes them) comes back byte for byte.
google::protobuf::util::JsonPrintOptions LineOptions() {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  return options;
}

// True when `json` parses back into an event carrying exactly `payload`.
bool PayloadSurvives(const std::string& json, const std::string& payload) {
  v1::Event back;
  return google::protobuf::util::JsonStringToMessage(json, &back).ok() &&
         back.payload().value() == payload;
}

}  // namespace

std::string JsonLine(const RecordedEvent& event) {
  v1::Event wire;
  trygg::wire::ToWire(event, &wire);
  std::string json;
  if (IsKnownEventType(event.type) &&
      google::protobuf::util::MessageToJsonString(wire, &json, LineOptions()).ok() &&
      PayloadSurvives(json, event.payload)) {
    return json;
  }
  // Unknown type, bytes that do not parse, or fields the JSON form would lose (a newer writer's):
  // the raw bytes, so that the line still re-hashes.
  WrapRawPayload(event, wire);
  json.clear();
  if (!google::protobuf::util::MessageToJsonString(wire, &json, LineOptions()).ok()) {
    return "{}";  // unreachable: every field now has a JSON form
  }
  return json;
}

std::string CsvHeader() {
  return client::CsvRecord({"position", "recorded_at", "stream_id", "version", "type", "principal",
                            "agency", "command_id", "payload", "hash", "prev_hash"});
}

std::string CsvRecord(const RecordedEvent& event) {
  return client::CsvRecord({std::to_string(event.position.value()), FormatUtc(event.recorded_at),
                            event.stream_id, std::to_string(event.version.value()), event.type,
                            event.metadata.principal, event.metadata.agency,
                            event.metadata.command_id, PayloadJson(event.type, event.payload),
                            eventstore::ToHex(event.hash), eventstore::ToHex(event.prev_hash)});
}

Result<uint64_t> Export(LogSource& source, ExportFormat format, ExportRange range,
                        std::ostream& out, const eventstore::VerifyProgress& progress) {
  if (range.from == 0) range.from = 1;
  if (range.from > range.to) {
    return Status(Code::kInvalidArgument, "--from " + std::to_string(range.from) +
                                              " is after --to " + std::to_string(range.to));
  }
  auto head = source.Head();
  if (!head.ok()) return head.status();
  const uint64_t last = std::min(range.to, head->position.value());
  if (format == ExportFormat::kCsv) out << CsvHeader();
  uint64_t written = 0;
  uint64_t next = range.from;
  std::vector<RecordedEvent> page;
  while (next <= last) {
    if (Status s = source.ReadAll(Position(next),
                                  std::min<uint64_t>(last - next + 1, source.max_read()), page);
        !s.ok()) {
      return s;
    }
    if (page.empty()) break;
    for (const RecordedEvent& event : page) {
      if (event.position.value() > last) break;
      if (format == ExportFormat::kCsv) {
        out << CsvRecord(event);
      } else {
        out << JsonLine(event) << '\n';
      }
      ++written;
      next = event.position.value() + 1;
    }
    if (!out) return Status(Code::kInternal, "writing the export failed");
    if (progress) progress(next - range.from, last - range.from + 1);
  }
  out.flush();
  if (!out) return Status(Code::kInternal, "writing the export failed");
  return written;
}

}  // namespace trygg::audit
