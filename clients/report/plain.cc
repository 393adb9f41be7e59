#include "report/plain.h"

#include <charconv>

namespace trygg::report {

std::string PlainNumber(double value) {
  char buffer[64];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (error != std::errc()) return std::to_string(value);
  return std::string(buffer, end);
}

std::string PlainCell(const Cell& cell) {
  switch (cell.type) {
    case Cell::Type::kNumber:
    case Cell::Type::kSek: return PlainNumber(cell.number);
    case Cell::Type::kText:
    case Cell::Type::kDate:
    case Cell::Type::kHealth: return cell.text;
  }
  return cell.text;
}

}  // namespace trygg::report
