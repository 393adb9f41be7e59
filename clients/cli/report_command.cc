// trygg plan report PLAN: the plan in the council's template, a period's follow-up or the public
// page, as of any moment, as Markdown, CSV, HTML or an xlsx workbook. StatusService.GetPlanReport
// answers with the projections as they stood then; every page reflects the first page's position
// and date, so a report never mixes two moments. The report library (clients/report) decides
// what each kind says and how each format looks; this file only asks and writes.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/read_support.h"
#include "report/build.h"
#include "report/render.h"
#include "trygg/domain/period.h"
#include "trygg/domain/validate.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

using client::ExitCode;
using client::Outcome;

namespace {

namespace v1 = ::trygg::v1;
using StatusStub = v1::StatusService::Stub;

constexpr uint32_t kReportPage = 200;  // GetPlanReport's default page
constexpr int kReadAttempts = 3;       // reads of a report whose moment moves while it is read
// NOT_FOUND: no such plan, or not at that moment.
constexpr char kReportHint[] =
    "check the plan id, and that the plan existed then and had that adopted version ('trygg plan "
    "show PLAN' shows the version adopted last)";

struct ReportOptions {
  std::string plan, as_of, period, kind, format, out, lang = "sv";
  uint32_t version = 0;
  uint64_t min_position = 0;
};

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// --as-of: a log position (digits, at most 19: it fits 64 bits) or a date (YYYY-MM-DD); the empty
// string when valid.
std::string CheckAsOf(const std::string& value) {
  if ((AllDigits(value) && value.size() <= 19) || domain::IsValidDate(value)) return "";
  return "takes a date (YYYY-MM-DD, e.g. 2026-12-31) or a log position (e.g. 1234), not '" + value +
         "'";
}

// --period, by the domain's one period rule; its message starts with "period".
std::string CheckPeriod(const std::string& value) {
  auto period = domain::ParsePeriod(value);
  return period.ok() ? "" : period.status().error_message();
}

// --version: an adopted version, counted from 1.
std::string CheckVersion(const std::string& value) {
  if (AllDigits(value) && value.size() <= 9 && std::stoul(value) > 0) return "";
  return "takes an adopted version of the plan (1, 2, ...), not '" + value + "'";
}

report::Kind KindOf(const std::string& word) {
  if (word == "follow-up") return report::Kind::kFollowUp;
  if (word == "public") return report::Kind::kPublic;
  return report::Kind::kPlan;
}

report::Format FormatOf(const std::string& word) {
  if (word == "csv") return report::Format::kCsv;
  if (word == "html") return report::Format::kHtml;
  if (word == "xlsx") return report::Format::kXlsx;
  return report::Format::kMarkdown;
}

// Writes `bytes` to `path` so that it appears whole or not at all: into a temporary file beside
// it, synced, then renamed over it.
Outcome WriteAtomically(const std::string& path, const std::string& bytes) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  auto failed = [&path](const char* what) {
    return Outcome::Fail(ExitCode::kOther, "cannot write " + path + " (" + what + ": " +
                                               std::strerror(errno) +
                                               "); check the directory and its permissions");
  };
  if (fd < 0) return failed("create");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Outcome outcome = failed("write");
      ::close(fd);
      ::unlink(temp.c_str());
      return outcome;
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp makes the file 0600; a report is no secret of the user's, so it gets the usual mode.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0 || ::fsync(fd) != 0) {
    Outcome outcome = failed("sync");
    ::close(fd);
    ::unlink(temp.c_str());
    return outcome;
  }
  if (::close(fd) != 0) {
    Outcome outcome = failed("close");
    ::unlink(temp.c_str());
    return outcome;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    Outcome outcome = failed("rename");
    ::unlink(temp.c_str());
    return outcome;
  }
  return Outcome::Ok();
}

Outcome RunReport(Session& s, const ReportOptions& options) {
  const report::Format format = FormatOf(options.format);
  if (format == report::Format::kXlsx && options.out.empty() && ::isatty(STDOUT_FILENO) == 1) {
    return Outcome::Fail(ExitCode::kUsage,
                         "an xlsx workbook is binary and standard output is a terminal; give "
                         "--out FILE.xlsx or redirect the output to a file");
  }
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(s.channel());
  v1::GetPlanReportRequest request;
  request.set_plan_id(options.plan);
  if (options.version > 0) {
    request.set_adopted_version(options.version);
  } else if (AllDigits(options.as_of)) {
    request.set_position(std::stoull(options.as_of));
  } else if (!options.as_of.empty()) {
    request.set_date(options.as_of);
  }
  request.set_period(options.period);
  request.set_page_size(kReportPage);
  request.set_min_position(options.min_position);
  // Every page must reflect the first page's moment: its log position and its "today", the date
  // overdue is judged by. Later pages therefore ask for the same as_of as the first. Pinned to
  // the first page's position instead, a page of a report as of a date, a time or now would judge
  // overdue by the date of that position's record. A position, an adopted version and a moment
  // already past resolve the same on every page; a report of now (or of a day not yet over) can
  // move while it is read, and is then read again from the first page.
  std::vector<v1::PlanReport> pages;
  bool moved = false;
  for (int attempt = 0; attempt < kReadAttempts; ++attempt) {
    pages.clear();
    moved = false;
    auto take = [&pages, &moved](v1::PlanReport&& page, v1::GetPlanReportRequest* /*next*/) {
      if (!pages.empty() &&
          (page.position() != pages.front().position() || page.today() != pages.front().today())) {
        moved = true;
        return false;
      }
      pages.push_back(std::move(page));
      return true;
    };
    if (Outcome paged = PageThrough(s, *stub, &StatusStub::GetPlanReport, request, take,
                                    kReportHint, "the plan has too many measures for one report");
        !paged.ok()) {
      return paged;
    }
    if (!moved) break;
  }
  if (moved) {
    return Outcome::Fail(ExitCode::kOther,
                         "the log kept growing while the report's pages were read; give --as-of "
                         "with a log position (or a past date) for a fixed moment");
  }
  const v1::PlanReport report = report::MergePages(pages);
  const report::Document document = report::BuildDocument(
      report, KindOf(options.kind), options.lang == "en" ? report::Lang::kEn : report::Lang::kSv);
  std::string error;
  const std::string bytes = report::Render(document, format, &error);
  if (!error.empty()) {
    return Outcome::Fail(ExitCode::kOther, "cannot make the " + options.format + " report (" +
                                               error + "); check that $TMPDIR is writable");
  }
  if (options.out.empty()) {
    s.out() << bytes;
    return Outcome::Ok();
  }
  if (Outcome written = WriteAtomically(options.out, bytes); !written.ok()) return written;
  s.out() << "Wrote " << options.out << ": " << options.plan << " as of log position "
          << report.position() << ", head hash " << report.head_hash() << "\n";
  return Outcome::Ok();
}

