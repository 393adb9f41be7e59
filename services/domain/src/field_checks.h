// The building blocks of Validate (internal): one check per kind of field, each returning OK or
// INVALID_ARGUMENT whose message starts with the field's name. validate.cc and validate_plan.cc
// call them in proto order.
#pragma once

#include <google/protobuf/generated_enum_reflection.h>
#include <google/protobuf/repeated_ptr_field.h>
#include <grpcpp/support/status.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace trygg::domain::internal {

// 1..kMaxCommandIdChars characters of visible ASCII.
grpc::Status CheckCommandId(std::string_view value);

// A required id: domain::CheckId (validate.h), public because the API checks query ids with it.

// An id that may be empty: the id of a new thing, which the server generates when empty
// (`generated`), or an optional reference.
enum class WhenEmpty { kGenerated, kNone };
grpc::Status CheckOptionalId(std::string_view field, std::string_view value, WhenEmpty empty);

// A list of ids: min..max entries, each a valid id, none repeated.
grpc::Status CheckIdList(std::string_view field,
                         const google::protobuf::RepeatedPtrField<std::string>& ids,
                         std::size_t min, std::size_t max);

// A required one-line name: 1..max characters, not only whitespace.
grpc::Status CheckName(std::string_view field, std::string_view value, std::size_t max);

// A list of names: min..max entries, each CheckName of at most kMaxNameChars characters.
grpc::Status CheckNameList(std::string_view field,
                           const google::protobuf::RepeatedPtrField<std::string>& names,
                           std::size_t min, std::size_t max);

// An optional one-line value (an agency's kind, a place name, a unit): 0..max characters.
grpc::Status CheckLine(std::string_view field, std::string_view value, std::size_t max);

// Free text that may span lines: 0..max characters.
grpc::Status CheckText(std::string_view field, std::string_view value, std::size_t max);

// Free text that may span lines and is required: 1..max characters, not only whitespace.
grpc::Status CheckRequiredText(std::string_view field, std::string_view value, std::size_t max);

// A calendar date "YYYY-MM-DD" (IsValidDate).
grpc::Status CheckDate(std::string_view field, std::string_view value);

// A finite number (not NaN, not infinite).
grpc::Status CheckFinite(std::string_view field, double value);

// A value of a proto enum this build knows; `required`: not its UNSPECIFIED (0) value. The
// message lists the accepted names.
grpc::Status CheckEnumValue(std::string_view field, int value,
                            const google::protobuf::EnumDescriptor* descriptor, bool required);

template <class Enum>
grpc::Status CheckEnum(std::string_view field, Enum value, bool required) {
  return CheckEnumValue(field, static_cast<int>(value), google::protobuf::GetEnumDescriptor<Enum>(),
                        required);
}

}  // namespace trygg::domain::internal
