// The rows of `trygg measure import`: a workshop's list of proposed measures as CSV, one row per
// measure, turned into ProposeMeasure requests. Pure (no I/O): the import command
// (import_command.cc) reads the file, asks the server about the plan and sends the requests.
//
// The file: a header row naming the columns (any case, in any order; ' ' and '-' read as '_'):
//   focus_area (required), title (required), description, causes, kind, effort, effect, id.
// `causes` lists cause ids or cause numbers within the row's focus area, separated by ';', ','
// or spaces. kind, effort and effect are spelled as on the command line (situational, one-off,
// long-term). `id` is the measure's id; when empty one is derived from the row.
//
// Idempotency: a row's command_id is "import-" and 16 hex digits of the FNV-1a 64-bit hash of
// the plan and the row as it will be sent (focus area, title, description, causes resolved to
// ids, kind, effort, effect, given id; fields trimmed), and so is its measure id ("m-" and the
// same 16 hex digits) when the row gives none. Importing the same file again sends the same
// requests: the server answers each with its first reply and appends nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/csv.h"
#include "common/outcome.h"

namespace trygg::v1 {
class ProposeMeasureRequest;
}

namespace trygg::cli {

// The most data rows one import takes; a larger list is split into several files.
inline constexpr std::size_t kMaxImportRows = 10000;

// One data row as written, trimmed, its enums parsed (0 when not given).
struct ImportRow {
  std::size_t line = 0;  // where it starts in the file, for the report
  std::string focus_area, title, description, measure_id;
  std::vector<std::string> causes;  // as written: cause ids or numbers
  int kind = 0, effort = 0, effect = 0;
};

// What the rows are checked against: the plan's focus areas and its causes (not retired).
struct ImportPlan {
  std::string plan_id;
  std::vector<std::string> focus_areas;  // keys, in the plan's order
  // focus area key -> cause number -> cause id.
  std::map<std::string, std::map<uint32_t, std::string>, std::less<>> numbered_causes;
  std::set<std::string, std::less<>> cause_ids;
};

// Where each column is in the file.
class ImportColumns {
 public:
  // Reads the header record. Fails (usage, "line N: ...") on an unknown or repeated column
  // name, naming the accepted ones, and when focus_area or title is missing.
  [[nodiscard]] static client::Outcome FromHeader(const client::CsvLine& header,
                                                  ImportColumns* columns);

  // True when every field of `record` is empty or blank: a blank line the file may contain.
  [[nodiscard]] static bool IsBlank(const client::CsvLine& record);

  // Reads a data record. "" on success, else the error ("line N: ..."): more fields than the
  // header has (fewer are read as empty), or a kind, effort or effect that is no such word.
  [[nodiscard]] std::string Parse(const client::CsvLine& record, ImportRow* row) const;

 private:
  std::vector<int> field_of_column_;  // per column (Column order), the field index or -1
  std::size_t header_fields_ = 0;
};

// The request `row` makes under `plan`: the focus area as the plan spells it, causes resolved to
// ids, the derived command id and (unless the row gives one) measure id, then checked with the
// domain's own validation of ProposeMeasure. "" on success, else the error ("line N: ...").
[[nodiscard]] std::string ImportRequest(const ImportRow& row, const ImportPlan& plan,
                                        v1::ProposeMeasureRequest* request);

}  // namespace trygg::cli
