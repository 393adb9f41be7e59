// trygg-server's log records read back, for end-to-end tests: a line of either format
// (docs/operations.md, "Logs") as its fields by key.
#pragma once

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace trygg::testing {

// The stdout line the server prints once it serves; not a log record.
inline bool IsListeningLine(const std::string& line) {
  return line.starts_with("trygg-server listening on ");
}

// A text record, "TIME LEVEL EVENT k=v k2="quoted \"v\""...", as {time, level, event, k, k2...}
// with quotes and \-escapes undone (\xNN is left as it is); nullopt for fewer than three words.
inline std::optional<std::map<std::string, std::string>> TextRecord(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '\\' && i + 1 < line.size()) {
      const char next = line[++i];
      word += next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ' ' && !quoted) {
      words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  words.push_back(word);
  if (words.size() < 3 || quoted) return std::nullopt;
  std::map<std::string, std::string> fields = {
      {"time", words[0]}, {"level", words[1]}, {"event", words[2]}};
  for (std::size_t i = 3; i < words.size(); ++i) {
    const std::size_t eq = words[i].find('=');
    if (eq == std::string::npos) return std::nullopt;
    fields[words[i].substr(0, eq)] = words[i].substr(eq + 1);
  }
  return fields;
}

// A JSON record as its fields (numbers and booleans as JSON writes them); nullopt when the line is
// not a JSON object.
inline std::optional<std::map<std::string, std::string>> JsonRecord(const std::string& line) {
  google::protobuf::Struct object;
  if (!google::protobuf::util::JsonStringToMessage(line, &object).ok()) return std::nullopt;
  std::map<std::string, std::string> fields;
  for (const auto& [key, value] : object.fields()) {
    std::ostringstream text;
    switch (value.kind_case()) {
      case google::protobuf::Value::kStringValue: text << value.string_value(); break;
      case google::protobuf::Value::kNumberValue: text << value.number_value(); break;
      case google::protobuf::Value::kBoolValue: text << (value.bool_value() ? "true" : "false"); break;
      default: return std::nullopt;  // the server writes no null, list or nested object
    }
    fields[key] = text.str();
  }
  return fields;
}

inline std::optional<std::map<std::string, std::string>> Record(const std::string& line,
                                                                bool json) {
  return json ? JsonRecord(line) : TextRecord(line);
}

// The keys of an "rpc" record: these and nothing else.
inline const std::vector<std::string>& RpcRecordKeys() {
  static const std::vector<std::string> keys = {"code",      "event",   "latency_ms", "level",
                                                "method",    "principal", "request_id", "time"};
  return keys;
}

inline std::vector<std::string> Keys(const std::map<std::string, std::string>& fields) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : fields) keys.push_back(key);
  return keys;
}

}  // namespace trygg::testing
