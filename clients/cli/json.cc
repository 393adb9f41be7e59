#include "cli/json.h"

#include <google/protobuf/message.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

namespace trygg::cli {
namespace {

std::string Print(const google::protobuf::Message& message, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  options.always_print_primitive_fields = true;
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(message, &out, options).ok()) return "null";
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Indents every line but the first by one space (protobuf's indentation step), so that a
// printed message nests one level deeper. Safe because JSON strings never hold a raw newline.
std::string Nest(const std::string& json) {
  std::string out;
  out.reserve(json.size() + json.size() / 8);
  for (char c : json) {
    out.push_back(c);
    if (c == '\n') out.push_back(' ');
  }
  return out;
}

std::string Key(std::string_view key) { return "\"" + std::string(key) + "\": "; }

}  // namespace

std::string MessageJson(const google::protobuf::Message& message, bool pretty) {
  std::string json = Print(message, pretty);
  if (pretty) json.push_back('\n');
  return json;
}

void JsonObject::AddString(std::string_view key, std::string_view value) {
  google::protobuf::Value string_value;
  string_value.set_string_value(std::string(value));
  members_.push_back(Key(key) + Print(string_value, false));  // quoted and escaped
}

void JsonObject::AddMessage(std::string_view key, const google::protobuf::Message& message) {
  members_.push_back(Key(key) + Nest(Print(message, true)));
}

void JsonObject::AddMessages(std::string_view key,
                             const std::vector<const google::protobuf::Message*>& list) {
  if (list.empty()) {
    members_.push_back(Key(key) + "[]");
    return;
  }
  std::string array = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    array += i == 0 ? "\n  " : ",\n  ";
    array += Nest(Nest(Print(*list[i], true)));
  }
  array += "\n ]";
  members_.push_back(Key(key) + array);
}

std::string JsonObject::Finish() const {
  std::string out = "{";
  for (std::size_t i = 0; i < members_.size(); ++i) {
    out += i == 0 ? "\n " : ",\n ";
    out += members_[i];
  }
  out += "\n}\n";
  return out;
}

}  // namespace trygg::cli
