// trygg-server's config file: a strict subset of TOML, one `key = value` per line.
//
//   # a comment
//   listen = "0.0.0.0:50051"          # a string: "basic" (with \ escapes) or 'literal'
//   max-streams-per-principal = 16    # a whole number
//   allow-anonymous = false           # true or false
//
// Every key is at the top level (no [tables], no dotted keys), takes one value (no arrays) and is
// given once. Anything else is refused with the line and the reason, so a typing error never
// passes silently. What the keys mean is flags.h's business: this reader knows only the syntax.
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
  // no '+' or '_'), or "true" / "false".
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
