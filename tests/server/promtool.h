// `promtool check metrics` (the Prometheus project's own linter of the text exposition format and
// its naming conventions) on a text, for tests of /metrics. TRYGG_PROMTOOL names the binary when
// CMake found it (Debian package prometheus); tests skip, saying so, without it.
#pragma once

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "testutil/temp_dir.h"

namespace trygg::testing {

// What promtool says of `text` (given on stdin), with its exit status when that is not 0; empty
// when the text passes without a complaint.
inline std::string PromtoolComplaints([[maybe_unused]] const std::string& text) {
#ifdef TRYGG_PROMTOOL
  const TempDir dir;
  const std::string said = dir.Sub("promtool.out").string();
  FILE* promtool = ::popen((std::string(TRYGG_PROMTOOL) + " check metrics >" + said + " 2>&1").c_str(), "w");
  if (promtool == nullptr) return "cannot run " TRYGG_PROMTOOL;
  std::fwrite(text.data(), 1, text.size(), promtool);
  const int status = ::pclose(promtool);
  std::stringstream out;
  out << std::ifstream(said).rdbuf();
  std::string complaints = out.str();
  if (status != 0) complaints += "(promtool exit status " + std::to_string(status) + ")";
  return complaints;
#else
  return "";
#endif
}

#ifdef TRYGG_PROMTOOL
inline constexpr bool kHavePromtool = true;
#else
inline constexpr bool kHavePromtool = false;
#endif

}  // namespace trygg::testing
