// Checkpoint: an online, consistent copy that opens as a store of its own.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "testutil/background_writer.h"
#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

namespace fs = std::filesystem;
using namespace ::trygg::testing;  // the shared helpers in testutil/

// The checkpoint tests' background appends: 1-4 events to one of four streams.
std::function<AppendRequest(std::size_t)> PlanAppends(uint32_t seed) {
  return [rng = std::mt19937(seed)](std::size_t i) mutable {
    static const std::vector<std::string> streams = {"plan-a", "plan-b", "plan-c", "plan-åäö"};
    const std::string& stream = streams[rng() % streams.size()];
    const std::size_t n = 1 + rng() % 4;
    return Events(stream, n, "append-" + std::to_string(i));
  };
}

TEST(CheckpointTest, TakenWhileAppendingIsAConsistentPrefix) {
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  const fs::path copy_dir = dir.Sub("checkpoint");

  BackgroundWriter writer(*store, PlanAppends(seed));
  ASSERT_TRUE(writer.WaitForAppends(200));
  Status taken = store->Checkpoint(copy_dir);
  const std::size_t at_checkpoint = writer.appends();
  // Keep appending after the checkpoint, so the original moves on.
  ASSERT_TRUE(writer.WaitForAppends(at_checkpoint + 100));
  writer.Stop();
  ASSERT_TRUE(writer.failure().empty()) << writer.failure();
  ASSERT_TRUE(taken.ok()) << taken.ToString();

  auto copy = OpenStore(copy_dir);
  ASSERT_NE(copy, nullptr);
  ExpectVerifies(*copy);
  const LogHead copy_head = copy->Head();
  const LogHead original_head = store->Head();
  EXPECT_GE(copy_head.position.value(), 200u);
  EXPECT_LT(copy_head.position.value(), original_head.position.value());
  // A commit boundary: the checkpoint does not split an append.
  EXPECT_EQ(writer.append_ends().count(copy_head.position.value()), 1u)
      << "checkpoint head " << copy_head.position.value() << " is inside an append";

  std::vector<RecordedEvent> copied = AllEvents(*copy);
  std::vector<RecordedEvent> original = AllEvents(*store);
  ASSERT_EQ(copied.size(), copy_head.position.value());
  ASSERT_GT(original.size(), copied.size());
  for (std::size_t i = 0; i < copied.size(); ++i) {
    ASSERT_TRUE(copied[i] == original[i]) << "position " << i + 1 << " differs";
  }
  EXPECT_EQ(copy_head.hash, original[copied.size() - 1].hash);

  // Stream heads in the copy match the prefix.
  std::map<std::string, uint64_t> versions;
  for (const RecordedEvent& e : copied) versions[e.stream_id] = e.version.value();
  for (const auto& [stream, version] : versions) {
    EXPECT_EQ(copy->StreamHead(stream)->value(), version) << stream;
  }
}

TEST(CheckpointTest, CopyAndOriginalAreIndependentAfterwards) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 5; ++i) ASSERT_THAT(store->Append(Events("s", 2, std::to_string(i))), IsOk());
  ASSERT_THAT(store->Checkpoint(dir.Sub("copy")), IsOk());

  auto copy = OpenStore(dir.Sub("copy"));
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(copy->Head() == store->Head());

  Result<AppendResult> in_copy = copy->Append(Events("copy-only", 1, "c"));
  ASSERT_TRUE(in_copy.ok()) << in_copy.status().ToString();
  EXPECT_EQ(in_copy->first_position.value(), 11u);
  Result<AppendResult> in_original = store->Append(Events("original-only", 3, "o"));
  ASSERT_TRUE(in_original.ok()) << in_original.status().ToString();
  EXPECT_EQ(in_original->first_position.value(), 11u);

  EXPECT_EQ(copy->Head().position.value(), 11u);
  EXPECT_EQ(store->Head().position.value(), 13u);
  EXPECT_EQ(copy->StreamHead("original-only")->value(), 0u);
  EXPECT_EQ(store->StreamHead("copy-only")->value(), 0u);
  ExpectVerifies(*copy);
  ExpectVerifies(*store);

  // The copy survives the original going away.
  store.reset();
  copy.reset();
  fs::remove_all(dir.Sub("store"));
  auto reopened = OpenStore(dir.Sub("copy"));
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->Head().position.value(), 11u);
  ExpectVerifies(*reopened);
}

