#include "trygg/domain/period.h"

#include <absl/time/civil_time.h>

#include <cstddef>
#include <span>
#include <string>
#include <tuple>
#include <utility>

#include "errors.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/validate.h"

namespace trygg::domain {
namespace {

using internal::InvalidArgument;

constexpr char kForms[] =
    "period must be YYYY, YYYY-T1..T3, YYYY-Q1..Q4, YYYY-H1/H2 or a date range "
    "YYYY-MM-DD/YYYY-MM-DD";

// The longest valid period, a date range, has 21 characters; a longer text is not echoed.
constexpr std::size_t kMaxEchoedChars = 21;

grpc::Status NotAPeriod(std::string_view text) {
  bool printable = text.size() <= kMaxEchoedChars;
  for (const char c : text) {
    if (c < ' ' || c > '~') printable = false;
  }
  if (!printable) return InvalidArgument(kForms);
  return InvalidArgument(std::string(kForms) + " (got '" + std::string(text) + "')");
}

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

// A valid date (IsValidDate) as a civil day, to count the days between two.
absl::CivilDay DayOf(std::string_view date) {
  return absl::CivilDay(ToInt(date.substr(0, 4)), ToInt(date.substr(5, 2)),
                        ToInt(date.substr(8, 2)));
}

// The named parts of a year: letter, how many parts, and each part's first and last "MM-DD".
struct Part {
  const char* first;
  const char* last;
};
constexpr Part kTertials[] = {{"01-01", "04-30"}, {"05-01", "08-31"}, {"09-01", "12-31"}};
constexpr Part kQuarters[] = {
    {"01-01", "03-31"}, {"04-01", "06-30"}, {"07-01", "09-30"}, {"10-01", "12-31"}};
constexpr Part kHalves[] = {{"01-01", "06-30"}, {"07-01", "12-31"}};

Period Within(std::string_view year, std::string canonical, const Part& part) {
  const std::string prefix = std::string(year) + "-";
  return {std::move(canonical), prefix + part.first, prefix + part.last};
}

Result<Period> ParseDateRange(std::string_view text) {
  const std::string_view first = text.substr(0, 10);
  const std::string_view last = text.substr(11);
  if (!IsValidDate(first) || !IsValidDate(last)) return NotAPeriod(text);
  const absl::civil_diff_t days = DayOf(last) - DayOf(first) + 1;  // both days included
  if (days < 1) {
    return InvalidArgument("period must not end before it starts (got '" + std::string(text) +
                           "')");
  }
  if (days > kMaxPeriodDays) {
    return InvalidArgument("period must cover at most " + std::to_string(kMaxPeriodDays) +
                           " days (got " + std::to_string(days) + ")");
  }
  return Period{std::string(text), std::string(first), std::string(last)};
}

}  // namespace

Result<Period> ParsePeriod(std::string_view text) {
  if (text.empty()) return InvalidArgument(std::string(kForms) + " (got nothing)");
  if (text.size() == 21 && text[10] == '/') return ParseDateRange(text);

  const std::string_view year = text.substr(0, 4);
  if (!IsDigits(year) || ToInt(year) < 1) return NotAPeriod(text);
  if (text.size() == 4) {
    return Period{std::string(year), std::string(year) + "-01-01", std::string(year) + "-12-31"};
  }
  if (text.size() != 7 || text[4] != '-' || !IsDigits(text.substr(6, 1))) return NotAPeriod(text);

  const char letter = static_cast<char>(text[5] & ~0x20);  // upper case for ASCII letters
  const int index = text[6] - '0';
  std::span<const Part> parts;
  switch (letter) {
    case 'T': parts = kTertials; break;
    case 'Q': parts = kQuarters; break;
    case 'H': parts = kHalves; break;
    default: return NotAPeriod(text);
  }
  if (index < 1 || static_cast<std::size_t>(index) > parts.size()) return NotAPeriod(text);
  std::string canonical = std::string(year) + "-" + letter + text[6];
  return Within(year, std::move(canonical), parts[static_cast<std::size_t>(index) - 1]);
}

bool PeriodBefore(const Period& a, const Period& b) noexcept {
  return std::tie(a.last_day, a.first_day, a.canonical) <
         std::tie(b.last_day, b.first_day, b.canonical);
}

}  // namespace trygg::domain
