// Many threads appending and reading at once. Also run under ThreadSanitizer, so the amount of
// work is kept modest.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

using namespace ::trygg::testing;  // the shared helpers in testutil/

// Payload "<thread> <seq> <index>": who wrote it, the writer's append number, the index within
// that append.
std::string Payload(std::size_t thread, std::size_t seq, std::size_t index) {
  return std::to_string(thread) + " " + std::to_string(seq) + " " + std::to_string(index);
}

struct Parsed {
  std::size_t thread = 0;
  std::size_t seq = 0;
  std::size_t index = 0;
};

std::optional<Parsed> Parse(const std::string& payload) {
  Parsed p;
  char* end = nullptr;
  const char* s = payload.c_str();
  p.thread = std::strtoul(s, &end, 10);
  if (end == s || *end != ' ') return std::nullopt;
  s = end + 1;
  p.seq = std::strtoul(s, &end, 10);
  if (end == s || *end != ' ') return std::nullopt;
  s = end + 1;
  p.index = std::strtoul(s, &end, 10);
  if (end == s || *end != '\0') return std::nullopt;
  return p;
}

AppendRequest Request(std::string stream_id, ExpectedVersion expected, std::size_t thread,
                      std::size_t seq, std::size_t n) {
  AppendRequest request;
  request.stream_id = std::move(stream_id);
  request.expected_version = expected;
  for (std::size_t i = 0; i < n; ++i) {
    EventData event;
    event.type = "test.Appended";
    event.payload = Payload(thread, seq, i);
    event.metadata.principal = "thread-" + std::to_string(thread);
    request.events.push_back(std::move(event));
  }
  return request;
}

// AppendAsync, waiting for the callback with a deadline.
Result<AppendResult> AppendViaAsync(EventStore& store, AppendRequest request) {
  auto promise = std::make_shared<std::promise<Result<AppendResult>>>();
  std::future<Result<AppendResult>> future = promise->get_future();
  store.AppendAsync(std::move(request),
                    [promise](Result<AppendResult> r) { promise->set_value(std::move(r)); });
  if (future.wait_for(kConcurrentDeadline) != std::future_status::ready) {
    return Status(Code::kInternal, "test: AppendAsync callback did not run within the deadline");
  }
  return future.get();
}

// The whole log is intact: positions 1..n, the chain links, timestamps never decrease, every
// stream's versions are gap-free, and Verify agrees.
void ExpectLogIntact(const EventStore& store, const std::vector<RecordedEvent>& all) {
  std::map<std::string, uint64_t> versions;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const RecordedEvent& e = all[i];
    ASSERT_EQ(e.position.value(), i + 1);
    ASSERT_EQ(e.prev_hash, i == 0 ? Hash{} : all[i - 1].hash) << "position " << i + 1;
    if (i > 0) {
      ASSERT_GE(e.recorded_at, all[i - 1].recorded_at) << "position " << i + 1;
    }
    uint64_t& version = versions[e.stream_id];
    ASSERT_EQ(e.version.value(), ++version) << "stream " << e.stream_id << " position " << i + 1;
  }
  for (const auto& [stream, version] : versions) {
    EXPECT_EQ(store.StreamHead(stream)->value(), version) << stream;
    Result<std::vector<RecordedEvent>> events = store.ReadStream(stream, StreamVersion(1), kMaxReadEvents);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    ASSERT_EQ(events->size(), version) << stream;
    for (std::size_t v = 0; v < events->size(); ++v) {
      const RecordedEvent& e = (*events)[v];
      ASSERT_EQ(e.version.value(), v + 1);
      ASSERT_TRUE(e == all[e.position.value() - 1]) << "stream " << stream << " version " << v + 1;
    }
  }
  const LogHead head = store.Head();
  EXPECT_EQ(head.position.value(), all.size());
  if (!all.empty()) {
    EXPECT_EQ(head.hash, all.back().hash);
  }
  Result<VerifyReport> report = store.Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
  EXPECT_EQ(report->events_checked, all.size());
}

struct Attempt {
  std::string stream;
  std::size_t seq = 0;
  std::size_t events = 0;
  std::optional<Result<AppendResult>> result;
};

