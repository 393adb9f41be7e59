// The xlsx writer (libxlsxwriter): the summary sheet, then one sheet per section. Cells are typed
// so that a spreadsheet program can sum and sort them: numbers and amounts as numbers with
// grouping formats, dates as dates. The formats are written in the file's own notation ("," for
// grouping, "." for decimals); the spreadsheet program shows them in its locale, "12 500 kr" and
// "2,5" in a Swedish one. Charts are left out, as in Markdown: their figures are in the tables.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/text.h"
#include "report/number_format.h"
#include "report/render.h"

namespace trygg::report {
namespace {

// Excel's limits: a sheet name of 31 UTF-16 units without []:*?/\ , a cell of 32767 characters.
constexpr std::size_t kSheetNameMax = 31;
constexpr std::string_view kSheetNameForbidden = "[]:*?/\\";
constexpr std::size_t kCellTextMax = 32767;

// Column widths in characters: wide enough for a date or a small number, and long texts wrap
// within kWidestColumn rather than running across the sheet.
constexpr double kNarrowestColumn = 8;
constexpr double kWidestColumn = 50;

constexpr std::uint8_t kPaperA4 = 9;  // Excel's paper size index

// The workbook's "created" time when the Document states none: 2000-01-01T00:00:00Z. Never the
// clock, so that the same report gives the same bytes.
constexpr std::time_t kFallbackCreated = 946684800;

// The bytes of the code point that starts at text[*at]; advances *at past it.
std::string_view NextCodePoint(std::string_view text, std::size_t* at) {
  const std::size_t start = (*at)++;
  while (*at < text.size() && (static_cast<unsigned char>(text[*at]) & 0xC0) == 0x80) ++*at;
  return text.substr(start, *at - start);
}

// `text` cut to at most `max_code_points` code points (Excel's cell limit counts characters).
std::string CutToCodePoints(std::string_view text, std::size_t max_code_points) {
  std::size_t at = 0;
  for (std::size_t n = 0; n < max_code_points && at < text.size(); ++n) NextCodePoint(text, &at);
  return std::string(text.substr(0, at));
}

// The name folded for Excel's case-insensitive comparison of sheet names: ASCII and the Latin-1
// capitals ("Å", "Ä", "Ö", "É" …) in lower case.
std::string Folded(std::string_view name) {
  std::string out(name);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c | 0x20);
    if (c == 0xC3 && i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

// `name` as a valid sheet name of at most `max_units` UTF-16 units: forbidden characters and
// controls become '-', no leading or trailing apostrophe or space.
std::string CleanSheetName(std::string_view name, std::size_t max_units) {
  std::string out;
  std::size_t units = 0;
  std::size_t at = 0;
  while (at < name.size()) {
    const std::string_view code_point = NextCodePoint(name, &at);
    const std::size_t cost = code_point.size() == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair
    if (units + cost > max_units) break;
    units += cost;
    const bool bad = code_point.size() == 1 &&
                     (kSheetNameForbidden.find(code_point[0]) != std::string_view::npos ||
                      static_cast<unsigned char>(code_point[0]) < 0x20);
    out += bad ? std::string("-") : std::string(code_point);
  }
  const auto trimmed = [](char c) { return c == '\'' || c == ' '; };
  while (!out.empty() && trimmed(out.back())) out.pop_back();
  out.erase(out.begin(), std::find_if_not(out.begin(), out.end(), trimmed));
  return out;
}

// Valid and unique sheet names, given in order. Excel compares them without case and reserves
// "History".
class SheetNames {
 public:
  std::string Take(const std::string& wanted, const std::string& fallback) {
    std::string base = CleanSheetName(wanted, kSheetNameMax);
    if (base.empty()) base = fallback;
    std::string name = base;
    for (int n = 2; taken_.count(Folded(name)) > 0; ++n) {
      const std::string suffix = " (" + std::to_string(n) + ")";
      name = CleanSheetName(base, kSheetNameMax - suffix.size()) + suffix;
    }
    taken_.insert(Folded(name));
    return name;
  }

 private:
  std::set<std::string> taken_{"history"};
};

// Parses a calendar date "YYYY-MM-DD" at the start of `text`.
bool ParseDate(std::string_view text, lxw_datetime* date) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  const auto number = [&](std::size_t from, std::size_t length, int* out) {
    *out = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      *out = *out * 10 + (text[i] - '0');
    }
    return true;
  };
  int year = 0;
  int month = 0;
  int day = 0;
  if (!number(0, 4, &year) || !number(5, 2, &month) || !number(8, 2, &day)) return false;
  static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1] ||
      (month == 2 && day == 29 && !leap)) {
    return false;
  }
  *date = lxw_datetime{year, month, day, 0, 0, 0};
  return true;
}

