// CSV as RFC 4180 defines it: fields separated by commas, records ended by CRLF, and a field that
// contains a comma, a double quote, CR or LF enclosed in double quotes with each double quote
// doubled; so is a field that starts with a UTF-8 byte order mark, which a reader would otherwise
// drop at the start of a file. Everything else is written as is (UTF-8, leading and trailing
// spaces kept).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/outcome.h"

namespace trygg::client {

// One field, quoted if it must be.
std::string CsvField(std::string_view value);

// One record: the fields, quoted as needed, joined with commas, ended with "\r\n".
std::string CsvRecord(const std::vector<std::string>& fields);

// One record read back, with the line of the file it starts on (1-based), for error messages.
struct CsvLine {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// Reads `text` as RFC 4180 CSV with `separator` (',' or, as spreadsheets in Swedish write it,
// ';'), leniently as spreadsheets write it: a record may also end in LF alone, the last one need
// not end at all, and a UTF-8 byte order mark at the start is skipped. Fields are returned as
// written (quotes removed, doubled quotes undoubled, spaces kept). An empty line is a record of
// one empty field. Fails (usage, "line N: ...") on a quote inside an unquoted field, text after a
// closing quote, a quoted field that never closes, or more than `max_records` records; then
// *records holds what was read before the error.
[[nodiscard]] Outcome ReadCsv(std::string_view text, char separator, std::size_t max_records,
                              std::vector<CsvLine>* records);

// The separator of a CSV text: ';' when its first line holds a ';' and no ',' outside quotes,
// else ','.
[[nodiscard]] char GuessCsvSeparator(std::string_view text);

}  // namespace trygg::client
