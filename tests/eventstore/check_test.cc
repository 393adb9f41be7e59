// TRYGG_CHECK (trygg/check.h): aborts with file, line and reason in every build.
//
// NDEBUG is forced on for this file, so the test shows the check survives a release build.
#ifndef NDEBUG
#define NDEBUG
#endif

#include "trygg/check.h"

#include <gtest/gtest.h>

#include <string>

namespace trygg {
namespace {

TEST(CheckDeathTest, AFailedCheckPrintsFileLineAndReasonAndAborts) {
  const int two = 2;
  const int line = __LINE__ + 1;
  EXPECT_DEATH(TRYGG_CHECK(two == 3, "two must be three"),
               "trygg: check failed at [^ ]*check_test\\.cc:" + std::to_string(line) +
                   ": two must be three \\(two == 3\\)");
}

TEST(CheckTest, APassingCheckEvaluatesItsConditionOnce) {
  int evaluated = 0;
  TRYGG_CHECK(++evaluated == 1, "evaluated once");
  EXPECT_EQ(evaluated, 1);
}

TEST(CheckTest, IsOneStatementAfterAnIfWithoutBraces) {
  int evaluated = 0;
  if (evaluated == 1)
    TRYGG_CHECK(false, "not reached");
  else
    ++evaluated;
  EXPECT_EQ(evaluated, 1);
}

}  // namespace
}  // namespace trygg
