// What the query benchmarks measure with: this thread's CPU time beside the wall clock, and
// percentiles of the samples.
#pragma once

#include <time.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace trygg::bench {

// This thread's CPU time in microseconds: on a machine busy with other work a wall-clock p99
// mostly measures the scheduler, so both are printed.
inline double ThreadCpuUs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

// The p-th (0..1) percentile of `values`, nearest rank; `values` must not be empty.
inline double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const std::size_t index =
      static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[index];
}

}  // namespace trygg::bench