TEST(ConcurrencyTest, ManyThreadsAppendingToSharedAndOwnStreams) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays)");
  constexpr std::size_t kThreads = 16;
  constexpr std::size_t kAppendsPerThread = 50;
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  std::vector<std::vector<Attempt>> attempts(kThreads);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(seed + static_cast<uint32_t>(t));
      const std::string own = "thread-" + std::to_string(t);
      uint64_t own_version = 0;
      for (std::size_t seq = 0; seq < kAppendsPerThread; ++seq) {
        Attempt a;
        const bool shared = rng() % 2 == 0;
        a.stream = shared ? "shared" : own;
        a.seq = seq;
        a.events = 1 + rng() % 3;
        // Only this thread writes its own stream, so it knows the exact version to expect.
        const ExpectedVersion expected = shared ? ExpectedVersion::Any()
                                                : ExpectedVersion::Exactly(StreamVersion(own_version));
        AppendRequest request = Request(a.stream, expected, t, seq, a.events);
        a.result = rng() % 2 == 0 ? store->Append(std::move(request))
                                  : AppendViaAsync(*store, std::move(request));
        if (!shared && a.result->ok()) own_version = (*a.result)->stream_version.value();
        attempts[t].push_back(std::move(a));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::size_t total_events = 0;
  for (std::size_t t = 0; t < kThreads; ++t) {
    for (const Attempt& a : attempts[t]) {
      ASSERT_TRUE(a.result->ok()) << "thread " << t << " append " << a.seq << ": "
                                  << a.result->status().ToString();
      total_events += a.events;
    }
  }

  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), total_events);
  ExpectLogIntact(*store, all);

  // Each acknowledged append is where its result says, contiguous, and in its stream.
  for (std::size_t t = 0; t < kThreads; ++t) {
    for (const Attempt& a : attempts[t]) {
      const AppendResult& r = **a.result;
      ASSERT_EQ(r.last_position.value() - r.first_position.value() + 1, a.events);
      ASSERT_FALSE(r.deduplicated);
      for (std::size_t i = 0; i < a.events; ++i) {
        const RecordedEvent& e = all[r.first_position.value() - 1 + i];
        EXPECT_EQ(e.stream_id, a.stream);
        EXPECT_EQ(e.payload, Payload(t, a.seq, i)) << "position " << e.position.value();
      }
      EXPECT_EQ(all[r.last_position.value() - 1].version.value(), r.stream_version.value());
    }
  }

  // Each thread's appends appear in the log, and in every stream, in the order it made them.
  std::map<std::pair<std::string, std::size_t>, std::size_t> last_seq;  // (stream, thread)
  std::vector<std::optional<std::size_t>> last_global(kThreads);
  for (const RecordedEvent& e : all) {
    std::optional<Parsed> p = Parse(e.payload);
    ASSERT_TRUE(p.has_value()) << e.payload;
    ASSERT_LT(p->thread, kThreads);
    if (last_global[p->thread].has_value() && p->index == 0) {
      EXPECT_GT(p->seq, *last_global[p->thread]) << "thread " << p->thread << " out of order";
    }
    last_global[p->thread] = p->seq;
    auto key = std::make_pair(e.stream_id, p->thread);
    auto it = last_seq.find(key);
    if (it != last_seq.end() && p->index == 0) {
      EXPECT_GT(p->seq, it->second);
    }
    last_seq[key] = p->seq;
  }
}

TEST(ConcurrencyTest, PipelinedAsyncAppendsFromOneThreadCommitInSubmissionOrder) {
  constexpr std::size_t kThreads = 4;
  constexpr std::size_t kAppendsPerThread = 100;
  TempDir dir;
  std::mutex mu;
  std::condition_variable cv;
  std::size_t done = 0;
  std::vector<std::vector<std::optional<Result<AppendResult>>>> results(
      kThreads, std::vector<std::optional<Result<AppendResult>>>(kAppendsPerThread));
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Fired without waiting, all to one stream.
      for (std::size_t seq = 0; seq < kAppendsPerThread; ++seq) {
        store->AppendAsync(Request("shared", ExpectedVersion::Any(), t, seq, 1),
                           [&, t, seq](Result<AppendResult> r) {
                             std::lock_guard<std::mutex> lock(mu);
                             results[t][seq].emplace(std::move(r));
                             ++done;
                             cv.notify_all();
                           });
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, kConcurrentDeadline,
                            [&] { return done == kThreads * kAppendsPerThread; }))
        << done << " of " << kThreads * kAppendsPerThread << " callbacks";
  }
  for (std::size_t t = 0; t < kThreads; ++t) {
    uint64_t previous = 0;
    for (std::size_t seq = 0; seq < kAppendsPerThread; ++seq) {
      const Result<AppendResult>& r = *results[t][seq];
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_GT(r->first_position.value(), previous)
          << "thread " << t << " append " << seq << " committed before an earlier one";
      previous = r->first_position.value();
    }
  }
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), kThreads * kAppendsPerThread);
  ExpectLogIntact(*store, all);
}

