// The html report in a real browser: headless Chromium (Debian's `chromium`) takes a screenshot
// and prints the page to PDF. The page must render without console messages and print on as many
// A4 pages as its page breaks make: the summary, then one page per section. Skipped where
// Chromium is not installed. Every run is bounded by timeout(1).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "report/build.h"
#include "report/document.h"
#include "report/render.h"
#include "sample_report.h"
#include "testutil/temp_dir.h"

#ifndef TRYGG_REPORT_GOLDEN_DIR
#error "TRYGG_REPORT_GOLDEN_DIR must name tests/cli/golden/report"
#endif

namespace trygg::report {
namespace {

constexpr char kChromium[] = "/usr/bin/chromium";
constexpr int kTimeoutSeconds = 120;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs `command` through the shell; returns its exit status and stdout.
int Run(const std::string& command, std::string* out) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out->append(buffer, n);
  return pclose(pipe);
}

// Chromium on one page, in its own profile, logging to stderr.
class Browser {
 public:
  Browser() : profile_(dir_.Sub("profile")) {}

  const std::filesystem::path& dir() const { return dir_.path(); }

  // Runs chromium with `action` ("--screenshot=…" or "--print-to-pdf=…") on `page`; returns
  // whether it exited 0. Its stderr goes to `log`.
  bool Open(const std::filesystem::path& page, const std::string& action, std::string* log) {
    const std::filesystem::path err = dir_.Sub("stderr.txt");
    const std::string command =
        "timeout " + std::to_string(kTimeoutSeconds) + " " + kChromium +
        " --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir='" +
        profile_.string() + "' --enable-logging=stderr --v=0 --window-size=1200,1600 " + action +
        " 'file://" + page.string() + "' >/dev/null 2>'" + err.string() + "'";
    std::string ignored;
    const int status = Run(command, &ignored);
    *log = ReadFile(err);
    return status == 0;
  }

 private:
  ::trygg::testing::TempDir dir_;
  std::filesystem::path profile_;
};

// The lines of chromium's log that come from the page: console messages (console.*, uncaught
// exceptions, blocked loads) and errors naming the page's file. Chromium's own noise on a machine
// without D-Bus or a GPU ("ERROR:dbus/…", "WARNING:…vaapi…") names neither.
std::vector<std::string> PageMessages(const std::string& log, const std::string& page_name) {
  std::vector<std::string> found;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    const bool console =
        line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos;
    const bool about_page =
        line.find("ERROR:") != std::string::npos && line.find(page_name) != std::string::npos;
    if (console || about_page) found.push_back(line);
  }
  return found;
}

int PdfPages(const std::filesystem::path& pdf) {
  std::string info;
  if (Run("timeout 30 pdfinfo '" + pdf.string() + "' 2>/dev/null", &info) != 0) return -1;
  std::smatch m;
  return std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(m[1]) : -1;
}

// A summary and three short focus areas, each with a table and a chart: four printed pages.
Document FourPages() {
  Document document;
  document.title = "Uppf\u00f6ljning: Tryggare V\u00e4rnamo 2026 & <\u00f6vrigt>";
  document.subtitle = "L\u00e4get den 2026-03-31";
  document.facts = {{"Position", "1\u00a0204"},
                    {"Tid", "2026-03-31T12:30:00Z"},
                    {"Huvudets hash", std::string(64, 'a')},
                    {"Planversion", "2"}};
  document.summary.title = "Sammanfattning";
  document.summary.blocks.push_back(Paragraph{"Tre fokusomr\u00e5den f\u00f6ljs upp."});
  StackedBarChart status;
  status.title = "Status per fokusomr\u00e5de";
  status.series = {"Gr\u00f6n", "Gul", "R\u00f6d", "Saknas"};
  status.colours = {"#2e7d32", "#f9a825", "#c62828", "#9e9e9e"};
  status.bars = {{"Centrum", {3, 1, 0, 1}}, {"Skolan", {1, 0, 2, 0}}, {"Parken", {2, 2, 1, 0}}};
  document.summary.blocks.push_back(status);
  const char* areas[] = {"Centrum", "Skolan", "Parken"};
  for (const char* area : areas) {
    Section section;
    section.title = area;
    section.sheet_name = area;
    Table table;
    table.title = "\u00c5tg\u00e4rder";
    table.columns = {"Nr", "\u00c5tg\u00e4rd", "Timmar", "Kostnad", "Klart", "Uppf\u00f6ljning"};
    table.rows = {
        {Cell::Text("1.1"), Cell::Text("B\u00e4ttre belysning \"p\u00e5 torget\""),
         Cell::Number(12.5), Cell::Sek(12500), Cell::Date("2026-03-31"),
         Cell::HealthOf(Health::kGreen, "Gr\u00f6n")},
        {Cell::Text("1.2"), Cell::Text("Trygghetsvandring"), Cell::Number(4), Cell::Sek(0),
         Cell::Date("2026-05-15"), Cell::HealthOf(Health::kRed, "R\u00f6d: f\u00f6rsenad")}};
    section.blocks.push_back(table);
    GoalChart goals;
    goals.title = "M\u00e5l";
    goals.rows = {{"Andel otrygga kv\u00e4llstid", "%", 34, 25, 29.5},
                  {"Anm\u00e4lda skadeg\u00f6relser", "st", 120, 90, std::nullopt}};
    section.blocks.push_back(goals);
    document.sections.push_back(section);
  }
  return document;
}

class ChromiumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromium)) GTEST_SKIP() << kChromium << " is not installed";
  }
  // Writes `html` as page.html in the browser's directory.
  std::filesystem::path WritePage(const std::string& name, const std::string& html) {
    const std::filesystem::path page = browser_.dir() / name;
    std::ofstream(page, std::ios::binary) << html;
    return page;
  }
  Browser browser_;
};

TEST_F(ChromiumTest, ScreenshotShowsTheReportWithoutConsoleMessages) {
  const auto page = WritePage("report.html", RenderHtml(FourPages()));
  const auto png = browser_.dir() / "report.png";
  std::string log;
  ASSERT_TRUE(browser_.Open(page, "--screenshot='" + png.string() + "'", &log)) << log;
  EXPECT_EQ(PageMessages(log, "report.html"), std::vector<std::string>{}) << log;
  const std::string image = ReadFile(png);
  ASSERT_GE(image.size(), 24u);
  EXPECT_EQ(image.substr(1, 3), "PNG");
  const auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(image[at]) << 24) |
           (static_cast<unsigned char>(image[at + 1]) << 16) |
           (static_cast<unsigned char>(image[at + 2]) << 8) |
           static_cast<unsigned char>(image[at + 3]);
  };
  EXPECT_EQ(be32(16), 1200u);  // IHDR: width, height
  EXPECT_EQ(be32(20), 1600u);
  // A blank page of this size compresses to a few kilobytes; text, tables and charts do not.
  EXPECT_GT(image.size(), 30000u);
}

TEST_F(ChromiumTest, PrintsTheSummaryAndEachSectionOnItsOwnPage) {
  const auto page = WritePage("report.html", RenderHtml(FourPages()));
  const auto pdf = browser_.dir() / "report.pdf";
  std::string log;
  ASSERT_TRUE(
      browser_.Open(page, "--no-pdf-header-footer --print-to-pdf='" + pdf.string() + "'", &log))
      << log;
  EXPECT_EQ(PageMessages(log, "report.html"), std::vector<std::string>{}) << log;
  EXPECT_EQ(PdfPages(pdf), 4);
}

// The builders' reports of the Värnamo-like sample: no console messages, and at least a page for
// the summary and one for each section (a long section takes more).
TEST_F(ChromiumTest, SampleReportsPrintWithoutConsoleMessages) {
  const v1::PlanReport report = testing::SampleReport();
  for (const Kind kind : {Kind::kPlan, Kind::kFollowUp, Kind::kPublic}) {
    const Document document = BuildDocument(report, kind, Lang::kSv);
    const std::string name = "sample-" + std::to_string(static_cast<int>(kind));
    const auto page = WritePage(name + ".html", RenderHtml(document));
    const auto pdf = browser_.dir() / (name + ".pdf");
    std::string log;
    ASSERT_TRUE(
        browser_.Open(page, "--no-pdf-header-footer --print-to-pdf='" + pdf.string() + "'", &log))
        << log;
    EXPECT_EQ(PageMessages(log, name + ".html"), std::vector<std::string>{}) << log;
    EXPECT_GE(PdfPages(pdf), static_cast<int>(1 + document.sections.size())) << name;
  }
}

// The Värnamo example's HTML reports as trygg wrote them through the real server (the golden files
// tests/cli/report_e2e_test.cc compares trygg's output with): no console messages, and at least
// the summary plus one page per focus area (plan, follow-up) or per promise (public, one promise).
TEST_F(ChromiumTest, TheExamplesReportsAsTryggWroteThemPrint) {
  struct Golden {
    const char* name;
    int min_pages;
  };
  for (const Golden golden : {Golden{"plan_2027-06-30.html", 4},
                              Golden{"follow-up_2027-06-30.html", 4},
                              Golden{"public_2027-06-30.html", 2}}) {
    const std::string html =
        ReadFile(std::filesystem::path(TRYGG_REPORT_GOLDEN_DIR) / golden.name);
    ASSERT_FALSE(html.empty()) << golden.name;
    const auto page = WritePage(golden.name, html);
    const auto pdf = browser_.dir() / (std::string(golden.name) + ".pdf");
    std::string log;
    ASSERT_TRUE(
        browser_.Open(page, "--no-pdf-header-footer --print-to-pdf='" + pdf.string() + "'", &log))
        << log;
    EXPECT_EQ(PageMessages(log, golden.name), std::vector<std::string>{}) << log;
    EXPECT_GE(PdfPages(pdf), golden.min_pages) << golden.name;
  }
}

// The checks above would be worth nothing if chromium's log did not show a page's errors: a page
// that logs one and throws must be caught by PageMessages.
TEST_F(ChromiumTest, ConsoleMessagesOfAPageAreSeen) {
  const auto page = WritePage(
      "broken.html",
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body>"
      "<script>console.error('trygg-broken'); undefined_function();</script></body></html>");
  const auto pdf = browser_.dir() / "broken.pdf";
  std::string log;
  ASSERT_TRUE(browser_.Open(page, "--print-to-pdf='" + pdf.string() + "'", &log)) << log;
  const auto messages = PageMessages(log, "broken.html");
  ASSERT_EQ(messages.size(), 2u) << log;
  EXPECT_NE(messages[0].find("trygg-broken"), std::string::npos);
  EXPECT_NE(messages[1].find("Uncaught ReferenceError"), std::string::npos);
}

}  // namespace
}  // namespace trygg::report
