// Generated measure ids: format, and determinism pinned to values computed outside this code
// (Python's FNV-1a), so a change of hash or platform that would give a retry a new id fails here.
#include "trygg/domain/measure_id.h"

#include <gtest/gtest.h>

#include <string>

#include "trygg/domain/validate.h"

namespace trygg::domain {
namespace {

TEST(Fnv1a64Test, MatchesPublishedVectors) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(GenerateMeasureIdTest, IsMPrefixAndTwelveLowercaseHexDigits) {
  const std::string id = GenerateMeasureId("anna.svensson@varnamo.se", "cmd-42");
  ASSERT_EQ(id.size(), 14u);
  EXPECT_EQ(id.substr(0, 2), "m-");
  for (const char c : id.substr(2)) {
    EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
  }
  EXPECT_TRUE(IsValidId(id));
}

TEST(GenerateMeasureIdTest, IsPinnedAcrossProcessesAndPlatforms) {
  EXPECT_EQ(GenerateMeasureId("anna.svensson@varnamo.se", "cmd-42"), "m-38dba36203e7");
  EXPECT_EQ(GenerateMeasureId("åsa", "x"), "m-0bdcf6d0e923");
}

TEST(GenerateMeasureIdTest, RetryGetsSameIdOtherCommandsDoNot) {
  const std::string first = GenerateMeasureId("anna", "cmd-1");
  EXPECT_EQ(GenerateMeasureId("anna", "cmd-1"), first);
  EXPECT_NE(GenerateMeasureId("anna", "cmd-2"), first);
  EXPECT_NE(GenerateMeasureId("bertil", "cmd-1"), first);
}

TEST(GenerateMeasureIdTest, SeparatorKeepsPrincipalAndCommandApart) {
  EXPECT_NE(GenerateMeasureId("ab", "c"), GenerateMeasureId("a", "bc"));
}

TEST(GenerateItemIdTest, EachKindHasItsPrefixOnTheSameDigits) {
  const std::string measure = GenerateMeasureId("anna.svensson@varnamo.se", "cmd-42");
  EXPECT_EQ(GenerateItemId(kMeasureIdPrefix, "anna.svensson@varnamo.se", "cmd-42"), measure);
  const std::string digits = measure.substr(2);
  for (const std::string_view prefix : {kInputIdPrefix, kFindingIdPrefix, kCauseIdPrefix,
                                        kGoalIdPrefix, kWorkingGroupIdPrefix, kPromiseIdPrefix}) {
    const std::string id = GenerateItemId(prefix, "anna.svensson@varnamo.se", "cmd-42");
    EXPECT_EQ(id, std::string(prefix) + digits);
    EXPECT_TRUE(IsValidId(id)) << id;
  }
}

TEST(GenerateItemIdTest, IsPinnedAcrossProcessesAndPlatforms) {
  EXPECT_EQ(GenerateItemId("c-", "anna.svensson@varnamo.se", "cmd-42"), "c-38dba36203e7");
  EXPECT_EQ(GenerateItemId("wg-", "åsa", "x"), "wg-0bdcf6d0e923");
  EXPECT_EQ(GenerateItemId("in-", "anna", "cmd-1"), GenerateItemId("in-", "anna", "cmd-1"));
  EXPECT_NE(GenerateItemId("in-", "anna", "cmd-1"), GenerateItemId("in-", "anna", "cmd-2"));
}

}  // namespace
}  // namespace trygg::domain
