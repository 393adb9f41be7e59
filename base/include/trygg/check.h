// TRYGG_CHECK(cond, why): an invariant of trygg's own code, checked in every build.
//
// When `cond` is false the process prints "trygg: check failed at FILE:LINE: why (cond)" to stderr
// and aborts, with or without NDEBUG: a broken invariant means trygg itself is wrong, and carrying
// on could store a wrong record for good. Use it for our bugs only. Bad input, a failed read and
// damaged data on disk are operating errors and return a Status (STYLE.md, habit 4).
//
// Cost: `cond` is evaluated exactly once; the passing path is one predicted branch, and the
// failure path is a cold, out-of-line function, so checks may stay on hot paths. `why` must be a
// string literal.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace trygg::internal {

[[noreturn, gnu::cold, gnu::noinline]] inline void CheckFailed(const char* file, int line,
                                                               const char* why,
                                                               const char* condition) {
  std::fprintf(stderr, "trygg: check failed at %s:%d: %s (%s)\n", file, line, why, condition);
  std::fflush(stderr);
  std::abort();
}

}  // namespace trygg::internal

#define TRYGG_CHECK(cond, why)                                           \
  do {                                                                   \
    if (!(cond)) [[unlikely]] {                                          \
      ::trygg::internal::CheckFailed(__FILE__, __LINE__, "" why, #cond); \
    }                                                                    \
  } while (false)
