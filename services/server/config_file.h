// trygg-server's config file: TOML, read by toml++, with every key at the top level.
//
//   # a comment
//   listen = "0.0.0.0:50051"          # a string: "basic" (with \ escapes) or 'literal'
//   max-streams-per-principal = 16    # a whole number
//   allow-anonymous = false           # true or false
//
// toml++ refuses what is not TOML (a key given twice among it); this reader refuses good TOML that
// trygg-server has no use for ([tables], dotted keys, arrays, inline tables, floats, dates and
// times), each with its line, so a typing error never passes silently. What the keys mean is
// flags.h's business: this reader knows only the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace trygg::server {

// A config file larger than this is refused unread: trygg-server's keys fit in a few KiB.
inline constexpr std::size_t kMaxConfigFileBytes = 1 << 20;

struct ConfigEntry {
  enum class Kind { kString, kInteger, kBoolean };

  std::string key;
  // A string's text (escapes decoded), a whole number's decimal digits (with a '-' when negative,
  // no '+' or '_'; 0x10 is "16"), or "true" / "false".
  std::string value;
  Kind kind = Kind::kString;
  int line = 0;  // 1-based
};

// Where and why a config file was refused; line 0 is the file as a whole (missing, unreadable).
struct ConfigFileError {
  int line = 0;
  std::string reason;
};

// The entries of a config file's text, in the file's order, or the first error.
std::variant<std::vector<ConfigEntry>, ConfigFileError> ParseConfigText(std::string_view text);

// Reads and parses the file at `path`. The error names the file: "PATH:LINE: REASON", or
// "PATH: REASON" for the file as a whole.
std::variant<std::vector<ConfigEntry>, std::string> ReadConfigFile(
    const std::filesystem::path& path);

// `value` as a TOML basic string, quoted and escaped: what ParseConfigText reads back as `value`.
std::string QuoteConfigString(std::string_view value);

}  // namespace trygg::server
