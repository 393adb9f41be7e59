// Text as a terminal shows it: UTF-8 decoded into code points, each as wide as the columns it
// takes (0 for combining marks, 2 for East Asian wide characters, 1 otherwise), so that tables
// line up with "å", "ä" and "ö" (precomposed or decomposed) and titles shorten without cutting a
// character in half. Pure functions; no locale is consulted, so output is the same everywhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace trygg::client {

// The columns one code point takes on a terminal: 0 (combining marks, zero-width characters,
// controls), 1 or 2 (East Asian wide and fullwidth characters, most emoji).
int CodePointWidth(char32_t code_point);

// The columns `text` (UTF-8) takes. An invalid byte counts as one replacement character.
std::size_t DisplayWidth(std::string_view text);

// `text` made safe to print in a table cell or a one-line message: control characters (tabs and
// line breaks included, and the escape character, so nothing the server sends can drive the
// terminal) become a space, and invalid UTF-8 becomes U+FFFD.
std::string SanitizeLine(std::string_view text);

// `text` shortened to at most `max_width` columns, ending in "…" when anything was cut. Never
// splits a code point or separates a combining mark from its base character.
std::string TruncateToWidth(std::string_view text, std::size_t max_width);

enum class Align { kLeft, kRight };

// A number as a person writes it and as every client prints it in text, Markdown and CSV: "12",
// "12.5", "0.25" (the shortest form that reads back the same, never with an exponent, no digit
// grouping).
std::string PlainNumber(double value);

// The non-empty `parts` joined by `separator` ("a, c" for {"a", "", "c"}).
std::string JoinNonEmpty(const std::vector<std::string>& parts, std::string_view separator);

// `text` padded with spaces to `width` columns (unchanged if it is already as wide or wider).
std::string PadToWidth(std::string_view text, std::size_t width, Align align);

}  // namespace trygg::client