// The moment the report reflects, for the workbook's "created" property: the first fact that is a
// time ("2026-12-31T09:15:00Z", "2026-12-31 09:15:00", or a date, taken as midnight UTC). The
// facts hold the log position, its time, the head hash and the plan version; only the time reads
// as one.
std::time_t CreatedTime(const Document& document) {
  for (const auto& fact : document.facts) {
    const std::string& value = fact.second;
    lxw_datetime date;
    if (!ParseDate(value, &date)) continue;
    std::tm tm{};
    tm.tm_year = date.year - 1900;
    tm.tm_mon = date.month - 1;
    tm.tm_mday = date.day;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (value.size() >= 19 && (value[10] == 'T' || value[10] == ' ') &&
        std::sscanf(value.c_str() + 11, "%2d:%2d:%2d", &hour, &minute, &second) == 3) {
      tm.tm_hour = hour;
      tm.tm_min = minute;
      tm.tm_sec = second;
    }
    return timegm(&tm);
  }
  return kFallbackCreated;
}

bool IsWhole(double v) { return std::isfinite(v) && v == std::floor(v); }

struct Formats {
  lxw_format* title;
  lxw_format* heading;
  lxw_format* label;   // bold
  lxw_format* header;  // a table's column headers
  lxw_format* text;    // table text: wraps within the column
  lxw_format* whole;
  lxw_format* decimal;
  lxw_format* sek_whole;
  lxw_format* sek_decimal;
  lxw_format* date;
  lxw_format* green;
  lxw_format* yellow;
  lxw_format* red;

  explicit Formats(lxw_workbook* workbook) {
    title = workbook_add_format(workbook);
    format_set_bold(title);
    format_set_font_size(title, 14);
    heading = workbook_add_format(workbook);
    format_set_bold(heading);
    format_set_font_size(heading, 12);
    label = workbook_add_format(workbook);
    format_set_bold(label);
    header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_pattern(header, LXW_PATTERN_SOLID);
    format_set_bg_color(header, 0xE6E6E6);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    text = Wrapped(workbook);
    whole = Numeric(workbook, "#,##0");
    decimal = Numeric(workbook, "#,##0.0#");
    sek_whole = Numeric(workbook, "#,##0 \"kr\"");
    sek_decimal = Numeric(workbook, "#,##0.00 \"kr\"");
    date = Numeric(workbook, "yyyy-mm-dd");
    // The spreadsheet programs' "good", "neutral" and "bad" cell styles.
    green = Health(workbook, 0xC6EFCE, 0x006100);
    yellow = Health(workbook, 0xFFEB9C, 0x9C5700);
    red = Health(workbook, 0xFFC7CE, 0x9C0006);
  }

 private:
  static lxw_format* Wrapped(lxw_workbook* workbook) {
    lxw_format* format = workbook_add_format(workbook);
    format_set_text_wrap(format);
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    return format;
  }
  static lxw_format* Numeric(lxw_workbook* workbook, const char* number_format) {
    lxw_format* format = workbook_add_format(workbook);
    format_set_num_format(format, number_format);
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    return format;
  }
  static lxw_format* Health(lxw_workbook* workbook, lxw_color_t fill, lxw_color_t ink) {
    lxw_format* format = Wrapped(workbook);
    format_set_pattern(format, LXW_PATTERN_SOLID);
    format_set_bg_color(format, fill);
    format_set_font_color(format, ink);
    return format;
  }
};

