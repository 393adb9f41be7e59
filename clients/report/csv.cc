// The CSV writer: document.flat only, a header row and then the rows, RFC 4180 (common/csv.h
// quotes and ends the records).
#include "common/csv.h"

#include <string>
#include <vector>

#include "report/plain.h"
#include "report/render.h"

namespace trygg::report {

std::string RenderCsv(const Document& document) {
  std::string out = client::CsvRecord(document.flat.columns);
  for (const std::vector<Cell>& row : document.flat.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const Cell& cell : row) fields.push_back(PlainCell(cell));
    out += client::CsvRecord(fields);
  }
  return out;
}

}  // namespace trygg::report
