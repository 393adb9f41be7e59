// The html writer: one self-contained page from a mustache template. Every text of the Document
// goes through {{ }} (kainjow's html_escape: & < > " '), charts are inline SVG drawn by svg.cc
// from templates of their own, and the only triple mustache ({{{svg}}}) takes those drawings.
#include <cassert>
#include <kainjow/mustache.hpp>
#include <string>
#include <variant>

#include "report/number_format.h"
#include "report/render.h"
#include "report/svg.h"

namespace trygg::report {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;
using kainjow::mustache::object;

// Print: A4, each focus area on a new page, table headers on every page, no row cut in two. The
// health colours are the spreadsheet programs' "good/neutral/bad" pairs; their text says the same
// and the left border differs (solid/dashed/double), so a black-and-white print still tells them
// apart. Fonts are the system's: nothing is fetched.
const char* const kPage = R"(<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.35; color: #111; background: #fff; max-width: 1100px; margin: 24px auto;
  padding: 0 16px; }
h1 { font-size: 19pt; margin: 0 0 4px; }
h2 { font-size: 14pt; border-bottom: 2px solid #333; padding-bottom: 2px; margin: 24px 0 8px; }
.subtitle { font-size: 12pt; margin: 0 0 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: 9pt;
  margin: 0 0 12px; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
p { white-space: pre-line; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 9pt; }
caption { text-align: left; font-weight: bold; font-size: 10.5pt; padding: 4px 0; }
thead { display: table-header-group; }
th, td { border: 1px solid #888; padding: 3px 5px; text-align: left; vertical-align: top;
  white-space: pre-line; }
th { background: #e6e6e6; }
td.number { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
td.health { font-weight: bold; }
td.green { background: #c6efce; color: #006100; border-left: 4px solid #006100; }
td.yellow { background: #ffeb9c; color: #6b4300; border-left: 4px dashed #6b4300; }
td.red { background: #ffc7ce; color: #9c0006; border-left: 4px double #9c0006; }
figure { margin: 8px 0 16px; }
figcaption { font-weight: bold; margin-bottom: 4px; }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; }
@media screen { section.area { border-top: 1px solid #bbb; margin-top: 32px; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  section.area { break-before: page; page-break-before: always; }
  h2, caption, figcaption { break-after: avoid; page-break-after: avoid; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  th, td.health { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1>{{title}}</h1>
{{#has_subtitle}}<p class="subtitle">{{subtitle}}</p>
{{/has_subtitle}}{{#has_facts}}<dl class="facts">
{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>
{{/facts}}</dl>
{{/has_facts}}</header>
{{#sections}}<section class="{{section_class}}">
{{#has_heading}}<h2>{{heading}}</h2>
{{/has_heading}}{{#blocks}}{{#paragraph}}<p>{{text}}</p>
{{/paragraph}}{{#table}}<table>
{{#has_caption}}<caption>{{caption}}</caption>
{{/has_caption}}<thead><tr>{{#columns}}<th scope="col">{{name}}</th>{{/columns}}</tr></thead>
<tbody>
{{#rows}}<tr>{{#cells}}<td{{#has_class}} class="{{cell_class}}"{{/has_class}}>{{cell_text}}</td>{{/cells}}</tr>
{{/rows}}</tbody>
</table>
{{/table}}{{#chart}}<figure>
{{#has_caption}}<figcaption>{{caption}}</figcaption>
{{/has_caption}}{{{svg}}}
</figure>
{{/chart}}{{/blocks}}</section>
{{/sections}}</body>
</html>
)";

const char* HealthClass(Health health) {
  switch (health) {
    case Health::kNone: return "health";
    case Health::kGreen: return "health green";
    case Health::kYellow: return "health yellow";
    case Health::kRed: return "health red";
  }
  return "health";
}

object CellView(const Cell& cell) {
  std::string text = cell.text;
  std::string cell_class;
  switch (cell.type) {
    case Cell::Type::kText: break;
    case Cell::Type::kNumber:
      text = FormatNumber(cell.number);
      cell_class = "number";
      break;
    case Cell::Type::kSek:
      text = FormatSek(cell.number);
      cell_class = "number";
      break;
    case Cell::Type::kDate: cell_class = "date"; break;
    case Cell::Type::kHealth: cell_class = HealthClass(cell.health); break;
  }
  return object{
      {"cell_text", text}, {"has_class", !cell_class.empty()}, {"cell_class", cell_class}};
}

object TableView(const Table& table) {
  list columns;
  for (const std::string& column : table.columns) columns.push_back(object{{"name", column}});
  list rows;
  for (const auto& row : table.rows) {
    list cells;
    for (const Cell& cell : row) cells.push_back(CellView(cell));
    rows.push_back(object{{"cells", cells}});
  }
  return object{{"has_caption", !table.title.empty()},
                {"caption", table.title},
                {"columns", columns},
                {"rows", rows}};
}

object ChartView(const std::string& title, std::string svg) {
  return object{{"has_caption", !title.empty()}, {"caption", title}, {"svg", std::move(svg)}};
}

// One block as the template's {paragraph|table|chart} object; an empty chart says nothing and is
// left out.
void AddBlock(const Block& block, Lang lang, list* blocks) {
  if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
    blocks->push_back(object{{"paragraph", object{{"text", paragraph->text}}}});
  } else if (const auto* table = std::get_if<Table>(&block)) {
    blocks->push_back(object{{"table", TableView(*table)}});
  } else if (const auto* bars = std::get_if<StackedBarChart>(&block)) {
    std::string svg = StackedBarSvg(*bars);
    if (svg.empty()) return;
    blocks->push_back(object{{"chart", ChartView(bars->title, std::move(svg))}});
  } else if (const auto* goals = std::get_if<GoalChart>(&block)) {
    std::string svg = GoalSvg(*goals, lang);
    if (svg.empty()) return;
    blocks->push_back(object{{"chart", ChartView(goals->title, std::move(svg))}});
  }
}

object SectionView(const Section& section, const char* section_class, Lang lang) {
  list blocks;
  for (const Block& block : section.blocks) AddBlock(block, lang, &blocks);
  return object{{"section_class", section_class},
                {"has_heading", !section.title.empty()},
                {"heading", section.title},
                {"blocks", blocks}};
}

}  // namespace

std::string RenderHtml(const Document& document) {
  list facts;
  for (const auto& [label, value] : document.facts) {
    facts.push_back(object{{"label", label}, {"value", value}});
  }
  list sections;
  sections.push_back(SectionView(document.summary, "summary", document.lang));
  for (const Section& section : document.sections) {
    sections.push_back(SectionView(section, "area", document.lang));
  }
  data view;
  view.set("lang", document.lang == Lang::kSv ? "sv" : "en");
  view.set("title", document.title);
  view.set("has_subtitle", !document.subtitle.empty());
  view.set("subtitle", document.subtitle);
  view.set("has_facts", !document.facts.empty());
  view.set("facts", facts);
  view.set("sections", sections);
  mustache page{kPage};
  assert(page.is_valid());  // the template is a constant of this file
  return page.render(view);
}

}  // namespace trygg::report
