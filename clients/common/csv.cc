#include "common/csv.h"

namespace trygg::client {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

std::string CsvField(std::string_view value) {
  // A field starting with a byte order mark is quoted too: at the start of a file, unquoted, a
  // reader (ReadCsv, a spreadsheet) would take it for the file's mark and drop it.
  if (value.find_first_of(",\"\r\n") == std::string_view::npos &&
      !value.starts_with(kByteOrderMark)) {
    return std::string(value);
  }
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += CsvField(fields[i]);
  }
  out += "\r\n";
  return out;
}

namespace {

Outcome Malformed(std::size_t line, const std::string& what) {
  return Outcome::Fail(ExitCode::kUsage, "line " + std::to_string(line) + ": " + what);
}

}  // namespace

Outcome ReadCsv(std::string_view text, char separator, std::size_t max_records,
                std::vector<CsvLine>* records) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    if (records->size() == max_records) {
      return Malformed(line, "more than " + std::to_string(max_records) + " records");
    }
    CsvLine record{line, {}};
    // One field per iteration; the record ends at a line end or the end of the text.
    for (;;) {
      std::string field;
      if (i < text.size() && text[i] == '"') {
        const std::size_t opened_on = line;
        ++i;
        for (;;) {
          if (i >= text.size()) return Malformed(opened_on, "a quoted field is not closed");
          const char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field.push_back('"');
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
        }
        const bool at_end = i >= text.size() || text[i] == separator || text[i] == '\n' ||
                            (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
        if (!at_end) return Malformed(line, "text after the closing quote of a field");
      } else {
        while (i < text.size() && text[i] != separator && text[i] != '\n' &&
               !(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
          if (text[i] == '"') {
            return Malformed(line, "a '\"' inside a field that does not start with one");
          }
          field.push_back(text[i++]);
        }
      }
      record.fields.push_back(std::move(field));
      if (i < text.size() && text[i] == separator) {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') {
        ++i;
        ++line;
      }
      break;
    }
    records->push_back(std::move(record));
  }
  return Outcome::Ok();
}

char GuessCsvSeparator(std::string_view text) {
  bool quoted = false;
  bool semicolon = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') return ',';
    if (c == ';') semicolon = true;
  }
  return semicolon ? ';' : ',';
}

}  // namespace trygg::client
