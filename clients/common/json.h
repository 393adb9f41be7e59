// JSON output: protobuf's own printer with the proto3 JSON mapping (enums by name, 64-bit
// integers as strings, Timestamps in RFC 3339, Any with "@type", the mapping's lowerCamelCase
// field names: `measureId`), printing fields that hold their default value too, so a script sees
// every field. A trygg command prints one JSON document; `trygg watch` prints one compact
// document per line per event; trygg-audit prints compact documents (JsonObject::kCompact) whose
// messages it prints itself with the proto field names (audit/output.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class Message;
}

namespace trygg::client {

// `message` as JSON: indented when `pretty` (ending in a newline), otherwise on one line (no
// newline). A message protobuf cannot print (an Any of a type this build does not know) comes
// out as `null`.
std::string MessageJson(const google::protobuf::Message& message, bool pretty);

// A JSON object built member by member, in the order they are added: messages (printed as
// MessageJson prints them), strings (escaped by protobuf's printer), numbers, booleans, null and
// JSON made elsewhere. kIndented nests printed messages one level deeper, for documents that are
// more than one message (a write's command id and reply and the object as it now stands);
// kCompact writes one line, for programs.
class JsonObject {
 public:
  enum class Layout { kIndented, kCompact };
  explicit JsonObject(Layout layout = Layout::kIndented) : layout_(layout) {}

  JsonObject& AddString(std::string_view key, std::string_view value);
  JsonObject& AddNumber(std::string_view key, uint64_t value);
  JsonObject& AddBool(std::string_view key, bool value);
  JsonObject& AddNull(std::string_view key);
  // `json` is JSON already (an object, an array, ...), inserted as it is.
  JsonObject& AddRaw(std::string_view key, std::string_view json);
  // "[e1,e2,...]" from elements that are JSON already.
  JsonObject& AddArray(std::string_view key, const std::vector<std::string>& elements);
  JsonObject& AddMessage(std::string_view key, const google::protobuf::Message& message);
  JsonObject& AddMessages(std::string_view key,
                          const std::vector<const google::protobuf::Message*>& list);
  // The document: kIndented ends in a newline, kCompact does not.
  [[nodiscard]] std::string Finish() const;

 private:
  JsonObject& Add(std::string_view key, std::string value);
  Layout layout_;
  std::vector<std::string> members_;  // `"key": value`, value indented for nesting
};

}  // namespace trygg::client
