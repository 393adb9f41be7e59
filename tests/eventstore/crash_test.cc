// Crash safety: run eventstore_crash_writer (crash_writer.cc) against one store, SIGKILL it after
// a random number of acknowledged appends, reopen the store and check it against everything that
// was acknowledged so far — 25 times over on the same store. What must hold after every crash:
//   - every acknowledged event is at its position, with its stream, version and payload;
//   - positions are gap-free up to Head(), and each stream's versions are gap-free;
//   - nothing is torn: an append of several events is in the log whole or not at all;
//   - what a writer thread appended in one run is a prefix of what it tried (no hole before an
//     acknowledged append);
//   - Verify() finds nothing wrong.
// The kill points come from a seeded generator; the seed is printed, and TRYGG_CRASH_SEED=N
// replays the same kill points. No sleeps: the test waits on the child's pipe with deadlines.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "testutil/child_process.h"
#include "testutil/seed.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

#ifndef TRYGG_CRASH_WRITER
#error "TRYGG_CRASH_WRITER must name the eventstore_crash_writer binary"
#endif

namespace trygg::eventstore {
namespace {

using ::trygg::testing::Child;
using ::trygg::testing::Clock;
using ::trygg::testing::LineReader;
using ::trygg::testing::ReadStatus;

constexpr int kRounds = 25;
constexpr int kWriterThreads = 4;
constexpr int kMaxAcksPerRound = 300;
// A round whose child does not produce its lines by then has hung.
constexpr auto kRoundDeadline = std::chrono::seconds(20);

// The parts of a crash_writer payload "t<thread>-r<run>-s<seq>-g<i>of<k>".
struct Payload {
  int thread = -1;
  uint64_t run = 0;
  uint64_t seq = 0;
  uint64_t index = 0;  // i: 1-based place in its append
  uint64_t count = 0;  // k: events in its append

  std::string Text() const {
    return "t" + std::to_string(thread) + "-r" + std::to_string(run) + "-s" + std::to_string(seq) +
           "-g" + std::to_string(index) + "of" + std::to_string(count);
  }
};

std::optional<Payload> ParsePayload(const std::string& text) {
  Payload p;
  char tail = '\0';
  unsigned long long run = 0, seq = 0, index = 0, count = 0;
  // %c after the last number catches trailing garbage.
  const int n = std::sscanf(text.c_str(), "t%d-r%llu-s%llu-g%lluof%llu%c", &p.thread, &run, &seq,
                            &index, &count, &tail);
  if (n != 5) return std::nullopt;
  p.run = run;
  p.seq = seq;
  p.index = index;
  p.count = count;
  if (p.index < 1 || p.index > p.count || p.count > 5) return std::nullopt;
  if (p.Text() != text) return std::nullopt;
  return p;
}

std::string StreamOf(int thread) { return "crash-" + std::to_string(thread); }

// What an ack line promised about one position.
struct Expected {
  std::string stream;
  uint64_t version = 0;
  std::string payload;
  int round = 0;
};

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "wait status " + std::to_string(status);
}

class CrashTest : public ::testing::Test {
 protected:
  // Records one ack line's promises; fails the test on a malformed or contradictory line.
  void RecordAck(const std::string& line, int round) {
    std::istringstream in(line);
    std::string word, stream, first_payload, extra;
    uint64_t first = 0, last = 0, version = 0;
    in >> word >> first >> last >> stream >> version >> first_payload;
    ASSERT_TRUE(in && word == "ack" && !(in >> extra)) << "malformed line from writer: " << line;
    ASSERT_GE(last, first) << line;
    ASSERT_GE(version, last - first + 1) << line;
    std::optional<Payload> payload = ParsePayload(first_payload);
    ASSERT_TRUE(payload.has_value()) << "malformed payload in: " << line;
    ASSERT_EQ(payload->index, 1u) << line;
    ASSERT_EQ(payload->count, last - first + 1)
        << "ack's positions disagree with its payload: " << line;
    ASSERT_EQ(StreamOf(payload->thread), stream) << line;
    for (uint64_t pos = first; pos <= last; ++pos) {
      Payload event = *payload;
      event.index = pos - first + 1;
      event.seq = payload->seq + (pos - first);
      Expected expected{stream, version - (last - pos), event.Text(), round};
      auto [it, inserted] = acked_.emplace(pos, expected);
      if (!inserted) {
        ASSERT_TRUE(it->second.stream == expected.stream &&
                    it->second.version == expected.version &&
                    it->second.payload == expected.payload)
            << "position " << pos << " acknowledged twice with different events: round "
            << it->second.round << " " << it->second.stream << " v" << it->second.version << " "
            << it->second.payload << ", round " << round << " " << line;
      }
    }
    ++acks_;
  }

