// The seed of a randomised test that must replay: TRYGG_CRASH_SEED when set, else a fresh one,
// printed with how to replay it and recorded as the test's "seed" property.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

namespace trygg::testing {

inline std::uint64_t CrashSeed(const std::string& test_name) {
  std::uint64_t seed = 0;
  const char* text = std::getenv("TRYGG_CRASH_SEED");
  if (text != nullptr && *text != '\0') {
    seed = std::strtoull(text, nullptr, 10);
  } else {
    std::random_device device;
    seed = (static_cast<std::uint64_t>(device()) << 32) | device();
  }
  std::cout << test_name << " seed=" << seed << " (TRYGG_CRASH_SEED=" << seed << " replays it)"
            << std::endl;
  ::testing::Test::RecordProperty("seed", std::to_string(seed));
  return seed;
}

}  // namespace trygg::testing
