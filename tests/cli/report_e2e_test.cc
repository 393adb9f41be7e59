// `trygg plan report` end to end: the Värnamo example written into a real store with fixed commit
// times (make_example_store: September 2026 to May 2027), the real trygg-server on it in
// Europe/Stockholm, the real trygg asking for every kind in every format at two past dates, each
// compared with a golden file in tests/cli/golden/report/ (an xlsx workbook by its sheet XML and
// shared strings, not its zip bytes). Nothing in them depends on today's date: each report states
// the date it was asked for. After a deliberate change, regenerate with TRYGG_UPDATE_GOLDEN=1 and
// review the diff.
//
// Also: a past report is the same after more commands are appended; --version 1 is the report as
// of the adoption's position; the usage errors and their exit codes; the public page holds none
// of the example's internal strings; the head hash a report states is the one trygg-audit finds
// at its position.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "cli_terminal.h"

#ifndef TRYGG_MAKE_EXAMPLE_STORE
#error "TRYGG_MAKE_EXAMPLE_STORE must name the make_example_store tool"
#endif
#ifndef TRYGG_AUDIT
#error "TRYGG_AUDIT must name the trygg-audit binary"
#endif

namespace trygg::testing {
namespace {

const std::vector<std::string> kFormats = {"md", "csv", "html", "xlsx"};

// The two past dates of the golden files, each with the period its follow-up report follows up:
// three weeks after the adoption (the promise made, no follow-up recorded yet), and after the
// second period's follow-ups.
struct Moment {
  std::string date;
  std::string period;
};
const std::vector<Moment> kMoments = {{"2026-11-30", "2026-T3"}, {"2027-06-30", "2027-T1"}};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// What `command` printed on stdout (through /bin/sh), and whether it exited 0.
bool Shell(const std::string& command, std::string* out) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out->append(buffer.data(), n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The workbook's content as text: the workbook part (its sheet names), the shared strings and
// every sheet's XML, each after a "== NAME" line, in name order. The zip's own bytes (entry times)
// are not compared.
std::string WorkbookXml(const std::filesystem::path& xlsx) {
  std::string names;
  EXPECT_TRUE(Shell("unzip -Z1 '" + xlsx.string() + "'", &names)) << "unzip cannot list " << xlsx;
  std::vector<std::string> parts;
  for (const std::string& name : Lines(names)) {
    if (name == "xl/workbook.xml" || name == "xl/sharedStrings.xml" ||
        (name.starts_with("xl/worksheets/") && name.ends_with(".xml"))) {
      parts.push_back(name);
    }
  }
  std::sort(parts.begin(), parts.end());
  std::string text;
  for (const std::string& part : parts) {
    std::string xml;
    EXPECT_TRUE(Shell("unzip -p '" + xlsx.string() + "' '" + part + "'", &xml)) << part;
    text += "== " + part + "\n" + xml + "\n";
  }
  return text;
}

std::string Describe(const std::vector<std::string>& args, const CliResult& result) {
  std::string text = "trygg";
  for (const std::string& a : args) text += " " + a;
  return text + "\n--- exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
         "--- stderr\n" + result.err;
}

class CliReport : public ::testing::Test {
 protected:
  void SetUp() override {
    const Output made = RunBinary(TRYGG_MAKE_EXAMPLE_STORE, {dir_.Sub("data").string()});
    ASSERT_EQ(made.exit_status, 0) << "make_example_store failed";
    for (const std::string& line : made.lines) {
      const std::size_t space = line.find(' ');
      facts_[line.substr(0, space)] = line.substr(space + 1);
    }
    ASSERT_TRUE(facts_.contains("adopted-1")) << "make_example_store printed no adoption";
    coordinator_ = AddToken(dir_, "samordnare", "coordinator", "varnamo-kommun-ks");
    reader_ = AddToken(dir_, "lasare", "reader");
    server_.emplace(dir_, std::vector<std::string>{"--tokens", dir_.Sub("tokens").string(),
                                                   "--time-zone", "Europe/Stockholm"});
    ASSERT_FALSE(server_->address().empty()) << "trygg-server did not start";
  }

  CliEnv Env() const {
    CliEnv env;
    env.set["HOME"] = dir_.Sub("home").string();
    env.set["XDG_CONFIG_HOME"] = dir_.Sub("xdg").string();
    env.set["COLUMNS"] = "100";
    return env;
  }

  std::vector<std::string> WithServer(const std::string& token,
                                      const std::vector<std::string>& args) const {
    std::vector<std::string> all = {"--server", server_->address(), "--token", token};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  CliResult Trygg(const std::string& token, const std::vector<std::string>& args) const {
    return RunCli(WithServer(token, args), Env());
  }

  std::string TryggOk(const std::string& token, const std::vector<std::string>& args) const {
    CliResult result = Trygg(token, args);
    EXPECT_EQ(result.exit_code, 0) << Describe(args, result);
    EXPECT_EQ(result.err, "") << Describe(args, result);
    return result.out;
  }

  // `trygg plan report` of the example with `args`, as a reader; its stdout (an xlsx workbook's
  // sheet XML: it is written with --out into the temporary directory and unzipped).
  std::string Report(std::vector<std::string> args, const std::string& format) {
    args.insert(args.begin(), {"plan", "report", kPlan, "--format", format});
    if (format != "xlsx") return TryggOk(reader_, args);
    const std::filesystem::path out = dir_.Sub("report-" + std::to_string(++files_) + ".xlsx");
    args.insert(args.end(), {"--out", out.string()});
    TryggOk(reader_, args);
    return WorkbookXml(out);
  }

  // The bytes `trygg plan report` of the example with `args` writes to standard output (a pipe,
  // so an xlsx workbook too).
  std::string Bytes(std::vector<std::string> args, const std::string& format) const {
    args.insert(args.begin(), {"plan", "report", kPlan, "--format", format});
    return TryggOk(reader_, args);
  }

  // Imports `count` proposed measures "Importerad åtgärd 1001" … (ids imp-1001 …, after the
  // example's by id) into the narkotika focus area, as the coordinator.
  void ImportMeasures(int count) const {
    std::string csv = "focus_area,title,id\n";
    for (int i = 1; i <= count; ++i) {
      const std::string n = std::to_string(1000 + i);
      csv += "narkotika,Importerad åtgärd " + n + ",imp-" + n + "\n";
    }
    const std::filesystem::path file = dir_.Sub("many.csv");
    std::ofstream(file) << csv;
    const CliResult imported =
        Trygg(coordinator_, {"measure", "import", file.string(), "--plan", kPlan});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;  // its progress goes to stderr
  }

  // Compares `text` with golden/report/`name` (or writes it there with TRYGG_UPDATE_GOLDEN=1).
  static void ExpectGolden(const std::string& name, const std::string& text) {
    const std::filesystem::path path =
        std::filesystem::path(TRYGG_CLI_GOLDEN_DIR) / "report" / name;
    const char* update = std::getenv("TRYGG_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
      std::filesystem::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << text;
      return;
    }
    ASSERT_TRUE(std::filesystem::exists(path))
        << "missing golden file " << path << "; run with TRYGG_UPDATE_GOLDEN=1";
    EXPECT_EQ(text, ReadFile(path)) << "differs from " << path;
  }

  // Every format of `kind` at both moments against its golden files, named
  // "<kind>_<date>.<format>" (xlsx: ".xlsx.xml").
  void ExpectGoldens(const std::string& kind) {
    for (const Moment& m : kMoments) {
      for (const std::string& format : kFormats) {
        SCOPED_TRACE(kind + " as of " + m.date + " as " + format);
        std::vector<std::string> args = {"--kind", kind, "--as-of", m.date};
        if (kind == "follow-up") args.insert(args.end(), {"--period", m.period});
        ExpectGolden(kind + "_" + m.date + "." + format + (format == "xlsx" ? ".xml" : ""),
                     Report(args, format));
      }
    }
  }

  TempDir dir_;
  std::map<std::string, std::string> facts_;  // what make_example_store printed
  std::string coordinator_, reader_;
  std::optional<RunningServer> server_;
  int files_ = 0;
};

TEST_F(CliReport, PlanInTheCouncilsTemplateMatchesItsGoldenFiles) { ExpectGoldens("plan"); }

TEST_F(CliReport, FollowUpOfAPeriodMatchesItsGoldenFiles) { ExpectGoldens("follow-up"); }

TEST_F(CliReport, PublicPageMatchesItsGoldenFiles) { ExpectGoldens("public"); }

TEST_F(CliReport, EnglishLabelsWithLangEn) {
  ExpectGolden("follow-up_2027-06-30_en.md", Report({"--kind", "follow-up", "--as-of", "2027-06-30",
                                                     "--period", "2027-T1", "--lang", "en"},
                                                    "md"));
}

TEST_F(CliReport, APastReportIsTheSameAfterMoreCommandsAreAppended) {
  // A date and a position, both before anything this test appends; every format byte for byte
  // (the workbook too: its times are the report's, not the clock's).
  const std::vector<std::vector<std::string>> moments = {{"--as-of", "2026-11-30"},
                                                         {"--as-of", facts_["adopted-1"]}};
  std::map<std::string, std::string> before;
  const std::vector<std::string> now = {"--kind", "plan"};
  const std::string now_before = Report(now, "md");
  for (const auto& moment : moments) {
    for (const std::string kind : {"plan", "follow-up", "public"}) {
      for (const std::string& format : kFormats) {
        std::vector<std::string> args = moment;
        args.insert(args.end(), {"--kind", kind, "--period", "2026-T3"});
        before[moment[1] + kind + format] = Bytes(args, format);
      }
    }
  }
  // The coordinator proposes a measure, withdraws one and records a follow-up of the same period.
  TryggOk(coordinator_, {"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika",
                         "--title", "Ny åtgärd efter rapporten", "--id", "efter-rapporten"});
  TryggOk(coordinator_, {"measure", "withdraw", "example-2", "--reason", "Senare beslut"});
  TryggOk(coordinator_,
          {"follow-up", "record", "example-1", "--period", "2026-T3", "--party",
           "varnamo-kommun-socialtjansten", "--health", "red", "--comment", "Skrivet efteråt"});
  EXPECT_NE(Report(now, "md"), now_before) << "the writes did not change the plan now";
  for (const auto& moment : moments) {
    for (const std::string kind : {"plan", "follow-up", "public"}) {
      for (const std::string& format : kFormats) {
        SCOPED_TRACE(kind + " as of " + moment[1] + " as " + format);
        std::vector<std::string> args = moment;
        args.insert(args.end(), {"--kind", kind, "--period", "2026-T3"});
        EXPECT_EQ(Bytes(args, format), before[moment[1] + kind + format]);
      }
    }
  }
}

TEST_F(CliReport, VersionOneIsTheReportAsOfTheAdoption) {
  for (const std::string kind : {"plan", "public"}) {
    for (const std::string& format : kFormats) {
      SCOPED_TRACE(kind + " as " + format);
      EXPECT_EQ(Report({"--kind", kind, "--version", "1"}, format),
                Report({"--kind", kind, "--as-of", facts_["adopted-1"]}, format));
    }
  }
}

TEST_F(CliReport, TheStatedHeadHashIsTheOneTryggAuditFindsAtThatPosition) {
  const std::filesystem::path out = dir_.Sub("plan.html");
  const std::string said =
      TryggOk(reader_, {"plan", "report", kPlan, "--kind", "plan", "--as-of", "2026-11-30",
                        "--format", "html", "--out", out.string()});
  // "Wrote FILE: PLAN as of log position P, head hash H"
  const std::string marker = "as of log position ";
  const std::size_t at = said.find(marker);
  ASSERT_NE(at, std::string::npos) << said;
  const std::size_t comma = said.find(", head hash ", at);
  ASSERT_NE(comma, std::string::npos) << said;
  const std::string position = said.substr(at + marker.size(), comma - at - marker.size());
  const std::string hash = said.substr(comma + 12, 64);
  EXPECT_TRUE(Contains(ReadFile(out), hash)) << "the page does not state its head hash";
  EXPECT_TRUE(Contains(ReadFile(out), position)) << "the page does not state its position";
  const Output verified = RunBinary(TRYGG_AUDIT, {"--data", dir_.Sub("data").string(), "verify",
                                                  "--expect-head", hash + "@" + position});
  EXPECT_EQ(verified.exit_status, 0);
  // And the whole example store verifies: what make_example_store wrote is a sound log.
  const Output whole =
      RunBinary(TRYGG_AUDIT, {"--data", dir_.Sub("data").string(), "verify", "--expect-head",
                              facts_["head"].substr(facts_["head"].find(' ') + 1) + "@" +
                                  facts_["head"].substr(0, facts_["head"].find(' '))});
  EXPECT_EQ(whole.exit_status, 0);
}

TEST_F(CliReport, OutReplacesTheFileWithWhatStandardOutputWouldHold) {
  const std::filesystem::path out = dir_.Sub("report.md");
  std::ofstream(out) << "an older report";
  const std::vector<std::string> args = {"plan",    "report",     kPlan,      "--kind", "public",
                                         "--as-of", "2026-11-30", "--format", "md"};
  const std::string printed = TryggOk(reader_, args);
  std::vector<std::string> to_file = args;
  to_file.insert(to_file.end(), {"--out", out.string()});
  EXPECT_TRUE(TryggOk(reader_, to_file).starts_with("Wrote " + out.string() + ": "));
  EXPECT_EQ(ReadFile(out), printed);
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(".report.md."))
        << "temporary file left behind: " << entry.path();
  }
}

TEST_F(CliReport, APlanWithMoreMeasuresThanAPageIsReportedWhole) {
  // 15 measures of the example and 230 more: two pages of 200 (measures by id: the imported ones
  // after the example's).
  ASSERT_NO_FATAL_FAILURE(ImportMeasures(230));
  const std::string report = Report({"--kind", "plan"}, "csv");
  for (int i = 1; i <= 230; ++i) {
    const std::string title = "Importerad åtgärd " + std::to_string(1000 + i);
    const std::size_t first = report.find(title);
    ASSERT_NE(first, std::string::npos) << title << " is missing";
    EXPECT_EQ(report.find(title, first + 1), std::string::npos) << title << " appears twice";
  }
  EXPECT_TRUE(Contains(report, "SSPF-samverkan för unga i riskzon"));
  EXPECT_TRUE(Contains(report, "Kontroll av leverantörer vid upphandling"));
}

// Every page judges overdue by the same date: the report's. (Pinned to the first page's log
// position instead, a later page of a report as of a date would judge it by the date of that
// position's record.)
TEST_F(CliReport, EveryPageJudgesOverdueByTheReportsDate) {
  ASSERT_NO_FATAL_FAILURE(ImportMeasures(230));
  // imp-1001 is on the first page, imp-1230 on the second; both due before 2027-06-30. (The
  // server's clock is behind the example's last commit, so these are recorded in May 2027.)
  for (const std::string id : {"imp-1001", "imp-1230"}) {
    TryggOk(coordinator_, {"measure", "prioritise", id, "--priority", "low"});
    TryggOk(coordinator_,
            {"measure", "assign", id, "--agency", "polisen-lpo-varnamo", "--due", "2027-06-15"});
  }
  const std::string report =
      Report({"--kind", "follow-up", "--as-of", "2027-06-30", "--period", "2027-T1"}, "md");
  for (const std::string n : {"1001", "1230"}) {
    EXPECT_TRUE(Contains(
        report, "| Importerad åtgärd " + n + " | Polisen, lokalpolisområde Värnamo | 2027-06-15 |"))
        << "imp-" << n << " is not listed as overdue:\n"
        << report;
  }
}

TEST_F(CliReport, AFileThatCannotBeWrittenIsReportedAndNothingIsLeftBehind) {
  const std::filesystem::path out = dir_.Sub("no-such-directory") / "report.md";
  ExpectFailure(Trygg(reader_, {"plan", "report", kPlan, "--kind", "plan", "--format", "md",
                                "--out", out.string()}),
                1, out.string());
  EXPECT_FALSE(std::filesystem::exists(out.parent_path()));
}

TEST_F(CliReport, UsageErrorsExitTwoBeforeAskingTheServer) {
  const int kUsage = 2;
  const std::vector<std::string> base = {"plan", "report",   kPlan, "--kind",
                                         "plan", "--format", "md"};
  auto with = [&base](std::vector<std::string> more) {
    std::vector<std::string> args = base;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  ExpectFailure(Trygg(reader_, with({"--as-of", "last-week"})), kUsage, "--as-of");
  ExpectFailure(Trygg(reader_, with({"--as-of", "2026-02-30"})), kUsage, "--as-of");
  ExpectFailure(Trygg(reader_, with({"--as-of", "123456789012345678901"})), kUsage, "--as-of");
  ExpectFailure(Trygg(reader_, with({"--as-of", "2026-11-30", "--version", "1"})), kUsage,
                "--as-of");
  ExpectFailure(Trygg(reader_, with({"--period", "2026-T4"})), kUsage, "period");
  ExpectFailure(Trygg(reader_, with({"--version", "0"})), kUsage, "--version");
  ExpectFailure(Trygg(reader_, {"plan", "report", kPlan, "--kind", "budget", "--format", "md"}),
                kUsage, "--kind");
  ExpectFailure(Trygg(reader_, {"plan", "report", kPlan, "--kind", "plan", "--format", "pdf"}),
                kUsage, "--format");
  ExpectFailure(Trygg(reader_, {"plan", "report", kPlan, "--format", "md"}), kUsage, "--kind");
  ExpectFailure(Trygg(reader_, with({"--lang", "de"})), kUsage, "--lang");
}

TEST_F(CliReport, AnXlsxWorkbookIsNotWrittenToATerminal) {
  const CliResult result = RunOnTerminal(
      WithServer(reader_, {"plan", "report", kPlan, "--kind", "plan", "--format", "xlsx"}), Env(), 80);
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_TRUE(Contains(result.out, "--out")) << result.out;
  EXPECT_FALSE(Contains(result.out, "PK")) << "a workbook was written to the terminal";
  // Into a pipe it is.
  EXPECT_TRUE(TryggOk(reader_, {"plan", "report", kPlan, "--kind", "plan", "--format", "xlsx"})
                  .starts_with("PK"));
}

TEST_F(CliReport, MomentsTheServerCannotReportExitLikeTheOtherCommands) {
  ExpectFailure(
      Trygg(reader_, {"plan", "report", "no-such-plan", "--kind", "plan", "--format", "md"}), 3,
      "no-such-plan");
  // Before the plan existed (it was created on 2026-09-01), and a version never adopted.
  ExpectFailure(Trygg(reader_, {"plan", "report", kPlan, "--kind", "plan", "--as-of", "2026-08-31",
                                "--format", "md"}),
                3, kPlan);
  ExpectFailure(Trygg(reader_, {"plan", "report", kPlan, "--kind", "plan", "--version", "2",
                                "--format", "md"}),
                3, "2");
  // A position beyond the head.
  ExpectFailure(Trygg(reader_, {"plan", "report", kPlan, "--kind", "plan", "--as-of", "99999999",
                                "--format", "md"}),
                2, "position");
  // Without a token.
  ExpectFailure(RunCli({"--server", server_->address(), "plan", "report", kPlan, "--kind", "plan",
                        "--format", "md"},
                       Env()),
                4, "");
}

// What the example holds that only the plan's own people may read: follow-up comments, progress
// notes, outcomes, reasons, assignment notes, rationales, principal names, hours and costs.
TEST_F(CliReport, ThePublicPageHoldsNothingInternal) {
  const std::vector<std::string> internal = {
      // follow-up comments
      "Tolv unga har en upprättad plan", "Två av fyra tjänster tillsatta",
      "Kommunpolisen deltog åtta kvällar", "Leveransförsening av armaturer",
      "Armaturerna levererade", "Alla fyra tjänster tillsatta",
      // progress notes, outcomes, the withdrawal reason, assignment notes, a rationale
      "Tolv ärenden följs upp", "Sex av tio områden genomvandrade",
      "Två av åtta förvaltningar utbildade", "Fyra platser kontrollerade",
      "Rutin införd; klotter saneras", "Rutinen antagen av kommunstyrelsen",
      "Hanteras av de nationella reglerna", "SSPF-gruppen träffas varannan vecka",
      "Fyra tjänster, fredag och lördag kväll", "Börja med gång- och cykeltunneln",
      "Flest unga i riskzon",
      // principal names
      "samordnare", "kommunpolis",
      // costs (as digits, grouped with a space or a no-break space) and the words for hours and
      // costs
      "95000", "95 000", "95\u00a0000", "180000", "180 000", "180\u00a0000", "240000",
      "240\u00a0000", "190000", "190\u00a0000", "45000", "45\u00a0000", "Timmar", "Kostnad",
      "kostnad", "Hours", "Cost", "SEK"};
  for (const Moment& m : kMoments) {
    for (const std::string lang : {"sv", "en"}) {
      for (const std::string& format : kFormats) {
        SCOPED_TRACE("public as of " + m.date + " in " + lang + " as " + format);
        const std::string page =
            Report({"--kind", "public", "--as-of", m.date, "--lang", lang}, format);
        EXPECT_TRUE(Contains(page, "Polisen och Värnamo kommun lovar"))
            << "the page does not hold the promise";
        for (const std::string& word : internal) {
          EXPECT_FALSE(Contains(page, word)) << "the public page holds '" << word << "'";
        }
      }
    }
  }
}

TEST_F(CliReport, HelpSaysWhatEachKindHoldsAndHowAsOfWorks) {
  const std::string help = TryggOk(reader_, {"plan", "report", "--help"});
  for (const std::string part :
       {"plan ", "follow-up", "public", "md", "csv", "html", "xlsx", "end of that day",
        "server's time zone", "log position", "trygg-audit", "head hash", "--version"}) {
    EXPECT_TRUE(Contains(help, part)) << "--help does not say '" << part << "':\n" << help;
  }
}

}  // namespace
}  // namespace trygg::testing
