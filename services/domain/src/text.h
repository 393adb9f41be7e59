// UTF-8 text scanning for field validation (internal). Counts characters as Unicode code points
// so that a Swedish "å" (two bytes) counts as one, as a user would count it.
#pragma once

#include <cstddef>
#include <string_view>

namespace trygg::domain::internal {

enum class Lines {
  kSingle,  // names, titles, kinds: no control characters at all
  kMulti,   // free text: tab, LF and CR allowed
};

struct TextScan {
  bool valid_utf8 = true;    // well-formed: no overlongs, surrogates or values past U+10FFFF
  bool has_control = false;  // a C0 control (except those `Lines` allows), DEL, or a C1 control
  bool blank = true;         // empty, or only whitespace
  std::size_t chars = 0;     // code points; meaningful only when valid_utf8
};

// Scans the whole of `text`; stops early only at invalid UTF-8.
TextScan ScanText(std::string_view text, Lines lines) noexcept;

}  // namespace trygg::domain::internal
