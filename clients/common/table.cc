#include "common/table.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace trygg::client {
namespace {

constexpr std::size_t kGap = 2;  // spaces between columns

void TrimTrailingSpaces(std::string* line) {
  while (!line->empty() && line->back() == ' ') line->pop_back();
}

}  // namespace

const char* AnsiStart(Style style) {
  switch (style) {
    case Style::kPlain: return "";
    case Style::kAlert: return "\x1b[31m";
    case Style::kGood: return "\x1b[32m";
    case Style::kDim: return "\x1b[2m";
  }
  return "";
}

std::string Styled(const std::string& text, Style style, bool colour) {
  if (!colour || style == Style::kPlain || text.empty()) return text;
  return AnsiStart(style) + text + kAnsiReset;
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::AddRow(std::vector<Cell> cells) {
  assert(cells.size() == columns_.size());
  cells.resize(columns_.size());
  for (Cell& cell : cells) cell.text = SanitizeLine(cell.text);
  rows_.push_back(std::move(cells));
}

std::string Table::Render(std::size_t width, bool colour) const {
  std::vector<std::size_t> widths(columns_.size(), 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = DisplayWidth(columns_[c].header);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], DisplayWidth(row[c].text));
  }
  std::size_t total = 0;
  for (std::size_t w : widths) total += w;
  if (!widths.empty()) total += kGap * (widths.size() - 1);
  // Widest shrinking column first, one column at a time: bounded by the sum of the widths.
  while (total > width) {
    std::size_t widest = columns_.size();
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (!columns_[c].shrinks) continue;
      const std::size_t floor = std::max(columns_[c].min_width, DisplayWidth(columns_[c].header));
      if (widths[c] <= floor) continue;
      if (widest == columns_.size() || widths[c] > widths[widest]) widest = c;
    }
    if (widest == columns_.size()) break;  // every shrinking column is at its minimum
    --widths[widest];
    --total;
  }

  std::string out;
  auto emit = [&](const std::vector<Cell>& cells) {
    std::string line;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) line.append(kGap, ' ');
      const std::string text = TruncateToWidth(cells[c].text, widths[c]);
      const std::size_t pad = widths[c] - std::min(widths[c], DisplayWidth(text));
      if (columns_[c].align == Align::kRight) line.append(pad, ' ');
      line += Styled(text, cells[c].style, colour);
      if (columns_[c].align == Align::kLeft) line.append(pad, ' ');
    }
    TrimTrailingSpaces(&line);
    out += line;
    out.push_back('\n');
  };
  std::vector<Cell> header;
  for (const Column& column : columns_) header.emplace_back(column.header);
  emit(header);
  for (const auto& row : rows_) emit(row);
  return out;
}

}  // namespace trygg::client