TEST(CheckpointTest, IdempotencyKeysAreCopied) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  AppendRequest request = Events("s", 2, "k");
  request.idempotency_key = "key-1";
  Result<AppendResult> first = store->Append(request);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_THAT(store->Checkpoint(dir.Sub("copy")), IsOk());
  auto copy = OpenStore(dir.Sub("copy"));
  ASSERT_NE(copy, nullptr);
  Result<AppendResult> again = copy->Append(request);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->deduplicated);
  EXPECT_EQ(again->last_position.value(), first->last_position.value());
  EXPECT_EQ(copy->Head().position.value(), 2u);
}

TEST(CheckpointTest, OfAnEmptyStore) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  Status taken = store->Checkpoint(dir.Sub("copy"));
  ASSERT_TRUE(taken.ok()) << taken.ToString();
  auto copy = OpenStore(dir.Sub("copy"));
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(copy->Head() == LogHead{});
  ExpectVerifies(*copy);
}

TEST(CheckpointTest, IntoAnExistingEmptyDirectoryFails) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(Events("s", 1, "x")), IsOk());
  fs::create_directory(dir.Sub("exists"));
  Status taken = store->Checkpoint(dir.Sub("exists"));
  ASSERT_FALSE(taken.ok()) << "checkpoint into an existing directory";
  EXPECT_FALSE(taken.message().empty());
  EXPECT_TRUE(fs::is_empty(dir.Sub("exists")));
  // The store is unaffected.
  ASSERT_THAT(store->Append(Events("s", 1, "y")), IsOk());
  EXPECT_EQ(store->Head().position.value(), 2u);
}

TEST(CheckpointTest, IntoAnExistingDirectoryWithFilesFailsAndLeavesThemAlone) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(Events("s", 1, "x")), IsOk());
  fs::create_directory(dir.Sub("exists"));
  { std::ofstream(dir.Sub("exists") / "keep.txt") << "keep"; }
  Status taken = store->Checkpoint(dir.Sub("exists"));
  ASSERT_FALSE(taken.ok());
  EXPECT_FALSE(taken.message().empty());
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(dir.Sub("exists")))
    entries.push_back(entry.path());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].filename(), "keep.txt");
}

TEST(CheckpointTest, IntoTheStoresOwnDirectoryFails) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(Events("s", 1, "x")), IsOk());
  Status taken = store->Checkpoint(dir.Sub("store"));
  ASSERT_FALSE(taken.ok());
  ASSERT_THAT(store->Append(Events("s", 1, "y")), IsOk());
  ExpectVerifies(*store);
}

TEST(CheckpointTest, IntoAPathOverAFileFails) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  { std::ofstream(dir.Sub("file")) << "data"; }
  Status taken = store->Checkpoint(dir.Sub("file"));
  ASSERT_FALSE(taken.ok());
  EXPECT_TRUE(fs::is_regular_file(dir.Sub("file")));
}

TEST(CheckpointTest, TwoCheckpointsInARow) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(Events("s", 3, "x")), IsOk());
  ASSERT_THAT(store->Checkpoint(dir.Sub("one")), IsOk());
  ASSERT_THAT(store->Append(Events("s", 2, "y")), IsOk());
  ASSERT_THAT(store->Checkpoint(dir.Sub("two")), IsOk());
  auto one = OpenStore(dir.Sub("one"));
  auto two = OpenStore(dir.Sub("two"));
  ASSERT_NE(one, nullptr);
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(one->Head().position.value(), 3u);
  EXPECT_EQ(two->Head().position.value(), 5u);
  ExpectVerifies(*one);
  ExpectVerifies(*two);
}

}  // namespace
}  // namespace trygg::eventstore
