#include "verify.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "codec.h"
#include "record.h"
#include "sha256.h"

namespace trygg::eventstore {
namespace {

constexpr uint64_t kProgressEvery = 1 << 16;

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

// An order-independent fingerprint of (stream, version, position) triples: the log walk and the
// index walk must arrive at the same one. The index is derived data, so a strong hash buys nothing
// here; the chain is what makes the log tamper-evident.
uint64_t IndexFingerprint(std::string_view stream, StreamVersion version, Position position) {
  uint64_t h = std::hash<std::string_view>()(stream);
  for (uint64_t v : {version.value(), position.value()}) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
  }
  return h;
}

class Walk {
 public:
  Walk(const Db& db, const rocksdb::Snapshot* snapshot, const VerifyOptions& options)
      : db_(db),
        progress_(options.progress),
        check_event_(options.check_event),
        from_(options.from) {
    ro_.snapshot = snapshot;
    ro_.fill_cache = false;
    ro_.readahead_size = 2 << 20;
  }

  Result<VerifyReport> Run() {
    auto head = db_.ReadHead(ro_.snapshot);
    if (!head.ok()) return head.status();
    report_.head = *head;
    // A tail beyond the head is the head's own record (or, in an empty log, the whole log).
    if (from_ > head->position) from_ = std::max(head->position, Position(1));
    total_ = head->position.value() - (from_.value() - 1);
    if (tail()) {
      if (Status s = CheckAnchor(); !s.ok()) return s;
    }
    if (report_.ok()) {
      if (Status s = WalkLog(); !s.ok()) return s;
    }
    if (report_.ok()) CheckHead();
    // A tail walk checked each of its records' index entries as it went.
    if (report_.ok() && !tail()) {
      if (Status s = WalkIndex(); !s.ok()) return s;
    }
    if (progress_) progress_(report_.events_checked, total_);
    return report_;
  }

 private:
  void Fail(Position at, std::string problem) {
    if (!report_.first_bad_position) {
      report_.first_bad_position = at;
      report_.problem = std::move(problem);
    }
  }

  static std::string At(Position p) { return "record " + std::to_string(p.value()); }

  bool tail() const { return from_ > Position(1); }

  // The record before a tail: it must be there and sealed by its own hash; the tail's first
  // record must link to it (CheckRecord), but what lies before it is not read.
  Status CheckAnchor() {
    const Position anchor(from_.value() - 1);
    std::string value;
    rocksdb::Status s = db_.db().Get(ro_, db_.log(), format::LogKey(anchor), &value);
    if (s.IsNotFound()) {
      Fail(anchor, At(anchor) + " is missing");
      return Status();
    }
    if (!s.ok()) return FromRocks(s, "reading the log");
    if (CheckSealed(anchor, value)) {
      prev_hash_ = event_.hash;
      last_time_ = event_.recorded_at;
    }
    return Status();
  }

