#include "audit/as_of.h"

#include <stdlib.h>
#include <time.h>

#include <cctype>
#include <chrono>
#include <cstdio>

namespace trygg::audit {
namespace {

using eventstore::Code;
using eventstore::Status;
namespace chrono = std::chrono;

// Reads exactly `digits` decimal digits from the front of `in`.
std::optional<int> TakeNumber(std::string_view& in, std::size_t digits) {
  if (in.size() < digits) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(in[i]))) return std::nullopt;
    value = value * 10 + (in[i] - '0');
  }
  in.remove_prefix(digits);
  return value;
}

bool TakeChar(std::string_view& in, std::string_view any_of) {
  if (in.empty() || any_of.find(in.front()) == std::string_view::npos) return false;
  in.remove_prefix(1);
  return true;
}

// "YYYY-MM-DD" at the front of `in`; nullopt unless it is a real calendar date.
std::optional<chrono::year_month_day> TakeDate(std::string_view& in) {
  auto y = TakeNumber(in, 4);
  if (!y || !TakeChar(in, "-")) return std::nullopt;
  auto m = TakeNumber(in, 2);
  if (!m || !TakeChar(in, "-")) return std::nullopt;
  auto d = TakeNumber(in, 2);
  if (!d) return std::nullopt;
  chrono::year_month_day date{chrono::year(*y), chrono::month(static_cast<unsigned>(*m)),
                              chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(const chrono::year_month_day& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

// The first instant of the local day after `date` (mktime normalises the day overflow and finds
// the UTC offset in force then, summer time included).
std::optional<Timestamp> StartOfNextLocalDay(const chrono::year_month_day& date) {
  std::tm local{};
  local.tm_year = static_cast<int>(date.year()) - 1900;
  local.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
  local.tm_mday = static_cast<int>(static_cast<unsigned>(date.day())) + 1;
  local.tm_isdst = -1;
  const std::time_t t = std::mktime(&local);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return Timestamp(chrono::seconds(t));
}

Status Invalid(std::string_view text) {
  return Status(Code::kInvalidArgument,
                "--at '" + std::string(text) +
                    "' is neither a position (e.g. 1234), a date (2026-03-01) nor an RFC 3339 time "
                    "with a zone (2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00)");
}

}  // namespace

std::optional<Timestamp> ParseRfc3339(std::string_view text) {
  std::string_view in = text;
  auto date = TakeDate(in);
  if (!date || !TakeChar(in, "Tt ")) return std::nullopt;
  auto hours = TakeNumber(in, 2);
  if (!hours || *hours > 23 || !TakeChar(in, ":")) return std::nullopt;
  auto minutes = TakeNumber(in, 2);
  if (!minutes || *minutes > 59 || !TakeChar(in, ":")) return std::nullopt;
  auto seconds = TakeNumber(in, 2);
  if (!seconds || *seconds > 59) return std::nullopt;  // no leap seconds in the log's clock
  int64_t micros = 0;
  if (TakeChar(in, ".")) {
    std::size_t digits = 0;
    int64_t scale = 100'000;
    while (!in.empty() && std::isdigit(static_cast<unsigned char>(in.front()))) {
      // Beyond microseconds: truncated, which is exact for "recorded at or before" (the log
      // records microseconds).
      if (scale > 0) micros += (in.front() - '0') * scale;
      scale /= 10;
      in.remove_prefix(1);
      ++digits;
    }
    if (digits == 0 || digits > 9) return std::nullopt;
  }
  chrono::minutes offset{0};
  if (TakeChar(in, "Zz")) {
  } else if (!in.empty() && (in.front() == '+' || in.front() == '-')) {
    const bool east = in.front() == '+';
    in.remove_prefix(1);
    auto oh = TakeNumber(in, 2);
    if (!oh || *oh > 23 || !TakeChar(in, ":")) return std::nullopt;
    auto om = TakeNumber(in, 2);
    if (!om || *om > 59) return std::nullopt;
    offset = chrono::minutes(*oh * 60 + *om);
    if (!east) offset = -offset;
  } else {
    return std::nullopt;  // a time without a zone is ambiguous
  }
  if (!in.empty()) return std::nullopt;
  const auto local = chrono::sys_days(*date) + chrono::hours(*hours) + chrono::minutes(*minutes) +
                     chrono::seconds(*seconds) + chrono::microseconds(micros);
  return Timestamp(chrono::duration_cast<chrono::microseconds>(local.time_since_epoch() - offset));
}

eventstore::Result<AsOf> ParseAsOf(std::string_view text) {
  AsOf at;
  at.text = std::string(text);
  if (text.empty()) return Invalid(text);
  bool digits_only = true;
  for (char c : text) digits_only = digits_only && std::isdigit(static_cast<unsigned char>(c));
  if (digits_only) {
    if (text.size() > 19) return Invalid(text);
    at.kind = AsOf::Kind::kPosition;
    at.position = std::stoull(std::string(text));
    if (at.position == 0) {
      return Status(Code::kInvalidArgument, "--at 0: positions start at 1");
    }
    return at;
  }
  std::string_view in = text;
  if (auto date = TakeDate(in); date && in.empty()) {
    auto end = StartOfNextLocalDay(*date);
    if (!end) return Invalid(text);
    at.kind = AsOf::Kind::kTime;
    at.last_included = *end - chrono::microseconds(1);
    at.today = FormatDate(*date);
    return at;
  }
  auto time = ParseRfc3339(text);
  if (!time) return Invalid(text);
  at.kind = AsOf::Kind::kTime;
  at.last_included = *time;
  at.today = LocalDate(*time);
  return at;
}

void UseTryggTimeZone() {
  ::setenv("TZ", "Europe/Stockholm", /*overwrite=*/0);
  ::tzset();
}

std::string LocalDate(Timestamp t) {
  const std::time_t seconds =
      static_cast<std::time_t>(chrono::floor<chrono::seconds>(t.time_since_epoch()).count());
  std::tm local{};
  if (localtime_r(&seconds, &local) == nullptr) gmtime_r(&seconds, &local);
  char buffer[16];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
  return std::string(buffer, n);
}

std::string LocalToday() {
  return LocalDate(chrono::time_point_cast<chrono::microseconds>(chrono::system_clock::now()));
}

std::string FormatUtc(Timestamp t) {
  const auto day = chrono::floor<chrono::days>(t);
  const chrono::year_month_day date{day};
  const chrono::hh_mm_ss<chrono::microseconds> time{t - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d.%06lldZ", FormatDate(date).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()),
                static_cast<long long>(time.subseconds().count()));
  return buffer;
}

}  // namespace trygg::audit
