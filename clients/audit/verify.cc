#include "audit/verify.h"

#include <unordered_map>
#include <vector>

#include "trygg/eventstore/record_hash.h"
#include "trygg/eventstore/types.h"
#include "trygg/wire/wire.h"

namespace trygg::audit {

using eventstore::Code;
using eventstore::Hash;
using eventstore::LogHead;
using eventstore::Position;
using eventstore::RecordedEvent;
using eventstore::Result;
using eventstore::Status;

namespace {

constexpr char kStoreChecks[] =
    "every record's SHA-256 recomputed from its stored bytes, the hash chain, positions 1..head "
    "without gaps, stream versions, commit times in order, the stream index, the head in meta, "
    "and every payload parses as its declared type";
constexpr char kServerChecks[] =
    "read over EventLogService: every record's SHA-256 recomputed from the fields received, the "
    "links prev_hash -> hash, positions 1..head without gaps, stream versions, commit times in "
    "order, the server's head, and every payload parses as its declared type (not checked from a "
    "server: the stream index, which is not on the wire)";

std::string At(uint64_t position) { return "record " + std::to_string(position); }

// The checks of a wire walk, one event at a time, in the order they arrive.
class WireWalk {
 public:
  explicit WireWalk(AuditReport& report) : report_(report) {}

  // Checks the next event; false once something is wrong (report_ says what and where).
  bool Next(const v1::Event& wire) {
    const uint64_t expected = report_.events_checked + 1;
    if (wire.position() != expected) {
      return Fail(expected, wire.position() > expected
                                ? At(expected) + " is missing (the server sent position " +
                                      std::to_string(wire.position()) + " next)"
                                : "the server sent position " + std::to_string(wire.position()) +
                                      " again, where " + std::to_string(expected) +
                                      " was expected");
    }
    if (Status s = trygg::wire::FromWire(wire, event_); !s.ok()) return Fail(expected, s.message());
    if (wire.payload().type_url() != std::string(trygg::wire::kTypeUrlPrefix) + wire.type()) {
      return Fail(expected, At(expected) + ": its payload is labelled '" +
                                wire.payload().type_url() + "' but its type is '" + wire.type() +
                                "'");
    }
    if (eventstore::RecordHash(event_) != event_.hash) {
      return Fail(expected, At(expected) +
                                ": its fields do not match its hash (changed, or it carries "
                                "metadata extras, which the wire does not)");
    }
    if (broken_link_) {
      // As the store's own Verify does: the record after a broken link tells which side of it
      // was rewritten.
      return ResolveBrokenLink(event_.prev_hash == prev_hash_);
    }
    if (event_.prev_hash != prev_hash_) broken_link_ = expected;
    uint64_t& version = versions_[event_.stream_id];
    if (event_.version.value() != version + 1) {
      return Fail(expected, At(expected) + " has version " +
                                std::to_string(event_.version.value()) + " of stream '" +
                                event_.stream_id + "', expected " + std::to_string(version + 1));
    }
    version = event_.version.value();
    if (event_.recorded_at < last_time_) {
      return Fail(expected, At(expected) + " was recorded before the record preceding it");
    }
    last_time_ = event_.recorded_at;
    if (!broken_link_) {
      std::string problem = payloads_.Check(event_.type, event_.payload);
      if (!problem.empty()) return Fail(expected, At(expected) + ": " + problem);
    }
    prev_hash_ = event_.hash;
    report_.events_checked = expected;
    return true;
  }

  // After the last event up to the head: does the head name it?
  void Finish() {
    const LogHead& head = report_.head;
    const uint64_t last = report_.events_checked;
    if (broken_link_) {
      ResolveBrokenLink(head.hash == prev_hash_ && head.position.value() == last);
      return;
    }
    if (head.position.value() > last) {
      Fail(last + 1, "the server's head is position " + std::to_string(head.position.value()) +
                         " but its log ends at " + std::to_string(last));
    } else if (head.hash != prev_hash_) {
      Fail(last, At(last) + " does not match the server's head hash");
    }
  }

  PayloadChecker& payloads() { return payloads_; }

 private:
  bool Fail(uint64_t position, std::string problem) {
    if (!report_.first_bad_position) {
      report_.first_bad_position = position;
      report_.problem = std::move(problem);
    }
    return false;
  }

