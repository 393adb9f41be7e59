// The Markdown writer: the title as a heading, the facts as a list, each section a heading with
// its paragraphs and pipe tables. Charts are left out: their figures are in the tables.
#include <string>
#include <string_view>
#include <variant>

#include "report/plain.h"
#include "report/render.h"

namespace trygg::report {
namespace {

// `text` on one line of a table or list: a '|' escaped so it does not end the cell, line breaks
// as <br> (CRLF and CR too), so a comment of several lines stays in its cell.
std::string Inline(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '|') {
      out += "\\|";
    } else if (c == '\r') {
      out += "<br>";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& cell : cells) out += " " + Inline(cell) + " |";
  return out + "\n";
}

void WriteTable(const Table& table, std::string* out) {
  if (!table.title.empty()) *out += "### " + Inline(table.title) + "\n\n";
  *out += Row(table.columns);
  std::string rule = "|";
  for (std::size_t i = 0; i < table.columns.size(); ++i) rule += "---|";
  *out += rule + "\n";
  for (const std::vector<Cell>& row : table.rows) {
    std::vector<std::string> cells;
    for (const Cell& cell : row) cells.push_back(PlainCell(cell));
    *out += Row(cells);
  }
  *out += "\n";
}

void WriteSection(const Section& section, std::string* out) {
  *out += "## " + Inline(section.title) + "\n\n";
  for (const Block& block : section.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      *out += p->text + "\n\n";
    } else if (const auto* t = std::get_if<Table>(&block)) {
      WriteTable(*t, out);
    }
    // Charts: left out (their figures are in the section's tables).
  }
}

}  // namespace

std::string RenderMarkdown(const Document& document) {
  std::string out = "# " + Inline(document.title) + "\n\n";
  if (!document.subtitle.empty()) out += Inline(document.subtitle) + "\n\n";
  for (const auto& [label, value] : document.facts) {
    out += "- " + Inline(label) + ": " + Inline(value) + "\n";
  }
  if (!document.facts.empty()) out += "\n";
  WriteSection(document.summary, &out);
  for (const Section& section : document.sections) WriteSection(section, &out);
  // One newline at the end, as a text file ends.
  while (out.size() > 1 && out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace trygg::report
