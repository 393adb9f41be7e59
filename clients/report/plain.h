// Cells as plain text, as the Markdown and CSV writers show them and as today's CLI writes
// numbers: "2.5", "12500" (no grouping, a decimal point), dates "YYYY-MM-DD", a health cell by its
// label. The html and xlsx writers format numbers for Swedish readers instead.
#pragma once

#include <string>

#include "report/document.h"

namespace trygg::report {

// The shortest plain decimal that reads back as `value`: "2.5", "12500", "0.1".
std::string PlainNumber(double value);

// The cell's text: its number for kNumber and kSek, otherwise its text.
std::string PlainCell(const Cell& cell);

}  // namespace trygg::report
