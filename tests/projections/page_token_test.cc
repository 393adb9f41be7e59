// The page token codec on its own (an internal header): round trips and what it refuses.
#include "page_token.h"

#include <gtest/gtest.h>

#include "trygg/projections/limits.h"

namespace trygg::projections {
namespace {

TEST(PageTokenTest, RoundTripsAnyId) {
  for (const std::string& id : {std::string("m"), std::string("tv26-01"), std::string("åtgärd"),
                                std::string(kMaxPageTokenIdBytes, 'x'), std::string("a\0b", 3)}) {
    std::optional<std::string> decoded = DecodePageToken(EncodePageToken(id));
    ASSERT_TRUE(decoded.has_value()) << id;
    EXPECT_EQ(*decoded, id);
  }
}

TEST(PageTokenTest, IsLowerCaseHexWithAFormatByte) {
  EXPECT_EQ(EncodePageToken("tv26-01"),
            "0174763236"
            "2d3031");
}

TEST(PageTokenTest, RefusesWhatItDidNotIssue) {
  EXPECT_FALSE(DecodePageToken("").has_value());
  EXPECT_FALSE(DecodePageToken("01").has_value());          // no id
  EXPECT_FALSE(DecodePageToken("0174763").has_value());     // odd length
  EXPECT_FALSE(DecodePageToken("0274763236").has_value());  // other format
  EXPECT_FALSE(DecodePageToken("0174763G36").has_value());  // not hex
  EXPECT_FALSE(DecodePageToken("017476323A").has_value());  // upper case
  EXPECT_FALSE(
      DecodePageToken(EncodePageToken(std::string(kMaxPageTokenIdBytes + 1, 'x'))).has_value());
}

}  // namespace
}  // namespace trygg::projections
