// A full or failing disk under the store (testutil/disk_fault_file_system.h): a refused write fails
// as a whole with kResourceExhausted (full) or kUnavailable (failed) and the message that says what
// to do, reads go on, nothing acknowledged is lost, and after a full disk writes resume by
// themselves once there is space again, without reopening the store.
#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "testutil/disk_fault_file_system.h"
#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

using namespace ::trygg::testing;  // the shared helpers in testutil/
using Fault = DiskFaultFileSystem::Fault;

// What Options::on_writable reported, in order; Await waits for a value.
class WritableLog {
 public:
  std::function<void(bool)> Callback() {
    return [this](bool writable) {
      std::lock_guard lock(mu_);
      seen_.push_back(writable);
      cv_.notify_all();
    };
  }
  // True when the last report is `writable` before the deadline.
  bool Await(bool writable) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kDeadline,
                        [&] { return !seen_.empty() && seen_.back() == writable; });
  }
  std::vector<bool> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<bool> seen_;
};

class DiskFullTest : public ::testing::Test {
 protected:
  // The store on the faulty file system, with syncs (the write-ahead log is synced as in service).
  std::unique_ptr<EventStore> OpenFaulty() {
    Options options;
    options.file_system = disk_;
    options.on_writable = writable_.Callback();
    return OpenStore(dir_.path(), options);
  }

  static AppendRequest One(const std::string& stream, const std::string& payload = "x") {
    return Request(stream, ExpectedVersion::Any(), {Event("test.Happened", payload)});
  }

  // Appends `n` events to `stream`, each acknowledged; returns their payloads.
  static std::vector<std::string> AppendAcknowledged(EventStore& store, const std::string& stream,
                                                     int n) {
    std::vector<std::string> payloads;
    for (int i = 0; i < n; ++i) {
      payloads.push_back(stream + "-" + std::to_string(i));
      EXPECT_THAT(store.Append(One(stream, payloads.back())).status(), IsOk());
    }
    return payloads;
  }

  // Every payload in the log, in position order, read from a fresh instance on the plain disk.
  std::vector<std::string> PayloadsAfterReopen() {
    std::unique_ptr<EventStore> store = OpenStore(dir_.path());
    if (!store) return {};
    ExpectVerifies(*store);
    std::vector<std::string> payloads;
    for (const RecordedEvent& e : AllEvents(*store)) payloads.push_back(e.payload);
    return payloads;
  }

  TempDir dir_;
  std::shared_ptr<DiskFaultFileSystem> disk_ = std::make_shared<DiskFaultFileSystem>();
  WritableLog writable_;
};

TEST_F(DiskFullTest, AFullDiskRefusesWritesKeepsReadsAndResumesWhenSpaceReturns) {
  std::vector<std::string> acknowledged;
  {
    std::unique_ptr<EventStore> store = OpenFaulty();
    ASSERT_NE(store, nullptr);
    acknowledged = AppendAcknowledged(*store, "before", 3);

    disk_->Fail(Fault::kFull);
    for (int i = 0; i < 2; ++i) {  // the write that meets the full disk, and one after it
      const Status refused = store->Append(One("refused")).status();
      EXPECT_EQ(refused.code(), Code::kResourceExhausted) << refused.ToString();
      EXPECT_EQ(refused.message(), kDiskFullMessage);
      EXPECT_NE(refused.detail(), "") << "RocksDB's own words are kept for the server's log";
    }
    // A group of appends queued together fails together.
    std::vector<std::future<Result<AppendResult>>> group;
    for (int i = 0; i < 8; ++i) {
      auto done = std::make_shared<std::promise<Result<AppendResult>>>();
      group.push_back(done->get_future());
      store->AppendAsync(One("group"), [done](Result<AppendResult> r) { done->set_value(r); });
    }
    for (auto& result : group) EXPECT_EQ(result.get().status().code(), Code::kResourceExhausted);
    EXPECT_TRUE(writable_.Await(false));

    // Reads go on meanwhile.
    EXPECT_EQ(store->Head().position, Position(3));
    EXPECT_EQ(AllEvents(*store).size(), 3u);
    auto stream = store->ReadStream("before", StreamVersion(1), 10);
    ASSERT_TRUE(stream.ok()) << stream.status().ToString();
    EXPECT_EQ(stream->size(), 3u);

    // Space returns: the writer resumes by itself, and the same instance takes writes again.
    disk_->Heal();
    ASSERT_TRUE(writable_.Await(true));
    for (const std::string& p : AppendAcknowledged(*store, "after", 2)) acknowledged.push_back(p);
    EXPECT_EQ(writable_.seen(), (std::vector<bool>{false, true}));
  }
  EXPECT_EQ(PayloadsAfterReopen(), acknowledged);
}

// Right after an open RocksDB's memtables are empty (the recovered log was flushed), which is
// where RocksDB 7.8's resume keeps the failed write-ahead log (see GuardWal in writer.cc): writes
// must resume from there too.
TEST_F(DiskFullTest, WritesResumeWhenTheDiskFillsRightAfterOpening) {
  std::vector<std::string> acknowledged;
  {
    std::unique_ptr<EventStore> store = OpenStore(dir_.path());
    ASSERT_NE(store, nullptr);
    acknowledged = AppendAcknowledged(*store, "first", 2);
  }
  {
    std::unique_ptr<EventStore> store = OpenFaulty();
    ASSERT_NE(store, nullptr);
    disk_->Fail(Fault::kFull);
    EXPECT_EQ(store->Append(One("refused")).status().code(), Code::kResourceExhausted);
    disk_->Heal();
    ASSERT_TRUE(writable_.Await(true));
    for (const std::string& p : AppendAcknowledged(*store, "second", 2)) acknowledged.push_back(p);
  }
  EXPECT_EQ(PayloadsAfterReopen(), acknowledged);
}

TEST_F(DiskFullTest, AFailingDiskRefusesWritesUntilRestartedAndKeepsReads) {
  std::vector<std::string> acknowledged;
  {
    std::unique_ptr<EventStore> store = OpenFaulty();
    ASSERT_NE(store, nullptr);
    acknowledged = AppendAcknowledged(*store, "before", 3);

    disk_->Fail(Fault::kFailed);
    Status refused = store->Append(One("refused")).status();
    EXPECT_EQ(refused.code(), Code::kUnavailable) << refused.ToString();
    EXPECT_EQ(refused.message(), kDiskFailedMessage);
    EXPECT_TRUE(writable_.Await(false));

    // RocksDB does not resume after an I/O error other than space: neither does the writer, even
    // once the disk works again.
    disk_->Heal();
    refused = store->Append(One("refused")).status();
    EXPECT_EQ(refused.code(), Code::kUnavailable) << refused.ToString();
    EXPECT_EQ(AllEvents(*store).size(), 3u);
    EXPECT_EQ(writable_.seen(), (std::vector<bool>{false}));
  }
  // A restart (a new instance) writes again.
  {
    std::unique_ptr<EventStore> store = OpenStore(dir_.path());
    ASSERT_NE(store, nullptr);
    for (const std::string& p : AppendAcknowledged(*store, "restarted", 1)) {
      acknowledged.push_back(p);
    }
  }
  EXPECT_EQ(PayloadsAfterReopen(), acknowledged);
}

}  // namespace
}  // namespace trygg::eventstore
