// CSV as RFC 4180 defines it: fields separated by commas, records ended by CRLF, and a field that
// contains a comma, a double quote, CR or LF enclosed in double quotes with each double quote
// doubled. Everything else is written as is (UTF-8, leading and trailing spaces kept).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trygg::client {

// One field, quoted if it must be.
std::string CsvField(std::string_view value);

// One record: the fields, quoted as needed, joined with commas, ended with "\r\n".
std::string CsvRecord(const std::vector<std::string>& fields);

}  // namespace trygg::client
