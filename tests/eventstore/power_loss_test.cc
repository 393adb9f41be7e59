// Power loss: the store runs on a PowerCutFs (testutil/power_cut_fs.h), which at a simulated power
// cut drops every byte written after each file's last sync and every directory entry created
// since its directory's last sync. SIGKILL (crash_test.cc) cannot show this: the kernel still
// writes a killed process's unsynced data. Each round opens the real EventStore on a PowerCutFs,
// appends from several threads through the real group-commit writer, cuts the power at a seeded
// moment, closes the store, applies the cut to the files and reopens the store on the real file
// system. After every cut:
//   - every acknowledged append is there, at the positions its result gave, with its payloads;
//   - positions are gap-free up to Head() and Verify() finds the chain intact;
//   - nothing torn is visible: an append's events are in the log whole or not at all, and what a
//     thread appended in a round is a prefix of what it tried (an unacknowledged append is either
//     wholly there or absent, and nothing after it is there when it is absent).
// The cut points: after N acknowledged appends, or at the Nth file-system operation (anywhere:
// between a group's log write and its sync, in the middle of the recovery flush at open, ...);
// and either none or a random prefix of each file's unsynced bytes survives.
//
// The seed is printed; TRYGG_TEST_SEED=N replays it. TRYGG_POWER_CUTS=R runs R rounds (default
// 50, 10 in sanitizer builds).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "testutil/eventstore_util.h"
#include "testutil/power_cut_fs.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::eventstore {
namespace {

using ::trygg::testing::PowerCutFs;

constexpr int kThreads = 4;
constexpr int kMaxEventsPerAppend = 3;
// A round ends with a cut after at most this many acknowledged appends.
constexpr uint64_t kMaxAcksPerRound = 120;
// Cuts at an operation are spread over this many: an open with its recovery flush and about
// kMaxAcksPerRound group commits (a log write and a sync each) take roughly as many.
constexpr uint64_t kMaxCutOperation = 250;

int Rounds() {
  if (const char* env = std::getenv("TRYGG_POWER_CUTS"); env != nullptr && *env != '\0') {
    return std::atoi(env);
  }
#ifdef TRYGG_SANITIZER_BUILD
  return 10;
#else
  return 50;
#endif
}

// The parts of a payload "t<thread>-r<round>-a<append>-e<i>of<k>.xxx": the thread's `append`th
// append of the round, event i of k, padded to vary the records' sizes.
struct Payload {
  int thread = 0;
  int round = 0;
  uint64_t append = 0;
  int index = 0;  // 1-based
  int count = 0;

  std::string Head() const {
    return "t" + std::to_string(thread) + "-r" + std::to_string(round) + "-a" +
           std::to_string(append) + "-e" + std::to_string(index) + "of" + std::to_string(count);
  }
};

std::optional<Payload> ParsePayload(const std::string& text) {
  Payload p;
  unsigned long long append = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "t%d-r%d-a%llu-e%dof%d%n", &p.thread, &p.round, &append, &p.index,
                  &p.count, &consumed) != 5) {
    return std::nullopt;
  }
  p.append = append;
  if (p.index < 1 || p.index > p.count || p.Head() != text.substr(0, consumed)) return std::nullopt;
  const std::string pad = text.substr(consumed);
  if (pad.empty() || pad[0] != '.' || pad.find_first_not_of('x', 1) != std::string::npos) {
    return std::nullopt;
  }
  return p;
}

std::string StreamOf(int thread) { return "power-" + std::to_string(thread); }

// An acknowledged append: its first position and its events' payloads.
struct Acked {
  std::string stream;
  std::vector<std::string> payloads;
  int round = 0;
};

