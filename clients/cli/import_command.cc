// trygg measure import FILE.csv --plan PLAN [--dry-run]: the workshop's list of proposals, one
// ProposeMeasure per row (measure_import.h says what a row is and how its command id is
// derived). The command reads the whole file first and checks every row, locally and against
// the plan (its focus areas and causes, the measures it has), before it sends anything; rows with
// errors are reported by line and skipped, the others sent, several at a time. Rows whose
// measure the plan already has are reported as already imported and not sent again.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/measure_import.h"
#include "cli/write.h"
#include "common/csv.h"
#include "common/json.h"
#include "common/text.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

using client::CsvLine;
using client::CsvRecord;
using client::ExitCode;
using client::JsonObject;
using client::Outcome;
using client::OutputFormat;
using client::SanitizeLine;

namespace {

namespace v1 = ::trygg::v1;

constexpr std::size_t kMaxFileBytes = 64u << 20;  // 10,000 rows of long descriptions fit
constexpr std::size_t kInFlight = 16;             // requests sent at once
constexpr std::size_t kProgressRows = 200;        // a file this large reports progress on stderr
constexpr uint32_t kMeasurePage = 500;            // StatusService's largest page
constexpr std::size_t kMaxMeasurePages = 1000;    // a server that never stops paging is a bug
constexpr int kAttempts = 5;                      // tries per row while the server is busy

enum class RowStatus { kFailed, kWouldPropose, kProposed, kAlreadyImported, kDuplicate, kNotSent };

// How a row's status is spelled: in the report's rows, and as the count's key in json.
struct StatusSpelling {
  RowStatus status;
  const char* word;
  const char* json_count;
};
constexpr StatusSpelling kSpellings[] = {
    {RowStatus::kWouldPropose, "would-propose", "wouldPropose"},
    {RowStatus::kProposed, "proposed", "proposed"},
    {RowStatus::kAlreadyImported, "already-imported", "alreadyImported"},
    {RowStatus::kDuplicate, "duplicate", "duplicates"},
    {RowStatus::kFailed, "failed", "failed"},
    {RowStatus::kNotSent, "not-sent", "notSent"},
};

const char* StatusWord(RowStatus status) {
  for (const StatusSpelling& spelling : kSpellings) {
    if (spelling.status == status) return spelling.word;
  }
  return "";
}

// What became of one data row.
struct RowResult {
  std::size_t line = 0;
  RowStatus status = RowStatus::kFailed;
  ExitCode code = ExitCode::kOk;  // for kFailed
  std::string message;            // for kFailed ("line N: ..."), kDuplicate and kNotSent
  v1::ProposeMeasureRequest request;
};

struct ImportFields {
  std::string file, plan;
  bool dry_run = false;
};

Outcome ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Outcome::Fail(ExitCode::kUsage, "cannot read " + path + ": " + std::strerror(errno));
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<std::size_t>(size) > kMaxFileBytes) {
    return Outcome::Fail(ExitCode::kUsage, path + " is larger than " +
                                               std::to_string(kMaxFileBytes >> 20) +
                                               " MiB; split it into several files");
  }
  in.seekg(0);
  text->resize(static_cast<std::size_t>(size));
  if (!in.read(text->data(), size)) {
    return Outcome::Fail(ExitCode::kUsage, "cannot read " + path + ": " + std::strerror(errno));
  }
  return Outcome::Ok();
}

