// The xlsx writer (clients/report/xlsx.cc): the workbook unzipped with unzip(1) and its XML read:
// sheet names and order, typed cells and their number formats, the bold frozen header, the
// health fills, escaping, and the same bytes every time.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "report/build.h"
#include "report/document.h"
#include "report/render.h"
#include "sample_report.h"
#include "testutil/temp_dir.h"

namespace trygg::report {
namespace {

const std::string kEvil = "<script>alert(1)</script> \"q\" 'a' & b";

// The unzipped parts of a workbook.
class Unzipped {
 public:
  explicit Unzipped(const std::string& bytes) : path_(dir_.Sub("report.xlsx")) {
    std::ofstream(path_, std::ios::binary) << bytes;
  }

  // The member's text ("" when it is missing).
  std::string Part(const std::string& member) const {
    return Run("unzip -p '" + path_.string() + "' '" + member + "' 2>/dev/null");
  }
  std::string Listing() const { return Run("unzip -l '" + path_.string() + "'"); }

 private:
  static std::string Run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    pclose(pipe);
    return out;
  }

  ::trygg::testing::TempDir dir_;
  std::filesystem::path path_;
};

std::string Render(const Document& document) {
  std::string error;
  std::string bytes = RenderXlsx(document, &error);
  EXPECT_EQ(error, "");
  EXPECT_FALSE(bytes.empty());
  return bytes;
}

std::vector<std::string> SheetNames(const Unzipped& book) {
  const std::string workbook = book.Part("xl/workbook.xml");
  std::vector<std::string> names;
  const std::regex sheet("<sheet name=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(workbook.begin(), workbook.end(), sheet);
       it != std::sregex_iterator(); ++it) {
    names.push_back((*it)[1]);
  }
  return names;
}

// The <c> element of cell `ref` ("B4") in a sheet's XML, or "".
std::string CellXml(const std::string& sheet, const std::string& ref) {
  const auto at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return "";
  const auto end = sheet.find("</c>", at);
  return end == std::string::npos ? "" : sheet.substr(at, end + 4 - at);
}

// The n-th (0-based) <xf> of styles.xml's cellXfs: a cell's s="n".
std::string CellStyle(const std::string& styles, int n) {
  auto at = styles.find("<cellXfs");
  for (int i = 0; at != std::string::npos && i <= n; ++i) at = styles.find("<xf ", at + 1);
  if (at == std::string::npos) return "";
  return styles.substr(at, styles.find('>', at) + 1 - at);
}

int StyleIndex(const std::string& cell) {
  std::smatch m;
  return std::regex_search(cell, m, std::regex(" s=\"(\\d+)\"")) ? std::stoi(m[1]) : 0;
}

std::string Attribute(const std::string& element, const std::string& name) {
  std::smatch m;
  return std::regex_search(element, m, std::regex(" " + name + "=\"([^\"]*)\"")) ? m[1].str() : "";
}

// The format code of numFmtId `id` (only custom ones are listed in styles.xml).
std::string FormatCode(const std::string& styles, const std::string& id) {
  std::smatch m;
  const std::regex code("<numFmt numFmtId=\"" + id + "\" formatCode=\"([^\"]*)\"");
  return std::regex_search(styles, m, code) ? m[1].str() : "";
}

Document Sample() {
  Document document;
  document.title = "Handlingsplan: Tryggare V\u00e4rnamo";
  document.facts = {{"Position", "42"}, {"Tid", "2026-03-31T12:30:00Z"}};
  document.summary.title = "Sammanfattning";
  document.summary.blocks.push_back(Paragraph{"Planen har tre fokusomr\u00e5den."});
  Section section;
  section.title = "Centrum";
  section.sheet_name = "Centrum";
  Table table;
  table.columns = {"\u00c5tg\u00e4rd", "Timmar", "Kostnad", "Klart", "Uppf\u00f6ljning"};
  table.rows = {{Cell::Text("Belysning"), Cell::Number(2.5), Cell::Sek(12500),
                 Cell::Date("2026-03-31"), Cell::HealthOf(Health::kRed, "R\u00f6d")},
                {Cell::Text("Trygghetsvandring"), Cell::Number(12), Cell::Sek(99.5),
                 Cell::Date("2026-04-01"), Cell::HealthOf(Health::kGreen, "Gr\u00f6n")}};
  section.blocks.push_back(table);
  document.sections.push_back(section);
  return document;
}

TEST(XlsxTest, SummarySheetFirstThenOneSheetPerSection) {
  Document document = Sample();
  for (const char* name : {"Skolan", "Parken"}) {
    Section section;
    section.title = name;
    section.sheet_name = name;
    document.sections.push_back(section);
  }
  const Unzipped book(Render(document));
  EXPECT_EQ(SheetNames(book),
            (std::vector<std::string>{"Sammanfattning", "Centrum", "Skolan", "Parken"}));
  EXPECT_NE(book.Listing().find("xl/worksheets/sheet4.xml"), std::string::npos);
}

TEST(XlsxTest, SheetNamesAreMadeValidAndUnique) {
  Document document;
  document.lang = Lang::kEn;
  for (const std::string& name :
       {std::string("A/B:C*?[x]\\"), std::string("Centrum"), std::string("CENTRUM"),
        std::string("'citerad'"), std::string("History"), std::string(""),
        std::string("\u00d6stra"), std::string("\u00f6STRA"),
        std::string("Trygghet i centrum och p\u00e5 torget kv\u00e4llstid"), kEvil}) {
    Section section;
    section.sheet_name = name;
    document.sections.push_back(section);
  }
  const Unzipped book(Render(document));
  EXPECT_EQ(SheetNames(book),
            (std::vector<std::string>{"Summary", "A-B-C---x--", "Centrum", "CENTRUM (2)", "citerad",
                                      "History (2)", "Area 6", "\u00d6stra", "\u00f6STRA (2)",
                                      "Trygghet i centrum och p\u00e5 torge",
                                      "&lt;script&gt;alert(1)&lt;-script&gt; &quot;q&quot;"}));
}

TEST(XlsxTest, CellsAreTypedWithSwedishReadyFormats) {
  const Unzipped book(Render(Sample()));
  const std::string sheet = book.Part("xl/worksheets/sheet2.xml");
  const std::string styles = book.Part("xl/styles.xml");
  ASSERT_FALSE(sheet.empty());
  // Row 1 the section's title, row 2 empty, row 3 the header, rows 4 and 5 the measures.
  const std::string text = CellXml(sheet, "A4");
  const std::string hours = CellXml(sheet, "B4");
  const std::string whole_hours = CellXml(sheet, "B5");
  const std::string cost = CellXml(sheet, "C4");
  const std::string ore = CellXml(sheet, "C5");
  const std::string date = CellXml(sheet, "D4");
  const std::string health = CellXml(sheet, "E4");
  EXPECT_NE(text.find("t=\"s\""), std::string::npos) << text;
  for (const std::string* number : {&hours, &whole_hours, &cost, &ore, &date}) {
    EXPECT_EQ(number->find("t=\""), std::string::npos) << *number;  // a number, not a string
  }
  EXPECT_NE(hours.find("<v>2.5</v>"), std::string::npos) << hours;
  EXPECT_NE(cost.find("<v>12500</v>"), std::string::npos) << cost;
  EXPECT_NE(date.find("<v>46112</v>"), std::string::npos) << date;  // 2026-03-31 in Excel's days
  const auto code = [&](const std::string& cell) {
    return FormatCode(styles, Attribute(CellStyle(styles, StyleIndex(cell)), "numFmtId"));
  };
  EXPECT_EQ(code(hours), "#,##0.0#");
  EXPECT_EQ(code(whole_hours), "#,##0");
  EXPECT_EQ(code(cost), "#,##0 &quot;kr&quot;");
  EXPECT_EQ(code(ore), "#,##0.00 &quot;kr&quot;");
  EXPECT_EQ(code(date), "yyyy-mm-dd");
  // The red follow-up: its text, on the "bad" fill.
  EXPECT_NE(health.find("t=\"s\""), std::string::npos);
  const std::string fill_id = Attribute(CellStyle(styles, StyleIndex(health)), "fillId");
  ASSERT_FALSE(fill_id.empty());
  const auto fills = styles.find("<fills");
  auto fill = fills;
  for (int i = 0; fill != std::string::npos && i <= std::stoi(fill_id); ++i) {
    fill = styles.find("<fill>", fill + 1);
  }
  ASSERT_NE(fill, std::string::npos);
  EXPECT_NE(styles.substr(fill, styles.find("</fill>", fill) - fill).find("FFFFC7CE"),
            std::string::npos)
      << styles;
}

TEST(XlsxTest, HeaderRowIsBoldFrozenAndRepeated) {
  const Unzipped book(Render(Sample()));
  const std::string sheet = book.Part("xl/worksheets/sheet2.xml");
  const std::string styles = book.Part("xl/styles.xml");
  EXPECT_NE(sheet.find("<pane ySplit=\"3\" topLeftCell=\"A4\" activePane=\"bottomLeft\" "
                       "state=\"frozen\"/>"),
            std::string::npos)
      << sheet;
  // …and printed on every page.
  EXPECT_NE(book.Part("xl/workbook.xml")
                .find("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">Centrum!$3:$3<"),
            std::string::npos);
  const std::string header = CellXml(sheet, "A3");
  const std::string font_id = Attribute(CellStyle(styles, StyleIndex(header)), "fontId");
  auto font = styles.find("<fonts");
  for (int i = 0; font != std::string::npos && i <= std::stoi(font_id); ++i) {
    font = styles.find("<font>", font + 1);
  }
  ASSERT_NE(font, std::string::npos);
  EXPECT_EQ(styles.compare(font, 10, "<font><b/>"), 0) << styles.substr(font, 60);
  const std::string strings = book.Part("xl/sharedStrings.xml");
  for (const char* column :
       {"\u00c5tg\u00e4rd", "Timmar", "Kostnad", "Klart", "Uppf\u00f6ljning"}) {
    EXPECT_NE(strings.find(std::string("<t>") + column + "</t>"), std::string::npos) << column;
  }
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);  // widths set
}

TEST(XlsxTest, SummarySheetHasTitleFactsAndParagraphs) {
  const Unzipped book(Render(Sample()));
  const std::string strings = book.Part("xl/sharedStrings.xml");
  for (const char* text : {"Handlingsplan: Tryggare V\u00e4rnamo", "Position", "42", "Tid",
                           "2026-03-31T12:30:00Z", "Planen har tre fokusomr\u00e5den."}) {
    EXPECT_NE(strings.find(std::string("<t>") + text + "</t>"), std::string::npos) << text;
  }
}

TEST(XlsxTest, TextIsEscaped) {
  Document document = Sample();
  document.title = kEvil;
  document.sections[0].title = kEvil;
  const Unzipped book(Render(document));
  const std::string strings = book.Part("xl/sharedStrings.xml");
  EXPECT_NE(strings.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << strings;
  EXPECT_EQ(strings.find("<script"), std::string::npos);
  EXPECT_EQ(book.Part("docProps/core.xml").find("<script"), std::string::npos);
}

TEST(XlsxTest, SameBytesEveryTimeWithTheReportsTimeAsCreated) {
  const Document document = Sample();
  const std::string first = Render(document);
  const std::string second = Render(document);
  EXPECT_EQ(first, second);
  EXPECT_NE(Unzipped(first)
                .Part("docProps/core.xml")
                .find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-03-31T12:30:00Z"),
            std::string::npos);
  // No fact is a time: a fixed moment, never the clock.
  EXPECT_NE(Unzipped(Render(Document{}))
                .Part("docProps/core.xml")
                .find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z"),
            std::string::npos);
  // Every member of the zip has the same fixed time (libxlsxwriter writes 1980-01-01 00:00).
  const std::string listing = Unzipped(first).Listing();
  const std::regex member(R"((\d{4}-\d\d-\d\d \d\d:\d\d)   \S)");
  int members = 0;
  for (auto it = std::sregex_iterator(listing.begin(), listing.end(), member);
       it != std::sregex_iterator(); ++it, ++members) {
    EXPECT_EQ((*it)[1], "1980-01-01 00:00") << listing;
  }
  EXPECT_GE(members, 8) << listing;
}

// The Värnamo-like sample in every kind: a sheet per section after the summary, the same bytes
// every time, and the public workbook without a trace of the internal fields in any of its parts.
TEST(XlsxTest, SampleReportsInEveryKind) {
  const v1::PlanReport report = testing::SampleReport();
  for (const Kind kind : {Kind::kPlan, Kind::kFollowUp, Kind::kPublic}) {
    const Document document = BuildDocument(report, kind, Lang::kSv);
    const std::string bytes = Render(document);
    EXPECT_EQ(bytes, Render(document));
    const Unzipped book(bytes);
    EXPECT_EQ(SheetNames(book).size(), 1 + document.sections.size());
    // Created when the report's moment was recorded (the sample's recorded_at), not when written.
    EXPECT_NE(book.Part("docProps/core.xml")
                  .find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-31T10:15:00Z<"),
              std::string::npos);
    std::string all;
    for (const std::string& part :
         {std::string("xl/sharedStrings.xml"), std::string("xl/workbook.xml"),
          std::string("docProps/core.xml"), std::string("docProps/app.xml")}) {
      all += book.Part(part);
    }
    for (std::size_t i = 1; i <= 1 + document.sections.size(); ++i) {
      all += book.Part("xl/worksheets/sheet" + std::to_string(i) + ".xml");
    }
    if (kind == Kind::kPublic) {
      EXPECT_EQ(all.find(testing::kInternal), std::string::npos);
      EXPECT_EQ(book.Part("xl/styles.xml").find("kr&quot;"), std::string::npos);  // no amounts
    } else {
      EXPECT_NE(all.find(testing::kInternal), std::string::npos);  // so the check means something
    }
  }
}

// Sets $TMPDIR for one test and restores it.
class ScopedTmpdir {
 public:
  explicit ScopedTmpdir(const std::string& value) {
    const char* old = std::getenv("TMPDIR");
    had_ = old != nullptr;
    if (had_) old_ = old;
    setenv("TMPDIR", value.c_str(), 1);
  }
  ~ScopedTmpdir() {
    if (had_) {
      setenv("TMPDIR", old_.c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }
  ScopedTmpdir(const ScopedTmpdir&) = delete;
  ScopedTmpdir& operator=(const ScopedTmpdir&) = delete;

 private:
  bool had_ = false;
  std::string old_;
};

TEST(XlsxTest, TemporaryFileIsRemovedAfterwards) {
  const ::trygg::testing::TempDir dir;
  const ScopedTmpdir tmpdir(dir.path().string());
  EXPECT_FALSE(Render(Sample()).empty());
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(XlsxTest, UnwritableTemporaryDirectoryIsAnError) {
  const ::trygg::testing::TempDir dir;
  const ScopedTmpdir tmpdir((dir.path() / "missing").string());
  std::string error;
  EXPECT_EQ(RenderXlsx(Sample(), &error), "");
  EXPECT_NE(error.find("cannot create a temporary file in " + (dir.path() / "missing").string()),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace trygg::report
