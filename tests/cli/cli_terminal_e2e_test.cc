// trygg on a terminal: with stdout on a pseudo-terminal, tables take the terminal's width
// (TIOCGWINSZ) unless COLUMNS says otherwise, and the overdue marker is red unless NO_COLOR is
// set. (Every other test runs trygg into a pipe: no colour, 100 columns or COLUMNS.)
#include <algorithm>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "cli_terminal.h"

namespace trygg::testing {
namespace {

// The widest line of `text`, in columns, ANSI escapes left out. Counted here as code points (the
// bytes that do not continue a UTF-8 sequence), independently of trygg's own width code: the
// text holds no combining or wide characters.
std::size_t WidestLine(const std::string& text) {
  std::size_t widest = 0;
  for (std::string line : Lines(text)) {
    for (std::size_t at; (at = line.find('\x1b')) != std::string::npos;) {
      line.erase(at, line.find('m', at) - at + 1);
    }
    const auto columns = std::count_if(line.begin(), line.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
    widest = std::max(widest, static_cast<std::size_t>(columns));
  }
  return widest;
}

class CliTerminalTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    if (HasFatalFailure()) return;
    CreatePlanAndAgencies();
    ProposeAndAssign("m-1", "otrygghet",
                     "Bättre belysning längs gång- och cykelvägar vid skolor, idrottsplatser och "
                     "resecentrum i hela kommunen",
                     "high", kPolice, "2020-09-30");
  }

  // The environment without COLUMNS, so that the terminal's width counts.
  CliEnv TerminalEnv() const {
    CliEnv env = Env();
    env.set.erase("COLUMNS");
    return env;
  }

  std::vector<std::string> StatusArgs() const {
    return {"--server", address(), "--token", police_, "status"};
  }
};

TEST_F(CliTerminalTest, OverdueIsRedAndTheTableFitsTheTerminal) {
  const CliResult result = RunOnTerminal(StatusArgs(), TerminalEnv(), 72);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_TRUE(Contains(result.out, "\x1b[31mOVERDUE\x1b[0m")) << result.out;
  EXPECT_TRUE(Contains(result.out, "\x1b[31m1 overdue\x1b[0m")) << result.out;
  EXPECT_EQ(WidestLine(result.out), 72u) << result.out;
}

TEST_F(CliTerminalTest, NoColorTurnsColourOff) {
  CliEnv env = TerminalEnv();
  env.set["NO_COLOR"] = "1";
  const CliResult result = RunOnTerminal(StatusArgs(), env, 72);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_FALSE(Contains(result.out, "\x1b[")) << result.out;
  EXPECT_TRUE(Contains(result.out, "OVERDUE")) << result.out;
}

TEST_F(CliTerminalTest, ColumnsOverridesTheTerminalsWidth) {
  CliEnv env = TerminalEnv();
  env.set["COLUMNS"] = "110";
  const CliResult result = RunOnTerminal(StatusArgs(), env, 72);
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(WidestLine(result.out), 110u) << result.out;
}

}  // namespace
}  // namespace trygg::testing
