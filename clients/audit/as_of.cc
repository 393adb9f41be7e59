#include "audit/as_of.h"

#include <absl/time/civil_time.h>

#include <cctype>
#include <chrono>

#include "trygg/domain/today.h"

namespace trygg::audit {
namespace {

using eventstore::Code;
using eventstore::Status;
namespace chrono = std::chrono;

// `text` with every digit written as '9', and the separators RFC 3339 lets come in either case
// (and a space for T) written one way, so a fixed-width layout is a string comparison.
std::string Shape(std::string_view text) {
  std::string shape(text);
  for (char& c : shape) {
    if (std::isdigit(static_cast<unsigned char>(c))) c = '9';
    if (c == 't' || c == ' ') c = 'T';
    if (c == 'z') c = 'Z';
  }
  return shape;
}

// Whether `text` has the layout ParseRfc3339 documents. absl::ParseTime checks the values but
// would also take one-digit fields, a leap second and more than nine fractional digits.
bool HasRfc3339Layout(std::string_view text) {
  constexpr std::string_view kDateTime = "9999-99-99T99:99:99";
  const std::string shape = Shape(text);
  std::string_view rest = shape;
  if (!rest.starts_with(kDateTime) || text[17] > '5') return false;
  rest.remove_prefix(kDateTime.size());
  if (rest.starts_with('.')) {
    const std::size_t digits = rest.find_first_not_of('9', 1) - 1;  // npos - 1: no zone, fails
    if (digits == 0 || digits > 9) return false;
    rest.remove_prefix(1 + digits);
  }
  return rest == "Z" || rest == "+99:99" || rest == "-99:99";
}

// The log's microseconds and absl's time; ToUnixMicros rounds down.
Timestamp FromAbsl(absl::Time t) { return Timestamp(chrono::microseconds(absl::ToUnixMicros(t))); }
absl::Time ToAbsl(Timestamp t) { return absl::FromUnixMicros(t.time_since_epoch().count()); }

Status Invalid(std::string_view text) {
  return Status(Code::kInvalidArgument,
                "--at '" + std::string(text) +
                    "' is neither a position (e.g. 1234), a date (2026-03-01) nor an RFC 3339 time "
                    "with a zone (2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00)");
}

}  // namespace

std::optional<Timestamp> ParseRfc3339(std::string_view text) {
  if (!HasRfc3339Layout(text)) return std::nullopt;
  std::string normal(text);
  normal[10] = 'T';  // absl takes T or t, not the space RFC 3339 also allows
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, normal, &time, &error)) return std::nullopt;
  // ToUnixMicros rounds down: digits beyond the microsecond are truncated, which is exact for
  // "recorded at or before" (the log records microseconds).
  return FromAbsl(time);
}

eventstore::Result<AsOf> ParseAsOf(std::string_view text, const absl::TimeZone& zone) {
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
  if (absl::CivilDay day; Shape(text) == "9999-99-99" &&
                          absl::ParseCivilTime(absl::string_view(text.data(), text.size()), &day)) {
    at.kind = AsOf::Kind::kTime;
    at.last_included = Timestamp(chrono::microseconds(domain::LastMicrosecondOf(day, zone)));
    at.today = absl::FormatCivilTime(day);
    return at;
  }
  auto time = ParseRfc3339(text);
  if (!time) return Invalid(text);
  at.kind = AsOf::Kind::kTime;
  at.last_included = *time;
  at.today = domain::LocalDate(*time, zone);
  return at;
}

std::string FormatUtc(Timestamp t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", ToAbsl(t), absl::UTCTimeZone());
}

}  // namespace trygg::audit
