#include "cli/measure_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>
#include <tuple>

#include "common/names.h"
#include "trygg/domain/measure_id.h"
#include "trygg/domain/validate.h"
#include "trygg/v1/action_plan.pb.h"

namespace trygg::cli {

using client::CsvLine;
using client::ExitCode;
using client::Outcome;
using client::Vocabulary;

namespace {

namespace v1 = ::trygg::v1;

// The columns, in the order the accepted names are listed.
enum Column { kFocusArea, kTitle, kDescription, kCauses, kKind, kEffort, kEffect, kId, kColumns };
constexpr std::array<std::string_view, kColumns> kColumnNames = {
    "focus_area", "title", "description", "causes", "kind", "effort", "effect", "id"};

std::string Line(std::size_t line) { return "line " + std::to_string(line) + ": "; }

std::string_view Trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// A header cell as a column name: trimmed, lower case, ' ' and '-' as '_'.
std::string ColumnName(std::string_view cell) {
  std::string name(Trim(cell));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return c == ' ' || c == '-' ? '_' : std::tolower(c); });
  return name;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return lower;
}

std::string AcceptedColumns() {
  std::string names;
  for (std::string_view name : kColumnNames) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

// "a; b c,d" -> {"a", "b", "c", "d"}.
std::vector<std::string> SplitCauses(std::string_view text) {
  std::vector<std::string> causes;
  std::string current;
  for (char c : text) {
    if (c == ';' || c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) causes.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) causes.push_back(std::move(current));
  return causes;
}

// The value of an enum column, or the error naming the column.
std::string ParseWord(Vocabulary vocabulary, std::string_view column, std::string_view text,
                      std::size_t line, int* value) {
  if (text.empty()) return "";
  const std::string error = client::EnumError(vocabulary, text);
  if (!error.empty()) return Line(line) + std::string(column) + ": " + error;
  *value = client::ParseEnum(vocabulary, text);
  return "";
}

// 16 lower-case hex digits.
std::string Hex(uint64_t value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) hex[static_cast<std::size_t>(i)] = kHex[value & 0xFu];
  return hex;
}

// Appends `field` length-prefixed, so that no two different rows encode alike.
void Append(std::string* encoded, std::string_view field) {
  *encoded += std::to_string(field.size());
  encoded->push_back(':');
  encoded->append(field);
}

// "narkotika, otrygghet, otillaten-paverkan".
std::string Joined(const std::vector<std::string>& keys) {
  std::string joined;
  for (const std::string& key : keys) joined += (joined.empty() ? "" : ", ") + key;
  return joined;
}

// The cause a row's `cause` names: an id of the plan, or a number within `focus_area`.
std::string ResolveCause(const std::string& cause, const std::string& focus_area,
                         const ImportPlan& plan, std::size_t line, std::string* id) {
  uint32_t number = 0;
  const char* end = cause.data() + cause.size();
  if (auto [at, error] = std::from_chars(cause.data(), end, number);
      error == std::errc() && at == end) {
    const auto area = plan.numbered_causes.find(focus_area);
    if (area != plan.numbered_causes.end()) {
      if (auto found = area->second.find(number); found != area->second.end()) {
        *id = found->second;
        return "";
      }
    }
    std::string numbers;
    if (area != plan.numbered_causes.end()) {
      for (const auto& [n, _] : area->second)
        numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
    }
    return Line(line) + "cause " + cause + " is not a cause of focus area " + focus_area + " (" +
           (numbers.empty() ? "it has none yet" : "its causes: " + numbers) + ")";
  }
  if (!plan.cause_ids.contains(cause)) {
    return Line(line) + "cause '" + cause + "' is not a cause of the plan (or it is retired)";
  }
  *id = cause;
  return "";
}

}  // namespace

