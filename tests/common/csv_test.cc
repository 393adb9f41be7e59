// RFC 4180 quoting and reading (common/csv.h).
#include "common/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// Found by measure_import_fuzzer: unquoted, a leading byte order mark was read back as the file's
// own mark and dropped.
TEST(CsvField, ALeadingByteOrderMarkIsQuotedSoThatItReadsBack) {
  const std::string field = "\xEF\xBB\xBFtitel";
  EXPECT_EQ(CsvField(field), "\"" + field + "\"");
  EXPECT_EQ(CsvField("mitt\xEF\xBB\xBF"), "mitt\xEF\xBB\xBF");
  std::vector<CsvLine> records;
  ASSERT_TRUE(ReadCsv(CsvRecord({field, "b"}), ',', 10, &records).ok());
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{field, "b"}));
}

TEST(CsvRecord, JoinsWithCommasAndEndsInCrlf) {
  EXPECT_EQ(CsvRecord({"a", "b, c", ""}), "a,\"b, c\",\r\n");
  EXPECT_EQ(CsvRecord({}), "\r\n");
  EXPECT_EQ(CsvRecord({""}), "\r\n");
}

using Records = std::vector<std::vector<std::string>>;

// The fields of every record of `text`, read with ','; fails the test on an error.
Records Read(std::string_view text) {
  std::vector<CsvLine> lines;
  const Outcome read = ReadCsv(text, ',', 100, &lines);
  EXPECT_TRUE(read.ok()) << read.message();
  Records records;
  for (const CsvLine& line : lines) records.push_back(line.fields);
  return records;
}

// The error ReadCsv gives for `text`.
std::string Error(std::string_view text, std::size_t max_records = 100) {
  std::vector<CsvLine> lines;
  const Outcome read = ReadCsv(text, ',', max_records, &lines);
  EXPECT_EQ(read.code(), ExitCode::kUsage);
  return read.message();
}

TEST(ReadCsv, ReadsWhatCsvRecordWrites) {
  const std::vector<std::string> fields = {
      "a", "b, c", "", "kallad \"SSPF\"", "rad ett\r\nrad två", "  spaces  "};
  EXPECT_EQ(Read(CsvRecord(fields) + CsvRecord({"x"})), (Records{fields, {"x"}}));
}

TEST(ReadCsv, TableOfForms) {
  struct Case {
    const char* name;
    std::string_view text;
    Records expected;
  };
  const Case cases[] = {
      {"empty text", "", {}},
      {"crlf", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
      {"lf alone", "a,b\nc,d\n", {{"a", "b"}, {"c", "d"}}},
      {"no final line end", "a,b\nc,d", {{"a", "b"}, {"c", "d"}}},
      {"byte order mark",
       "\xEF\xBB\xBF"
       "focus_area,title\n",
       {{"focus_area", "title"}}},
      {"quoted comma", "\"a,b\",c\n", {{"a,b", "c"}}},
      {"doubled quote", "\"say \"\"hej\"\"\",x\n", {{"say \"hej\"", "x"}}},
      {"quoted lf and crlf", "\"one\ntwo\",\"three\r\nfour\"\n", {{"one\ntwo", "three\r\nfour"}}},
      {"empty quoted", "\"\",x\n", {{"", "x"}}},
      {"empty fields", ",,\n", {{"", "", ""}}},
      {"empty line", "a\n\nb\n", {{"a"}, {""}, {"b"}}},
      {"trailing separator", "a,", {{"a", ""}}},
      {"lone cr kept", "a\rb,c\n", {{"a\rb", "c"}}},
      {"utf-8", "Otillåten påverkan,Värnamo\n", {{"Otillåten påverkan", "Värnamo"}}},
  };
  for (const Case& c : cases) EXPECT_EQ(Read(c.text), c.expected) << c.name;
}

TEST(ReadCsv, RecordsKnowTheLineTheyStartOn) {
  std::vector<CsvLine> lines;
  ASSERT_TRUE(ReadCsv("h\r\n\"two\nlines\"\r\nnext\n", ',', 10, &lines).ok());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].line, 1u);
  EXPECT_EQ(lines[1].line, 2u);
  EXPECT_EQ(lines[2].line, 4u);
}

TEST(ReadCsv, ASemicolonSeparatorAsSwedishSpreadsheetsWrite) {
  std::vector<CsvLine> lines;
  ASSERT_TRUE(ReadCsv("a;\"b;c\";d,e\n", ';', 10, &lines).ok());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].fields, (std::vector<std::string>{"a", "b;c", "d,e"}));
}

TEST(ReadCsv, MalformedTextIsAnErrorByLine) {
  EXPECT_EQ(Error("a\n\"open,b\n"), "line 2: a quoted field is not closed");
  EXPECT_EQ(Error("a\nb\"c\n"), "line 2: a '\"' inside a field that does not start with one");
  EXPECT_EQ(Error("a\n\"x\ny\"z\n"), "line 3: text after the closing quote of a field");
  EXPECT_EQ(Error("a\nb\nc\n", 2), "line 3: more than 2 records");
}

TEST(GuessCsvSeparator, SemicolonOnlyWhenTheFirstLineHasNoComma) {
  EXPECT_EQ(GuessCsvSeparator("focus_area;title\n"), ';');
  EXPECT_EQ(GuessCsvSeparator("focus_area,title\n"), ',');
  EXPECT_EQ(GuessCsvSeparator("\"a,b\";c\n"), ';');
  EXPECT_EQ(GuessCsvSeparator("a;b,c\n"), ',');
  EXPECT_EQ(GuessCsvSeparator("title\nx;y\n"), ',');
  EXPECT_EQ(GuessCsvSeparator(""), ',');
}

}  // namespace
}  // namespace trygg::client
