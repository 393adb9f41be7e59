// eventstore_bench [--seconds N] [--rounds N] [--replay-events N] [--dir PATH] [--only
// append|replay]
//
// Durable append throughput and replay speed of trygg::eventstore, each next to the same work done
// directly on raw RocksDB in the same run, on the same disk: raw RocksDB is the limit the store
// can approach, and the ratio says how much of it the store keeps.
//
//   append rows   events/s acknowledged durable (sync=true), 256-byte payloads; trygg and raw
//                 alternate for --rounds rounds of --seconds each, and each reports its median;
//                 trygg: one thread per appender calling Append, each to its own stream with
//                 ExpectedVersion::Any, or 64 AppendAsync chains re-issued from their callbacks;
//                 raw: one thread per appender doing a sync Put (or a WriteBatch of 100 Puts) of
//                 an 8-byte big-endian counter key and a 256-byte value.
//   replay row    events/s reading --replay-events events (written with sync=false, 1000 per
//                 append): trygg ReadAll pages of kMaxReadEvents; raw: an iterator over the same
//                 store's 'log' column family, opened read-only.
//
// Every store and database lives in a fresh directory under --dir (default ./bench-tmp), removed
// afterwards. Progress goes to stderr, the table to stdout.
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/write_batch.h>
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "testutil/raw_log_scan.h"
#include "trygg/eventstore/event_store.h"

namespace {

namespace es = trygg::eventstore;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kPayloadBytes = 256;
constexpr std::size_t kReplayBatch = 1000;  // events per append when filling the replay store
constexpr int kAsyncInFlight = 64;
constexpr int kReplayRounds = 3;

struct Flags {
  double seconds = 1.5;
  int rounds = 3;
  uint64_t replay_events = 1000000;
  fs::path dir = "bench-tmp";
  std::string only;  // "", "append" or "replay"
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "eventstore_bench: " << message << std::endl;
  std::exit(1);
}

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  CLI::App app(
      "Durable append throughput and replay speed of trygg::eventstore next to raw RocksDB "
      "doing the same work in the same run.");
  app.add_option("--seconds", flags.seconds, "seconds per append measurement round")
      ->check(CLI::PositiveNumber);
  app.add_option("--rounds", flags.rounds, "alternating trygg/raw rounds per append row (median)")
      ->check(CLI::PositiveNumber);
  app.add_option("--replay-events", flags.replay_events, "events written, then replayed")
      ->check(CLI::PositiveNumber);
  app.add_option("--dir", flags.dir, "scratch directory on the disk to measure (removed after)");
  app.add_option("--only", flags.only, "run only the append rows or only the replay row")
      ->check(CLI::IsMember({"append", "replay"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e));
  }
  return flags;
}