  Status WalkLog() {
    std::unique_ptr<rocksdb::Iterator> it(db_.db().NewIterator(ro_, db_.log()));
    Position expected = from_;
    for (it->Seek(format::LogKey(from_)); it->Valid() && report_.ok() && io_.ok(); it->Next()) {
      auto key = codec::ParseU64Key(View(it->key()));
      if (!key) {
        Fail(expected, "a log key is not 8 bytes");
        break;
      }
      if (Position(*key) != expected) {
        Fail(expected, At(expected) + " is missing (the next stored record is at position " +
                           std::to_string(*key) + ")");
        break;
      }
      CheckRecord(expected, View(it->value()));
      expected = expected.next();
      if (++report_.events_checked % kProgressEvery == 0 && progress_) {
        progress_(report_.events_checked, total_);
      }
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading the log");
    return io_;
  }

  // Decodes `value` into event_ and checks that it is the record at `position`, sealed by its own
  // hash. False (with the problem reported) when it is not.
  bool CheckSealed(Position position, std::string_view value) {
    // Decoded into one reused event: its strings keep their buffers from record to record.
    if (Status decoded = format::DecodeRecordInto(value, event_); !decoded.ok()) {
      Fail(position, At(position) + ": " + decoded.message());
      return false;
    }
    if (event_.position != position) {
      Fail(position,
           At(position) + " says it is at position " + std::to_string(event_.position.value()));
      return false;
    }
    hasher_.Reset();  // one context for the whole walk: no allocation per record
    hasher_.Update(*format::RecordBody(value));
    if (hasher_.Finish() != event_.hash) {
      Fail(position, At(position) + ": its contents do not match its stored hash");
      return false;
    }
    return true;
  }

  // The position the stream index gives for (stream, version); nullopt when it has none.
  std::optional<Position> Indexed(std::string_view stream, StreamVersion version) {
    std::string value;
    rocksdb::Status s =
        db_.db().Get(ro_, db_.streams(), format::StreamKey(stream, version), &value);
    if (!s.ok() && !s.IsNotFound()) io_ = FromRocks(s, "reading the stream index");
    if (!s.ok()) return std::nullopt;
    auto position = codec::ParseU64Key(value);
    if (!position) return Position(0);  // malformed: matches no record
    return Position(*position);
  }

  // In a tail walk, a stream first met in the tail continues from the version before it, which
  // the index must place before the tail. Returns the version the stream stood at.
  uint64_t TailStreamBase(Position position, const RecordedEvent& event) {
    const uint64_t before = event.version.value() - 1;
    if (before == 0) return 0;
    const std::optional<Position> at = Indexed(event.stream_id, StreamVersion(before));
    if (io_.ok() && (!at || *at >= from_ || *at == Position(0))) {
      Fail(position, At(position) + " has version " + std::to_string(event.version.value()) +
                         " of stream '" + event.stream_id +
                         "', but the stream index holds no version " + std::to_string(before) +
                         " before record " + std::to_string(from_.value()));
    }
    return before;
  }

  void CheckRecord(Position position, std::string_view value) {
    if (!CheckSealed(position, value)) return;
    RecordedEvent* event = &event_;
    if (broken_link_) {
      // The link into the previous record was broken. Either that record's predecessor was
      // rewritten after the previous record sealed its hash, or the previous record itself was.
      // This record tells which: does it still hold the previous record's hash?
      return ResolveBrokenLink(event->prev_hash == prev_hash_);
    }
    if (event->prev_hash != prev_hash_) broken_link_ = position;
    if (!report_.ok()) return;
    auto [known, first_seen] = stream_versions_.try_emplace(event->stream_id, 0);
    if (first_seen && tail()) known->second = TailStreamBase(position, *event);
    if (!report_.ok() || !io_.ok()) return;
    uint64_t& stream_version = known->second;
    if (event->version.value() != stream_version + 1) {
      return Fail(position, At(position) + " has version " +
                                std::to_string(event->version.value()) + " of stream '" +
                                event->stream_id + "', expected " +
                                std::to_string(stream_version + 1));
    }
    stream_version = event->version.value();
    if (event->recorded_at < last_time_) {
      return Fail(position, At(position) + " was recorded before the record preceding it");
    }
    last_time_ = event->recorded_at;
    if (tail() && Indexed(event->stream_id, event->version) != position && io_.ok()) {
      return Fail(position, "the stream index does not match the log at " + At(position));
    }
    // A record whose link is in question is judged by the next one first (ResolveBrokenLink).
    if (check_event_ && !broken_link_) {
      std::string problem = check_event_(*event);
      if (!problem.empty()) return Fail(position, At(position) + ": " + problem);
    }
    fingerprint_ += IndexFingerprint(event->stream_id, event->version, position);
    prev_hash_ = event->hash;
  }

  // `successor_confirms`: the record just after the broken link is still sealed by the record (or
  // the head) after it, so the damage is in the record before the link.
  void ResolveBrokenLink(bool successor_confirms) {
    const Position at = *broken_link_;
    broken_link_.reset();
    if (successor_confirms) {
      Fail(Position(at.value() - 1), At(Position(at.value() - 1)) +
                                         " does not match the hash that record " +
                                         std::to_string(at.value()) + " recorded for it");
    } else {
      Fail(at, At(at) +
                   " was rewritten: it links neither to the record before it nor to the "
                   "hash recorded after it");
    }
  }

  void CheckHead() {
    const Position last(from_.value() - 1 + report_.events_checked);
    const LogHead& head = report_.head;
    if (broken_link_) ResolveBrokenLink(head.hash == prev_hash_ && head.position == last);
    if (!report_.ok()) return;
    if (head.position > last) {
      return Fail(last.next(), "the head in meta is position " +
                                   std::to_string(head.position.value()) + " but the log ends at " +
                                   std::to_string(last.value()));
    }
    if (head.position < last) {
      return Fail(head.position.next(), "the log holds records beyond the head in meta (position " +
                                            std::to_string(head.position.value()) + ")");
    }
    if (head.hash != prev_hash_) {
      Fail(last, At(last) + " does not match the head hash in meta");
    }
  }

  // The index must hold exactly the (stream, version) → position entries of the log.
  Status WalkIndex() {
    uint64_t count = 0;
    uint64_t fingerprint = 0;
    std::unique_ptr<rocksdb::Iterator> it(db_.db().NewIterator(ro_, db_.streams()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto parts = format::ParseStreamKey(View(it->key()));
      auto position = codec::ParseU64Key(View(it->value()));
      if (!parts || !position) {
        Fail(Position(0), "the stream index holds a malformed entry");
        return Status();
      }
      fingerprint += IndexFingerprint(parts->stream_id, parts->version, Position(*position));
      ++count;
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading the stream index");
    if (count == report_.events_checked && fingerprint == fingerprint_) return Status();
    return LocateIndexDamage();
  }

  // Slow path, only after the fingerprints disagreed: point lookups in both directions.
  Status LocateIndexDamage() {
    std::optional<Position> worst;
    auto note = [&](Position p) {
      if (!worst || p < *worst) worst = p;
    };
    std::string value;
    std::unique_ptr<rocksdb::Iterator> log(db_.db().NewIterator(ro_, db_.log()));
    for (log->SeekToFirst(); log->Valid(); log->Next()) {
      auto event = format::DecodeRecord(View(log->value()));
      rocksdb::Status s = db_.db().Get(ro_, db_.streams(),
                                       format::StreamKey(event->stream_id, event->version), &value);
      if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the stream index");
      if (s.IsNotFound() || codec::ParseU64Key(value) != event->position.value()) {
        note(event->position);
        break;  // the log is in position order: this is its first such record
      }
    }
    std::unique_ptr<rocksdb::Iterator> index(db_.db().NewIterator(ro_, db_.streams()));
    for (index->SeekToFirst(); index->Valid(); index->Next()) {
      auto parts = format::ParseStreamKey(View(index->key()));
      const Position position(*codec::ParseU64Key(View(index->value())));
      rocksdb::Status s = db_.db().Get(ro_, db_.log(), format::LogKey(position), &value);
      if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the log");
      auto event = s.ok() ? format::DecodeRecord(value) : Result<RecordedEvent>(Status());
      if (!s.ok() || !event.ok() || event->stream_id != parts->stream_id ||
          event->version != parts->version) {
        note(position);
      }
    }
    Fail(worst.value_or(Position(0)),
         "the stream index does not match the log at " + At(worst.value_or(Position(0))));
    return Status();
  }

  const Db& db_;
  const VerifyProgress& progress_;
  const std::function<std::string(const RecordedEvent&)>& check_event_;
  Position from_;       // the first record walked
  uint64_t total_ = 0;  // how many records the walk expects: from_ to the head
  Status io_;           // a read error met inside a record's checks
  rocksdb::ReadOptions ro_;
  VerifyReport report_;
  RecordedEvent event_;  // the record being checked
  Sha256Hasher hasher_;
  Hash prev_hash_{};
  Timestamp last_time_{};
  std::optional<Position> broken_link_;
  std::unordered_map<std::string, uint64_t> stream_versions_;
  uint64_t fingerprint_ = 0;
};

}  // namespace

Result<VerifyReport> VerifyLog(const Db& db, const VerifyOptions& options) {
  const rocksdb::Snapshot* snapshot = db.GetSnapshot();
  auto report = Walk(db, snapshot, options).Run();
  db.ReleaseSnapshot(snapshot);
  return report;
}

}  // namespace trygg::eventstore
