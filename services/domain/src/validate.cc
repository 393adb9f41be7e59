#include "trygg/domain/validate.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "errors.h"
#include "text.h"
#include "trygg/domain/limits.h"

namespace trygg::domain {
namespace {

using internal::InvalidArgument;
using internal::Lines;
using internal::ScanText;

// Returns from the enclosing Validate on the first bad field.
#define TRYGG_RETURN_IF_ERROR(expr)    \
  do {                                 \
    grpc::Status status_ = (expr);     \
    if (!status_.ok()) return status_; \
  } while (false)

std::string Field(std::string_view name) { return std::string(name); }

grpc::Status CheckCommandId(std::string_view value) {
  if (value.empty()) {
    return InvalidArgument("command_id is required (1-100 characters of visible ASCII)");
  }
  bool visible_ascii = true;
  for (const char c : value) {
    if (c < '!' || c > '~') visible_ascii = false;
  }
  if (value.size() > kMaxCommandIdChars || !visible_ascii) {
    return InvalidArgument("command_id must be 1-100 characters of visible ASCII (0x21-0x7E)");
  }
  return grpc::Status::OK;
}

grpc::Status CheckId(std::string_view field, std::string_view value) {
  if (value.empty()) {
    return InvalidArgument(Field(field) + " is required (1-100 characters of [a-z0-9-])");
  }
  if (!IsValidId(value)) {
    return InvalidArgument(Field(field) + " must be 1-100 characters of [a-z0-9-]");
  }
  return grpc::Status::OK;
}

// Shared by names, kinds and free text: well-formed UTF-8, no forbidden control characters,
// at most `max_chars` code points. Returns the scan for further checks.
grpc::Status CheckTextCommon(std::string_view field, std::string_view value, Lines lines,
                             std::size_t max_chars, internal::TextScan& scan) {
  scan = ScanText(value, lines);
  if (!scan.valid_utf8) return InvalidArgument(Field(field) + " must be valid UTF-8");
  if (scan.has_control) {
    return InvalidArgument(Field(field) + (lines == Lines::kMulti
                                               ? " must not contain control characters other "
                                                 "than tab and line breaks"
                                               : " must not contain control characters"));
  }
  if (scan.chars > max_chars) {
    return InvalidArgument(Field(field) + " must be at most " + std::to_string(max_chars) +
                           " characters (got " + std::to_string(scan.chars) + ")");
  }
  return grpc::Status::OK;
}

// A required one-line name: 1..kMaxNameChars characters, not only whitespace.
grpc::Status CheckName(std::string_view field, std::string_view value) {
  if (value.empty()) return InvalidArgument(Field(field) + " is required (1-200 characters)");
  internal::TextScan scan;
  TRYGG_RETURN_IF_ERROR(CheckTextCommon(field, value, Lines::kSingle, kMaxNameChars, scan));
  if (scan.blank) return InvalidArgument(Field(field) + " must not be blank");
  return grpc::Status::OK;
}

grpc::Status CheckKind(std::string_view field, std::string_view value) {
  internal::TextScan scan;
  return CheckTextCommon(field, value, Lines::kSingle, kMaxKindChars, scan);
}

grpc::Status CheckText(std::string_view field, std::string_view value) {
  internal::TextScan scan;
  return CheckTextCommon(field, value, Lines::kMulti, kMaxTextChars, scan);
}

grpc::Status CheckFocusAreas(const v1::CreatePlanRequest& request) {
  const auto count = static_cast<std::size_t>(request.focus_areas_size());
  if (count < kMinFocusAreas) return InvalidArgument("focus_areas must have at least one entry");
  if (count > kMaxFocusAreas) {
    return InvalidArgument("focus_areas must have at most " + std::to_string(kMaxFocusAreas) +
                           " entries (got " + std::to_string(count) + ")");
  }
  std::unordered_map<std::string_view, int> first_index;  // key -> index of its first use
  for (int i = 0; i < request.focus_areas_size(); ++i) {
    const v1::FocusArea& area = request.focus_areas(i);
    const std::string prefix = "focus_areas[" + std::to_string(i) + "]";
    TRYGG_RETURN_IF_ERROR(CheckId(prefix + ".key", area.key()));
    TRYGG_RETURN_IF_ERROR(CheckName(prefix + ".name", area.name()));
    const auto [it, inserted] = first_index.emplace(area.key(), i);
    if (!inserted) {
      return InvalidArgument(prefix + ".key '" + area.key() + "' repeats focus_areas[" +
                             std::to_string(it->second) + "].key; keys must be unique");
    }
  }
  return grpc::Status::OK;
}

bool IsLeapYear(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

// The value of a run of ASCII digits; -1 if any character is not a digit.
int ParseDigits(std::string_view digits) noexcept {
  int value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool IsValidId(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxIdChars) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsValidDate(std::string_view date) noexcept {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  const int year = ParseDigits(date.substr(0, 4));
  const int month = ParseDigits(date.substr(5, 2));
  const int day = ParseDigits(date.substr(8, 2));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= DaysInMonth(year, month);
}

grpc::Status Validate(const v1::CreatePlanRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("plan_id", request.plan_id()));
  TRYGG_RETURN_IF_ERROR(CheckName("name", request.name()));
  TRYGG_RETURN_IF_ERROR(CheckName("municipality", request.municipality()));
  return CheckFocusAreas(request);
}

grpc::Status Validate(const v1::RegisterAgencyRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("agency_id", request.agency_id()));
  TRYGG_RETURN_IF_ERROR(CheckName("name", request.name()));
  return CheckKind("kind", request.kind());
}

grpc::Status Validate(const v1::ProposeMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("plan_id", request.plan_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("focus_area", request.focus_area()));
  TRYGG_RETURN_IF_ERROR(CheckName("title", request.title()));
  TRYGG_RETURN_IF_ERROR(CheckText("description", request.description()));
  if (!request.measure_id().empty() && !IsValidId(request.measure_id())) {
    return InvalidArgument(
        "measure_id must be empty (the server generates one) or 1-100 characters of [a-z0-9-]");
  }
  return grpc::Status::OK;
}

grpc::Status Validate(const v1::PrioritiseMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  // proto3 enums are open: a newer client may send a value this build does not know.
  if (request.priority() == v1::PRIORITY_UNSPECIFIED || !v1::Priority_IsValid(request.priority())) {
    return InvalidArgument("priority must be PRIORITY_HIGH, PRIORITY_MEDIUM or PRIORITY_LOW");
  }
  return CheckText("rationale", request.rationale());
}

grpc::Status Validate(const v1::AssignMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("agency_id", request.agency_id()));
  if (!IsValidDate(request.due_date())) {
    return InvalidArgument("due_date must be a calendar date YYYY-MM-DD (e.g. 2026-06-30)");
  }
  return CheckText("note", request.note());
}

grpc::Status Validate(const v1::StartMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  return CheckId("measure_id", request.measure_id());
}

grpc::Status Validate(const v1::ReportProgressRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  if (request.percent_complete() > kMaxPercentComplete) {
    return InvalidArgument("percent_complete must be 0-100 (got " +
                           std::to_string(request.percent_complete()) + ")");
  }
  return CheckText("note", request.note());
}

grpc::Status Validate(const v1::CompleteMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  return CheckText("outcome", request.outcome());
}

grpc::Status Validate(const v1::WithdrawMeasureRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("measure_id", request.measure_id()));
  return CheckText("reason", request.reason());
}

}  // namespace trygg::domain

#undef TRYGG_RETURN_IF_ERROR
