// Options::on_log: the store tells its host of RocksDB's background work. Each checkpoint (a
// memtable flush; EventStore::Checkpoint forces one) is told with its column family, reason and
// entries, and once enough table files have piled up the compaction that merges them is told too,
// with the files and bytes it read and wrote.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "testutil/background_writer.h"
#include "testutil/eventstore_util.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::eventstore {
namespace {

using namespace ::trygg::testing;  // the shared helpers in testutil/

// A copy of a StoreLogRecord that outlives the call.
struct Told {
  StoreLogRecord::Kind kind;
  StoreLogRecord::Severity severity;
  std::string message;
  std::string column_family;
  std::string reason;
  uint64_t entries, files_in, files_out, bytes_in, bytes_out;
};

// Collects what on_log is told, from whichever thread tells it.
class Collector {
 public:
  std::function<void(const StoreLogRecord&)> Callback() {
    return [this](const StoreLogRecord& r) {
      std::lock_guard lock(mu_);
      told_.push_back({r.kind, r.severity, std::string(r.message), std::string(r.column_family),
                       std::string(r.reason), r.entries, r.files_in, r.files_out, r.bytes_in,
                       r.bytes_out});
      cv_.notify_all();
    };
  }

  // Waits (with a deadline) until `at_least` records of `kind` for `column_family` have come;
  // those records.
  std::vector<Told> Of(StoreLogRecord::Kind kind, const std::string& column_family,
                       std::size_t at_least) {
    std::unique_lock lock(mu_);
    std::vector<Told> found;
    cv_.wait_for(lock, std::chrono::seconds(30), [&] {
      found.clear();
      for (const Told& t : told_) {
        if (t.kind == kind && t.column_family == column_family) found.push_back(t);
      }
      return found.size() >= at_least;
    });
    return found;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Told> told_;
};

TEST(StoreLogTest, CheckpointsAndTheCompactionTheyLeadToAreTold) {
  TempDir dir;
  Collector collector;
  Options options = FastOptions();
  options.on_log = collector.Callback();
  auto store = OpenStore(dir.Sub("store"), std::move(options));
  ASSERT_NE(store, nullptr);

  // Four flushes leave four table files in level 0 of each family, RocksDB's default trigger for
  // merging them (level0_file_num_compaction_trigger).
  constexpr std::size_t kFlushes = 4;
  for (std::size_t i = 0; i < kFlushes; ++i) {
    ASSERT_TRUE(store->Append(Events("stream-" + std::to_string(i), i + 1, "k" + std::to_string(i)))
                    .ok());
    ASSERT_TRUE(store->Checkpoint(dir.Sub("checkpoint-" + std::to_string(i))).ok());
    const std::vector<Told> checkpoints =
        collector.Of(StoreLogRecord::Kind::kCheckpoint, "log", i + 1);
    ASSERT_EQ(checkpoints.size(), i + 1);
    const Told& last = checkpoints.back();
    EXPECT_EQ(last.severity, StoreLogRecord::Severity::kInfo);
    EXPECT_EQ(last.reason, "checkpoint");
    EXPECT_EQ(last.entries, i + 1);  // the events appended since the previous flush
    EXPECT_EQ(last.files_out, 1u);
    EXPECT_GT(last.bytes_out, 0u);
  }
  // The meta family's head key is in every one of its files, so they overlap and are merged (the
  // log's positions never overlap: its files are only moved down a level).
  const std::vector<Told> compactions = collector.Of(StoreLogRecord::Kind::kCompaction, "meta", 1);
  ASSERT_EQ(compactions.size(), 1u);
  EXPECT_EQ(compactions[0].severity, StoreLogRecord::Severity::kInfo);
  EXPECT_EQ(compactions[0].files_in, kFlushes);
  EXPECT_GE(compactions[0].files_out, 1u);
  EXPECT_GT(compactions[0].bytes_in, 0u);
  EXPECT_GT(compactions[0].bytes_out, 0u);
}

}  // namespace
}  // namespace trygg::eventstore
