// SIGINT and SIGTERM turned into a function call on a thread of its own, so that a blocking gRPC
// stream can be cancelled cleanly (grpc::ClientContext::TryCancel) instead of the process dying
// mid-line. Construct it before any other thread starts (before the first gRPC channel): it blocks
// the two signals in the calling thread, and threads started later inherit that mask, so the
// signals reach only its signalfd.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace trygg::cli {

class SignalWatcher {
 public:
  SignalWatcher();
  // Stops and joins the thread. The signals stay blocked (the process is about to exit, and a
  // late Ctrl-C must not kill it with a different status).
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // Whether the watcher could be set up; if not, signals keep their default action.
  bool ok() const { return thread_.joinable(); }

  // Runs `on_signal` (on the watcher's thread) at the first SIGINT or SIGTERM, or right now (on
  // the caller's thread) if one came already. Replaces an earlier function; once this returns,
  // the earlier one is not running and will not run. `on_signal` must not call OnSignal.
  void OnSignal(std::function<void()> on_signal);

  bool signalled() const { return signalled_.load(); }

 private:
  void Run();

  int signal_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd: written by the destructor to end Run
  std::atomic<bool> signalled_{false};
  std::mutex mu_;
  std::function<void()> on_signal_;  // guarded by mu_
  std::thread thread_;
};

}  // namespace trygg::cli
