// How the Markdown and CSV writers (report/render.h) write a Document: headings, facts and pipe
// tables with '|' and line breaks escaped; CSV as RFC 4180 with a header row, quoting and CRLF;
// numbers as the CLI writes them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/csv.h"
#include "report/build.h"
#include "report/render.h"
#include "sample_report.h"

namespace trygg::report {
namespace {

namespace v1 = ::trygg::v1;

Document Small() {
  Document d;
  d.title = "Handlingsplan – Test | plan";
  d.subtitle = "Läget den 2026-12-31";
  d.facts = {{"Loggposition", "4711"}, {"Period", "2026-T3"}};
  d.summary.title = "Sammanfattning";
  d.summary.blocks.push_back(Paragraph{"Inledning."});
  d.summary.blocks.push_back(
      Table{"Siffror",
            {"Text", "Timmar", "Kostnad (kr)", "Datum", "Läge"},
            {{Cell::Text("a|b\nc\r\nd"), Cell::Number(2.5), Cell::Sek(12500),
              Cell::Date("2026-11-30"), Cell::HealthOf(Health::kRed, "Röd")}}});
  d.summary.blocks.push_back(StackedBarChart{"Diagrammet", {"Grön"}, {"#2e7d32"}, {{"x", {1}}}});
  d.summary.blocks.push_back(GoalChart{"Måldiagrammet", {{"mål", "%", 30, 0, 22}}});
  Section area;
  area.title = "Narkotika";
  area.blocks.push_back(Table{"", {"Nr", "Åtgärd"}, {{Cell::Text("2.1"), Cell::Text("x")}}});
  d.sections.push_back(area);
  d.flat = {"",
            {"Nr", "Åtgärd", "Timmar", "Kostnad (kr)"},
            {{Cell::Text("1.1"), Cell::Text("a,b"), Cell::Number(2.5), Cell::Sek(12500)},
             {Cell::Text("1.2"), Cell::Text("säger \"hej\""), Cell::Number(0.1), Cell::Sek(0)},
             {Cell::Text("–"), Cell::Text("rad ett\nrad två"), Cell::Number(120), Cell::Sek(1)}}};
  return d;
}

TEST(Markdown, WritesTitleFactsSectionsAndTables) {
  const std::string md = RenderMarkdown(Small());
  EXPECT_EQ(md,
            "# Handlingsplan – Test \\| plan\n"
            "\n"
            "Läget den 2026-12-31\n"
            "\n"
            "- Loggposition: 4711\n"
            "- Period: 2026-T3\n"
            "\n"
            "## Sammanfattning\n"
            "\n"
            "Inledning.\n"
            "\n"
            "### Siffror\n"
            "\n"
            "| Text | Timmar | Kostnad (kr) | Datum | Läge |\n"
            "|---|---|---|---|---|\n"
            "| a\\|b<br>c<br>d | 2.5 | 12500 | 2026-11-30 | Röd |\n"
            "\n"
            "## Narkotika\n"
            "\n"
            "| Nr | Åtgärd |\n"
            "|---|---|\n"
            "| 2.1 | x |\n");
}

TEST(Markdown, LeavesChartsOut) {
  const std::string md = RenderMarkdown(Small());
  EXPECT_EQ(md.find("Diagrammet"), std::string::npos);
  EXPECT_EQ(md.find("Måldiagrammet"), std::string::npos);
}

TEST(Markdown, EveryTableLineOfTheSampleHasItsColumns) {
  // Comments with '|' and line breaks (the sample's m-06) stay inside their cells.
  const std::string md =
      RenderMarkdown(BuildDocument(testing::SampleReport(), Kind::kFollowUp, Lang::kSv));
  EXPECT_NE(md.find("INTERNT-kommentar-06: \\| tre vandringar,<br>\"bra\" uppslutning"),
            std::string::npos);
  std::size_t start = 0;
  std::size_t expected_bars = 0;
  while (start < md.size()) {
    const std::size_t end = md.find('\n', start);
    const std::string line = md.substr(start, end - start);
    start = end + 1;
    if (!line.starts_with("|")) {
      expected_bars = 0;
      continue;
    }
    std::size_t bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
    }
    if (expected_bars == 0) expected_bars = bars;  // the header row of a table
    EXPECT_EQ(bars, expected_bars) << line;
  }
}

TEST(Csv, WritesTheFlatTableWithAHeaderRowQuotedAsRfc4180) {
  EXPECT_EQ(RenderCsv(Small()),
            "Nr,Åtgärd,Timmar,Kostnad (kr)\r\n"
            "1.1,\"a,b\",2.5,12500\r\n"
            "1.2,\"säger \"\"hej\"\"\",0.1,0\r\n"
            "–,\"rad ett\nrad två\",120,1\r\n");
}

TEST(Csv, EveryKindReadsBackWithItsColumns) {
  const v1::PlanReport report = testing::SampleReport();
  for (const Kind kind : {Kind::kPlan, Kind::kFollowUp, Kind::kPublic}) {
    const Document d = BuildDocument(report, kind, Lang::kSv);
    const std::string csv = RenderCsv(d);
    ASSERT_TRUE(csv.ends_with("\r\n"));
    // Every line break outside a quoted field is CRLF.
    bool quoted = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
      if (csv[i] == '"') quoted = !quoted;
      if (csv[i] == '\n' && !quoted) {
        EXPECT_EQ(csv[i - 1], '\r') << "at byte " << i;
      }
    }
    std::vector<client::CsvLine> records;
    ASSERT_TRUE(client::ReadCsv(csv, ',', 10000, &records).ok());
    ASSERT_EQ(records.size(), d.flat.rows.size() + 1);
    EXPECT_EQ(records[0].fields, d.flat.columns);
    for (const client::CsvLine& record : records) {
      EXPECT_EQ(record.fields.size(), d.flat.columns.size()) << "line " << record.line;
    }
  }
}

}  // namespace
}  // namespace trygg::report
