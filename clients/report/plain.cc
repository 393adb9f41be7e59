#include "report/plain.h"

#include "common/text.h"

namespace trygg::report {

std::string PlainCell(const Cell& cell) {
  switch (cell.type) {
    case Cell::Type::kNumber:
    case Cell::Type::kSek: return client::PlainNumber(cell.number);
    case Cell::Type::kText:
    case Cell::Type::kDate:
    case Cell::Type::kHealth: return cell.text;
  }
  return cell.text;
}

}  // namespace trygg::report
