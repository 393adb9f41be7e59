// Table layout (common/table.h): alignment by display width, the shrinking column, colour.
#include "common/table.h"

#include <gtest/gtest.h>

namespace trygg::client {
namespace {

Table Sample() {
  Table table({{"ID"}, {"TITLE", Align::kLeft, true, 8}, {"DONE", Align::kRight}});
  table.AddRow({"m-1", "Trygghetsvandringar i bostadsområden", "40%"});
  table.AddRow({"m-22", "Öppen förskola", Cell("100%", Style::kGood)});
  return table;
}

TEST(TableTest, AlignsSwedishTextByColumnsNotBytes) {
  EXPECT_EQ(Sample().Render(100, false),
            "ID    TITLE                                 DONE\n"
            "m-1   Trygghetsvandringar i bostadsområden   40%\n"
            "m-22  Öppen förskola                        100%\n");
}

TEST(TableTest, TheShrinkingColumnGivesUpWidthToFit) {
  const std::string out = Sample().Render(30, false);
  EXPECT_EQ(out,
            "ID    TITLE               DONE\n"
            "m-1   Trygghetsvandring…   40%\n"
            "m-22  Öppen förskola      100%\n");
  for (std::size_t start = 0; start < out.size();) {
    const std::size_t end = out.find('\n', start);
    EXPECT_EQ(DisplayWidth(out.substr(start, end - start)), 30u);
    start = end + 1;
  }
}

TEST(TableTest, NeverBelowTheMinimumWidth) {
  EXPECT_EQ(Sample().Render(10, false),
            "ID    TITLE     DONE\n"
            "m-1   Trygghe…   40%\n"
            "m-22  Öppen f…  100%\n");
}

TEST(TableTest, SeveralShrinkingColumnsGiveUpWidthTheWidestFirst) {
  Table table({{"KEY", Align::kLeft, true, 5}, {"TITLE", Align::kLeft, true, 6}, {"N"}});
  table.AddRow({"otillaten-paverkan", "Rutin för att rapportera hot", "1"});
  // Natural width 18 + 2 + 28 + 2 + 1 = 51. At 41 only the title (the widest) gives up width; at
  // 31 both are cut to 13 (on a tie the left one first); at 10 both stop at their minimum and the
  // table stays wider than asked.
  EXPECT_EQ(table.Render(41, false),
            "KEY                 TITLE               N\n"
            "otillaten-paverkan  Rutin för att rap…  1\n");
  EXPECT_EQ(table.Render(31, false),
            "KEY            TITLE          N\n"
            "otillaten-pa…  Rutin för at…  1\n");
  EXPECT_EQ(table.Render(10, false),
            "KEY    TITLE   N\n"
            "otil…  Rutin…  1\n");
}

TEST(TableTest, ColourWrapsTheTextOnlyAndDoesNotMoveColumns) {
  Table table({{"A"}, {"B"}});
  table.AddRow({Cell("röd", Style::kAlert), "x"});
  EXPECT_EQ(table.Render(100, true), "A    B\n\x1b[31mröd\x1b[0m  x\n");
  EXPECT_EQ(table.Render(100, false), "A    B\nröd  x\n");
}

TEST(TableTest, NoLineEndsInSpaces) {
  Table table({{"A"}, {"EMPTY"}});
  table.AddRow({"value", ""});
  EXPECT_EQ(table.Render(100, false), "A      EMPTY\nvalue\n");
}

TEST(TableTest, CellsAreSanitised) {
  Table table({{"A"}});
  table.AddRow({"två\nrader"});
  EXPECT_EQ(table.Render(100, false), "A\ntvå rader\n");
}

}  // namespace
}  // namespace trygg::client
