// The enums' display names, and reading them back from what a user types.
#include "common/names.h"

#include <gtest/gtest.h>

#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::client {
namespace {

namespace v1 = ::trygg::v1;

TEST(Names, StatusAndPriorityNames) {
  EXPECT_EQ(StatusName(v1::MEASURE_STATUS_IN_PROGRESS), "IN_PROGRESS");
  EXPECT_EQ(StatusWords(v1::MEASURE_STATUS_IN_PROGRESS), "in progress");
  EXPECT_EQ(StatusName(v1::MEASURE_STATUS_UNSPECIFIED), "");
  EXPECT_EQ(PriorityName(v1::PRIORITY_HIGH), "HIGH");
  EXPECT_EQ(PriorityName(v1::PRIORITY_UNSPECIFIED), "");
  for (const char* text :
       {"in-progress", "in_progress", "IN PROGRESS", "In-Progress", "MEASURE_STATUS_IN_PROGRESS"}) {
    EXPECT_EQ(ParseStatus(text), v1::MEASURE_STATUS_IN_PROGRESS) << text;
  }
  EXPECT_EQ(ParseStatus("unspecified"), -1);
  EXPECT_EQ(ParseStatus("done"), -1);
  EXPECT_EQ(ParsePriority("medium"), v1::PRIORITY_MEDIUM);
  EXPECT_EQ(ParsePriority("PRIORITY_LOW"), v1::PRIORITY_LOW);
  EXPECT_EQ(ParsePriority("urgent"), -1);
  EXPECT_EQ(ParsePriority(""), -1);
}

}  // namespace
}  // namespace trygg::client