// A fresh directory under the base, removed on destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const fs::path& base) {
    std::string pattern = (base / "run-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) Die("mkdtemp under " + base.string() + " failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string Payload() { return std::string(kPayloadBytes, 'p'); }

es::EventData Event() {
  es::EventData event;
  event.type = "bench.Event";
  event.payload = Payload();
  event.metadata.principal = "bench";
  return event;
}

std::unique_ptr<es::EventStore> OpenStore(const fs::path& dir, bool sync) {
  es::Options options;
  options.sync = sync;
  auto store = es::EventStore::Open(dir, options);
  if (!store.ok()) Die("open store " + dir.string() + ": " + store.status().ToString());
  return std::move(*store);
}

// Runs `threads` copies of `work(thread)` until `seconds` have passed; `work` does one unit and
// returns the events it completed. Returns events/s.
double RunThreads(int threads, double seconds, const std::function<uint64_t(int)>& work) {
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> events{0};
  std::vector<std::thread> workers;
  const auto start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      uint64_t mine = 0;
      while (!stop.load(std::memory_order_relaxed)) mine += work(t);
      events += mine;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (std::thread& worker : workers) worker.join();
  return static_cast<double>(events.load()) / Seconds(Clock::now() - start);
}

// trygg: `threads` threads, each appending `per_append` events per Append to its own stream.
double TryggAppend(const fs::path& base, int threads, std::size_t per_append, double seconds) {
  ScratchDir dir(base);
  auto store = OpenStore(dir.path() / "store", /*sync=*/true);
  std::vector<es::AppendRequest> requests(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    es::AppendRequest& request = requests[static_cast<std::size_t>(t)];
    request.stream_id = "bench-" + std::to_string(t);
    request.expected_version = es::ExpectedVersion::Any();
    request.events.assign(per_append, Event());
  }
  return RunThreads(threads, seconds, [&](int t) -> uint64_t {
    es::Result<es::AppendResult> result = store->Append(requests[static_cast<std::size_t>(t)]);
    if (!result.ok()) Die("append: " + result.status().ToString());
    return per_append;
  });
}

// trygg: kAsyncInFlight AppendAsync chains, each callback issuing its chain's next append.
double TryggAppendAsync(const fs::path& base, double seconds) {
  ScratchDir dir(base);
  auto store = OpenStore(dir.path() / "store", /*sync=*/true);
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> events{0};
  std::mutex mutex;
  std::condition_variable chains_done;
  int running = kAsyncInFlight;
  std::string error;

  std::function<void(int)> issue;
  issue = [&](int chain) {
    es::AppendRequest request;
    request.stream_id = "bench-async-" + std::to_string(chain);
    request.events.push_back(Event());
    store->AppendAsync(std::move(request), [&, chain](es::Result<es::AppendResult> result) {
      if (result.ok()) ++events;
      if (result.ok() && !stop.load(std::memory_order_relaxed)) {
        issue(chain);
        return;
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (!result.ok() && error.empty()) error = result.status().ToString();
      if (--running == 0) chains_done.notify_all();
    });
  };
  const auto start = Clock::now();
  for (int chain = 0; chain < kAsyncInFlight; ++chain) issue(chain);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  {
    std::unique_lock<std::mutex> lock(mutex);
    chains_done.wait(lock, [&] { return running == 0; });
  }
  const double rate = static_cast<double>(events.load()) / Seconds(Clock::now() - start);
  if (!error.empty()) Die("async append: " + error);
  store.reset();
  return rate;
}

std::string BigEndian(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

// Raw RocksDB: `threads` threads, each writing `per_write` Puts (one WriteBatch) per sync write.
double RawAppend(const fs::path& base, int threads, std::size_t per_write, double seconds) {
  ScratchDir dir(base);
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, (dir.path() / "raw").string(), &raw);
  if (!s.ok()) Die("raw open: " + s.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  std::atomic<uint64_t> next_key{1};
  const std::string value = Payload();
  const double rate = RunThreads(threads, seconds, [&](int) -> uint64_t {
    const uint64_t first = next_key.fetch_add(per_write);
    if (per_write == 1) {
      rocksdb::Status put = db->Put(write_options, BigEndian(first), value);
      if (!put.ok()) Die("raw put: " + put.ToString());
      return 1;
    }
    rocksdb::WriteBatch batch;
    for (std::size_t i = 0; i < per_write; ++i) {
      rocksdb::Status put = batch.Put(BigEndian(first + i), value);
      if (!put.ok()) Die("raw batch put: " + put.ToString());
    }
    rocksdb::Status write = db->Write(write_options, &batch);
    if (!write.ok()) Die("raw write: " + write.ToString());
    return per_write;
  });
  s = db->Close();
  if (!s.ok()) Die("raw close: " + s.ToString());
  return rate;
}

struct Row {
  std::string scenario;
  double trygg = 0;
  double raw = 0;
};

// Fills a store with `events` events, then times ReadAll over it and a raw iterator over its
// 'log' column family.
// events/s of ReadAll paging through the whole store, reusing one page buffer as a replay loop
// (projection rebuild, audit) does.
double TryggReplay(const fs::path& path, uint64_t events) {
  auto store = OpenStore(path, /*sync=*/false);
  const auto start = Clock::now();
  uint64_t read = 0;
  uint64_t bytes = 0;
  std::vector<es::RecordedEvent> page;
  for (es::Position from(1);; from = page.back().position.next()) {
    es::Status s = store->ReadAll(from, es::kMaxReadEvents, page);
    if (!s.ok()) Die("ReadAll: " + s.ToString());
    if (page.empty()) break;
    for (const es::RecordedEvent& event : page) bytes += event.payload.size();
    read += page.size();
  }
  const double rate = static_cast<double>(read) / Seconds(Clock::now() - start);
  if (read != events) {
    Die("ReadAll read " + std::to_string(read) + " events, expected " + std::to_string(events));
  }
  if (bytes != events * kPayloadBytes) Die("ReadAll payload bytes wrong");
  return rate;
}

// events/s of a plain RocksDB iterator over the same store's 'log' column family.
double RawReplay(const fs::path& path, uint64_t events) {
  const trygg::testing::RawLogScan scan = trygg::testing::ScanRawLog(path);
  if (!scan.error.empty()) Die(scan.error);
  if (scan.records != events) Die("raw iterator read " + std::to_string(scan.records) + " records");
  if (scan.key_bytes + scan.value_bytes < events * kPayloadBytes) {
    Die("raw iterator read too few bytes");
  }
  return static_cast<double>(scan.records) / scan.seconds;
}

Row Replay(const fs::path& base, uint64_t events) {
  ScratchDir dir(base);
  const fs::path path = dir.path() / "store";
  {
    std::cerr << "replay: writing " << events << " events (sync=false)" << std::endl;
    auto store = OpenStore(path, /*sync=*/false);
    uint64_t written = 0;
    int stream = 0;
    while (written < events) {
      es::AppendRequest request;
      request.stream_id = "replay-" + std::to_string(stream++ % 16);
      const std::size_t n =
          static_cast<std::size_t>(std::min<uint64_t>(kReplayBatch, events - written));
      request.events.assign(n, Event());
      es::Result<es::AppendResult> result = store->Append(std::move(request));
      if (!result.ok()) Die("replay fill: " + result.status().ToString());
      written += n;
    }
  }
  // Alternate the two readers and keep each one's best round, so that neither pays alone for a
  // cold cache or for compactions still running after the fill.
  Row row{"replay " + std::to_string(events) + " events (best of " + std::to_string(kReplayRounds) +
              ")",
          0, 0};
  for (int round = 1; round <= kReplayRounds; ++round) {
    std::cerr << "replay round " << round << ": raw iterator, trygg ReadAll" << std::endl;
    row.raw = std::max(row.raw, RawReplay(path, events));
    row.trygg = std::max(row.trygg, TryggReplay(path, events));
  }
  return row;
}

void PrintTable(const Flags& flags, const std::vector<Row>& rows) {
  std::printf(
      "\ntrygg::eventstore vs raw RocksDB — %zu-byte events, sync=true appends, %.1f s per "
      "append round, dir %s\n\n",
      kPayloadBytes, flags.seconds, fs::absolute(flags.dir).string().c_str());
  std::printf("%-44s | %12s | %12s | %6s\n", "scenario", "trygg ev/s", "raw ev/s", "ratio");
  std::printf("%s\n", std::string(44 + 3 + 12 + 3 + 12 + 3 + 6, '-').c_str());
  for (const Row& row : rows) {
    std::printf("%-44s | %12.0f | %12.0f | %6.2f\n", row.scenario.c_str(), row.trygg, row.raw,
                row.raw > 0 ? row.trygg / row.raw : 0.0);
  }
  std::printf(
      "\nratio = trygg / raw. Append rows: medians of %d alternating rounds. The async row's raw "
      "figure is 64 threads doing sync Puts.\n",
      flags.rounds);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  std::error_code ec;
  const bool created_base = fs::create_directories(flags.dir, ec);
  if (ec) Die("cannot create " + flags.dir.string() + ": " + ec.message());

  // Each append row alternates trygg and raw for --rounds rounds and reports each one's median,
  // so that drift in the machine's fsync latency falls on both alike.
  std::vector<Row> rows;
  auto row = [&](const std::string& scenario, const std::function<double()>& trygg,
                 const std::function<double()>& raw) {
    std::vector<double> trygg_rates;
    std::vector<double> raw_rates;
    for (int round = 1; round <= flags.rounds; ++round) {
      std::cerr << scenario << ", round " << round << ": trygg " << std::flush;
      trygg_rates.push_back(trygg());
      std::cerr << static_cast<uint64_t>(trygg_rates.back()) << " ev/s, raw " << std::flush;
      raw_rates.push_back(raw());
      std::cerr << static_cast<uint64_t>(raw_rates.back()) << " ev/s" << std::endl;
    }
    rows.push_back(Row{scenario, Median(trygg_rates), Median(raw_rates)});
  };

  if (flags.only != "replay") {
    const double secs = flags.seconds;
    for (int threads : {1, 16, 64}) {
      row(
          "append 1 ev, " + std::to_string(threads) + " appender" + (threads > 1 ? "s" : ""),
          [&] { return TryggAppend(flags.dir, threads, 1, secs); },
          [&] { return RawAppend(flags.dir, threads, 1, secs); });
    }
    row(
        "append 1 ev, " + std::to_string(kAsyncInFlight) + " AppendAsync in flight",
        [&] { return TryggAppendAsync(flags.dir, secs); },
        [&] { return RawAppend(flags.dir, kAsyncInFlight, 1, secs); });
    for (int threads : {1, 16}) {
      row(
          "append 100 ev, " + std::to_string(threads) + " appender" + (threads > 1 ? "s" : ""),
          [&] { return TryggAppend(flags.dir, threads, 100, secs); },
          [&] { return RawAppend(flags.dir, threads, 100, secs); });
    }
  }
  if (flags.only != "append") rows.push_back(Replay(flags.dir, flags.replay_events));

  if (created_base) fs::remove(flags.dir, ec);  // only if empty, and only if we made it
  PrintTable(flags, rows);
  return 0;
}