TEST(ConcurrencyTest, OptimisticConcurrencyHasExactlyOneWinnerPerVersion) {
  constexpr std::size_t kThreads = 8;
  constexpr std::size_t kRounds = 40;
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(Request("noise", ExpectedVersion::Any(), 99, 0, 1)), IsOk());

  // results[round][thread]
  std::vector<std::vector<std::optional<Result<AppendResult>>>> results(
      kRounds, std::vector<std::optional<Result<AppendResult>>>(kThreads));
  std::barrier start(static_cast<std::ptrdiff_t>(kThreads));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t round = 0; round < kRounds; ++round) {
        // Everyone has finished the previous round, so the stream is at version `round`.
        start.arrive_and_wait();
        AppendRequest request =
            Request("contested", ExpectedVersion::Exactly(StreamVersion(round)), t, round, 1);
        results[round][t] = t % 2 == 0 ? store->Append(std::move(request))
                                       : AppendViaAsync(*store, std::move(request));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  Result<std::vector<RecordedEvent>> stream = store->ReadStream("contested", StreamVersion(1), 1000);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  ASSERT_EQ(stream->size(), kRounds);
  for (std::size_t round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::optional<std::size_t> winner;
    for (std::size_t t = 0; t < kThreads; ++t) {
      const Result<AppendResult>& r = *results[round][t];
      if (r.ok()) {
        EXPECT_FALSE(winner.has_value()) << "threads " << *winner << " and " << t << " both won";
        winner = t;
        EXPECT_EQ(r->stream_version.value(), round + 1);
      } else {
        EXPECT_EQ(r.status().code(), Code::kAborted) << r.status().ToString();
        ASSERT_TRUE(r.status().current_version().has_value()) << r.status().ToString();
        EXPECT_EQ(r.status().current_version()->value(), round + 1);
      }
    }
    ASSERT_TRUE(winner.has_value()) << "nobody won";
    EXPECT_EQ((*stream)[round].payload, Payload(*winner, round, 0));
  }
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), kRounds + 1);
  ExpectLogIntact(*store, all);
}

TEST(ConcurrencyTest, ConcurrentRetriesWithOneIdempotencyKeyWriteOnce) {
  constexpr std::size_t kThreads = 8;
  constexpr std::size_t kRounds = 20;
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  std::vector<std::vector<std::optional<Result<AppendResult>>>> results(
      kRounds, std::vector<std::optional<Result<AppendResult>>>(kThreads));
  std::barrier start(static_cast<std::ptrdiff_t>(kThreads));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t round = 0; round < kRounds; ++round) {
        start.arrive_and_wait();
        // The same request from every thread: a client retrying through several connections.
        AppendRequest request = Request("s" + std::to_string(round % 3), ExpectedVersion::Any(), 0, round, 2);
        request.idempotency_key = "key-" + std::to_string(round);
        results[round][t] = t % 2 == 0 ? store->Append(std::move(request))
                                       : AppendViaAsync(*store, std::move(request));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (std::size_t round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::size_t written = 0;
    std::optional<uint64_t> first;
    for (std::size_t t = 0; t < kThreads; ++t) {
      const Result<AppendResult>& r = *results[round][t];
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      if (!r->deduplicated) ++written;
      if (first.has_value()) {
        EXPECT_EQ(r->first_position.value(), *first);
      }
      first = r->first_position.value();
    }
    EXPECT_EQ(written, 1u);
  }
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 2 * kRounds);
  ExpectLogIntact(*store, all);
}

