#include "config_file.h"

#include <fcntl.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <utility>

namespace trygg::server {
namespace {

// A character TOML does not allow raw inside a string (tab excepted).
bool IsControl(char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f; }

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// The text of line `number` (1-based) of `text`.
std::string_view Line(std::string_view text, int number) {
  for (; number > 1 && !text.empty(); --number) {
    const std::size_t end = text.find('\n');
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return text.substr(0, text.find('\n'));
}

// What a top-level node is that is not a value trygg-server takes, for the refusal; "" for a
// value it takes. A table's node does not say whether it came from a [header] or a dotted key
// (both are ordinary tables), so its line does.
std::string Unused(const toml::node& node, std::string_view key, std::string_view text) {
  const std::string name(key);
  switch (node.type()) {
    case toml::node_type::table: {
      if (node.as_table()->is_inline()) return "an inline table (" + name + " = { ... })";
      std::string_view line = Line(text, LineOf(node));
      line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
      return line.starts_with('[') ? "a table ([" + name + "])"
                                   : "a dotted key (" + name + ".KEY = ...)";
    }
    case toml::node_type::array:
      return node.as_array()->is_array_of_tables() ? "an array of tables ([[" + name + "]])"
                                                   : "an array";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time of day";
    case toml::node_type::date_time: return "a date and time";
    default: return "";
  }
}

// A text value written without its quotes (`listen = 0.0.0.0:50051`) fails in toml++'s words as a
// number, a date or a time, and `True` as a bad boolean; when line `number` is `KEY = VALUE` with
// VALUE unquoted and quotable, what was probably meant, to add to the refusal; otherwise "".
std::string QuotesHint(std::string_view text, int number) {
  std::string_view line = Line(text, number);
  const std::size_t equals = line.find('=');
  if (equals == std::string_view::npos) return "";
  auto trim = [](std::string_view part) {
    part.remove_prefix(std::min(part.find_first_not_of(" \t"), part.size()));
    return part.substr(0, part.find_last_not_of(" \t\r") + 1);
  };
  const std::string_view key = trim(line.substr(0, equals));
  std::string_view value = line.substr(equals + 1);
  value = trim(value.substr(0, value.find('#')));
  const bool bare_key = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  if (bare_key && (lower == "true" || lower == "false")) return " (write it " + lower + ")";
  if (!bare_key || value.empty() || value.find_first_of("\"'[]{}\\") != std::string_view::npos ||
      std::any_of(value.begin(), value.end(), IsControl)) {
    return "";
  }
  return " (text goes in quotes: " + std::string(key) + " = \"" + std::string(value) + "\")";
}

// `node`, a string, whole number or boolean, as an entry.
ConfigEntry Entry(std::string key, const toml::node& node) {
  ConfigEntry entry;
  entry.key = std::move(key);
  entry.line = LineOf(node);
  if (const auto* string = node.as_string()) {
    entry.value = string->get();
  } else if (const auto* integer = node.as_integer()) {
    entry.value = std::to_string(integer->get());
    entry.kind = ConfigEntry::Kind::kInteger;
  } else {
    entry.value = node.as_boolean()->get() ? "true" : "false";
    entry.kind = ConfigEntry::Kind::kBoolean;
  }
  return entry;
}

}  // namespace

std::variant<std::vector<ConfigEntry>, ConfigFileError> ParseConfigText(std::string_view text) {
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error& e) {
    // "Error while parsing string: unknown escape sequence '\q'", lower-cased after "FILE:LINE: ".
    std::string reason(e.description());
    if (!reason.empty()) {
      reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
    }
    const int line = static_cast<int>(e.source().begin.line);
    return ConfigFileError{line, std::move(reason) + QuotesHint(text, line)};
  }
  // toml::table iterates in key order: the file's order is the nodes' lines.
  std::vector<std::pair<std::string_view, const toml::node*>> nodes;
  for (const auto& [key, node] : table) nodes.emplace_back(key.str(), &node);
  std::sort(nodes.begin(), nodes.end(),
            [](const auto& a, const auto& b) { return LineOf(*a.second) < LineOf(*b.second); });
  std::vector<ConfigEntry> entries;
  for (const auto& [key, node] : nodes) {
    if (const std::string unused = Unused(*node, key, text); !unused.empty()) {
      return ConfigFileError{LineOf(*node), std::string(key) + ": " + unused +
                                                " is not used: trygg-server's keys are at the "
                                                "top level and take a string, a whole number "
                                                "or true/false"};
    }
    if (const auto* string = node->as_string();
        string && string->get().find('\0') != std::string::npos) {
      return ConfigFileError{LineOf(*node),
                             std::string(key) + ": a string holding U+0000 (\\u0000) is not used"};
    }
    entries.push_back(Entry(std::string(key), *node));
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
