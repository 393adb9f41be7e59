#include "field_checks.h"

#include <google/protobuf/descriptor.h>

#include <cmath>
#include <unordered_map>

#include "errors.h"
#include "text.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/validate.h"

namespace trygg::domain::internal {
namespace {

std::string Field(std::string_view name) { return std::string(name); }

std::string Indexed(std::string_view field, int index) {
  return Field(field) + "[" + std::to_string(index) + "]";
}

// Shared by names, one-line values and free text: well-formed UTF-8, no forbidden control
// characters, at most `max_chars` code points. Returns the scan for further checks.
grpc::Status CheckTextCommon(std::string_view field, std::string_view value, Lines lines,
                             std::size_t max_chars, TextScan& scan) {
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

// A required text of either kind: present, well-formed, not blank.
grpc::Status CheckRequired(std::string_view field, std::string_view value, Lines lines,
                           std::size_t max) {
  if (value.empty()) {
    return InvalidArgument(Field(field) + " is required (1-" + std::to_string(max) +
                           " characters)");
  }
  TextScan scan;
  TRYGG_RETURN_IF_ERROR(CheckTextCommon(field, value, lines, max, scan));
  if (scan.blank) return InvalidArgument(Field(field) + " must not be blank");
  return grpc::Status::OK;
}

grpc::Status CheckCount(std::string_view field, int size, std::size_t min, std::size_t max) {
  const auto count = static_cast<std::size_t>(size);
  if (count < min) {
    return InvalidArgument(
        Field(field) + " must have at least " +
        (min == 1 ? std::string("one entry") : std::to_string(min) + " entries"));
  }
  if (count > max) {
    return InvalidArgument(Field(field) + " must have at most " + std::to_string(max) +
                           " entries (got " + std::to_string(count) + ")");
  }
  return grpc::Status::OK;
}

}  // namespace

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

}  // namespace trygg::domain::internal

namespace trygg::domain {

grpc::Status CheckId(std::string_view field, std::string_view value) {
  if (value.empty()) {
    return internal::InvalidArgument(internal::Field(field) +
                                     " is required (1-100 characters of [a-z0-9-])");
  }
  if (!IsValidId(value)) {
    return internal::InvalidArgument(internal::Field(field) +
                                     " must be 1-100 characters of [a-z0-9-]");
  }
  return grpc::Status::OK;
}

}  // namespace trygg::domain

namespace trygg::domain::internal {

grpc::Status CheckOptionalId(std::string_view field, std::string_view value, WhenEmpty empty) {
  if (value.empty() || IsValidId(value)) return grpc::Status::OK;
  return InvalidArgument(Field(field) +
                         (empty == WhenEmpty::kGenerated
                              ? " must be empty (the server generates one) or 1-100 characters "
                                "of [a-z0-9-]"
                              : " must be empty or 1-100 characters of [a-z0-9-]"));
}

grpc::Status CheckIdList(std::string_view field,
                         const google::protobuf::RepeatedPtrField<std::string>& ids,
                         std::size_t min, std::size_t max) {
  TRYGG_RETURN_IF_ERROR(CheckCount(field, ids.size(), min, max));
  std::unordered_map<std::string_view, int> first_index;  // id -> index of its first use
  for (int i = 0; i < ids.size(); ++i) {
    TRYGG_RETURN_IF_ERROR(CheckId(Indexed(field, i), ids[i]));
    const auto [it, inserted] = first_index.emplace(ids[i], i);
    if (!inserted) {
      return InvalidArgument(Indexed(field, i) + " '" + ids[i] + "' repeats " +
                             Indexed(field, it->second) + "; ids must be unique");
    }
  }
  return grpc::Status::OK;
}

grpc::Status CheckName(std::string_view field, std::string_view value, std::size_t max) {
  return CheckRequired(field, value, Lines::kSingle, max);
}

grpc::Status CheckNameList(std::string_view field,
                           const google::protobuf::RepeatedPtrField<std::string>& names,
                           std::size_t min, std::size_t max) {
  TRYGG_RETURN_IF_ERROR(CheckCount(field, names.size(), min, max));
  for (int i = 0; i < names.size(); ++i) {
    TRYGG_RETURN_IF_ERROR(CheckName(Indexed(field, i), names[i], kMaxNameChars));
  }
  return grpc::Status::OK;
}

grpc::Status CheckLine(std::string_view field, std::string_view value, std::size_t max) {
  TextScan scan;
  return CheckTextCommon(field, value, Lines::kSingle, max, scan);
}

grpc::Status CheckText(std::string_view field, std::string_view value, std::size_t max) {
  TextScan scan;
  return CheckTextCommon(field, value, Lines::kMulti, max, scan);
}

grpc::Status CheckRequiredText(std::string_view field, std::string_view value, std::size_t max) {
  return CheckRequired(field, value, Lines::kMulti, max);
}

grpc::Status CheckDate(std::string_view field, std::string_view value) {
  if (IsValidDate(value)) return grpc::Status::OK;
  return InvalidArgument(Field(field) + " must be a calendar date YYYY-MM-DD (e.g. 2026-06-30)");
}

grpc::Status CheckFinite(std::string_view field, double value) {
  if (std::isfinite(value)) return grpc::Status::OK;
  return InvalidArgument(Field(field) + " must be a finite number");
}

grpc::Status CheckEnumValue(std::string_view field, int value,
                            const google::protobuf::EnumDescriptor* descriptor, bool required) {
  if (descriptor->FindValueByNumber(value) != nullptr && (value != 0 || !required)) {
    return grpc::Status::OK;
  }
  std::string names;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* v = descriptor->value(i);
    if (required && v->number() == 0) continue;
    if (!names.empty()) names += ", ";
    names += std::string(v->name());
  }
  return InvalidArgument(Field(field) + " must be one of " + names + " (got " +
                         std::to_string(value) + ")");
}

}  // namespace trygg::domain::internal