// Writes one sheet top to bottom, keeping the first error and the columns' widths.
class SheetWriter {
 public:
  // Prints on A4, as wide as the page.
  SheetWriter(lxw_worksheet* sheet, const Formats& formats, lxw_error* error)
      : sheet_(sheet), formats_(formats), error_(error) {
    worksheet_set_paper(sheet_, kPaperA4);
    worksheet_fit_to_pages(sheet_, 1, 0);
  }

  void Line(const std::string& text, lxw_format* format) {
    Text(row_, 0, text, format);
    ++row_;
  }
  void Fact(const std::string& label, const std::string& value) {
    Text(row_, 0, label, formats_.label);
    Widen(0, label);
    Text(row_, 1, value, nullptr);
    ++row_;
  }
  void Skip() { ++row_; }

  void Blocks(const std::vector<Block>& blocks) {
    for (const Block& block : blocks) {
      if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
        Line(paragraph->text, nullptr);
        Skip();
      } else if (const auto* table = std::get_if<Table>(&block)) {
        WriteTable(*table);
        Skip();
      }
    }
  }

  // Sets the widths of the columns the tables used.
  void Finish() {
    for (std::size_t c = 0; c < widths_.size(); ++c) {
      const double width = std::clamp(widths_[c] + 2, kNarrowestColumn, kWidestColumn);
      Check(worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 width, nullptr));
    }
  }

 private:
  void WriteTable(const Table& table) {
    if (!table.title.empty()) Line(table.title, formats_.heading);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      Text(row_, c, table.columns[c], formats_.header);
      Widen(c, table.columns[c]);
    }
    // The first table's header stays in view while its rows scroll, and is printed on every page.
    if (!frozen_) {
      worksheet_freeze_panes(sheet_, row_ + 1, 0);
      Check(worksheet_repeat_rows(sheet_, row_, row_));
    }
    frozen_ = true;
    ++row_;
    for (const auto& cells : table.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c) WriteCell(c, cells[c]);
      ++row_;
    }
  }

  void WriteCell(std::size_t column, const Cell& cell) {
    const auto col = static_cast<lxw_col_t>(column);
    switch (cell.type) {
      case Cell::Type::kText:
        Text(row_, column, cell.text, formats_.text);
        Widen(column, cell.text);
        return;
      case Cell::Type::kNumber:
        Check(worksheet_write_number(sheet_, row_, col, cell.number,
                                     IsWhole(cell.number) ? formats_.whole : formats_.decimal));
        Widen(column, FormatNumber(cell.number));
        return;
      case Cell::Type::kSek:
        Check(worksheet_write_number(
            sheet_, row_, col, cell.number,
            IsWhole(cell.number) ? formats_.sek_whole : formats_.sek_decimal));
        Widen(column, FormatSek(cell.number));
        return;
      case Cell::Type::kDate: {
        lxw_datetime date;
        if (ParseDate(cell.text, &date) && cell.text.size() == 10) {
          Check(worksheet_write_datetime(sheet_, row_, col, &date, formats_.date));
        } else {
          Text(row_, column, cell.text, formats_.text);
        }
        Widen(column, cell.text);
        return;
      }
      case Cell::Type::kHealth:
        Text(row_, column, cell.text, HealthFormat(cell.health));
        Widen(column, cell.text);
        return;
    }
  }

  lxw_format* HealthFormat(Health health) const {
    switch (health) {
      case Health::kNone: return formats_.text;
      case Health::kGreen: return formats_.green;
      case Health::kYellow: return formats_.yellow;
      case Health::kRed: return formats_.red;
    }
    return formats_.text;
  }

  void Text(lxw_row_t row, std::size_t column, const std::string& text, lxw_format* format) {
    if (text.empty()) return;
    const std::string cell = CutToCodePoints(text, kCellTextMax);
    Check(
        worksheet_write_string(sheet_, row, static_cast<lxw_col_t>(column), cell.c_str(), format));
  }

  // The column fits its longest line of text.
  void Widen(std::size_t column, const std::string& text) {
    if (widths_.size() <= column) widths_.resize(column + 1, 0);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      widths_[column] = std::max(widths_[column], static_cast<double>(client::DisplayWidth(line)));
    }
  }

  void Check(lxw_error error) {
    if (error != LXW_NO_ERROR && *error_ == LXW_NO_ERROR) *error_ = error;
  }

  lxw_worksheet* sheet_;
  const Formats& formats_;
  lxw_error* error_;
  lxw_row_t row_ = 0;
  bool frozen_ = false;
  std::vector<double> widths_;
};

