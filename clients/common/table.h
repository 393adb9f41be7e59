// A plain-text table for the terminal: a header row and data rows, columns separated by two
// spaces and aligned by display width (text.h), some columns optionally shortened with "…" so the
// table fits the terminal. Cells may be styled (colour), which adds ANSI escapes around the text
// only when asked to: alignment never counts them.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "common/text.h"

namespace trygg::client {

enum class Style {
  kPlain,
  kAlert,  // red: something needs attention (an overdue measure)
  kGood,   // green: done
  kDim,    // faint: no longer active (withdrawn)
};

struct Column {
  std::string header;
  Align align = Align::kLeft;
  // Whether this column gives up width when the table is wider than the terminal. Shrinking
  // columns give up one column at a time, the widest first, each down to at least `min_width`
  // (or its header's width, if wider); if they all reach their minimum, the table stays wider
  // than asked.
  bool shrinks = false;
  std::size_t min_width = 12;
};

struct Cell {
  Cell(std::string text_in = "", Style style_in = Style::kPlain)  // NOLINT: implicit on purpose
      : text(std::move(text_in)), style(style_in) {}
  Cell(const char* text_in) : text(text_in) {}  // NOLINT: implicit, so rows read {"a", "b"}
  std::string text;
  Style style = Style::kPlain;
};

class Table {
 public:
  explicit Table(std::vector<Column> columns);

  // Adds a row of exactly as many cells as there are columns. Cell text is sanitised
  // (SanitizeLine) when rendered.
  void AddRow(std::vector<Cell> cells);

  std::size_t rows() const { return rows_.size(); }

  // The table, each line ended by '\n', no line ending in spaces. When the natural width exceeds
  // `width`, the shrinking columns are cut down (see Column) and their cells shortened with "…".
  // `colour` adds ANSI escapes for styled cells.
  std::string Render(std::size_t width, bool colour) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Cell>> rows_;
};

// The ANSI escape that starts `style` ("" for kPlain), and the one that resets it.
const char* AnsiStart(Style style);
inline constexpr const char* kAnsiReset = "\x1b[0m";

// `text` wrapped in `style`'s escapes when `colour`, otherwise unchanged.
std::string Styled(const std::string& text, Style style, bool colour);

}  // namespace trygg::client