  // Runs the writer until `target` acks have arrived, SIGKILLs it and collects every ack it
  // wrote before dying.
  void RunWriter(int round, int target, uint64_t writer_seed) {
    Child child;
    std::string error;
    ASSERT_TRUE(child.Start({TRYGG_CRASH_WRITER, store_dir_.string(),
                             std::to_string(kWriterThreads), std::to_string(writer_seed)},
                            &error))
        << error;
    LineReader reader(child.read_fd());
    const auto deadline = Clock::now() + kRoundDeadline;
    std::string line;

    ReadStatus status = reader.Next(&line, deadline);
    if (status != ReadStatus::kLine) {
      const int wait_status = child.SignalAndWait(SIGKILL);
      FAIL() << "round " << round << ": no 'ready' line from the writer (read status "
             << static_cast<int>(status) << "), writer " << DescribeWaitStatus(wait_status);
    }
    unsigned long long ready_head = 0;
    ASSERT_EQ(std::sscanf(line.c_str(), "ready %llu", &ready_head), 1)
        << "round " << round << ": expected 'ready <head>', got: " << line;
    EXPECT_EQ(ready_head, head_after_last_round_)
        << "round " << round << ": the writer opened the store at a different head than the "
        << "parent saw after the previous round";

    int acks_this_round = 0;
    while (acks_this_round < target) {
      status = reader.Next(&line, deadline);
      if (status != ReadStatus::kLine) {
        const int wait_status = child.SignalAndWait(SIGKILL);
        FAIL() << "round " << round << ": after " << acks_this_round << " of " << target
               << " acks the writer stopped talking (read status " << static_cast<int>(status)
               << "); writer " << DescribeWaitStatus(wait_status);
      }
      RecordAck(line, round);
      if (HasFatalFailure()) return;
      ++acks_this_round;
    }

    const int wait_status = child.SignalAndWait(SIGKILL);
    ASSERT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL)
        << "round " << round << ": writer " << DescribeWaitStatus(wait_status)
        << " before it was killed";
    // Acks written between the last one read and the kill are just as binding.
    for (;;) {
      status = reader.Next(&line, deadline);
      if (status != ReadStatus::kLine) break;
      RecordAck(line, round);
      if (HasFatalFailure()) return;
      ++acks_this_round;
    }
    ASSERT_EQ(status, ReadStatus::kEof) << "round " << round << ": draining the pipe failed";
    ASSERT_TRUE(reader.leftover().empty())
        << "round " << round
        << ": torn ack line (write(2) of a short line to a pipe is atomic): " << reader.leftover();
  }