// A file made by mkstemps, removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    const char* base = std::getenv("TMPDIR");
    directory_ = base != nullptr && *base != '\0' ? base : "/tmp";
    std::string pattern = directory_ + "/trygg-report-XXXXXX.xlsx";
    const int fd = mkstemps(pattern.data(), 5);
    if (fd < 0) return;
    ::close(fd);
    path_ = pattern;
  }
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  std::string& directory() { return directory_; }

 private:
  std::string directory_;
  std::string path_;
};

// Writes every sheet; returns what went wrong beyond a libxlsxwriter error (kept in *error).
std::string WriteSheets(const Document& document, lxw_workbook* workbook, lxw_error* error) {
  const bool sv = document.lang == Lang::kSv;
  const Formats formats(workbook);
  SheetNames names;

  const std::string summary_name =
      names.Take(document.summary.sheet_name, sv ? "Sammanfattning" : "Summary");
  lxw_worksheet* summary = workbook_add_worksheet(workbook, summary_name.c_str());
  if (summary == nullptr) return "cannot add the sheet '" + summary_name + "'";
  SheetWriter first(summary, formats, error);
  first.Line(document.title, formats.title);
  if (!document.subtitle.empty()) first.Line(document.subtitle, formats.heading);
  for (const auto& [label, value] : document.facts) first.Fact(label, value);
  first.Skip();
  if (!document.summary.title.empty()) first.Line(document.summary.title, formats.heading);
  first.Blocks(document.summary.blocks);
  first.Finish();

  for (std::size_t i = 0; i < document.sections.size(); ++i) {
    const Section& section = document.sections[i];
    const std::string fallback = (sv ? "Område " : "Area ") + std::to_string(i + 1);
    const std::string name = names.Take(section.sheet_name, fallback);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    if (sheet == nullptr) return "cannot add the sheet '" + name + "'";
    SheetWriter writer(sheet, formats, error);
    if (!section.title.empty()) writer.Line(section.title, formats.heading);
    writer.Skip();
    writer.Blocks(section.blocks);
    writer.Finish();
  }
  return "";
}

}  // namespace

std::string RenderXlsx(const Document& document, std::string* error) {
  TempFile file;
  if (!file.ok()) {
    *error = "cannot create a temporary file in " + file.directory();
    return {};
  }
  lxw_workbook_options options{};
  options.tmpdir = file.directory().data();
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (workbook == nullptr) {
    *error = "cannot start a workbook at " + file.path();
    return {};
  }
  std::string title = document.title;
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.created = CreatedTime(document);
  lxw_error failed = workbook_set_properties(workbook, &properties);
  std::string problem;
  if (failed == LXW_NO_ERROR) problem = WriteSheets(document, workbook, &failed);
  // Closing writes the file; it also frees the workbook, so it runs after a failure too.
  const lxw_error closed = workbook_close(workbook);
  if (failed == LXW_NO_ERROR) failed = closed;
  if (problem.empty() && failed != LXW_NO_ERROR) {
    problem = std::string("cannot write the workbook: ") + lxw_strerror(failed);
  }
  if (!problem.empty()) {
    *error = problem;
    return {};
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    *error = "cannot read the workbook back from " + file.path();
    return {};
  }
  return bytes;
}

}  // namespace trygg::report