class PowerLossTest : public ::testing::Test {
 protected:
  // One round: appends on a PowerCutFs until the planned cut, then the cut.
  void RunRound(int round, std::mt19937& rng) {
    auto fs = std::make_shared<PowerCutFs>();
    const bool cut_at_ack = rng() % 2 == 0;
    const uint64_t cut_point =
        cut_at_ack ? std::uniform_int_distribution<uint64_t>(0, kMaxAcksPerRound)(rng)
                   : std::uniform_int_distribution<uint64_t>(1, kMaxCutOperation)(rng);
    const bool torn = rng() % 2 == 0;
    const uint32_t thread_seed = rng();
    plan_ = "round " + std::to_string(round) + ": cut " +
            (cut_at_ack ? "after " + std::to_string(cut_point) + " acknowledged appends"
                        : "at file-system operation " + std::to_string(cut_point)) +
            (torn ? ", unsynced tails torn" : ", unsynced bytes dropped");
    SCOPED_TRACE(plan_);
    if (!cut_at_ack) fs->CutAtOperation(cut_point);
    if (cut_at_ack && cut_point == 0) fs->Cut();

    Options options;
    options.file_system = fs;
    Result<std::unique_ptr<EventStore>> store = EventStore::Open(store_dir_, options);
    if (!store.ok()) {
      // Only a cut may stop the open (it happened in the open's own writes).
      ASSERT_TRUE(fs->is_cut()) << "open failed without a cut: " << store.status().ToString();
    } else {
      std::mutex mu;
      uint64_t acks = 0;
      std::vector<std::string> unexpected;
      std::vector<std::thread> threads;
      for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
          std::mt19937 thread_rng(thread_seed + t);
          for (uint64_t append = 0; !fs->is_cut(); ++append) {
            Payload payload{t, round, append, 0,
                            std::uniform_int_distribution<int>(1, kMaxEventsPerAppend)(thread_rng)};
            std::vector<EventData> events;
            std::vector<std::string> payloads;
            for (payload.index = 1; payload.index <= payload.count; ++payload.index) {
              const std::size_t pad =
                  std::uniform_int_distribution<std::size_t>(1, 400)(thread_rng);
              payloads.push_back(payload.Head() + "." + std::string(pad, 'x'));
              events.push_back(::trygg::testing::Event("t", payloads.back()));
            }
            Result<AppendResult> result =
                (*store)->Append(::trygg::testing::Request(StreamOf(t), std::move(events)));
            std::lock_guard lock(mu);
            if (!result.ok()) {
              // An append may fail only once the power is gone; it may also have been committed.
              if (!fs->is_cut()) unexpected.push_back(result.status().ToString());
              return;
            }
            // Acknowledged: durable, whatever happens from here on.
            if (!acked_.emplace(result->first_position.value(), Acked{StreamOf(t), payloads, round})
                     .second) {
              unexpected.push_back("position " + std::to_string(result->first_position.value()) +
                                   " acknowledged twice");
            }
            ++acks;
            ++total_acks_;
            if (cut_at_ack && acks >= cut_point) fs->Cut();
            if (acks >= kMaxAcksPerRound) fs->Cut();
          }
        });
      }
      for (std::thread& thread : threads) thread.join();
      EXPECT_TRUE(unexpected.empty()) << "an append failed before the cut: " << unexpected.front();
      store->reset();  // the machine is off: the store's files close with the power cut
    }
    operations_ += fs->operations();
    std::mt19937 torn_rng(thread_seed);
    const std::string error = fs->PowerOn(torn ? &torn_rng : nullptr);
    ASSERT_EQ(error, "");
  }

  // Reopens the store on the real file system and checks it against every acknowledged append.
  void CheckStore() {
    SCOPED_TRACE(plan_);
    Result<std::unique_ptr<EventStore>> store = EventStore::Open(store_dir_);
    ASSERT_TRUE(store.ok()) << "reopen after the power cut failed: " << store.status().ToString();
    const std::vector<RecordedEvent> log = ::trygg::testing::AllEvents(**store);
    ASSERT_EQ(log.size(), (*store)->Head().position.value()) << "the log and its head disagree";

    // Nothing torn: each append whole, each thread's appends of a round a prefix of its tries.
    std::map<std::pair<int, int>, uint64_t> next_append;  // (thread, round) -> next append
    std::optional<Payload> open;                          // the several-event append being walked
    for (std::size_t i = 0; i < log.size(); ++i) {
      const RecordedEvent& event = log[i];
      ASSERT_EQ(event.position.value(), i + 1) << "positions have a gap";
      std::optional<Payload> p = ParsePayload(event.payload);
      ASSERT_TRUE(p.has_value()) << "position " << i + 1 << " holds a payload never written: "
                                 << event.payload.substr(0, 80);
      ASSERT_EQ(event.stream_id, StreamOf(p->thread)) << "position " << i + 1;
      if (open) {
        ASSERT_TRUE(p->thread == open->thread && p->round == open->round &&
                    p->append == open->append && p->index == open->index + 1)
            << "append " << open->Head() << " is torn at position " << i + 1;
      } else {
        ASSERT_EQ(p->index, 1) << "position " << i + 1 << " (" << p->Head()
                               << ") is the middle of an append whose start is missing";
        uint64_t& next = next_append[{p->thread, p->round}];
        ASSERT_EQ(p->append, next) << "position " << i + 1 << " (" << p->Head()
                                   << ") follows a missing append of the same thread";
        next = p->append + 1;
      }
      open = p->index < p->count ? p : std::nullopt;
    }
    ASSERT_FALSE(open.has_value()) << "the last append is torn: ends with " << open->Head();

    for (const auto& [first, acked] : acked_) {
      for (std::size_t i = 0; i < acked.payloads.size(); ++i) {
        const uint64_t position = first + i;
        ASSERT_LE(position, log.size())
            << "position " << position << ", acknowledged in round " << acked.round
            << ", is beyond the head after the cut: an acknowledged append was lost";
        const RecordedEvent& event = log[position - 1];
        ASSERT_TRUE(event.stream_id == acked.stream && event.payload == acked.payloads[i])
            << "position " << position << " was acknowledged in round " << acked.round << " as "
            << acked.payloads[i].substr(0, 40) << " but holds " << event.payload.substr(0, 40);
      }
    }
    ::trygg::testing::ExpectVerifies(**store);
    head_ = log.size();
  }

  ::trygg::testing::TempDir dir_;
  std::filesystem::path store_dir_ = dir_.Sub("store");
  std::map<uint64_t, Acked> acked_;  // by first position
  std::string plan_;
  uint64_t total_acks_ = 0;
  uint64_t operations_ = 0;
  uint64_t head_ = 0;
};

