// Reads of the log and the stream index; safe from any thread.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "db.h"
#include "record.h"

namespace trygg::eventstore {

class Reader {
 public:
  explicit Reader(const Db& db) : db_(db) {}

  // Replaces `out` with the events with position in [from, last], at most max (after clamping to
  // kMaxReadEvents), reusing the strings `out` already holds.
  Status ReadAll(Position from, Position last, std::size_t max,
                 std::vector<RecordedEvent>& out) const;
  // Calls `visit` with views of the events with position in [from, last] until it returns false.
  Status ScanAll(Position from, Position last,
                 const std::function<bool(const RecordView&)>& visit) const;
  Result<std::vector<RecordedEvent>> ReadStream(std::string_view stream_id, StreamVersion from,
                                                std::size_t max) const;
  // The stream's last version in the index (0 when it has none).
  Result<StreamVersion> StreamHead(std::string_view stream_id) const;
  // The stored entry of an idempotency key, if one was committed.
  Result<std::optional<format::IdempotencyEntry>> FindIdempotencyKey(std::string_view key) const;

 private:
  // Calls `take` with each `log` value with position in [from, last] until it returns false or
  // an error (which is returned).
  template <typename Take>
  Status ForEachLogValue(Position from, Position last, Take take) const;
  // Whether the stream index holds `version` of the stream: a point lookup, bloom-filtered. A
  // stream's versions have no gaps, so without `version` it has none after it either.
  Result<bool> HasVersion(std::string_view stream_id, StreamVersion version) const;

  const Db& db_;
};

}  // namespace trygg::eventstore
