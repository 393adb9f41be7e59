#include "report/svg.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

#include "common/text.h"
#include "report/number_format.h"

namespace trygg::report {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;
using kainjow::mustache::object;

// The drawing's geometry in SVG user units (CSS pixels at 100 %); the page scales it to its width.
constexpr double kWidth = 760;
constexpr double kCharWidth = 7;  // an estimate for 12 px sans-serif, to lay out the legend
constexpr double kLegendRow = 20;

// Stacked bars: labels left (up to kBarLabelColumns), bars in the middle, totals right.
constexpr double kBarsLeft = 300;
constexpr double kBarsWidth = 400;
constexpr double kBarRow = 26;
constexpr double kBarHeight = 18;
constexpr std::size_t kBarLabelColumns = 40;
constexpr std::size_t kBarLabelTailColumns = 14;

// Goals: the label across the row, the scale under it, the three figures right.
constexpr double kScaleLeft = 10;
constexpr double kScaleWidth = 520;
constexpr double kFiguresLeft = 550;
constexpr double kGoalRow = 66;
constexpr std::size_t kGoalLabelColumns = 100;

const char* const kBarsTemplate =
    R"(<svg class="chart bars" role="img" width="100%" viewBox="0 0 {{width}} {{height}}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="12"><title>{{title}}</title>
{{#legend}}<rect x="{{x}}" y="{{y}}" width="12" height="12" fill="{{colour}}" stroke="#333" stroke-width="0.5"/><text x="{{text_x}}" y="{{text_y}}">{{name}}</text>
{{/legend}}{{#bars}}<g class="bar"><title>{{full_label}}: {{figures}}</title><text x="0" y="{{text_y}}">{{label}}</text>
{{#segments}}<rect class="segment" x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}" fill="{{colour}}" stroke="#fff" stroke-width="1"><title>{{name}}: {{value}}</title></rect>{{#fits}}<text x="{{text_x}}" y="{{text_y}}" text-anchor="middle" fill="{{ink}}">{{value}}</text>{{/fits}}
{{/segments}}<text x="{{total_x}}" y="{{text_y}}" font-weight="bold">{{total}}</text></g>
{{/bars}}</svg>)";

const char* const kGoalsTemplate =
    R"(<svg class="chart goals" role="img" width="100%" viewBox="0 0 {{width}} {{height}}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="12"><title>{{title}}</title>
<rect x="0" y="4" width="24" height="10" fill="#1565c0"/><text x="30" y="14">{{value_word}}</text><line x1="{{baseline_key_x}}" y1="2" x2="{{baseline_key_x}}" y2="16" stroke="#555" stroke-width="2" stroke-dasharray="3 2"/><text x="{{baseline_key_text_x}}" y="14">{{baseline_word}}</text><line x1="{{target_key_x}}" y1="2" x2="{{target_key_x}}" y2="16" stroke="#000" stroke-width="3"/><text x="{{target_key_text_x}}" y="14">{{target_word}}</text>
{{#rows}}<g class="goal"><title>{{full_label}}</title><text x="0" y="{{label_y}}" font-weight="bold">{{label}}</text>
<line x1="{{scale_left}}" y1="{{axis_y}}" x2="{{scale_right}}" y2="{{axis_y}}" stroke="#333" stroke-width="1"/><line x1="{{scale_left}}" y1="{{tick_top}}" x2="{{scale_left}}" y2="{{tick_bottom}}" stroke="#333"/><line x1="{{scale_right}}" y1="{{tick_top}}" x2="{{scale_right}}" y2="{{tick_bottom}}" stroke="#333"/>
<text x="{{scale_left}}" y="{{tick_text_y}}" font-size="10">{{low}}</text><text x="{{scale_right}}" y="{{tick_text_y}}" font-size="10" text-anchor="end">{{high}}</text>
{{#measured}}<rect class="value" x="{{value_x}}" y="{{bar_y}}" width="{{value_w}}" height="10" fill="#1565c0"/>{{/measured}}<line class="baseline" x1="{{baseline_x}}" y1="{{mark_top}}" x2="{{baseline_x}}" y2="{{mark_bottom}}" stroke="#555" stroke-width="2" stroke-dasharray="3 2"/><line class="target" x1="{{target_x}}" y1="{{mark_top}}" x2="{{target_x}}" y2="{{mark_bottom}}" stroke="#000" stroke-width="3"/>
<text x="{{figures_x}}" y="{{value_y}}">{{value_word}}: {{value}}</text><text x="{{figures_x}}" y="{{baseline_y}}">{{baseline_word}}: {{baseline}}</text><text x="{{figures_x}}" y="{{target_y}}">{{target_word}}: {{target}}</text></g>
{{/rows}}</svg>)";

// The bytes of the UTF-8 code point starting at text[at].
std::size_t CodePointLength(const std::string& text, std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return end - at;
}

// A coordinate with one decimal, independent of the locale ("12.5").
std::string Coordinate(double v) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 1);
  return std::string(buffer, result.ptr);
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// The builder's colour when it is "#rgb" or "#rrggbb" (so nothing but a colour reaches the
// attribute), grey otherwise.
std::string Colour(const std::string& colour) {
  const bool hex = (colour.size() == 4 || colour.size() == 7) && colour[0] == '#' &&
                   std::all_of(colour.begin() + 1, colour.end(), IsHex);
  return hex ? colour : "#888888";
}

std::string SeriesColour(const StackedBarChart& chart, std::size_t series) {
  return Colour(series < chart.colours.size() ? chart.colours[series] : std::string());
}

// Black or white, whichever reads better on `colour` (a valid "#rgb"/"#rrggbb").
std::string Ink(const std::string& colour) {
  const bool shorthand = colour.size() == 4;
  double luminance = 0;
  const double weights[3] = {0.299, 0.587, 0.114};
  for (int i = 0; i < 3; ++i) {
    const int channel = shorthand ? HexValue(colour[1 + i]) * 17
                                  : HexValue(colour[1 + 2 * i]) * 16 + HexValue(colour[2 + 2 * i]);
    luminance += weights[i] * channel;
  }
  return luminance > 140 ? "#000" : "#fff";
}

// `label` within kBarLabelColumns, shortened in the middle: bars are often told apart by their
// labels' ends ("… socialförvaltningen 2026-T2", "… 2026-T3"). The tail never starts with a
// combining mark, so no letter loses its accent.
std::string BarLabel(const std::string& label) {
  if (client::DisplayWidth(label) <= kBarLabelColumns) return label;
  std::size_t tail = label.size();
  for (std::size_t at = label.size(); at-- > 0;) {
    if ((static_cast<unsigned char>(label[at]) & 0xC0) == 0x80) continue;  // inside a code point
    if (client::DisplayWidth(std::string_view(label).substr(at)) > kBarLabelTailColumns) break;
    tail = at;
  }
  while (tail < label.size() &&
         (label[tail] == ' ' || client::DisplayWidth(std::string_view(label).substr(
                                    tail, CodePointLength(label, tail))) == 0)) {
    tail += CodePointLength(label, tail);
  }
  const std::string head =
      client::TruncateToWidth(label, kBarLabelColumns - client::DisplayWidth(label.substr(tail)));
  return head + label.substr(tail);
}

// A segment's value as drawn: what is negative or not a number takes no room.
double Drawable(double value) { return std::isfinite(value) && value > 0 ? value : 0; }

std::string Render(const char* text, const data& view) {
  mustache tmpl{text};
  assert(tmpl.is_valid());  // the templates are constants of this file
  return tmpl.render(view);
}

// The legend's entries, wrapped onto further rows when a row is full; returns the rows' height.
double Legend(const StackedBarChart& chart, data* view) {
  list legend;
  double x = 0;
  double y = 4;
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const double entry = 12 + 6 + kCharWidth * client::DisplayWidth(chart.series[i]) + 18;
    if (x > 0 && x + entry > kWidth) {
      x = 0;
      y += kLegendRow;
    }
    const std::string colour = SeriesColour(chart, i);
    legend.push_back(object{{"x", Coordinate(x)},
                            {"y", Coordinate(y)},
                            {"text_x", Coordinate(x + 18)},
                            {"text_y", Coordinate(y + 11)},
                            {"colour", colour},
                            {"name", chart.series[i]}});
    x += entry;
  }
  view->set("legend", legend);
  return chart.series.empty() ? 0 : y + kLegendRow;
}

}  // namespace

std::string StackedBarSvg(const StackedBarChart& chart) {
  if (chart.bars.empty()) return "";
  double largest = 0;
  for (const auto& bar : chart.bars) {
    double total = 0;
    for (double v : bar.values) total += Drawable(v);
    largest = std::max(largest, total);
  }
  const double scale = largest > 0 ? kBarsWidth / largest : 0;

  data view;
  view.set("title", chart.title);
  const double top = Legend(chart, &view) + 6;
  list bars;
  for (std::size_t b = 0; b < chart.bars.size(); ++b) {
    const auto& bar = chart.bars[b];
    const double y = top + kBarRow * static_cast<double>(b);
    list segments;
    std::string figures;
    double x = kBarsLeft;
    double total = 0;
    for (std::size_t s = 0; s < bar.values.size(); ++s) {
      const double value = Drawable(bar.values[s]);
      const std::string name = s < chart.series.size() ? chart.series[s] : std::string();
      figures += (s == 0 ? "" : ", ") + name + " " + FormatNumber(value);
      total += value;
      if (value == 0) continue;
      const double w = value * scale;
      const std::string colour = SeriesColour(chart, s);
      const std::string text = FormatNumber(value);
      segments.push_back(
          object{{"x", Coordinate(x)},
                 {"y", Coordinate(y)},
                 {"w", Coordinate(w)},
                 {"h", Coordinate(kBarHeight)},
                 {"colour", colour},
                 {"ink", Ink(colour)},
                 {"name", name},
                 {"value", text},
                 {"fits", w >= kCharWidth * static_cast<double>(client::DisplayWidth(text)) + 6},
                 {"text_x", Coordinate(x + w / 2)},
                 {"text_y", Coordinate(y + 13)}});
      x += w;
    }
    bars.push_back(object{{"label", BarLabel(bar.label)},
                          {"full_label", bar.label},
                          {"figures", figures},
                          {"text_y", Coordinate(y + 13)},
                          {"segments", segments},
                          {"total", FormatNumber(total)},
                          {"total_x", Coordinate(kBarsLeft + total * scale + 6)}});
  }
  view.set("bars", bars);
  view.set("width", Coordinate(kWidth));
  view.set("height", Coordinate(top + kBarRow * static_cast<double>(chart.bars.size()) + 4));
  return Render(kBarsTemplate, view);
}

std::string GoalSvg(const GoalChart& chart, Lang lang) {
  if (chart.rows.empty()) return "";
  const bool sv = lang == Lang::kSv;
  const std::string value_word = sv ? "Värde" : "Value";
  const std::string baseline_word = sv ? "Utgångsläge" : "Baseline";
  const std::string target_word = sv ? "Mål" : "Target";
  const std::string unmeasured = sv ? "ej mätt" : "not measured";

  data view;
  view.set("title", chart.title);
  view.set("value_word", value_word);
  view.set("baseline_word", baseline_word);
  view.set("target_word", target_word);
  // The key: a value bar, a dashed baseline mark, a solid target mark, each with its word.
  const double baseline_key = 30 + kCharWidth * client::DisplayWidth(value_word) + 16;
  const double target_key =
      baseline_key + 8 + kCharWidth * client::DisplayWidth(baseline_word) + 16;
  view.set("baseline_key_x", Coordinate(baseline_key));
  view.set("baseline_key_text_x", Coordinate(baseline_key + 8));
  view.set("target_key_x", Coordinate(target_key));
  view.set("target_key_text_x", Coordinate(target_key + 8));

  const double top = 24;
  list rows;
  for (std::size_t r = 0; r < chart.rows.size(); ++r) {
    const auto& row = chart.rows[r];
    const double y = top + kGoalRow * static_cast<double>(r);
    double low = std::min({0.0, row.baseline, row.target});
    double high = std::max({0.0, row.baseline, row.target});
    if (row.value) {
      low = std::min(low, *row.value);
      high = std::max(high, *row.value);
    }
    if (high == low) high = low + 1;
    const auto at = [&](double v) { return kScaleLeft + (v - low) / (high - low) * kScaleWidth; };
    const auto figure = [&](double v) {
      return row.unit.empty() ? FormatNumber(v) : FormatNumber(v) + "\u00a0" + row.unit;
    };
    object goal{{"label", client::TruncateToWidth(row.label, kGoalLabelColumns)},
                {"full_label", row.label},
                {"label_y", Coordinate(y + 12)},
                {"scale_left", Coordinate(kScaleLeft)},
                {"scale_right", Coordinate(kScaleLeft + kScaleWidth)},
                {"axis_y", Coordinate(y + 36)},
                {"tick_top", Coordinate(y + 36)},
                {"tick_bottom", Coordinate(y + 41)},
                {"tick_text_y", Coordinate(y + 52)},
                {"low", FormatNumber(low)},
                {"high", FormatNumber(high)},
                {"measured", row.value.has_value()},
                {"bar_y", Coordinate(y + 24)},
                {"mark_top", Coordinate(y + 18)},
                {"mark_bottom", Coordinate(y + 40)},
                {"baseline_x", Coordinate(at(row.baseline))},
                {"target_x", Coordinate(at(row.target))},
                {"figures_x", Coordinate(kFiguresLeft)},
                {"value_y", Coordinate(y + 26)},
                {"baseline_y", Coordinate(y + 40)},
                {"target_y", Coordinate(y + 54)},
                {"value", row.value ? figure(*row.value) : unmeasured},
                {"baseline", figure(row.baseline)},
                {"target", figure(row.target)}};
    if (row.value) {  // a bar from 0 (on the scale: low ≤ 0) to the value, either way
      const double zero = at(0);
      const double end = at(*row.value);
      goal["value_x"] = Coordinate(std::min(zero, end));
      goal["value_w"] = Coordinate(std::max(std::fabs(end - zero), 1.0));
    }
    rows.push_back(goal);
  }
  view.set("rows", rows);
  view.set("width", Coordinate(kWidth));
  view.set("height", Coordinate(top + kGoalRow * static_cast<double>(chart.rows.size())));
  return Render(kGoalsTemplate, view);
}

}  // namespace trygg::report
