// RFC 4180 quoting (cli/csv.h).
#include "cli/csv.h"

#include <gtest/gtest.h>

namespace trygg::cli {
namespace {

TEST(CliCsvField, PlainTextIsWrittenAsIs) {
  EXPECT_EQ(CsvField("narkotika"), "narkotika");
  EXPECT_EQ(CsvField("Otillåten påverkan"), "Otillåten påverkan");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("  spaces kept  "), "  spaces kept  ");
  EXPECT_EQ(CsvField("semi;colon"), "semi;colon");
}

TEST(CliCsvField, ACommaIsQuoted) {
  EXPECT_EQ(CsvField("Polisen, lokalpolisområde Värnamo"), "\"Polisen, lokalpolisområde Värnamo\"");
}

TEST(CliCsvField, AQuoteIsQuotedAndDoubled) {
  EXPECT_EQ(CsvField("kallad \"SSPF\""), "\"kallad \"\"SSPF\"\"\"");
  EXPECT_EQ(CsvField("\""), "\"\"\"\"");
}

TEST(CliCsvField, LineBreaksAreQuoted) {
  EXPECT_EQ(CsvField("rad ett\nrad två"), "\"rad ett\nrad två\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField("crlf\r\n"), "\"crlf\r\n\"");
}

TEST(CliCsvRecord, JoinsWithCommasAndEndsInCrlf) {
  EXPECT_EQ(CsvRecord({"a", "b, c", ""}), "a,\"b, c\",\r\n");
  EXPECT_EQ(CsvRecord({}), "\r\n");
  EXPECT_EQ(CsvRecord({""}), "\r\n");
}

}  // namespace
}  // namespace trygg::cli
