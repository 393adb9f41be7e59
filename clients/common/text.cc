#include "common/text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <iterator>

namespace trygg::client {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // "…", one column

struct Range {
  char32_t first;
  char32_t last;
};

// Combining marks and zero-width characters of the scripts trygg's users write in (Latin, with
// decomposed "a" + U+0308 for "ä"), plus the common zero-width format characters. Sorted.
constexpr std::array<Range, 31> kZeroWidth = {{
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF},
    {0x05C1, 0x05C2},   {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x0610, 0x061A},
    {0x064B, 0x065F},   {0x0670, 0x0670},   {0x06D6, 0x06DC},   {0x06DF, 0x06E4},
    {0x06E7, 0x06E8},   {0x06EA, 0x06ED},   {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},
    {0x0E47, 0x0E4E},   {0x1160, 0x11FF},   {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF},
    {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x2064},   {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F},   {0xFEFF, 0xFEFF},   {0x1F3FB, 0x1F3FF},
    {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
}};

// East Asian Wide and Fullwidth characters and the emoji terminals draw two columns wide. Sorted.
constexpr std::array<Range, 30> kWide = {{
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},
    {0x26C4, 0x26C5},   {0x2705, 0x2705},   {0x2728, 0x2728},   {0x274C, 0x274C},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
}};

template <std::size_t N>
bool InRanges(const std::array<Range, N>& ranges, char32_t c) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                             [](char32_t value, const Range& r) { return value < r.first; });
  if (it == ranges.begin()) return false;
  return c <= std::prev(it)->last;
}

// Decodes the code point at text[*at] and advances past it. Invalid UTF-8 (a stray continuation
// byte, a truncated or overlong sequence, a surrogate, beyond U+10FFFF) yields U+FFFD and
// advances one byte, so decoding always makes progress.
char32_t Decode(std::string_view text, std::size_t* at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const std::size_t i = *at;
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    *at = i + 1;
    return lead;
  }
  std::size_t length = 0;
  char32_t c = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, c = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, c = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, c = lead & 0x07, min = 0x10000;
  } else {
    *at = i + 1;
    return kReplacement;
  }
  if (i + length > text.size()) {
    *at = i + 1;
    return kReplacement;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      *at = i + 1;
      return kReplacement;
    }
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *at = i + 1;
    return kReplacement;
  }
  *at = i + length;
  return c;
}

void Encode(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c < 0xA0); }

}  // namespace

int CodePointWidth(char32_t c) {
  if (IsControl(c)) return 0;
  if (c < 0x300) return 1;  // ASCII and Latin-1, the common case
  if (InRanges(kZeroWidth, c)) return 0;
  if (InRanges(kWide, c)) return 2;
  return 1;
}

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  std::size_t at = 0;
  while (at < text.size()) width += static_cast<std::size_t>(CodePointWidth(Decode(text, &at)));
  return width;
}

std::string SanitizeLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t start = at;
    const char32_t c = Decode(text, &at);
    if (IsControl(c)) {
      out.push_back(' ');
    } else if (c == kReplacement) {
      Encode(kReplacement, &out);  // also replaces an invalid byte
    } else {
      out.append(text.substr(start, at - start));
    }
  }
  return out;
}

std::string TruncateToWidth(std::string_view text, std::size_t max_width) {
  if (DisplayWidth(text) <= max_width) return std::string(text);
  if (max_width == 0) return "";
  const std::size_t budget = max_width - 1;  // room for the ellipsis
  std::size_t width = 0;
  std::size_t at = 0;
  std::size_t keep = 0;  // bytes of whole characters (base plus its combining marks) that fit
  while (at < text.size()) {
    std::size_t next = at;
    const int w = CodePointWidth(Decode(text, &next));
    // A zero-width mark belongs to the character before it, which was kept (the loop stops at
    // the first character that does not fit), so the mark is kept too.
    if (w == 0) {
      at = next;
      keep = next;
      continue;
    }
    if (width + static_cast<std::size_t>(w) > budget) break;
    width += static_cast<std::size_t>(w);
    at = next;
    keep = next;
  }
  std::string out(text.substr(0, keep));
  // Trailing spaces before the ellipsis read as a gap; drop them.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out.append(kEllipsis);
  return out;
}

std::string PadToWidth(std::string_view text, std::size_t width, Align align) {
  const std::size_t have = DisplayWidth(text);
  if (have >= width) return std::string(text);
  const std::string pad(width - have, ' ');
  return align == Align::kLeft ? std::string(text) + pad : pad + std::string(text);
}

std::string JoinNonEmpty(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string PlainNumber(double value) {
  char buffer[64];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (error != std::errc()) return std::to_string(value);
  return std::string(buffer, end);
}

}  // namespace trygg::client
