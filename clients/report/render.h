// Writes a report Document (document.h) in one format.
#pragma once

#include <string>

#include "report/document.h"

namespace trygg::report {

// The Document as `format`:
//   kMarkdown  headings, facts, pipe tables (charts left out: their figures are in the tables).
//   kCsv       document.flat only, RFC 4180 (CRLF line ends, quoted where needed), UTF-8.
//   kHtml      one self-contained page: inline CSS (print CSS for A4: a page break before each
//              section, table headers repeated on every printed page), inline SVG charts, no
//              scripts and nothing fetched; every text escaped. Rendered with a mustache template.
//   kXlsx      a workbook (libxlsxwriter): the summary sheet, then one sheet per section, with
//              numbers, amounts in kronor and dates as typed cells in Swedish formats.
// Returns the bytes to write. kXlsx needs a temporary file (libxlsxwriter writes to a path);
// failures of that are reported in `error` with an empty result.
[[nodiscard]] std::string Render(const Document& document, Format format, std::string* error);

std::string RenderMarkdown(const Document& document);
std::string RenderCsv(const Document& document);
std::string RenderHtml(const Document& document);
// Empty and `error` set when the workbook cannot be written.
std::string RenderXlsx(const Document& document, std::string* error);

}  // namespace trygg::report
