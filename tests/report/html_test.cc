// The html writer (clients/report/html.cc, svg.cc, number_format.cc): every text escaped wherever
// it appears, nothing run or fetched, the print CSS, Swedish numbers and the charts' shapes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <string>

#include "report/build.h"
#include "report/document.h"
#include "report/number_format.h"
#include "report/render.h"
#include "report/svg.h"
#include "sample_report.h"

namespace trygg::report {
namespace {

// Everything HTML gives a meaning to: a tag, both quotes, an ampersand.
const std::string kEvil = "<script>alert(1)</script> \"q\" 'a' & b";
const std::string kEscaped =
    "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &apos;a&apos; &amp; b";

std::size_t Count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

Table EvilTable() {
  Table table;
  table.title = kEvil;
  table.columns = {kEvil, "Timmar", "Kostnad", "Datum", "Uppföljning"};
  table.rows.push_back({Cell::Text(kEvil), Cell::Number(2.5), Cell::Sek(12500),
                        Cell::Date("2026-03-31"), Cell::HealthOf(Health::kRed, kEvil)});
  return table;
}

// kEvil in every place a Document holds text.
Document EvilDocument() {
  Document document;
  document.title = kEvil;
  document.subtitle = kEvil;
  document.facts = {{kEvil, kEvil}};
  document.summary.title = kEvil;
  document.summary.blocks.push_back(Paragraph{kEvil});
  document.summary.blocks.push_back(EvilTable());
  StackedBarChart bars;
  bars.title = kEvil;
  bars.series = {kEvil, "Gul"};
  bars.colours = {"#2e7d32", "\"><script>alert(2)</script>"};
  bars.bars = {{kEvil, {1, 2}}};
  document.summary.blocks.push_back(bars);
  GoalChart goals;
  goals.title = kEvil;
  goals.rows = {{kEvil, kEvil, 10, 5, 7}};
  document.summary.blocks.push_back(goals);
  Section section;
  section.title = kEvil;
  section.sheet_name = kEvil;
  section.blocks.push_back(EvilTable());
  document.sections.push_back(section);
  return document;
}

TEST(HtmlTest, EscapesTextInEveryPlace) {
  const std::string html = RenderHtml(EvilDocument());
  EXPECT_EQ(Count(html, "alert(1)</script>"), 0u) << html;
  EXPECT_EQ(Count(html, "'a'"), 0u);
  EXPECT_EQ(Count(html, "& b"), 0u);
  EXPECT_NE(html.find("<title>" + kEscaped + "</title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>" + kEscaped + "</h1>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"subtitle\">" + kEscaped + "</p>"), std::string::npos);
  EXPECT_NE(html.find("<dt>" + kEscaped + "</dt><dd>" + kEscaped + "</dd>"), std::string::npos);
  EXPECT_EQ(Count(html, "<h2>" + kEscaped + "</h2>"), 2u);  // the summary and the section
  EXPECT_NE(html.find("<p>" + kEscaped + "</p>"), std::string::npos);
  EXPECT_EQ(Count(html, "<caption>" + kEscaped + "</caption>"), 2u);
  EXPECT_EQ(Count(html, "<th scope=\"col\">" + kEscaped + "</th>"), 2u);
  EXPECT_EQ(Count(html, "<td>" + kEscaped + "</td>"), 2u);
  EXPECT_EQ(Count(html, "<td class=\"health red\">" + kEscaped + "</td>"), 2u);
  EXPECT_EQ(Count(html, "<figcaption>" + kEscaped + "</figcaption>"), 2u);
  // Inside the SVG: the charts' titles, the legend, the bar's tooltip, the goal's label and unit.
  EXPECT_EQ(Count(html, "<svg"), 2u);
  // The page's title, the two charts' and the goal's tooltip.
  EXPECT_EQ(Count(html, "<title>" + kEscaped + "</title>"), 4u);
  EXPECT_NE(html.find(">" + kEscaped + "</text>"), std::string::npos);  // legend, goal label
  EXPECT_NE(html.find("<title>" + kEscaped + ": " + kEscaped + " 1, Gul 2</title>"),
            std::string::npos);
  EXPECT_NE(html.find("M\u00e5l: 5\u00a0" + kEscaped + "</text>"), std::string::npos);
  // A colour that is not one is not written at all.
  EXPECT_EQ(Count(html, "alert(2)"), 0u);
  EXPECT_NE(html.find("fill=\"#888888\""), std::string::npos);
}

TEST(HtmlTest, MustacheInTheDataIsText) {
  Document document;
  document.title = "{{title}} {{{lang}}}";
  const std::string html = RenderHtml(document);
  EXPECT_NE(html.find("<h1>{{title}} {{{lang}}}</h1>"), std::string::npos) << html;
}

TEST(HtmlTest, RunsAndFetchesNothing) {
  for (const std::string& html : {RenderHtml(EvilDocument()), RenderHtml(Document{})}) {
    EXPECT_EQ(Count(html, "<script"), 0u);
    EXPECT_EQ(Count(html, "<SCRIPT"), 0u);
    EXPECT_EQ(Count(html, "http:"), 0u);
    EXPECT_EQ(Count(html, "https:"), 0u);
    EXPECT_EQ(Count(html, "@import"), 0u);
    EXPECT_EQ(Count(html, "url("), 0u);
    EXPECT_EQ(Count(html, "<link"), 0u);
    EXPECT_EQ(Count(html, "<img"), 0u);
    EXPECT_EQ(Count(html, "src="), 0u);
    EXPECT_EQ(Count(html, "@font-face"), 0u);
  }
}

TEST(HtmlTest, PageHeadAndPrintCss) {
  Document document;
  document.title = "Handlingsplan";
  const std::string sv = RenderHtml(document);
  EXPECT_EQ(sv.rfind("<!DOCTYPE html>\n<html lang=\"sv\">", 0), 0u) << sv;
  EXPECT_NE(sv.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(sv.find("<title>Handlingsplan</title>"), std::string::npos);
  EXPECT_NE(sv.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(sv.find("@media print"), std::string::npos);
  EXPECT_NE(sv.find("section.area { break-before: page;"), std::string::npos);
  EXPECT_NE(sv.find("thead { display: table-header-group; }"), std::string::npos);
  EXPECT_NE(sv.find("tr, figure { break-inside: avoid;"), std::string::npos);
  document.lang = Lang::kEn;
  EXPECT_NE(RenderHtml(document).find("<html lang=\"en\">"), std::string::npos);
}

TEST(HtmlTest, SummaryThenEachSectionOnItsOwnPage) {
  Document document;
  document.summary.title = "Sammanfattning";
  for (const char* title : {"Centrum", "Skolan", "Parken"}) {
    Section section;
    section.title = title;
    Table table;
    table.columns = {"Nr", "\u00c5tg\u00e4rd"};
    table.rows = {{Cell::Text("1.1"), Cell::Text("Belysning")}};
    section.blocks.push_back(table);
    document.sections.push_back(section);
  }
  const std::string html = RenderHtml(document);
  EXPECT_EQ(Count(html, "<section class=\"summary\">"), 1u);
  EXPECT_EQ(Count(html, "<section class=\"area\">"), 3u);
  EXPECT_EQ(Count(html, "<thead><tr><th scope=\"col\">Nr</th>"), 3u);
  const auto summary = html.find("<h2>Sammanfattning</h2>");
  const auto centrum = html.find("<h2>Centrum</h2>");
  const auto skolan = html.find("<h2>Skolan</h2>");
  const auto parken = html.find("<h2>Parken</h2>");
  ASSERT_NE(parken, std::string::npos);
  EXPECT_LT(summary, centrum);
  EXPECT_LT(centrum, skolan);
  EXPECT_LT(skolan, parken);
}

TEST(HtmlTest, CellsInSwedishFormats) {
  Document document;
  document.summary.blocks.push_back(EvilTable());
  const std::string html = RenderHtml(document);
  EXPECT_NE(html.find("<td class=\"number\">2,5</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"number\">12\u00a0500\u00a0kr</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"date\">2026-03-31</td>"), std::string::npos);
}

TEST(HtmlTest, HealthCellsCarryColourAndText) {
  Document document;
  Table table;
  table.columns = {"Uppf\u00f6ljning"};
  table.rows = {{Cell::HealthOf(Health::kGreen, "Gr\u00f6n")},
                {Cell::HealthOf(Health::kYellow, "Gul: sen leverans")},
                {Cell::HealthOf(Health::kRed, "R\u00f6d")},
                {Cell::HealthOf(Health::kNone, "Saknas")}};
  document.summary.blocks.push_back(table);
  const std::string html = RenderHtml(document);
  EXPECT_NE(html.find("<td class=\"health green\">Gr\u00f6n</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"health yellow\">Gul: sen leverans</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"health red\">R\u00f6d</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"health\">Saknas</td>"), std::string::npos);
  EXPECT_NE(html.find("td.green { background: #c6efce;"), std::string::npos);
}

TEST(NumberFormatTest, SwedishGroupingDecimalCommaAndKronor) {
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(999), "999");
  EXPECT_EQ(FormatNumber(1000), "1\u00a0000");
  EXPECT_EQ(FormatNumber(12500), "12\u00a0500");
  EXPECT_EQ(FormatNumber(1234567.891), "1\u00a0234\u00a0567,89");
  EXPECT_EQ(FormatNumber(2.5), "2,5");
  EXPECT_EQ(FormatNumber(2.50001), "2,5");
  EXPECT_EQ(FormatNumber(-0.25), "-0,25");
  EXPECT_EQ(FormatNumber(-12500), "-12\u00a0500");
  EXPECT_EQ(FormatSek(12500), "12\u00a0500\u00a0kr");
  EXPECT_EQ(FormatSek(99.5), "99,50\u00a0kr");
  EXPECT_EQ(FormatSek(0), "0\u00a0kr");
  EXPECT_EQ(FormatNumber(1.0 / 0.0), "\u2013");
}

TEST(SvgTest, StackedBarsOneRectanglePerNonZeroSegment) {
  StackedBarChart chart;
  chart.title = "Status per fokusomr\u00e5de";
  chart.series = {"Gr\u00f6n", "Gul", "R\u00f6d"};
  chart.colours = {"#2e7d32", "#f9a825", "#c62828"};
  chart.bars = {{"Centrum", {3, 1, 0}},
                {"Skolan", {0, 0, 2}},
                {"Parken", {1250, 1, 1}},
                {"Fel", {-1, std::nan(""), 0}}};  // takes no room
  const std::string svg = StackedBarSvg(chart);
  EXPECT_EQ(svg.rfind("<svg class=\"chart bars\"", 0), 0u) << svg;
  EXPECT_EQ(Count(svg, "<g class=\"bar\">"), 4u);
  EXPECT_EQ(Count(svg, "nan"), 0u);
  EXPECT_EQ(Count(svg, "<rect class=\"segment\""), 6u);
  EXPECT_EQ(Count(svg, "width=\"12\" height=\"12\""), 3u);  // the legend's keys
  EXPECT_NE(svg.find(">Gr\u00f6n</text>"), std::string::npos);
  EXPECT_NE(svg.find("font-weight=\"bold\">1\u00a0252</text>"), std::string::npos);  // a total
  EXPECT_NE(svg.find("<title>R\u00f6d: 2</title>"), std::string::npos);
  EXPECT_EQ(Count(svg, "xmlns"), 0u);
  EXPECT_EQ(StackedBarSvg(StackedBarChart{}), "");
}

TEST(SvgTest, LongBarLabelsKeepTheirEnds) {
  StackedBarChart chart;
  chart.series = {"Gr\u00f6n"};
  chart.bars = {{"V\u00e4rnamo kommun, socialf\u00f6rvaltningen 2026-T2", {1}},
                {"V\u00e4rnamo kommun, socialf\u00f6rvaltningen 2026-T3", {2}}};
  const std::string svg = StackedBarSvg(chart);
  EXPECT_NE(svg.find(">V\u00e4rnamo kommun, socialf\u00f6r\u2026ningen 2026-T2</text>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find(">V\u00e4rnamo kommun, socialf\u00f6r\u2026ningen 2026-T3</text>"),
            std::string::npos);
  // The whole label in the tooltip.
  EXPECT_NE(svg.find("<title>V\u00e4rnamo kommun, socialf\u00f6rvaltningen 2026-T3: "),
            std::string::npos);
}

TEST(SvgTest, GoalsOneRowEachWithBaselineTargetAndValue) {
  GoalChart chart;
  chart.title = "M\u00e5l";
  chart.rows = {{"Otrygghet i centrum", "%", 34, 25, 29.5},
                {"Anm\u00e4lda brott", "st", 120, 90, std::nullopt}};
  const std::string svg = GoalSvg(chart, Lang::kSv);
  EXPECT_EQ(Count(svg, "<g class=\"goal\">"), 2u) << svg;
  EXPECT_EQ(Count(svg, "class=\"baseline\""), 2u);
  EXPECT_EQ(Count(svg, "class=\"target\""), 2u);
  EXPECT_EQ(Count(svg, "<rect class=\"value\""), 1u);  // the second is not measured yet
  EXPECT_NE(svg.find("V\u00e4rde: 29,5\u00a0%</text>"), std::string::npos);
  EXPECT_NE(svg.find("Utg\u00e5ngsl\u00e4ge: 120\u00a0st</text>"), std::string::npos);
  EXPECT_NE(svg.find("V\u00e4rde: ej m\u00e4tt</text>"), std::string::npos);
  EXPECT_NE(GoalSvg(chart, Lang::kEn).find("Value: not measured</text>"), std::string::npos);
  EXPECT_EQ(GoalSvg(GoalChart{}, Lang::kSv), "");
}

TEST(HtmlTest, EmptyChartsAreLeftOut) {
  Document document;
  document.summary.blocks.push_back(StackedBarChart{"Tom", {}, {}, {}});
  document.summary.blocks.push_back(GoalChart{"Tom", {}});
  const std::string html = RenderHtml(document);
  EXPECT_EQ(Count(html, "<svg"), 0u);
  EXPECT_EQ(Count(html, "<figure"), 0u);
}

// The Värnamo-like sample in every kind and language: a whole page each time, the same page every
// time, and the public page without a trace of the internal fields or an amount.
TEST(HtmlTest, SampleReportsInEveryKindAndLanguage) {
  const v1::PlanReport report = testing::SampleReport();
  for (const Kind kind : {Kind::kPlan, Kind::kFollowUp, Kind::kPublic}) {
    for (const Lang lang : {Lang::kSv, Lang::kEn}) {
      const Document document = BuildDocument(report, kind, lang);
      const std::string html = RenderHtml(document);
      SCOPED_TRACE(html.substr(0, 2000));
      EXPECT_EQ(html, RenderHtml(document));
      EXPECT_EQ(Count(html, "<section class=\"area\">"), document.sections.size());
      EXPECT_EQ(Count(html, "<script"), 0u);
      EXPECT_EQ(Count(html, "http:"), 0u);
      EXPECT_EQ(Count(html, "https:"), 0u);
      EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
      if (kind == Kind::kPublic) {
        EXPECT_EQ(Count(html, std::string(testing::kInternal)), 0u);
        EXPECT_EQ(Count(html, "\u00a0kr"), 0u);
      } else {
        EXPECT_GT(Count(html, std::string(testing::kInternal)),
                  0u);  // so the check means something
      }
    }
  }
  // The follow-up draws its charts: status per focus area, health per party, goals.
  const std::string follow_up = RenderHtml(BuildDocument(report, Kind::kFollowUp, Lang::kSv));
  EXPECT_GE(Count(follow_up, "<svg class=\"chart bars\""), 2u);
  EXPECT_GE(Count(follow_up, "<svg class=\"chart goals\""), 1u);
}

}  // namespace
}  // namespace trygg::report
