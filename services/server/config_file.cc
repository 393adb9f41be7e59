#include "config_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>

namespace trygg::server {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// An entry's value; ParseLine adds the key, ParseConfigText the line.
ConfigEntry Entry(std::string value, ConfigEntry::Kind kind) {
  ConfigEntry entry;
  entry.value = std::move(value);
  entry.kind = kind;
  return entry;
}

// A character TOML does not allow raw inside a string (tab excepted).
bool IsControl(char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f; }

// One line, consumed from the front. Every method that fails sets `error` and returns nullopt.
class LineReader {
 public:
  explicit LineReader(std::string_view line) : rest_(line) {}

  void SkipSpace() {
    while (!rest_.empty() && IsSpace(rest_.front())) rest_.remove_prefix(1);
  }
  bool AtEnd() const { return rest_.empty() || rest_.front() == '#'; }
  char Peek() const { return rest_.empty() ? '\0' : rest_.front(); }
  bool Take(std::string_view prefix) {
    if (!rest_.starts_with(prefix)) return false;
    rest_.remove_prefix(prefix.size());
    return true;
  }
  // Up to the next space or comment: what a message quotes as "the value".
  std::string_view Token() const {
    std::size_t end = 0;
    while (end < rest_.size() && !IsSpace(rest_[end]) && rest_[end] != '#') ++end;
    return rest_.substr(0, end);
  }

  std::string Key() {
    std::size_t end = 0;
    while (end < rest_.size() && IsKeyChar(rest_[end])) ++end;
    std::string key(rest_.substr(0, end));
    rest_.remove_prefix(end);
    return key;
  }

  std::optional<ConfigEntry> Value(std::string& error) {
    if (rest_.starts_with("\"\"\"") || rest_.starts_with("'''")) {
      error = "multi-line strings are not used: a value fits on its line";
      return std::nullopt;
    }
    if (Take("\"")) return BasicString(error);
    if (Take("'")) return LiteralString(error);
    if (Peek() == '[') {
      error = "arrays are not used: each key takes one value";
      return std::nullopt;
    }
    if (Peek() == '{') {
      error = "inline tables are not used: every key is at the top level";
      return std::nullopt;
    }
    const std::string_view token = Token();
    if (token == "true" || token == "false") {
      rest_.remove_prefix(token.size());
      return Entry(std::string(token), ConfigEntry::Kind::kBoolean);
    }
    if (std::optional<std::string> number = Integer(token)) {
      rest_.remove_prefix(token.size());
      return Entry(std::move(*number), ConfigEntry::Kind::kInteger);
    }
    error = token.empty() ? "no value after '='"
                          : "'" + std::string(token) +
                                "' is not a value: quote a string (\"...\"), or write a whole "
                                "number, true or false";
    return std::nullopt;
  }

 private:
  // A TOML decimal integer ("-12", "1_000", "+7"), as plain digits; nullopt for anything else
  // (floats, hex, dates, leading zeros).
  static std::optional<std::string> Integer(std::string_view token) {
    std::string out;
    if (!token.empty() && (token.front() == '+' || token.front() == '-')) {
      if (token.front() == '-') out.push_back('-');
      token.remove_prefix(1);
    }
    if (token.empty() || (token.front() == '0' && token.size() > 1)) return std::nullopt;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (IsDigit(token[i])) {
        out.push_back(token[i]);
        continue;
      }
      const bool between_digits = token[i] == '_' && i > 0 && i + 1 < token.size() &&
                                  IsDigit(token[i - 1]) && IsDigit(token[i + 1]);
      if (!between_digits) return std::nullopt;
    }
    return out;
  }

  std::optional<ConfigEntry> BasicString(std::string& error) {
    std::string value;
    while (!rest_.empty()) {
      const char c = rest_.front();
      rest_.remove_prefix(1);
      if (c == '"') return Entry(std::move(value), ConfigEntry::Kind::kString);
      if (IsControl(c)) {
        error = "a control character in a string: write it as an escape (\\t, \\u0001, ...)";
        return std::nullopt;
      }
      if (c != '\\') {
        value.push_back(c);
        continue;
      }
      if (!Escape(value, error)) return std::nullopt;
    }
    error = "the string is not closed: '\"' missing at the end of the line";
    return std::nullopt;
  }

  bool Escape(std::string& value, std::string& error) {
    const char c = Peek();
    rest_.remove_prefix(rest_.empty() ? 0 : 1);
    switch (c) {
      case 'b': value.push_back('\b'); return true;
      case 't': value.push_back('\t'); return true;
      case 'n': value.push_back('\n'); return true;
      case 'f': value.push_back('\f'); return true;
      case 'r': value.push_back('\r'); return true;
      case '"': value.push_back('"'); return true;
      case '\\': value.push_back('\\'); return true;
      case 'u': return Unicode(4, value, error);
      case 'U': return Unicode(8, value, error);
      default:
        error = "unknown escape '\\" + std::string(c == '\0' ? "" : std::string(1, c)) +
                "' in a string (a backslash itself is \\\\)";
        return false;
    }
  }

