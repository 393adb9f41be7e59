// Open: creating a store, refusing what is not a store, refusing a store already open, reopening.
// (A raw RocksDB without the trygg marker and a newer format_version need RocksDB directly; the
// tamper test covers them.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

namespace fs = std::filesystem;
using namespace ::trygg::testing;  // the shared helpers in testutil/

AppendRequest One(std::string stream_id, std::string payload) {
  return Request(std::move(stream_id), {Event("t", std::move(payload))});
}

void WriteFile(const fs::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::string ReadFile(const fs::path& path) {
  std::string contents(fs::file_size(path), '\0');
  std::ifstream in(path, std::ios::binary);
  in.read(contents.data(), static_cast<std::streamsize>(contents.size()));
  return contents;
}

// Names of the entries directly in `dir`, sorted.
std::vector<std::string> Listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += name + " ";
  return out;
}

TEST(OpenTest, CreatesAStoreInAMissingDirectory) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_FALSE(fs::exists(path));
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(path, FastOptions());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EventStore& store = **opened;
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ(store.Head().position.value(), 0u);
  EXPECT_EQ(store.Head().hash, Hash{});
  Result<AppendResult> r = store.Append(One("s", "x"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first_position.value(), 1u);
}

TEST(OpenTest, CreatesAStoreInAnEmptyDirectory) {
  TempDir dir;
  ASSERT_TRUE(fs::is_empty(dir.path()));
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), FastOptions());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->Head().position.value(), 0u);
  Result<AppendResult> r = (*opened)->Append(One("s", "x"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(fs::is_empty(dir.path()));
}

TEST(OpenTest, CreateIfMissingFalseRefusesAMissingDirectory) {
  TempDir dir;
  Options options = FastOptions();
  options.create_if_missing = false;
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.Sub("store"), options);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().code(), Code::kOk);
  EXPECT_FALSE(opened.status().message().empty());
}

TEST(OpenTest, CreateIfMissingFalseRefusesAnEmptyDirectory) {
  TempDir dir;
  Options options = FastOptions();
  options.create_if_missing = false;
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), options);
  ASSERT_FALSE(opened.ok());
  EXPECT_FALSE(opened.status().message().empty());
}

TEST(OpenTest, CreateIfMissingFalseOpensAnExistingStore) {
  TempDir dir;
  {
    Result<std::unique_ptr<EventStore>> created = EventStore::Open(dir.path(), FastOptions());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    ASSERT_THAT((*created)->Append(One("s", "x")), IsOk());
  }
  Options options = FastOptions();
  options.create_if_missing = false;
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->Head().position.value(), 1u);
}

TEST(OpenTest, DirectoryWithAnUnrelatedFileIsRefusedAndLeftAlone) {
  TempDir dir;
  const std::string contents = "my thesis, do not delete\n";
  WriteFile(dir.path() / "thesis.txt", contents);
  const std::vector<std::string> before = Listing(dir.path());

  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), FastOptions());
  ASSERT_FALSE(opened.ok()) << "opened a directory holding thesis.txt as a store";
  EXPECT_EQ(opened.status().code(), Code::kFailedPrecondition) << opened.status().ToString();
  EXPECT_FALSE(opened.status().message().empty());
  EXPECT_EQ(Listing(dir.path()), before)
      << "Open wrote into a directory that is not a store: " << Joined(Listing(dir.path()));
  EXPECT_EQ(ReadFile(dir.path() / "thesis.txt"), contents);
}

TEST(OpenTest, DirectoryWithUnrelatedFilesNamedLikeRocksDbIsRefused) {
  TempDir dir;
  // Files that look a little like a database but are not one.
  WriteFile(dir.path() / "CURRENT", "not a manifest name\n");
  WriteFile(dir.path() / "LOG", "hello\n");
  const std::vector<std::string> before = Listing(dir.path());
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), FastOptions());
  ASSERT_FALSE(opened.ok());
  // With a CURRENT file this may pass for a damaged database rather than a foreign directory.
  EXPECT_TRUE(opened.status().code() == Code::kFailedPrecondition ||
              opened.status().code() == Code::kDataLoss)
      << opened.status().ToString();
  EXPECT_FALSE(opened.status().message().empty());
  EXPECT_EQ(Listing(dir.path()), before)
      << "Open wrote into a directory that is not a store: " << Joined(Listing(dir.path()));
  EXPECT_EQ(ReadFile(dir.path() / "CURRENT"), "not a manifest name\n");
}

TEST(OpenTest, DirectoryWithOnlyASubdirectoryIsRefused) {
  TempDir dir;
  fs::create_directory(dir.path() / "photos");
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), FastOptions());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kFailedPrecondition) << opened.status().ToString();
  EXPECT_EQ(Listing(dir.path()), std::vector<std::string>{"photos"});
}