Outcome ImportColumns::FromHeader(const CsvLine& header, ImportColumns* columns) {
  columns->field_of_column_.assign(kColumns, -1);
  columns->header_fields_ = header.fields.size();
  for (std::size_t field = 0; field < header.fields.size(); ++field) {
    const std::string name = ColumnName(header.fields[field]);
    const auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
    if (known == kColumnNames.end()) {
      return Outcome::Fail(ExitCode::kUsage,
                           Line(header.line) + "'" + std::string(header.fields[field]) +
                               "' is not a column of a measure import; use " + AcceptedColumns());
    }
    int& index = columns->field_of_column_[static_cast<std::size_t>(known - kColumnNames.begin())];
    if (index >= 0) {
      return Outcome::Fail(ExitCode::kUsage,
                           Line(header.line) + "column " + name + " appears twice");
    }
    index = static_cast<int>(field);
  }
  for (Column required : {kFocusArea, kTitle}) {
    if (columns->field_of_column_[required] < 0) {
      return Outcome::Fail(
          ExitCode::kUsage,
          Line(header.line) + "the header has no " + std::string(kColumnNames[required]) +
              " column (a header row naming the columns is required: " + AcceptedColumns() + ")");
    }
  }
  return Outcome::Ok();
}

bool ImportColumns::IsBlank(const CsvLine& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](const std::string& field) { return Trim(field).empty(); });
}

std::string ImportColumns::Parse(const CsvLine& record, ImportRow* row) const {
  row->line = record.line;
  for (std::size_t extra = header_fields_; extra < record.fields.size(); ++extra) {
    if (!Trim(record.fields[extra]).empty()) {
      return Line(record.line) + std::to_string(record.fields.size()) +
             " fields, but the header names " + std::to_string(header_fields_) + " columns";
    }
  }
  const auto field = [&](Column column) -> std::string_view {
    const int index = field_of_column_[column];
    if (index < 0 || static_cast<std::size_t>(index) >= record.fields.size()) return "";
    return Trim(record.fields[static_cast<std::size_t>(index)]);
  };
  row->focus_area = field(kFocusArea);
  row->title = field(kTitle);
  row->description = field(kDescription);
  row->measure_id = field(kId);
  row->causes = SplitCauses(field(kCauses));
  for (const auto& [vocabulary, column, value] :
       {std::tuple{Vocabulary::kMeasureKind, kKind, &row->kind},
        std::tuple{Vocabulary::kEffort, kEffort, &row->effort},
        std::tuple{Vocabulary::kExpectedEffect, kEffect, &row->effect}}) {
    if (std::string error =
            ParseWord(vocabulary, kColumnNames[column], field(column), record.line, value);
        !error.empty()) {
      return error;
    }
  }
  return "";
}

std::string ImportRequest(const ImportRow& row, const ImportPlan& plan,
                          v1::ProposeMeasureRequest* request) {
  const auto area =
      std::find_if(plan.focus_areas.begin(), plan.focus_areas.end(),
                   [&](const std::string& key) { return Lower(key) == Lower(row.focus_area); });
  if (row.focus_area.empty()) return Line(row.line) + "focus_area is empty";
  if (area == plan.focus_areas.end()) {
    return Line(row.line) + "focus_area '" + row.focus_area +
           "' is not a focus area of the plan (" + Joined(plan.focus_areas) + ")";
  }
  request->Clear();
  request->set_plan_id(plan.plan_id);
  request->set_focus_area(*area);
  request->set_title(row.title);
  request->set_description(row.description);
  for (const std::string& cause : row.causes) {
    std::string id;
    if (std::string error = ResolveCause(cause, *area, plan, row.line, &id); !error.empty()) {
      return error;
    }
    if (std::find(request->cause_ids().begin(), request->cause_ids().end(), id) ==
        request->cause_ids().end()) {
      request->add_cause_ids(id);
    }
  }
  request->set_kind(static_cast<v1::MeasureKind>(row.kind));
  request->set_effort(static_cast<v1::Effort>(row.effort));
  request->set_expected_effect(static_cast<v1::ExpectedEffect>(row.effect));

  std::string encoded = "trygg-measure-import-1";
  for (std::string_view field :
       {std::string_view(plan.plan_id), std::string_view(*area), std::string_view(row.title),
        std::string_view(row.description), std::string_view(row.measure_id)}) {
    Append(&encoded, field);
  }
  for (int value : {row.kind, row.effort, row.effect}) Append(&encoded, std::to_string(value));
  for (const std::string& id : request->cause_ids()) Append(&encoded, id);
  const std::string hash = Hex(domain::Fnv1a64(encoded));
  request->set_command_id("import-" + hash);
  request->set_measure_id(row.measure_id.empty() ? "m-" + hash : row.measure_id);

  if (const grpc::Status valid = domain::Validate(*request); !valid.ok()) {
    return Line(row.line) + valid.error_message();
  }
  return "";
}

}  // namespace trygg::cli
