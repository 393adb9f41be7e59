// The html writer's charts as inline SVG (no xmlns: inside HTML5 the parser supplies it, and the
// page names no URL). Both are drawn from mustache templates, so every text in them (labels,
// series names, numbers) is escaped like the rest of the page.
#pragma once

#include <string>

#include "report/document.h"

namespace trygg::report {

// Horizontal stacked bars: a legend of the series, then per bar its label, one rectangle per
// non-zero segment (class "segment", its number inside when it fits, every number in its tooltip)
// and the bar's total after it. All bars share one scale. "" when the chart has no bars.
std::string StackedBarSvg(const StackedBarChart& chart);

// Per goal one row: its label, a scale from the least to the greatest of 0, baseline, target and
// value, a dashed baseline mark, a solid target mark, the value as a bar from 0
// (none while not measured), and the three figures in words of `lang`. "" when it has no rows.
std::string GoalSvg(const GoalChart& chart, Lang lang);

}  // namespace trygg::report