constexpr char kHelp[] = R"(Kinds:
  plan       the action plan in the council's template: per focus area the numbered causes
             with the findings behind them, each cause's measures (cause 2: 2.1, 2.2, ...),
             operational goals, when, who (responsible and partners with their commitments),
             the type of work, and each party's latest follow-up in green/yellow/red
  follow-up  one period (--period, default the latest followed up): per focus area and agency
             green/yellow/red/missing counts, hours and cost, goal values against baseline and
             target, what changed in the period (new, started, completed, withdrawn, deadlines
             moved), what is overdue, every yellow and red follow-up with its comment, and the
             traceability flags to fix before the next period
  public     the citizen promises and the status of the measures that fulfil them, in plain
             language: no comments, hours, costs, principal names or other internal fields

Formats:
  md    Markdown (headings and tables)
  csv   one table, RFC 4180 (a row per measure and cause, per measure and party, or per
        promise and measure)
  html  one self-contained page (no scripts, nothing fetched) with charts, that prints on A4
  xlsx  a workbook: a summary sheet, then one sheet per focus area (never to a terminal)

As of:
  Without --as-of or --version the report shows the plan now. --as-of 2026-12-31 shows it as
  it stood at the end of that day in the server's time zone (every event recorded before the
  next midnight there); --as-of 1234 as of log position 1234 (e.g. a head printed by
  'trygg-audit verify'); --version 2 as of the adoption of version 2 of the plan. A report of a
  past moment reads the same whenever it is made.

Checking a report:
  Every report states the log position and time it reflects, the plan version in force then
  and the head hash at that position (the SHA-256 of that record). Anyone holding a copy of the
  log can check a printed report against it with trygg-audit: the record at that position has
  that hash, and everything before it is chained to it:
    trygg-audit --data STORE verify --expect-head HASH@POSITION

Examples:
  trygg plan report tryggare-varnamo-2026 --kind follow-up --period 2026-T3 \
      --format html --out uppfoljning-2026-T3.html
  trygg plan report tryggare-varnamo-2026 --kind plan --version 1 \
      --format xlsx --out handlingsplan-v1.xlsx
  trygg plan report tryggare-varnamo-2026 --kind public --as-of 2026-12-31 --format md)";

}  // namespace

void AddPlanReportCommand(const CommandGroups& groups, Action* action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = AddRead(
      groups.plan, "report",
      "A report for the steering group or the public, as of any moment: the plan in the "
      "council's template, a period's follow-up, or the public page of citizen promises; as "
      "Markdown, CSV, HTML or an xlsx workbook, in Swedish (default) or English",
      "", options, RunReport, action);
  command->footer(kHelp);
  command->add_option("PLAN", options->plan, "the plan id")->required();
  CLI::Option* as_of =
      command
          ->add_option("--as-of", options->as_of,
                       "the moment: a date YYYY-MM-DD (the end of that day in the server's time "
                       "zone) or a log position; default now")
          ->check(CLI::Validator(CheckAsOf, "DATE|POSITION"));
  command
      ->add_option("--version", options->version,
                   "as of the adoption of this version of the plan (not with --as-of)")
      ->check(CLI::Validator(CheckVersion, "N"))
      ->excludes(as_of);
  command->add_option("--kind", options->kind, "plan, follow-up or public")
      ->required()
      ->check(CLI::IsMember({"plan", "follow-up", "public"}));
  command
      ->add_option("--period", options->period,
                   "the period followed up: 2026-T3, 2026-Q4, 2026-H2, 2026 or "
                   "2026-09-01/2026-12-31 (default: the latest period followed up)")
      ->check(CLI::Validator(CheckPeriod, "PERIOD"));
  command->add_option("--format", options->format, "md, csv, html or xlsx")
      ->required()
      ->check(CLI::IsMember({"md", "csv", "html", "xlsx"}));
  command
      ->add_option("--out", options->out,
                   "write to this file (replaced whole, never half-written); default standard "
                   "output")
      ->type_name("FILE");
  command->add_option("--lang", options->lang, "sv (default) or en")
      ->check(CLI::IsMember({"sv", "en"}));
}

}  // namespace trygg::cli
