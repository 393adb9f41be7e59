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

// Every value of every vocabulary reads back from its word, in every accepted spelling.
TEST(Names, EveryVocabularyWordRoundTrips) {
  struct Case {
    Vocabulary vocabulary;
    int value;
    const char* word;
    const char* prefixed;
  };
  const Case cases[] = {
      {Vocabulary::kInputChannel, v1::INPUT_CHANNEL_SAFETY_WALK, "safety-walk",
       "INPUT_CHANNEL_SAFETY_WALK"},
      {Vocabulary::kInputChannel, v1::INPUT_CHANNEL_E_SERVICE, "e-service",
       "input_channel_e_service"},
      {Vocabulary::kFindingSource, v1::FINDING_SOURCE_POLICE_INTELLIGENCE, "police-intelligence",
       "FINDING_SOURCE_POLICE_INTELLIGENCE"},
      {Vocabulary::kFindingSource, v1::FINDING_SOURCE_CRIME_STATISTICS, "crime-statistics",
       "FINDING_SOURCE_CRIME_STATISTICS"},
      {Vocabulary::kMeasureKind, v1::MEASURE_KIND_SOCIAL, "social", "MEASURE_KIND_SOCIAL"},
      {Vocabulary::kEffort, v1::EFFORT_ORDINARY_WORK, "ordinary-work", "EFFORT_ORDINARY_WORK"},
      {Vocabulary::kExpectedEffect, v1::EXPECTED_EFFECT_LONG_TERM, "long-term",
       "EXPECTED_EFFECT_LONG_TERM"},
      {Vocabulary::kHealth, v1::HEALTH_GREEN, "green", "HEALTH_GREEN"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EnumWord(c.vocabulary, c.value), c.word);
    EXPECT_EQ(ParseEnum(c.vocabulary, c.word), c.value) << c.word;
    EXPECT_EQ(ParseEnum(c.vocabulary, c.prefixed), c.value) << c.prefixed;
    EXPECT_EQ(EnumError(c.vocabulary, c.word), "") << c.word;
  }
  EXPECT_EQ(EnumName(Vocabulary::kInputChannel, v1::INPUT_CHANNEL_SAFETY_WALK), "SAFETY_WALK");
  EXPECT_EQ(ParseEnum(Vocabulary::kInputChannel, "Safety Walk"), v1::INPUT_CHANNEL_SAFETY_WALK);
}

TEST(Names, UnspecifiedAndUnknownValuesAreNone) {
  EXPECT_EQ(EnumWord(Vocabulary::kHealth, v1::HEALTH_UNSPECIFIED), "");
  EXPECT_EQ(EnumWord(Vocabulary::kHealth, 99), "");
  EXPECT_EQ(ParseEnum(Vocabulary::kHealth, "unspecified"), -1);
  EXPECT_EQ(ParseEnum(Vocabulary::kHealth, ""), -1);
  EXPECT_EQ(ParseEnum(Vocabulary::kHealth, "blue"), -1);
}

TEST(Names, AnErrorListsTheAcceptedWords) {
  EXPECT_EQ(EnumError(Vocabulary::kInputChannel, "walk"),
            "'walk' is not a channel; use dialogue, survey, safety-walk, e-service or other");
  EXPECT_EQ(EnumError(Vocabulary::kEffort, "x"),
            "'x' is not an effort; use one-off or ordinary-work");
  EXPECT_EQ(EnumError(Vocabulary::kHealth, "blue"),
            "'blue' is not a health colour; use green, yellow or red");
  EXPECT_EQ(EnumError(Vocabulary::kFindingSource, "rumours"),
            "'rumours' is not a source; use crime-statistics, safety-survey, resident-input, "
            "staff-dialogue, police-intelligence, incident-reports or other");
}

}  // namespace
}  // namespace trygg::client