TEST(OpenTest, APathThatIsARegularFileIsRefused) {
  TempDir dir;
  const fs::path file = dir.path() / "file";
  WriteFile(file, "data");
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(file, FastOptions());
  ASSERT_FALSE(opened.ok());
  EXPECT_FALSE(opened.status().message().empty());
  EXPECT_TRUE(fs::is_regular_file(file));
  EXPECT_EQ(ReadFile(file), "data");
}

TEST(OpenTest, OpeningAStoreThatIsAlreadyOpenFails) {
  TempDir dir;
  Result<std::unique_ptr<EventStore>> first = EventStore::Open(dir.path(), FastOptions());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_THAT((*first)->Append(One("s", "1")), IsOk());

  Result<std::unique_ptr<EventStore>> second = EventStore::Open(dir.path(), FastOptions());
  ASSERT_FALSE(second.ok()) << "the same store opened twice";
  EXPECT_EQ(second.status().code(), Code::kFailedPrecondition) << second.status().ToString();
  EXPECT_FALSE(second.status().message().empty());

  // The failed open did not disturb the first instance.
  Result<AppendResult> r = (*first)->Append(One("s", "2"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first_position.value(), 2u);
  Result<VerifyReport> report = (*first)->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;

  // Once the first is closed, the store opens again.
  first->reset();
  Result<std::unique_ptr<EventStore>> third = EventStore::Open(dir.path(), FastOptions());
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ((*third)->Head().position.value(), 2u);
}

TEST(OpenTest, OpeningTheSameStoreThroughAnotherPathFails) {
  TempDir dir;
  const fs::path store_dir = dir.Sub("store");
  Result<std::unique_ptr<EventStore>> first = EventStore::Open(store_dir, FastOptions());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  // "dir/store/../store" names the same directory.
  Result<std::unique_ptr<EventStore>> second =
      EventStore::Open(store_dir / ".." / "store", FastOptions());
  ASSERT_FALSE(second.ok()) << "the same store opened twice";
  EXPECT_EQ(second.status().code(), Code::kFailedPrecondition) << second.status().ToString();
}

TEST(OpenTest, ReopenAfterCloseKeepsEverything) {
  TempDir dir;
  LogHead head;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), Options{});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EventStore& store = **opened;
    EXPECT_TRUE(store.Head() == head);
    EXPECT_EQ(store.StreamHead("s")->value(), static_cast<uint64_t>(round));
    Result<AppendResult> r = store.Append(One("s", std::to_string(round)));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->first_position.value(), static_cast<uint64_t>(round + 1));
    EXPECT_EQ(r->stream_version.value(), static_cast<uint64_t>(round + 1));
    head = store.Head();
  }
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), FastOptions());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Result<std::vector<RecordedEvent>> events = (*opened)->ReadStream("s", StreamVersion(1), 10);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ((*events)[i].payload, std::to_string(i));
  Result<VerifyReport> report = (*opened)->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
  EXPECT_EQ(report->events_checked, 3u);
}

TEST(OpenTest, AnEmptyStoreReopensAsAStore) {
  TempDir dir;
  {
    Result<std::unique_ptr<EventStore>> created = EventStore::Open(dir.path(), FastOptions());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  // Now the directory is not empty; it must be recognised as the (empty) store it is.
  ASSERT_FALSE(fs::is_empty(dir.path()));
  Options options = FastOptions();
  options.create_if_missing = false;
  Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir.path(), options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->Head().position.value(), 0u);
}

TEST(OpenTest, TwoStoresInOneProcessAreIndependent) {
  TempDir dir;
  Result<std::unique_ptr<EventStore>> a = EventStore::Open(dir.Sub("a"), FastOptions());
  Result<std::unique_ptr<EventStore>> b = EventStore::Open(dir.Sub("b"), FastOptions());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_THAT((*a)->Append(One("s", "a1")), IsOk());
  ASSERT_THAT((*a)->Append(One("s", "a2")), IsOk());
  ASSERT_THAT((*b)->Append(One("s", "b1")), IsOk());
  EXPECT_EQ((*a)->Head().position.value(), 2u);
  EXPECT_EQ((*b)->Head().position.value(), 1u);
  Result<std::vector<RecordedEvent>> from_b = (*b)->ReadAll(Position(1), 10);
  ASSERT_THAT(from_b, IsOk());
  ASSERT_EQ(from_b->size(), 1u);
  EXPECT_EQ((*from_b)[0].payload, "b1");
}

}  // namespace
}  // namespace trygg::eventstore