// The plan's focus areas and causes, and the measures it already has (by id).
Outcome ReadPlan(Session& s, v1::StatusService::Stub& stub, const std::string& plan_id,
                 ImportPlan* plan, std::map<std::string, v1::Measure>* measures) {
  plan->plan_id = plan_id;
  v1::GetPlanOverviewRequest overview_request;
  overview_request.set_plan_id(plan_id);
  v1::PlanOverview overview;
  if (Outcome read = CallUnary(s, stub, &v1::StatusService::Stub::GetPlanOverview, overview_request,
                               &overview, kPlanHint);
      !read.ok()) {
    return read;
  }
  for (const auto& area : overview.focus_areas())
    plan->focus_areas.push_back(area.focus_area().key());

  v1::GetSituationPictureRequest picture_request;
  picture_request.set_plan_id(plan_id);
  v1::SituationPicture picture;
  if (Outcome read = CallUnary(s, stub, &v1::StatusService::Stub::GetSituationPicture,
                               picture_request, &picture, kPlanHint);
      !read.ok()) {
    return read;
  }
  for (const auto& area : picture.focus_areas()) {
    for (const auto& cause : area.causes()) {
      if (cause.retired()) continue;
      plan->numbered_causes[area.focus_area().key()][cause.number()] = cause.cause_id();
      plan->cause_ids.insert(cause.cause_id());
    }
  }

  v1::ListMeasuresRequest list;
  list.set_plan_id(plan_id);
  list.set_page_size(kMeasurePage);
  for (std::size_t page = 0; page < kMaxMeasurePages; ++page) {
    v1::ListMeasuresResponse response;
    if (Outcome read =
            CallUnary(s, stub, &v1::StatusService::Stub::ListMeasures, list, &response, kPlanHint);
        !read.ok()) {
      return read;
    }
    for (auto& measure : *response.mutable_measures()) {
      (*measures)[measure.measure_id()] = std::move(measure);
    }
    if (response.next_page_token().empty()) return Outcome::Ok();
    list.set_page_token(response.next_page_token());
  }
  return Outcome::Fail(ExitCode::kOther, "the server kept paging the plan's measures");
}

// Checks every data row and decides what to do with it: failed, already imported, a duplicate
// of an earlier row, or to propose (kWouldPropose).
std::vector<RowResult> CheckRows(const std::vector<CsvLine>& records, const ImportColumns& columns,
                                 const ImportPlan& plan,
                                 const std::map<std::string, v1::Measure>& measures) {
  std::vector<RowResult> results;
  std::map<std::string, std::size_t> line_of_command, line_of_measure;
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (ImportColumns::IsBlank(records[i])) continue;
    RowResult result;
    result.line = records[i].line;
    ImportRow row;
    result.message = columns.Parse(records[i], &row);
    if (result.message.empty()) result.message = ImportRequest(row, plan, &result.request);
    if (!result.message.empty()) {
      result.code = ExitCode::kUsage;
      results.push_back(std::move(result));
      continue;
    }
    const std::string& id = result.request.measure_id();
    const std::string& command = result.request.command_id();
    if (auto seen = line_of_command.find(command); seen != line_of_command.end()) {
      result.status = RowStatus::kDuplicate;
      result.message = "the same as line " + std::to_string(seen->second);
    } else if (auto taken = line_of_measure.find(id); taken != line_of_measure.end()) {
      result.code = ExitCode::kConflict;
      result.message = "line " + std::to_string(result.line) + ": id " + id + " is also on line " +
                       std::to_string(taken->second);
    } else if (auto existing = measures.find(id); existing == measures.end()) {
      result.status = RowStatus::kWouldPropose;
    } else if (row.measure_id.empty() ||
               (existing->second.title() == result.request.title() &&
                existing->second.focus_area() == result.request.focus_area())) {
      // A derived id stands for this very row; a given one for the measure with its title.
      result.status = RowStatus::kAlreadyImported;
    } else {
      result.code = ExitCode::kConflict;
      result.message = "line " + std::to_string(result.line) + ": id " + id +
                       " is taken by another measure (\"" + existing->second.title() + "\")";
    }
    line_of_command.emplace(command, result.line);
    line_of_measure.emplace(id, result.line);
    results.push_back(std::move(result));
  }
  return results;
}

// Proposes every kWouldPropose row, kInFlight at a time. A row the server refuses is failed; on
// a refusal every row would get (no permission, no server) the rows not yet sent are not sent.
void SendRows(Session& s, std::vector<RowResult>* results) {
  std::vector<RowResult*> pending;
  for (RowResult& result : *results) {
    if (result.status == RowStatus::kWouldPropose) pending.push_back(&result);
  }
  auto stub = v1::ActionPlanService::NewStub(s.channel());
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::mutex progress;
  const bool report_progress = pending.size() >= kProgressRows;
  const std::size_t step = std::max<std::size_t>(1, pending.size() / 10);
  auto send = [&] {
    for (std::size_t i = next++; i < pending.size(); i = next++) {
      RowResult& result = *pending[i];
      if (stop) {
        result.status = RowStatus::kNotSent;
        result.message = "not sent after an earlier row's failure";
        continue;
      }
      grpc::Status status;
      v1::CommandReply reply;
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50 << attempt));
        auto context = s.NewContext();
        status = stub->ProposeMeasure(context.get(), result.request, &reply);
        if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) break;
      }
      if (status.ok()) {
        result.status = RowStatus::kProposed;
      } else {
        const Outcome failed = s.Failed(status, kPlanHint);
        result.status = RowStatus::kFailed;
        result.code = failed.code();
        result.message = "line " + std::to_string(result.line) + ": " + failed.message();
        if (failed.code() == ExitCode::kDenied || failed.code() == ExitCode::kUnavailable) {
          stop = true;
        }
      }
      const std::size_t finished = ++done;
      if (report_progress && (finished % step == 0 || finished == pending.size())) {
        std::lock_guard lock(progress);
        std::cerr << "trygg: measure import: " << finished << " of " << pending.size()
                  << " rows sent\n";
      }
    }
  };
  std::vector<std::jthread> senders;
  for (std::size_t i = 0; i < std::min(kInFlight, pending.size()); ++i) senders.emplace_back(send);
}