  // Reopens the store and checks it against every ack so far.
  void CheckStore(int round) {
    auto store = EventStore::Open(store_dir_);
    ASSERT_TRUE(store.ok()) << "round " << round
                            << ": reopen failed: " << store.status().ToString();
    const LogHead head = (*store)->Head();
    const uint64_t max_acked = acked_.empty() ? 0 : acked_.rbegin()->first;
    ASSERT_GE(head.position.value(), max_acked)
        << "round " << round << ": head is below the last acknowledged position";

    // The whole log, paged.
    std::vector<RecordedEvent> log;
    Position from(1);
    for (;;) {
      Result<std::vector<RecordedEvent>> page = (*store)->ReadAll(from, kMaxReadEvents);
      ASSERT_TRUE(page.ok()) << "round " << round << ": " << page.status().ToString();
      if (page->empty()) break;
      ASSERT_LE(page->size(), kMaxReadEvents);
      for (RecordedEvent& event : *page) log.push_back(std::move(event));
      from = log.back().position.next();
      ASSERT_LE(log.size(), head.position.value() + 1) << "ReadAll returned more than Head()";
    }
    ASSERT_EQ(log.size(), head.position.value())
        << "round " << round << ": ReadAll found a different number of events than Head()";

    std::map<std::string, uint64_t> stream_versions;
    std::map<std::pair<int, uint64_t>, uint64_t> next_seq;  // (thread, run) -> next seq
    std::optional<Payload> open_group;                      // the multi-event append being walked
    std::string open_group_stream;
    for (std::size_t i = 0; i < log.size(); ++i) {
      const RecordedEvent& event = log[i];
      const uint64_t pos = i + 1;
      ASSERT_EQ(event.position.value(), pos) << "round " << round << ": positions have a gap";
      uint64_t& version = stream_versions[event.stream_id];
      ASSERT_EQ(event.version.value(), version + 1)
          << "round " << round << ": versions of " << event.stream_id << " have a gap at position "
          << pos;
      version = event.version.value();

      std::optional<Payload> payload = ParsePayload(event.payload);
      ASSERT_TRUE(payload.has_value())
          << "round " << round << ": position " << pos
          << " holds a payload the writer never wrote: " << event.payload;
      ASSERT_EQ(StreamOf(payload->thread), event.stream_id) << "position " << pos;

      // No hole in what one writer thread appended in one run: seqs 0, 1, 2, ...
      uint64_t& seq = next_seq[{payload->thread, payload->run}];
      ASSERT_EQ(payload->seq, seq) << "round " << round << ": position " << pos << " ("
                                   << event.payload << ") follows an append that is missing";
      seq = payload->seq + 1;

      // Multi-event appends are contiguous and whole.
      if (open_group.has_value()) {
        ASSERT_EQ(event.stream_id, open_group_stream)
            << "round " << round << ": append " << open_group->Text() << " is torn at position "
            << pos;
        ASSERT_EQ(payload->count, open_group->count) << "position " << pos;
        ASSERT_EQ(payload->index, open_group->index + 1)
            << "round " << round << ": append is torn at position " << pos;
      } else {
        ASSERT_EQ(payload->index, 1u)
            << "round " << round << ": position " << pos << " (" << event.payload
            << ") is the middle of an append whose start is missing";
      }
      if (payload->index < payload->count) {
        open_group = payload;
        open_group_stream = event.stream_id;
      } else {
        open_group.reset();
      }
    }
    ASSERT_FALSE(open_group.has_value())
        << "round " << round << ": the last append in the log is torn: ends with "
        << open_group->Text();

    for (const auto& [pos, expected] : acked_) {
      const RecordedEvent& event = log[pos - 1];
      EXPECT_TRUE(event.stream_id == expected.stream && event.version.value() == expected.version &&
                  event.payload == expected.payload)
          << "round " << round << ": position " << pos << " acknowledged in round "
          << expected.round << " as " << expected.stream << " v" << expected.version << " "
          << expected.payload << " but holds " << event.stream_id << " v" << event.version.value()
          << " " << event.payload;
      if (HasFailure()) return;
    }

    Result<VerifyReport> report = (*store)->Verify();
    ASSERT_TRUE(report.ok()) << "round " << round << ": " << report.status().ToString();
    EXPECT_TRUE(report->ok()) << "round " << round << ": Verify: first bad position "
                              << report->first_bad_position->value() << ": " << report->problem;
    EXPECT_EQ(report->events_checked, head.position.value());
    EXPECT_EQ(report->head, head);
    head_after_last_round_ = head.position.value();
  }

  trygg::testing::TempDir dir_;
  std::filesystem::path store_dir_ = dir_.Sub("store");
  std::map<uint64_t, Expected> acked_;  // position -> what its ack promised
  uint64_t head_after_last_round_ = 0;
  uint64_t acks_ = 0;
};

TEST_F(CrashTest, AcknowledgedAppendsSurviveSigkill) {
  const uint64_t seed = ::trygg::testing::CrashSeed("crash_test");
  SCOPED_TRACE("TRYGG_CRASH_SEED=" + std::to_string(seed));
  std::mt19937 rng(static_cast<std::mt19937::result_type>(seed ^ (seed >> 32)));
  std::uniform_int_distribution<int> acks_before_kill(1, kMaxAcksPerRound);

  const auto start = Clock::now();
  for (int round = 1; round <= kRounds; ++round) {
    const int target = acks_before_kill(rng);
    const uint64_t writer_seed = rng();
    RunWriter(round, target, writer_seed);
    if (HasFatalFailure() || HasFailure()) return;
    CheckStore(round);
    if (HasFatalFailure() || HasFailure()) return;
  }
  const auto elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  std::cout << "crash_test: " << kRounds << " rounds, " << acks_ << " acks, " << acked_.size()
            << " acknowledged events, head " << head_after_last_round_ << ", "
            << head_after_last_round_ - acked_.size()
            << " events committed but never acknowledged (in flight at a kill), " << elapsed_ms
            << " ms" << std::endl;
  EXPECT_GE(acked_.size(), static_cast<std::size_t>(kRounds));
}

}  // namespace
}  // namespace trygg::eventstore