TEST_F(PowerLossTest, AcknowledgedAppendsSurvivePowerCuts) {
  const uint32_t seed = ::trygg::testing::TestSeed();
  const int rounds = Rounds();
  std::cout << "power_loss_test seed=" << seed << " (TRYGG_TEST_SEED=" << seed << " replays it), "
            << rounds << " rounds (TRYGG_POWER_CUTS)" << std::endl;
  SCOPED_TRACE("TRYGG_TEST_SEED=" + std::to_string(seed));
  RecordProperty("seed", std::to_string(seed));
  std::mt19937 rng(seed);

  // Created beforehand: a cut during the creation itself is the known gap below.
  ASSERT_NE(::trygg::testing::OpenStore(store_dir_, Options{}), nullptr);
  const auto start = std::chrono::steady_clock::now();
  for (int round = 1; round <= rounds; ++round) {
    RunRound(round, rng);
    if (HasFailure()) return;
    CheckStore();
    if (HasFailure()) return;
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::cout << "power_loss_test: " << rounds << " power cuts, " << total_acks_
            << " acknowledged appends, " << operations_ << " file-system operations, head " << head_
            << ", " << elapsed.count() << " ms" << std::endl;
}

// A cut at each operation of a new store's creation in turn: the directory must then open as a
// store (the creation finished by the open) with nothing in it.
// A power cut at any moment of a store's first creation leaves a directory that opens as an
// empty store: before CURRENT is durable it holds only RocksDB's creation files, and between the
// creation of two column families a database with some of ours, all empty (db.cc).
TEST_F(PowerLossTest, CutDuringCreationLeavesAStoreThatOpens) {
  for (uint64_t operation = 1;; ++operation) {
    SCOPED_TRACE("cut at operation " + std::to_string(operation) + " of the creation");
    ::trygg::testing::TempDir dir;
    auto fs = std::make_shared<PowerCutFs>();
    fs->CutAtOperation(operation);
    Options options;
    options.file_system = fs;
    const bool created = EventStore::Open(dir.Sub("store"), options).ok();
    if (!fs->is_cut()) {
      ASSERT_TRUE(created);
      std::cout << "creating a store takes " << operation - 1 << " file-system operations"
                << std::endl;
      return;
    }
    ASSERT_EQ(fs->PowerOn(), "");
    Result<std::unique_ptr<EventStore>> store = EventStore::Open(dir.Sub("store"));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ((*store)->Head().position.value(), 0u);
    ::trygg::testing::ExpectVerifies(**store);
  }
}

}  // namespace
}  // namespace trygg::eventstore
