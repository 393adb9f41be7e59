#include "report/number_format.h"

#include <cmath>
#include <cstdint>
#include <string>

namespace trygg::report {
namespace {

constexpr char kNoBreakSpace[] = "\u00a0";
constexpr char kDash[] = "\u2013";

// Beyond this the hundredths no longer fit an int64_t; no count, hour or amount in a report comes
// near it.
constexpr double kLargest = 9e15;

// `hundredths` (≥ 0) as "12 500,5" (`fixed_decimals`: "12 500,50"); whole ones as "12 500".
std::string Digits(std::int64_t hundredths, bool fixed_decimals) {
  const std::string whole = std::to_string(hundredths / 100);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += kNoBreakSpace;
    out += whole[i];
  }
  const int cents = static_cast<int>(hundredths % 100);
  if (cents == 0) return out;
  out += ',';
  out += static_cast<char>('0' + cents / 10);
  if (cents % 10 != 0 || fixed_decimals) out += static_cast<char>('0' + cents % 10);
  return out;
}

bool Representable(double value) { return std::isfinite(value) && std::fabs(value) <= kLargest; }

std::string Format(double value, bool fixed_decimals) {
  const std::int64_t hundredths = std::llround(value * 100);
  const std::string digits = Digits(hundredths < 0 ? -hundredths : hundredths, fixed_decimals);
  return hundredths < 0 ? "-" + digits : digits;
}

}  // namespace

std::string FormatNumber(double value) {
  return Representable(value) ? Format(value, false) : kDash;
}

std::string FormatSek(double value) {
  return Representable(value) ? Format(value, true) + kNoBreakSpace + "kr" : kDash;
}

}  // namespace trygg::report