TEST(ConcurrencyTest, ReadersSeeConsistentStateWhileWritersAppend) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays)");
  constexpr std::size_t kWriters = 4;
  constexpr std::size_t kReaders = 3;
  constexpr std::size_t kAppendsPerWriter = 60;
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  std::atomic<bool> writers_done{false};
  std::atomic<std::size_t> write_failures{0};

  std::vector<std::thread> writers;
  for (std::size_t t = 0; t < kWriters; ++t) {
    writers.emplace_back([&, t] {
      std::mt19937 rng(seed + static_cast<uint32_t>(t));
      for (std::size_t seq = 0; seq < kAppendsPerWriter; ++seq) {
        const std::string stream = "s" + std::to_string(rng() % 3);
        if (!store->Append(Request(stream, ExpectedVersion::Any(), t, seq, 1 + rng() % 3)).ok()) {
          write_failures.fetch_add(1);
        }
      }
    });
  }

  std::vector<std::string> reader_failures(kReaders);
  std::vector<std::size_t> reads(kReaders, 0);
  std::vector<std::thread> readers;
  for (std::size_t r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      std::string& failure = reader_failures[r];
      // At least a few rounds even when the writers are quick.
      for (std::size_t round = 0; failure.empty() && (round < 5 || !writers_done.load()); ++round) {
        ++reads[r];
        const LogHead head = store->Head();
        if (head.position.value() > 0) {
          // The head's record is readable and is the head.
          Result<std::vector<RecordedEvent>> at = store->ReadAll(head.position, 1);
          if (!at.ok() || at->size() != 1 || (*at)[0].hash != head.hash) {
            failure = "head " + std::to_string(head.position.value()) + " not readable as the head";
            break;
          }
        }
        // A read of everything is a gap-free prefix at least as long as the head seen before.
        Result<std::vector<RecordedEvent>> all = store->ReadAll(Position(1), kMaxReadEvents);
        if (!all.ok()) {
          failure = all.status().ToString();
          break;
        }
        if (all->size() < head.position.value()) {
          failure = "ReadAll returned fewer events than the earlier head";
          break;
        }
        for (std::size_t i = 0; i < all->size(); ++i) {
          if ((*all)[i].position.value() != i + 1 ||
              (i > 0 && (*all)[i].prev_hash != (*all)[i - 1].hash)) {
            failure = "ReadAll not a linked prefix at index " + std::to_string(i);
            break;
          }
        }
        // A stream read after StreamHead has at least that many versions.
        const std::string stream = "s" + std::to_string(round % 3);
        const StreamVersion version = *store->StreamHead(stream);
        Result<std::vector<RecordedEvent>> events = store->ReadStream(stream, StreamVersion(1), kMaxReadEvents);
        if (!events.ok() || events->size() < version.value()) {
          failure = "stream " + stream + " shorter than its StreamHead";
          break;
        }
        for (std::size_t v = 0; v < events->size(); ++v) {
          if ((*events)[v].version.value() != v + 1) {
            failure = "stream " + stream + " has a version gap";
            break;
          }
        }
        if (r == 0 && round % 10 == 0) {
          Result<VerifyReport> report = store->Verify();
          if (!report.ok()) {
            failure = "Verify during writes: " + report.status().ToString();
          } else if (!report->ok()) {
            failure = "Verify during writes: " + report->problem;
          }
        }
      }
    });
  }
  for (std::thread& thread : writers) thread.join();
  writers_done.store(true);
  for (std::thread& thread : readers) thread.join();

  EXPECT_EQ(write_failures.load(), 0u);
  for (std::size_t r = 0; r < kReaders; ++r) {
    EXPECT_TRUE(reader_failures[r].empty()) << "reader " << r << ": " << reader_failures[r];
    EXPECT_GE(reads[r], 5u);
  }
  std::vector<RecordedEvent> all = AllEvents(*store);
  ExpectLogIntact(*store, all);
}

TEST(ConcurrencyTest, DestroyingTheStoreWithAppendsInFlightRunsEveryCallback) {
  constexpr std::size_t kThreads = 4;
  constexpr std::size_t kAppendsPerThread = 50;
  TempDir dir;
  std::atomic<std::size_t> callbacks{0};
  std::atomic<std::size_t> acknowledged{0};
  std::atomic<std::size_t> unexpected{0};
  {
    auto store = OpenStore(dir.path());
    ASSERT_NE(store, nullptr);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t seq = 0; seq < kAppendsPerThread; ++seq) {
          store->AppendAsync(Request("s", ExpectedVersion::Any(), t, seq, 1),
                             [&](Result<AppendResult> r) {
                               if (r.ok()) {
                                 acknowledged.fetch_add(1);
                               } else if (r.status().code() != Code::kUnavailable) {
                                 unexpected.fetch_add(1);
                               }
                               callbacks.fetch_add(1);
                             });
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  EXPECT_EQ(callbacks.load(), kThreads * kAppendsPerThread);
  EXPECT_EQ(unexpected.load(), 0u);
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Head().position.value(), acknowledged.load())
      << "every acknowledged append, and nothing else, is in the reopened store";
  ExpectLogIntact(*store, AllEvents(*store));
}

}  // namespace
}  // namespace trygg::eventstore
