// metrics_bench: what the RPC metrics (services/server/metrics.h) cost a call: Metrics::RecordCall
// from 1, 2 and 4 threads at once (all on one method, the worst case for the shared counters, and
// each thread on a method of its own), and what rendering the whole exposition costs a scrape
// (without the values the server reads from /proc and the store's directory).
//
//   build/tests/bench/metrics_bench [--calls N]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "metrics.h"

namespace {

using trygg::server::CallRecord;
using trygg::server::Metrics;

const std::vector<std::string> kMethods = {
    "/trygg.v1.ActionPlanService/ProposeMeasure", "/trygg.v1.ActionPlanService/StartMeasure",
    "/trygg.v1.StatusService/GetAgencyStatus", "/trygg.v1.StatusService/GetMeasure"};

// Nanoseconds per RecordCall in each of `threads` threads making `calls` calls each at once;
// `spread`: each thread on a method of its own, otherwise all on the first.
double RecordCallNanos(Metrics& metrics, int threads, int calls, bool spread) {
  std::vector<double> nanos(static_cast<std::size_t>(threads));
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&, t] {
      CallRecord call;
      call.method = kMethods[spread ? static_cast<std::size_t>(t) % kMethods.size() : 0];
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < calls; ++i) {
        call.latency = std::chrono::nanoseconds(1000 + (i & 0xfffff));
        metrics.RecordCall(call);
      }
      nanos[static_cast<std::size_t>(t)] =
          std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
              .count() /
          calls;
    });
  }
  for (std::thread& thread : running) thread.join();
  double sum = 0;
  for (const double n : nanos) sum += n;
  return sum / threads;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("metrics_bench: the cost of the RPC metrics per call, and of rendering a scrape");
  int calls = 5'000'000;
  app.add_option("--calls", calls, "calls per thread per measurement")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::vector<std::string> methods = kMethods;
  for (int i = 0; i < 41; ++i) methods.push_back("/trygg.v1.Other/Method" + std::to_string(i));
  Metrics metrics(methods);  // 45 methods, as trygg-server serves
  for (const int threads : {1, 2, 4}) {
    std::printf("RecordCall, %d thread(s), one method:      %6.1f ns a call\n", threads,
                RecordCallNanos(metrics, threads, calls, false));
    if (threads > 1) {
      std::printf("RecordCall, %d threads, own methods:      %6.1f ns a call\n", threads,
                  RecordCallNanos(metrics, threads, calls, true));
    }
  }
  const int renders = 2000;
  std::size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < renders; ++i) bytes = metrics.Render({}).size();
  std::printf("Render (the exposition, %zu bytes): %6.1f us\n", bytes,
              std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                      .count() /
                  renders);
  return 0;
}