// "1 row", "3 rows"; `plural` defaults to `one`, for words that do not change ("failed").
std::string Counted(std::size_t n, const std::string& one, const std::string& plural = "") {
  return std::to_string(n) + " " + (n == 1 || plural.empty() ? one : plural);
}

// Prints the per-row report and returns the command's outcome: failed (with the first failed
// row's exit code) when any row failed.
Outcome Report(Session& s, const ImportFields& f, const std::vector<RowResult>& results) {
  std::map<RowStatus, std::size_t> counts;
  for (const RowResult& r : results) ++counts[r.status];
  switch (s.format()) {
    case OutputFormat::kJson: {
      std::vector<std::string> rows;
      for (const RowResult& r : results) {
        JsonObject row(JsonObject::Layout::kCompact);
        row.AddNumber("line", r.line).AddString("status", StatusWord(r.status));
        row.AddString("measureId", r.status == RowStatus::kFailed ? "" : r.request.measure_id());
        row.AddString("commandId", r.status == RowStatus::kFailed ? "" : r.request.command_id());
        row.AddString("title", r.request.title()).AddString("message", r.message);
        rows.push_back(row.Finish());
      }
      JsonObject doc;
      doc.AddString("planId", f.plan).AddString("file", f.file).AddBool("dryRun", f.dry_run);
      for (const StatusSpelling& spelling : kSpellings) {
        doc.AddNumber(spelling.json_count, counts[spelling.status]);
      }
      doc.AddArray("rows", rows);
      s.out() << doc.Finish();
      break;
    }
    case OutputFormat::kCsv:
      s.out() << CsvRecord({"line", "status", "measure_id", "command_id", "title", "message"});
      for (const RowResult& r : results) {
        const bool failed = r.status == RowStatus::kFailed;
        s.out() << CsvRecord({std::to_string(r.line), StatusWord(r.status),
                              failed ? "" : r.request.measure_id(),
                              failed ? "" : r.request.command_id(), r.request.title(), r.message});
      }
      break;
    case OutputFormat::kTable: {
      for (const RowResult& r : results) {
        const std::string at = "line " + std::to_string(r.line) + ": ";
        const std::string& id = r.request.measure_id();
        const std::string title = " (" + r.request.title() + ")";
        std::string text;
        switch (r.status) {
          case RowStatus::kFailed: text = r.message; break;
          case RowStatus::kWouldPropose: text = at + "would propose " + id + title; break;
          case RowStatus::kProposed: text = at + "proposed " + id + title; break;
          case RowStatus::kAlreadyImported: text = at + "already imported as " + id + title; break;
          case RowStatus::kDuplicate: text = at + r.message + ", skipped"; break;
          case RowStatus::kNotSent: text = at + r.message; break;
        }
        s.out() << SanitizeLine(text) << "\n";
      }
      std::string summary = Counted(results.size(), "row", "rows") + (f.dry_run ? " checked" : "") +
                            " for plan " + f.plan + ": ";
      summary += f.dry_run ? Counted(counts[RowStatus::kWouldPropose], "would be proposed")
                           : Counted(counts[RowStatus::kProposed], "proposed");
      summary += ", " + Counted(counts[RowStatus::kAlreadyImported], "already imported");
      if (counts[RowStatus::kDuplicate] > 0) {
        summary += ", " + Counted(counts[RowStatus::kDuplicate], "duplicate", "duplicates");
      }
      summary += ", " + Counted(counts[RowStatus::kFailed], "failed");
      if (counts[RowStatus::kNotSent] > 0) {
        summary += ", " + Counted(counts[RowStatus::kNotSent], "not sent");
      }
      s.out() << SanitizeLine(summary) << (f.dry_run ? "; nothing was changed" : "") << "\n";
      break;
    }
  }
  const auto first_failed = std::find_if(results.begin(), results.end(), [](const RowResult& r) {
    return r.status == RowStatus::kFailed;
  });
  if (first_failed == results.end()) return Outcome::Ok();
  const std::size_t failed = counts[RowStatus::kFailed];
  return Outcome::Fail(first_failed->code,
                       Counted(failed, "row", "rows") + " of " + std::to_string(results.size()) +
                           " failed, the first on line " + std::to_string(first_failed->line) +
                           (f.dry_run ? "" : "; the other rows were imported") +
                           "; fix the rows the report names and import the file again");
}