  // \uXXXX or \UXXXXXXXX as UTF-8.
  bool Unicode(std::size_t digits, std::string& value, std::string& error) {
    uint32_t code = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      const char c = i < rest_.size() ? rest_[i] : '\0';
      const int digit = IsDigit(c)               ? c - '0'
                        : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                        : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                 : -1;
      if (digit < 0) {
        error = "\\u takes 4 hexadecimal digits, \\U takes 8";
        return false;
      }
      code = code * 16 + static_cast<uint32_t>(digit);
    }
    rest_.remove_prefix(digits);
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      error = "the escape is not a character a value can hold";
      return false;
    }
    if (code < 0x80) {
      value.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      value.push_back(static_cast<char>(0xC0 | (code >> 6)));
      value.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      value.push_back(static_cast<char>(0xE0 | (code >> 12)));
      value.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      value.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      value.push_back(static_cast<char>(0xF0 | (code >> 18)));
      value.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      value.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      value.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
    return true;
  }

  std::optional<ConfigEntry> LiteralString(std::string& error) {
    const std::size_t end = rest_.find('\'');
    if (end == std::string_view::npos) {
      error = "the string is not closed: \"'\" missing at the end of the line";
      return std::nullopt;
    }
    std::string value(rest_.substr(0, end));
    rest_.remove_prefix(end + 1);
    for (char c : value) {
      if (IsControl(c)) {
        error = "a control character in a string: write it in a \"basic\" string as an escape";
        return std::nullopt;
      }
    }
    return Entry(std::move(value), ConfigEntry::Kind::kString);
  }

  std::string_view rest_;
};

// One line: nothing (blank or a comment), an entry, or the reason it is refused.
std::optional<ConfigEntry> ParseLine(std::string_view line, std::string& error) {
  LineReader reader(line);
  reader.SkipSpace();
  if (reader.AtEnd()) return std::nullopt;
  if (reader.Peek() == '[') {
    error = "tables ([section]) are not used: every key is at the top level";
    return std::nullopt;
  }
  std::string key = reader.Key();
  if (key.empty()) {
    error = "expected a key (letters, digits, '-' and '_') at the start of the line";
    return std::nullopt;
  }
  reader.SkipSpace();
  if (reader.Peek() == '.') {
    error = "dotted keys are not used: every key is at the top level";
    return std::nullopt;
  }
  if (!reader.Take("=")) {
    error = reader.AtEnd() ? "'" + key + "' has no value: write " + key + " = VALUE"
                           : "expected '=' after '" + key + "'";
    return std::nullopt;
  }
  reader.SkipSpace();
  std::optional<ConfigEntry> entry = reader.Value(error);
  if (!entry) {
    error = key + ": " + error;
    return std::nullopt;
  }
  reader.SkipSpace();
  if (!reader.AtEnd()) {
    error = "unexpected '" + std::string(reader.Token()) + "' after " + key +
            "'s value (a comment starts with '#')";
    return std::nullopt;
  }
  entry->key = std::move(key);
  return entry;
}

}  // namespace

std::variant<std::vector<ConfigEntry>, ConfigFileError> ParseConfigText(std::string_view text) {
  std::vector<ConfigEntry> entries;
  std::map<std::string, int, std::less<>> first_line;
  int number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);  // CRLF line ends
    std::string error;
    std::optional<ConfigEntry> entry = ParseLine(line, error);
    if (!error.empty()) return ConfigFileError{number, std::move(error)};
    if (!entry) continue;
    entry->line = number;
    if (const auto it = first_line.find(entry->key); it != first_line.end()) {
      return ConfigFileError{number, "'" + entry->key + "' is given twice (first on line " +
                                         std::to_string(it->second) + ")"};
    }
    first_line.emplace(entry->key, number);
    entries.push_back(std::move(*entry));
  }
  return entries;
}

std::variant<std::vector<ConfigEntry>, std::string> ReadConfigFile(
    const std::filesystem::path& path) {
  const std::string name = path.string();
  auto refused = [&](const std::string& reason) { return name + ": " + reason; };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return refused(errno == ENOENT
                       ? "no such config file"
                       : "cannot open the config file: " + std::string(std::strerror(errno)));
  }
  // Read one byte past the limit, to tell a file at the limit from a larger one. A directory
  // fails here with EISDIR.
  std::string text(kMaxConfigFileBytes + 1, '\0');
  std::size_t size = 0;
  std::string error;
  while (size < text.size()) {
    const ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = "cannot read the config file: " + std::string(std::strerror(errno));
    if (n <= 0) break;
    size += static_cast<std::size_t>(n);
  }
  if (error.empty() && size > kMaxConfigFileBytes) {
    error = "the config file is larger than " + std::to_string(kMaxConfigFileBytes >> 20) + " MiB";
  }
  text.resize(size);
  ::close(fd);
  if (!error.empty()) return refused(error);
  auto parsed = ParseConfigText(text);
  if (auto* failed = std::get_if<ConfigFileError>(&parsed)) {
    return name + ":" + std::to_string(failed->line) + ": " + failed->reason;
  }
  return std::get<std::vector<ConfigEntry>>(std::move(parsed));
}

std::string QuoteConfigString(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default:
        if (IsControl(c)) {
          out += "\\u00";
          out.push_back(kHex[(c >> 4) & 0xF]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace trygg::server
