// Display width, truncation, padding and sanitising of UTF-8 text for tables (common/text.h).
#include "common/text.h"

#include <gtest/gtest.h>

namespace trygg::client {
namespace {

// "ä" as 'a' + U+0308 COMBINING DIAERESIS, "å" as 'a' + U+030A COMBINING RING ABOVE.
constexpr char kDecomposedA[] = "a\xCC\x88";
constexpr char kDecomposedAring[] = "a\xCC\x8A";

TEST(DisplayWidthTest, AsciiIsOneColumnPerByte) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("narkotika"), 9u);
}

TEST(DisplayWidthTest, SwedishLettersAreOneColumnEachThoughTwoBytes) {
  EXPECT_EQ(std::string("åäöÅÄÖ").size(), 12u);
  EXPECT_EQ(DisplayWidth("åäöÅÄÖ"), 6u);
  EXPECT_EQ(DisplayWidth("Otillåten påverkan"), 18u);
}

TEST(DisplayWidthTest, CombiningMarksTakeNoColumn) {
  EXPECT_EQ(DisplayWidth(kDecomposedA), 1u);
  EXPECT_EQ(DisplayWidth(std::string("p") + kDecomposedAring + "verkan"), 8u);  // "påverkan"
}

TEST(DisplayWidthTest, EastAsianWideCharactersAndEmojiTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("\xE6\x97\xA5\xE6\x9C\xAC"), 4u);  // 日本
  EXPECT_EQ(DisplayWidth("\xF0\x9F\x9A\x93"), 2u);          // 🚓
}

TEST(DisplayWidthTest, ControlsAreZeroAndInvalidBytesOneEach) {
  EXPECT_EQ(DisplayWidth("a\tb"), 2u);
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2u);      // not UTF-8 at all
  EXPECT_EQ(DisplayWidth("\xC3"), 1u);          // a truncated "å"
  EXPECT_EQ(DisplayWidth("\xC0\xAF"), 2u);      // overlong "/": two invalid bytes
  EXPECT_EQ(DisplayWidth("\xED\xA0\x80"), 3u);  // a UTF-16 surrogate
}

TEST(TruncateToWidthTest, TextThatFitsIsUnchanged) {
  EXPECT_EQ(TruncateToWidth("Trygghetsvandringar", 19), "Trygghetsvandringar");
  EXPECT_EQ(TruncateToWidth("åäö", 3), "åäö");
  EXPECT_EQ(TruncateToWidth("", 0), "");
}

TEST(TruncateToWidthTest, LongTextEndsInAnEllipsisWithinTheWidth) {
  const std::string cut = TruncateToWidth("Bättre belysning längs gång- och cykelvägar", 20);
  EXPECT_EQ(cut, "Bättre belysning lä…");
  EXPECT_EQ(DisplayWidth(cut), 20u);
}

TEST(TruncateToWidthTest, NeverSplitsAMultiByteCharacter) {
  for (std::size_t width = 1; width <= 6; ++width) {
    const std::string cut = TruncateToWidth("åäöåäöåäö", width);
    EXPECT_EQ(DisplayWidth(cut), width);
    EXPECT_EQ(cut, std::string("åäöåäöåäö").substr(0, 2 * (width - 1)) + "…");
  }
}

TEST(TruncateToWidthTest, KeepsACombiningMarkWithItsLetter) {
  const std::string text = std::string("xxx") + kDecomposedA + "yyyy";
  EXPECT_EQ(TruncateToWidth(text, 5), std::string("xxx") + kDecomposedA + "…");
  EXPECT_EQ(TruncateToWidth(text, 4), "xxx…");
}

TEST(TruncateToWidthTest, AWideCharacterThatDoesNotFitIsLeftOutWhole) {
  // 日本語 is six columns. Four leave three for text: 日, not half of 本, so the result is three
  // columns wide; five fit 日本 and the ellipsis.
  EXPECT_EQ(TruncateToWidth("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4), "\xE6\x97\xA5…");
  EXPECT_EQ(DisplayWidth(TruncateToWidth("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4)), 3u);
  EXPECT_EQ(TruncateToWidth("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5),
            "\xE6\x97\xA5\xE6\x9C\xAC…");
}

TEST(TruncateToWidthTest, ZeroAndOneColumns) {
  EXPECT_EQ(TruncateToWidth("abc", 0), "");
  EXPECT_EQ(TruncateToWidth("abc", 1), "…");
}

TEST(TruncateToWidthTest, DropsSpacesBeforeTheEllipsis) {
  EXPECT_EQ(TruncateToWidth("abc   defgh", 6), "abc…");
}

TEST(PadToWidthTest, PadsByDisplayWidthNotBytes) {
  EXPECT_EQ(PadToWidth("ö", 3, Align::kLeft), "ö  ");
  EXPECT_EQ(PadToWidth("ö", 3, Align::kRight), "  ö");
  EXPECT_EQ(PadToWidth(kDecomposedA, 2, Align::kLeft), std::string(kDecomposedA) + " ");
  EXPECT_EQ(PadToWidth("lång", 2, Align::kLeft), "lång");
}

TEST(SanitizeLineTest, ControlsBecomeSpacesSoTheServerCannotDriveTheTerminal) {
  EXPECT_EQ(SanitizeLine("rad ett\nrad två\ttab\r"), "rad ett rad två tab ");
  EXPECT_EQ(SanitizeLine("\x1b[31mröd\x1b[0m"), " [31mröd [0m");
  EXPECT_EQ(SanitizeLine("\xC2\x9B"
                         "1m"),
            " 1m");  // the C1 control CSI
}

TEST(SanitizeLineTest, InvalidUtf8BecomesTheReplacementCharacter) {
  EXPECT_EQ(SanitizeLine("a\xFFz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(SanitizeLine("Värnamo"), "Värnamo");
  EXPECT_EQ(SanitizeLine(kDecomposedA), kDecomposedA);
}

TEST(CodePointWidthTest, Classes) {
  EXPECT_EQ(CodePointWidth(U'a'), 1);
  EXPECT_EQ(CodePointWidth(U'ö'), 1);
  EXPECT_EQ(CodePointWidth(0x0308), 0);
  EXPECT_EQ(CodePointWidth(0x200B), 0);  // zero width space
  EXPECT_EQ(CodePointWidth(0x4E00), 2);
  EXPECT_EQ(CodePointWidth(0x1B), 0);
  EXPECT_EQ(CodePointWidth(U'…'), 1);
}

TEST(JoinNonEmptyTest, SkipsEmptyParts) {
  EXPECT_EQ(JoinNonEmpty({"a", "", "c"}, ", "), "a, c");
  EXPECT_EQ(JoinNonEmpty({"", ""}, "\n"), "");
  EXPECT_EQ(JoinNonEmpty({}, ", "), "");
}

TEST(PlainNumberTest, ReadsAsWrittenWithoutGroupingOrExponent) {
  EXPECT_EQ(PlainNumber(12), "12");
  EXPECT_EQ(PlainNumber(12.5), "12.5");
  EXPECT_EQ(PlainNumber(0.25), "0.25");
  EXPECT_EQ(PlainNumber(1000000), "1000000");
  EXPECT_EQ(PlainNumber(-3), "-3");
}

}  // namespace
}  // namespace trygg::client