  bool ResolveBrokenLink(bool successor_confirms) {
    const uint64_t at = *broken_link_;
    broken_link_.reset();
    if (successor_confirms) {
      return Fail(at - 1, At(at - 1) + " does not match the hash that record " +
                              std::to_string(at) + " recorded for it");
    }
    return Fail(at, At(at) +
                        " was rewritten: it links neither to the record before it nor to the hash "
                        "recorded after it");
  }

  AuditReport& report_;
  RecordedEvent event_;
  Hash prev_hash_{};
  eventstore::Timestamp last_time_{};
  std::optional<uint64_t> broken_link_;
  std::unordered_map<std::string, uint64_t> versions_;
  PayloadChecker payloads_;
};

}  // namespace

Result<AuditReport> VerifyStore(const eventstore::EventStore& store,
                                const eventstore::VerifyProgress& progress) {
  PayloadChecker payloads;
  eventstore::VerifyOptions options;
  options.progress = progress;
  options.check_event = [&payloads](const RecordedEvent& event) {
    return payloads.Check(event.type, event.payload);
  };
  auto verified = store.Verify(options);
  if (!verified.ok()) return verified.status();
  AuditReport report;
  report.checked = kStoreChecks;
  report.events_checked = verified->events_checked;
  report.head = verified->head;
  if (verified->first_bad_position)
    report.first_bad_position = verified->first_bad_position->value();
  report.problem = verified->problem;
  report.counts_by_type = payloads.counts_by_type();
  report.unknown_types = payloads.unknown_types();
  return report;
}

Result<AuditReport> VerifyServer(ServerSource& server, const eventstore::VerifyProgress& progress) {
  AuditReport report;
  report.checked = kServerChecks;
  auto head = server.Head();
  if (!head.ok()) return head.status();
  report.head = *head;
  const uint64_t last = head->position.value();
  WireWalk walk(report);
  std::vector<v1::Event> page;
  bool going = true;
  while (going && report.events_checked < last) {
    const uint64_t from = report.events_checked + 1;
    if (Status s =
            server.ReadAllWire(from, std::min<uint64_t>(last - from + 1, server.max_read()), page);
        !s.ok()) {
      return s;
    }
    if (page.empty()) break;  // the log ends early: Finish says so
    for (const v1::Event& event : page) {
      if (event.position() > last) break;  // appended after GetHead
      if (!(going = walk.Next(event))) break;
    }
    if (progress) progress(report.events_checked, last);
  }
  if (going) walk.Finish();
  report.counts_by_type = walk.payloads().counts_by_type();
  report.unknown_types = walk.payloads().unknown_types();
  if (progress) progress(report.events_checked, last);
  return report;
}

Result<ExpectedHead> ParseExpectedHead(std::string_view text) {
  const std::size_t at = text.find('@');
  const Status bad(Code::kInvalidArgument,
                   "--expect-head '" + std::string(text) +
                       "' is not HASH@POSITION (64 hex digits, '@', a position from 1)");
  if (at == std::string_view::npos) return bad;
  auto hash = eventstore::FromHex(text.substr(0, at));
  const std::string_view digits = text.substr(at + 1);
  if (!hash || digits.empty() || digits.size() > 19 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return bad;
  }
  ExpectedHead expected;
  expected.hash = *hash;
  expected.position = std::stoull(std::string(digits));
  if (expected.position == 0) return bad;
  return expected;
}

Result<std::string> CheckExpectedHead(LogSource& source, const ExpectedHead& expected,
                                      const LogHead& head) {
  const std::string digest =
      eventstore::ToHex(expected.hash) + "@" + std::to_string(expected.position);
  if (expected.position > head.position.value()) {
    return "the published head " + digest + " is beyond today's head (position " +
           std::to_string(head.position.value()) + "): the log is shorter than it was";
  }
  std::vector<RecordedEvent> events;
  if (Status s = source.ReadAll(Position(expected.position), 1, events); !s.ok()) return s;
  if (events.empty() || events.front().position.value() != expected.position) {
    return "record " + std::to_string(expected.position) + " of the published head " + digest +
           " is missing today";
  }
  if (events.front().hash != expected.hash) {
    return "record " + std::to_string(expected.position) + " has hash " +
           eventstore::ToHex(events.front().hash) + " today, not the published " +
           eventstore::ToHex(expected.hash) + ": the log was changed at or before that position";
  }
  return std::string();
}

Result<AuditReport> StoreSource::Verify(const eventstore::VerifyProgress& progress) {
  return VerifyStore(store(), progress);
}

Result<AuditReport> ServerSource::Verify(const eventstore::VerifyProgress& progress) {
  return VerifyServer(*this, progress);
}

}  // namespace trygg::audit
