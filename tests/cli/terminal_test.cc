// The terminal rules (cli/terminal.h): how wide tables are, and when they are in colour.
#include "cli/terminal.h"

#include <gtest/gtest.h>

namespace trygg::cli {
namespace {

TEST(CliTerminal, ColumnsWinsThenTheTerminalThenOneHundred) {
  EXPECT_EQ(ChooseWidth("80", 200), 80u);
  EXPECT_EQ(ChooseWidth(std::nullopt, 200), 200u);
  EXPECT_EQ(ChooseWidth(std::nullopt, std::nullopt), 100u);
  EXPECT_EQ(ChooseWidth("0", std::nullopt), 100u);
  EXPECT_EQ(ChooseWidth("wide", 90), 90u);
  EXPECT_EQ(ChooseWidth("", std::nullopt), 100u);
}

TEST(CliTerminal, ColourOnlyOnATerminalWithoutNoColor) {
  EXPECT_TRUE(ChooseColour(true, false));
  EXPECT_FALSE(ChooseColour(true, true));
  EXPECT_FALSE(ChooseColour(false, false));
}

}  // namespace
}  // namespace trygg::cli
