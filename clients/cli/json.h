// JSON output: protobuf's own printer with the proto3 JSON mapping (enums by name, 64-bit
// integers as strings, Timestamps in RFC 3339, Any with "@type"), keeping the proto field names
// (`measure_id`, not `measureId`) and printing fields that hold their default value too, so a
// script sees every field. A command prints one JSON document; `trygg watch` prints one compact
// document per line per event.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class Message;
}

namespace trygg::cli {

// `message` as JSON: indented when `pretty` (ending in a newline), otherwise on one line (no
// newline). A message protobuf cannot print (an Any of a type this build does not know) comes
// out as `null`.
std::string MessageJson(const google::protobuf::Message& message, bool pretty);

// An indented JSON object built from messages and strings, for documents that are more than one
// message (a write's command id and reply and the object as it now stands).
class JsonObject {
 public:
  void AddString(std::string_view key, std::string_view value);
  void AddMessage(std::string_view key, const google::protobuf::Message& message);
  void AddMessages(std::string_view key, const std::vector<const google::protobuf::Message*>& list);
  // The document, ending in a newline.
  std::string Finish() const;

 private:
  std::vector<std::string> members_;  // `"key": value`, value indented for nesting
};

}  // namespace trygg::cli
