// A writer thread for tests that read, copy or verify a store while it is being appended to.
// Header-only.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "testutil/eventstore_util.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::testing {

// n events of type "t" with payloads <tag>/0, <tag>/1, ...
inline eventstore::AppendRequest Events(std::string stream_id, std::size_t n,
                                        const std::string& tag) {
  std::vector<eventstore::EventData> events;
  for (std::size_t i = 0; i < n; ++i) events.push_back(Event("t", tag + "/" + std::to_string(i)));
  return Request(std::move(stream_id), std::move(events));
}

// Appends next(0), next(1), ... from its own thread until stopped or an append fails, and
// remembers where each acknowledged append ended. `next` runs only on that thread.
class BackgroundWriter {
 public:
  BackgroundWriter(eventstore::EventStore& store,
                   std::function<eventstore::AppendRequest(std::size_t i)> next)
      : store_(store), next_(std::move(next)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~BackgroundWriter() { Stop(); }
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // Waits until at least `n` appends have been acknowledged; false on a failed append or timeout.
  bool WaitForAppends(std::size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kDeadline, [&] { return appends_ >= n || failed_; }) && !failed_;
  }
  std::size_t appends() {
    std::lock_guard<std::mutex> lock(mu_);
    return appends_;
  }
  void Stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }
  // After Stop(): the last position of every acknowledged append, and the first failure.
  const std::set<uint64_t>& append_ends() const { return append_ends_; }
  const std::string& failure() const { return failure_; }

 private:
  void Run() {
    for (std::size_t i = 0; !stop_.load(); ++i) {
      eventstore::Result<eventstore::AppendResult> r = store_.Append(next_(i));
      std::lock_guard<std::mutex> lock(mu_);
      if (!r.ok()) {
        failure_ = r.status().ToString();
        failed_ = true;
        cv_.notify_all();
        return;
      }
      append_ends_.insert(r->last_position.value());
      ++appends_;
      cv_.notify_all();
    }
  }

  eventstore::EventStore& store_;
  const std::function<eventstore::AppendRequest(std::size_t i)> next_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t appends_ = 0;
  bool failed_ = false;
  std::string failure_;
  std::set<uint64_t> append_ends_;
  std::thread thread_;
};

}  // namespace trygg::testing
