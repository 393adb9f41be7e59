#include "log.h"

#include <cerrno>
#include <cstdio>
#include <ctime>

namespace trygg::server {
namespace {

constexpr std::string_view kLevelNames[] = {"debug", "info", "warn", "error"};
constexpr std::string_view kTextLevelNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};

std::string_view LevelName(LogLevel level, LogFormat format) {
  const auto i = static_cast<std::size_t>(level);
  return format == LogFormat::kJson ? kLevelNames[i] : kTextLevelNames[i];
}

// The length of the well-formed UTF-8 sequence at the start of `s` (1 to 4), or 0 when it does
// not start with one: a stray continuation byte, a truncated sequence, an overlong encoding, a
// surrogate or a code point beyond U+10FFFF.
std::size_t Utf8SequenceLength(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char min_second = 0x80;  // what the second byte must be at least, and at most
  unsigned char max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < length || byte(1) < min_second || byte(1) > max_second) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

void AppendHex(std::string& out, std::string_view prefix, unsigned value, int digits) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "%0*X", digits, value);
  out += prefix;
  out += hex;
}

enum class Syntax { kJson, kText };

// `s` in double quotes, with quotes, backslashes and control characters escaped (\" \\ \n \r \t,
// the others \u00XX in JSON, \xNN in text) and every byte that is not part of well-formed UTF-8
// replaced by U+FFFD in JSON (so the line is valid JSON whatever `s` holds) or escaped as \xNN in
// text (so nothing is lost).
void AppendQuoted(std::string& out, std::string_view s, Syntax syntax) {
  const bool json = syntax == Syntax::kJson;
  out += '"';
  while (!s.empty()) {
    const auto c = static_cast<unsigned char>(s.front());
    std::size_t length = 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          AppendHex(out, json ? "\\u" : "\\x", c, json ? 4 : 2);
        } else if ((length = Utf8SequenceLength(s)) == 0) {
          if (json) {
            out += "\\uFFFD";
          } else {
            AppendHex(out, "\\x", c, 2);
          }
          length = 1;
        } else {
          out.append(s.substr(0, length));
        }
    }
    s.remove_prefix(length);
  }
  out += '"';
}

// A text value: as it is when it is a plain word; otherwise quoted (AppendQuoted), so a value can
// neither end its record's line nor pass for another field.
void AppendTextValue(std::string& out, std::string_view s) {
  bool plain = !s.empty();
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c >= 0x80 || c == '"' || c == '\\' || c == '=') plain = false;
  }
  if (plain) {
    out.append(s);
  } else {
    AppendQuoted(out, s, Syntax::kText);
  }
}

// A value that needs no escaping in either format: a number or a boolean.
std::string Plain(const LogField::Value& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const auto* u = std::get_if<uint64_t>(&value)) return std::to_string(*u);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  char number[32];
  std::snprintf(number, sizeof number, "%.3f", std::get<double>(value));
  return number;
}

void AppendValue(std::string& out, const LogField::Value& value, LogFormat format) {
  const auto* text = std::get_if<std::string_view>(&value);
  if (text == nullptr) {
    out += Plain(value);
  } else if (format == LogFormat::kJson) {
    AppendQuoted(out, *text, Syntax::kJson);
  } else {
    AppendTextValue(out, *text);
  }
}

}  // namespace

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kLevelNames); ++i) {
    if (kLevelNames[i] == name) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

std::optional<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return std::nullopt;
}

std::string Rfc3339Millis(std::chrono::system_clock::time_point time) {
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis % 1000));
  return text;
}

Logger::Logger(LogFormat format, LogLevel level, int fd, Clock clock)
    : format_(format), level_(level), fd_(fd), clock_(std::move(clock)) {}

std::string Logger::Format(std::chrono::system_clock::time_point time, LogLevel level,
                           std::string_view event, LogFields fields) const {
  std::string line;
  line.reserve(256);
  if (format_ == LogFormat::kJson) {
    line += "{\"time\":\"" + Rfc3339Millis(time) + "\",\"level\":\"";
    line += LevelName(level, format_);
    line += "\",\"event\":";
    AppendQuoted(line, event, Syntax::kJson);
    for (const LogField& field : fields) {
      line += ',';
      AppendQuoted(line, field.key(), Syntax::kJson);
      line += ':';
      AppendValue(line, field.value(), format_);
    }
    line += "}\n";
    return line;
  }
  line += Rfc3339Millis(time);
  line += ' ';
  line += LevelName(level, format_);
  line += ' ';
  AppendTextValue(line, event);
  for (const LogField& field : fields) {
    line += ' ';
    line += field.key();
    line += '=';
    AppendValue(line, field.value(), format_);
  }
  line += '\n';
  return line;
}

void Logger::Log(LogLevel level, std::string_view event, LogFields fields) const {
  if (!Enabled(level)) return;
  const std::string line =
      Format(clock_ ? clock_() : std::chrono::system_clock::now(), level, event, fields);
  std::string_view rest = line;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // dropped: a full disk or a closed stderr must not stop the server
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace trygg::server
