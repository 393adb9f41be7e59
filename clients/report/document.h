// A report as a document: what `trygg plan report` writes, independent of the format. A builder
// (build.h) turns a v1::PlanReport into a Document for one kind (the plan in the council's
// template, the follow-up of a period, the public page) in one language; a writer (render.h) turns
// the Document into Markdown, CSV, HTML or an xlsx workbook. The builders decide what is said; the
// writers only how it looks, so the four formats cannot say different things.
//
// All text is UTF-8 as given (titles and comments from the log); writers escape it for their
// format. Nothing here is formatted for a locale: numbers stay numbers, dates stay "YYYY-MM-DD",
// and each writer formats them (Swedish digit grouping and decimal comma in html/xlsx).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace trygg::report {

enum class Lang { kSv, kEn };
enum class Kind { kPlan, kFollowUp, kPublic };
enum class Format { kMarkdown, kCsv, kHtml, kXlsx };

// The health of a follow-up, as the council's template colours it.
enum class Health { kNone, kGreen, kYellow, kRed };

// One cell of a table.
struct Cell {
  enum class Type {
    kText,    // text
    kNumber,  // number (hours, counts, indicator values)
    kSek,     // number, an amount in Swedish kronor
    kDate,    // text, "YYYY-MM-DD"
    kHealth,  // health, with text as its label ("Grön"/"Green" …, or a comment after it)
  };
  Type type = Type::kText;
  std::string text;
  double number = 0;
  Health health = Health::kNone;

  static Cell Text(std::string text) { return {Type::kText, std::move(text), 0, Health::kNone}; }
  static Cell Number(double n) { return {Type::kNumber, {}, n, Health::kNone}; }
  static Cell Sek(double n) { return {Type::kSek, {}, n, Health::kNone}; }
  static Cell Date(std::string d) { return {Type::kDate, std::move(d), 0, Health::kNone}; }
  static Cell HealthOf(Health h, std::string label) {
    return {Type::kHealth, std::move(label), 0, h};
  }
};

struct Table {
  std::string title;                      // may be empty
  std::vector<std::string> columns;       // headers; every row has this many cells
  std::vector<std::vector<Cell>> rows;
};

struct Paragraph {
  std::string text;
};

// Stacked horizontal bars: one bar per label, one segment per series (html: inline SVG).
struct StackedBarChart {
  std::string title;
  std::vector<std::string> series;   // segment names, in stacking order
  std::vector<std::string> colours;  // one CSS colour ("#2e7d32") per series
  struct Bar {
    std::string label;
    std::vector<double> values;  // one per series, ≥ 0
  };
  std::vector<Bar> bars;
};

// Goal indicators: per goal, the baseline, the target and the latest measured value on one scale.
struct GoalChart {
  std::string title;
  struct Row {
    std::string label;  // the indicator (and measure)
    std::string unit;
    double baseline = 0;
    double target = 0;
    std::optional<double> value;  // not measured yet: none
  };
  std::vector<Row> rows;
};

using Block = std::variant<Paragraph, Table, StackedBarChart, GoalChart>;

// A part of the document: the summary, or one focus area (html starts each on a new page; xlsx
// gives each a sheet).
struct Section {
  std::string title;
  std::string sheet_name;  // xlsx: ≤ 31 characters, none of []:*?/\ , unique in the document
  std::vector<Block> blocks;
};

struct Document {
  Lang lang = Lang::kSv;
  std::string title;     // e.g. "Handlingsplan: Tryggare Värnamo 2026"
  std::string subtitle;  // e.g. "Läget den 2026-12-31"
  // What the report reflects, as label/value lines under the title: log position, its time, the
  // head hash, the plan version in force. A printed report can be checked against the log by them.
  std::vector<std::pair<std::string, std::string>> facts;
  // When the last event the report reflects was recorded, in seconds since the Unix epoch (UTC);
  // 0: not stated. xlsx gives it as the workbook's "created" time, so the same report is the same
  // bytes whenever it is written.
  int64_t reflects_unix_seconds = 0;
  Section summary;                // the first part (xlsx: the summary sheet)
  std::vector<Section> sections;  // one per focus area, in the plan's order
  // The whole report as one table, for CSV (one header row, then rows): for the plan, one row per
  // measure and cause in the template's columns; for a follow-up, one per measure and party; for
  // the public page, one per promise and measure.
  Table flat;
};

}  // namespace trygg::report
