#include "common/json.h"

#include <google/protobuf/message.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

namespace trygg::client {
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

}  // namespace

std::string MessageJson(const google::protobuf::Message& message, bool pretty) {
  std::string json = Print(message, pretty);
  if (pretty) json.push_back('\n');
  return json;
}

JsonObject& JsonObject::Add(std::string_view key, std::string value) {
  google::protobuf::Value name;
  name.set_string_value(std::string(key));
  members_.push_back(Print(name, false) + (layout_ == Layout::kIndented ? ": " : ":") +
                     std::move(value));
  return *this;
}

JsonObject& JsonObject::AddString(std::string_view key, std::string_view value) {
  google::protobuf::Value string_value;
  string_value.set_string_value(std::string(value));
  return Add(key, Print(string_value, false));  // quoted and escaped
}

JsonObject& JsonObject::AddNumber(std::string_view key, uint64_t value) {
  return Add(key, std::to_string(value));
}

JsonObject& JsonObject::AddBool(std::string_view key, bool value) {
  return Add(key, value ? "true" : "false");
}

JsonObject& JsonObject::AddNull(std::string_view key) { return Add(key, "null"); }

JsonObject& JsonObject::AddRaw(std::string_view key, std::string_view json) {
  return Add(key, std::string(json));
}

JsonObject& JsonObject::AddArray(std::string_view key, const std::vector<std::string>& elements) {
  std::string array = "[";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) array += ',';
    array += elements[i];
  }
  return Add(key, array + "]");
}

JsonObject& JsonObject::AddMessage(std::string_view key, const google::protobuf::Message& message) {
  if (layout_ == Layout::kCompact) return Add(key, Print(message, false));
  return Add(key, Nest(Print(message, true)));
}

JsonObject& JsonObject::AddMessages(std::string_view key,
                                    const std::vector<const google::protobuf::Message*>& list) {
  if (layout_ == Layout::kCompact) {
    std::vector<std::string> elements;
    for (const google::protobuf::Message* message : list)
      elements.push_back(Print(*message, false));
    return AddArray(key, elements);
  }
  if (list.empty()) return Add(key, "[]");
  std::string array = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    array += i == 0 ? "\n  " : ",\n  ";
    array += Nest(Nest(Print(*list[i], true)));
  }
  array += "\n ]";
  return Add(key, array);
}

std::string JsonObject::Finish() const {
  std::string out = "{";
  for (std::size_t i = 0; i < members_.size(); ++i) {
    if (layout_ == Layout::kCompact) {
      if (i > 0) out += ',';
    } else {
      out += i == 0 ? "\n " : ",\n ";
    }
    out += members_[i];
  }
  if (layout_ == Layout::kCompact) return out + "}";
  return out + "\n}\n";
}

}  // namespace trygg::client
