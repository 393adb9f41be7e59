// eventstore_crash_writer STORE_DIR THREADS [SEED]
//
// The child process of crash_test.cc. Opens the store (default Options: sync=true) and runs
// THREADS threads that append forever, until the parent kills the process with SIGKILL. Thread t
// appends to stream "crash-<t>": mostly single events, sometimes 2..5 events at once. Every event's
// payload is
//
//   t<thread>-r<run>-s<seq>-g<i>of<k>
//
// where run is the head position when this process started (unique per run, since every run
// acknowledges at least one append before it is killed), seq counts the thread's events in this
// run, and the event is the i-th of an append of k events.
//
// Lines on stdout, each written with one write(2) (atomic on a pipe, nothing buffered in the
// process when it dies):
//   ready <head_position>
//   ack <first_position> <last_position> <stream> <stream_version> <payload-of-first-event>
// An ack line is written only after Append returned OK, i.e. after the append is durable.
// Any failure: a message on stderr and exit status 2 (open) or 3 (append).
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "trygg/eventstore/event_store.h"

namespace {

using trygg::eventstore::AppendRequest;
using trygg::eventstore::AppendResult;
using trygg::eventstore::EventData;
using trygg::eventstore::EventStore;
using trygg::eventstore::ExpectedVersion;
using trygg::eventstore::Result;

std::mutex stdout_mutex;

// Writes the whole line to fd 1; exits when the parent is gone.
void WriteLine(const std::string& line) {
  std::lock_guard<std::mutex> lock(stdout_mutex);
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::_Exit(4);
    done += static_cast<std::size_t>(n);
  }
}

std::string Payload(int thread, uint64_t run, uint64_t seq, std::size_t i, std::size_t k) {
  return "t" + std::to_string(thread) + "-r" + std::to_string(run) + "-s" + std::to_string(seq) +
         "-g" + std::to_string(i) + "of" + std::to_string(k);
}

void AppendForever(EventStore& store, int thread, uint64_t run, uint64_t seed) {
  std::mt19937_64 rng(seed + static_cast<uint64_t>(thread));
  std::uniform_int_distribution<int> percent(1, 100);
  std::uniform_int_distribution<std::size_t> group_size(2, 5);
  const std::string stream = "crash-" + std::to_string(thread);
  uint64_t seq = 0;
  for (;;) {
    const std::size_t k = percent(rng) <= 20 ? group_size(rng) : 1;
    AppendRequest request;
    request.stream_id = stream;
    request.expected_version = ExpectedVersion::Any();
    for (std::size_t i = 1; i <= k; ++i) {
      EventData event;
      event.type = k == 1 ? "crash.Single" : "crash.Group";
      event.payload = Payload(thread, run, seq++, i, k);
      event.metadata.principal = "crash-writer";
      request.events.push_back(std::move(event));
    }
    const std::string first_payload = request.events.front().payload;
    Result<AppendResult> result = store.Append(std::move(request));
    if (!result.ok()) {
      std::fprintf(stderr, "crash_writer: append to %s failed: %s\n", stream.c_str(),
                   result.status().ToString().c_str());
      std::_Exit(3);
    }
    WriteLine("ack " + std::to_string(result->first_position.value()) + " " +
              std::to_string(result->last_position.value()) + " " + stream + " " +
              std::to_string(result->stream_version.value()) + " " + first_payload + "\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s STORE_DIR THREADS [SEED]\n", argv[0]);
    return 1;
  }
  const int threads = std::atoi(argv[2]);
  if (threads < 1 || threads > 256) {
    std::fprintf(stderr, "crash_writer: THREADS must be 1..256\n");
    return 1;
  }
  const uint64_t seed = argc == 4 ? std::strtoull(argv[3], nullptr, 10) : 1;

  auto store = EventStore::Open(argv[1]);
  if (!store.ok()) {
    std::fprintf(stderr, "crash_writer: open %s: %s\n", argv[1], store.status().ToString().c_str());
    return 2;
  }
  const uint64_t run = (*store)->Head().position.value();
  WriteLine("ready " + std::to_string(run) + "\n");

  std::vector<std::thread> workers;
  workers.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back(AppendForever, std::ref(**store), t, run, seed);
  }
  for (std::thread& worker : workers) worker.join();  // never: the threads run until killed
  return 0;
}