Outcome RunImport(Session& s, const ImportFields& f) {
  std::string text;
  if (Outcome read = ReadFile(f.file, &text); !read.ok()) return read;
  std::vector<CsvLine> records;
  if (Outcome parsed =
          client::ReadCsv(text, client::GuessCsvSeparator(text), kMaxImportRows + 1, &records);
      !parsed.ok()) {
    return Outcome::Fail(parsed.code(), f.file + ": " + parsed.message() +
                                            (records.size() > kMaxImportRows
                                                 ? " (at most " + std::to_string(kMaxImportRows) +
                                                       " rows; split the file)"
                                                 : ""));
  }
  if (records.empty()) {
    return Outcome::Fail(ExitCode::kUsage,
                         f.file + " is empty; it needs a header row naming the columns");
  }
  ImportColumns columns;
  if (Outcome header = ImportColumns::FromHeader(records.front(), &columns); !header.ok()) {
    return Outcome::Fail(header.code(), f.file + ": " + header.message());
  }
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto status = v1::StatusService::NewStub(s.channel());
  ImportPlan plan;
  std::map<std::string, v1::Measure> measures;
  if (Outcome read = ReadPlan(s, *status, f.plan, &plan, &measures); !read.ok()) return read;
  std::vector<RowResult> results = CheckRows(records, columns, plan, measures);
  if (!f.dry_run) SendRows(s, &results);
  return Report(s, f, results);
}

}  // namespace

void AddImportCommand(const CommandGroups& groups, Action* action) {
  static_assert(kMaxImportRows == 10000, "the help below says 10,000 rows");
  auto fields = std::make_shared<ImportFields>();
  CLI::App* command = groups.measure->add_subcommand(
      "import",
      "Propose the measures of a CSV file, one per row: the workshop's list of proposals "
      "(roles: coordinator, agency)");
  command->add_option("FILE", fields->file, "the CSV file (',' or ';' separated, UTF-8)")
      ->required();
  command->add_option("--plan", fields->plan, "the plan id")->required();
  command->add_flag("--dry-run", fields->dry_run,
                    "check every row against the plan and say what would be proposed; change "
                    "nothing");
  command->footer(
      "The file starts with a header row naming its columns (any case, any order):\n"
      "  focus_area   required: a focus area key of the plan\n"
      "  title        required: up to 200 characters\n"
      "  description  free text\n"
      "  causes       cause ids, or cause numbers within the row's focus area, separated by "
      "';' or spaces\n"
      "  kind         situational or social\n"
      "  effort       one-off or ordinary-work\n"
      "  effect       short-term or long-term\n"
      "  id           the measure's id, [a-z0-9-] (default: derived from the row)\n"
      "At most 10,000 rows. Each row's command id (and measure id, unless given) is derived from "
      "the plan and "
      "the row, so importing the same file again proposes nothing twice: rows already imported "
      "are reported as such. Rows with errors are reported by line and skipped; the others are "
      "imported, and the exit code is not 0 when any row failed.\n\n"
      "Example:\n"
      "  trygg measure import workshop-2026-10-14.csv --plan tryggare-varnamo-2026 --dry-run\n"
      "with workshop-2026-10-14.csv:\n"
      "  focus_area,title,causes,kind,effort,effect\n"
      "  narkotika,Riktade kontroller vid resecentrum,1;2,situational,ordinary-work,short-term\n"
      "  otrygghet,Belysning i gångtunneln vid Mossleberg,3,situational,one-off,long-term");
  command->callback(
      [action, fields] { *action = [fields](Session& s) { return RunImport(s, *fields); }; });
}

}  // namespace trygg::cli
