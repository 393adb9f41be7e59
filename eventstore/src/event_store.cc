#include "trygg/eventstore/event_store.h"

#include <rocksdb/utilities/checkpoint.h>

#include <future>
#include <system_error>

#include "copy.h"
#include "db.h"
#include "reader.h"
#include "subscription_hub.h"
#include "validate.h"
#include "verify.h"
#include "writer.h"

namespace trygg::eventstore {

class EventStore::Impl {
 public:
  // A writable instance: the writer owns the head.
  Impl(std::unique_ptr<Db> db, Options options, LogHead head, Timestamp last_time)
      : db_(std::move(db)),
        reader_(*db_),
        fixed_head_(head),
        hub_(reader_, [this] { return this->head().position; }),
        writer_(std::make_unique<Writer>(*db_, reader_, std::move(options), head, last_time,
                                         [this](const LogHead&) { hub_.Notify(); })) {}

  // A read-only or secondary instance: no writer, and the head stays where it was at open.
  Impl(std::unique_ptr<Db> db, LogHead head)
      : db_(std::move(db)),
        reader_(*db_),
        fixed_head_(head),
        hub_(reader_, [this] { return this->head().position; }) {}

  // Appends first (their commits still notify the hub), then subscriptions, then the database.
  ~Impl() {
    if (writer_) writer_->Close();
    hub_.Close();
  }

  const Db& db() const { return *db_; }
  const Reader& reader() const { return reader_; }
  SubscriptionHub& hub() { return hub_; }
  // nullptr on a read-only instance.
  Writer* writer() { return writer_.get(); }
  LogHead head() const { return writer_ ? writer_->head() : fixed_head_; }

 private:
  std::unique_ptr<Db> db_;
  Reader reader_;
  const LogHead fixed_head_;  // the head at open; the current one only without a writer
  SubscriptionHub hub_;
  std::unique_ptr<Writer> writer_;
};

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::filesystem::path& dir,
                                                     Options options) {
  auto db = Db::Open(dir, options);
  if (!db.ok()) return db.status();
  auto head = (*db)->ReadHead();
  if (!head.ok()) return head.status();
  Timestamp last_time{};
  if (head->position.value() > 0) {
    std::vector<RecordedEvent> last;
    // A missing or damaged head record is left for Verify to report; Open stays possible.
    if (Reader(**db).ReadAll(head->position, head->position, 1, last).ok() && !last.empty()) {
      last_time = last.front().recorded_at;
    }
  }
  return std::unique_ptr<EventStore>(new EventStore(
      std::make_unique<Impl>(std::move(db).value(), std::move(options), *head, last_time)));
}

Result<std::unique_ptr<EventStore>> EventStore::OpenReadOnly(const std::filesystem::path& dir,
                                                             ReadOnlyOptions options) {
  auto db = Db::OpenReadOnly(dir, options);
  if (!db.ok()) return db.status();
  auto head = (*db)->ReadHead();
  if (!head.ok()) return head.status();
  return std::unique_ptr<EventStore>(
      new EventStore(std::make_unique<Impl>(std::move(db).value(), *head)));
}

EventStore::EventStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventStore::~EventStore() = default;

void EventStore::AppendAsync(AppendRequest request, AppendCallback done) {
  Writer* writer = impl_->writer();
  if (writer == nullptr) {
    return done(
        Status(Code::kFailedPrecondition,
               "the store is open read-only (OpenReadOnly); appends need EventStore::Open"));
  }
  if (Status s = ValidateAppend(request); !s.ok()) return done(std::move(s));
  writer->Submit(std::move(request), std::move(done));
}

Result<AppendResult> EventStore::Append(AppendRequest request) {
  std::promise<Result<AppendResult>> promise;
  auto future = promise.get_future();
  AppendAsync(std::move(request),
              [&promise](Result<AppendResult> result) { promise.set_value(std::move(result)); });
  return future.get();
}

Result<std::vector<RecordedEvent>> EventStore::ReadStream(std::string_view stream_id,
                                                          StreamVersion from,
                                                          std::size_t max) const {
  return impl_->reader().ReadStream(stream_id, from, max);
}

Result<std::vector<RecordedEvent>> EventStore::ReadAll(Position from, std::size_t max) const {
  std::vector<RecordedEvent> events;
  if (Status s = ReadAll(from, max, events); !s.ok()) return s;
  return events;
}

Status EventStore::ReadAll(Position from, std::size_t max, std::vector<RecordedEvent>& out) const {
  return impl_->reader().ReadAll(from, Head().position, max, out);
}

Status EventStore::ScanAll(Position from,
                           const std::function<bool(const RecordView&)>& visit) const {
  return impl_->reader().ScanAll(from, Head().position, visit);
}

LogHead EventStore::Head() const { return impl_->head(); }

Result<StreamVersion> EventStore::StreamHead(std::string_view stream_id) const {
  return impl_->reader().StreamHead(stream_id);
}

Result<std::optional<AppendResult>> EventStore::FindIdempotencyKey(std::string_view key) const {
  auto entry = impl_->reader().FindIdempotencyKey(key);
  if (!entry.ok()) return entry.status();
  if (!entry->has_value()) return std::optional<AppendResult>();
  AppendResult result = (*entry)->result;
  result.deduplicated = true;
  return std::optional<AppendResult>(result);
}

std::unique_ptr<Subscription> EventStore::Subscribe(Position from, SubscriptionHandlers handlers) {
  return impl_->hub().Subscribe(from, std::move(handlers));
}

Result<VerifyReport> EventStore::Verify(const VerifyProgress& progress) const {
  VerifyOptions options;
  options.progress = progress;
  return VerifyLog(impl_->db(), options);
}

Result<VerifyReport> EventStore::Verify(const VerifyOptions& options) const {
  return VerifyLog(impl_->db(), options);
}

Status EventStore::CopyTo(const std::filesystem::path& dir) const {
  return CopyStore(impl_->db(), dir);
}

AccessMode EventStore::access_mode() const { return impl_->db().mode(); }

Status EventStore::Checkpoint(const std::filesystem::path& dir) const {
  if (impl_->db().mode() != AccessMode::kReadWrite) {
    return Status(Code::kFailedPrecondition,
                  "checkpoints need a writable instance; copy a read-only one with CopyTo");
  }
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    return Status(Code::kAlreadyExists, "checkpoint directory " + dir.string() + " already exists");
  }
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status s = rocksdb::Checkpoint::Create(&impl_->db().db(), &raw);
  if (!s.ok()) return FromRocks(s, "starting a checkpoint");
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return FromRocks(checkpoint->CreateCheckpoint(dir.string()),
                   "writing a checkpoint to " + dir.string());
}

}  // namespace trygg::eventstore
