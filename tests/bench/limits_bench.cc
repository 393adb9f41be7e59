// limits_bench: what the per-principal limits (services/api/limits.h) cost a call: one
// WriteRateLimiter::Take with the limit off and on (one thread, and threads of their own
// principals), and one StreamLimiter lease taken and given back.
//
//   build/tests/bench/limits_bench [--calls N]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "api/limits.h"

namespace {

using trygg::api::StreamLimiter;
using trygg::api::WriteRateLimiter;

// Nanoseconds per call of `call`, over `calls` calls.
template <class Call>
double NanosPerCall(int calls, Call call) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) call();
  const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
  return took.count() / calls;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("limits_bench: the cost of the per-principal limits per call");
  int calls = 5'000'000;
  app.add_option("--calls", calls, "calls per measurement")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const std::string principal = "samordnare";
  WriteRateLimiter off({.per_second = 0, .burst = 1});
  // A rate no loop reaches, so that every Take is allowed and refills its bucket.
  WriteRateLimiter on({.per_second = 2'000'000'000, .burst = 2'000'000'000});
  std::printf("Take, limit off:             %6.1f ns\n",
              NanosPerCall(calls, [&] { off.Take(principal).IgnoreError(); }));
  std::printf("Take, limit on, 1 thread:    %6.1f ns\n",
              NanosPerCall(calls, [&] { on.Take(principal).IgnoreError(); }));
  for (const int threads : {2, 4}) {
    std::vector<double> each(static_cast<std::size_t>(threads));
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
      running.emplace_back([&, t] {
        const std::string own = "principal-" + std::to_string(t);
        each[static_cast<std::size_t>(t)] =
            NanosPerCall(calls / threads, [&] { on.Take(own).IgnoreError(); });
      });
    }
    for (std::thread& thread : running) thread.join();
    double sum = 0;
    for (const double ns : each) sum += ns;
    std::printf("Take, limit on, %d threads:   %6.1f ns a call in each thread\n", threads,
                sum / threads);
  }
  StreamLimiter streams(16);
  std::printf("stream lease, take and give: %6.1f ns\n", NanosPerCall(calls, [&] {
                auto lease = streams.Acquire(principal);
                if (!lease.ok()) std::abort();
              }));
  return 0;
}
