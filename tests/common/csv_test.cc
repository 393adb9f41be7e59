// RFC 4180 quoting (common/csv.h).
#include "common/csv.h"

#include <gtest/gtest.h>

namespace trygg::client {
namespace {

TEST(CsvField, PlainTextIsWrittenAsIs) {
  EXPECT_EQ(CsvField("narkotika"), "narkotika");
  EXPECT_EQ(CsvField("Otillåten påverkan"), "Otillåten påverkan");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("  spaces kept  "), "  spaces kept  ");
  EXPECT_EQ(CsvField("semi;colon"), "semi;colon");
}

TEST(CsvField, ACommaIsQuoted) {
  EXPECT_EQ(CsvField("Polisen, lokalpolisområde Värnamo"), "\"Polisen, lokalpolisområde Värnamo\"");
}

TEST(CsvField, AQuoteIsQuotedAndDoubled) {
  EXPECT_EQ(CsvField("kallad \"SSPF\""), "\"kallad \"\"SSPF\"\"\"");
  EXPECT_EQ(CsvField("\""), "\"\"\"\"");
}

TEST(CsvField, LineBreaksAreQuoted) {
  EXPECT_EQ(CsvField("rad ett\nrad två"), "\"rad ett\nrad två\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField("crlf\r\n"), "\"crlf\r\n\"");
}

TEST(CsvRecord, JoinsWithCommasAndEndsInCrlf) {
  EXPECT_EQ(CsvRecord({"a", "b, c", ""}), "a,\"b, c\",\r\n");
  EXPECT_EQ(CsvRecord({}), "\r\n");
  EXPECT_EQ(CsvRecord({""}), "\r\n");
}

}  // namespace
}  // namespace trygg::client
