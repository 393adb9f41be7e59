#include "text.h"

#include <cstdint>

namespace trygg::domain::internal {
namespace {

// Decodes the code point starting at text[i]; returns its length in bytes, or 0 if the bytes
// there are not well-formed UTF-8 (RFC 3629: shortest form only, no surrogates, ≤ U+10FFFF).
std::size_t DecodeOne(std::string_view text, std::size_t i, char32_t& out) noexcept {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    out = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07u;
  } else {
    return 0;  // a continuation byte, an overlong 2-byte lead (C0, C1), or F5..FF
  }
  if (text.size() - i < length) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if (length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
  if (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
  out = cp;
  return length;
}

bool IsControl(char32_t cp, Lines lines) noexcept {
  if (lines == Lines::kMulti && (cp == U'\t' || cp == U'\n' || cp == U'\r')) return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool IsSpace(char32_t cp) noexcept {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

}  // namespace

TextScan ScanText(std::string_view text, Lines lines) noexcept {
  TextScan scan;
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t length = DecodeOne(text, i, cp);
    if (length == 0) {
      scan.valid_utf8 = false;
      return scan;
    }
    i += length;
    ++scan.chars;
    if (IsControl(cp, lines)) scan.has_control = true;
    if (!IsSpace(cp)) scan.blank = false;
  }
  return scan;
}

}  // namespace trygg::domain::internal
