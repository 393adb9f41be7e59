// Numbers and amounts as a Swedish reader writes them, for the html writer (the xlsx writer gives
// the spreadsheet program typed cells and formats instead): digits grouped by threes with a
// no-break space (U+00A0) so that "12 500" never breaks across lines, a decimal comma, and "kr"
// after an amount in kronor.
#pragma once

#include <string>

namespace trygg::report {

// "12 500", "2,5", "-0,25": integers without decimals, others rounded to at most two decimals
// with trailing zeros dropped. A value that is not finite is "–".
std::string FormatNumber(double value);

// "12 500 kr", "99,50 kr": whole kronor without decimals, others with two (öre). The space before
// "kr" is a no-break space too.
std::string FormatSek(double value);

}  // namespace trygg::report
