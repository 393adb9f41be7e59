// trygg on a terminal: with stdout on a pseudo-terminal, tables take the terminal's width
// (TIOCGWINSZ) unless COLUMNS says otherwise, and the overdue marker is red unless NO_COLOR is
// set. (Every other test runs trygg into a pipe: no colour, 100 columns or COLUMNS.)
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli_fixture.h"

namespace trygg::testing {
namespace {

// Runs trygg with stdout and stderr on a pseudo-terminal `columns` wide; returns what it printed.
CliResult RunOnTerminal(const std::vector<std::string>& args, const CliEnv& env,
                        unsigned short columns) {
  CliResult result;
  winsize size{};
  size.ws_col = columns;
  size.ws_row = 40;
  int master = -1;
  int slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, &size) != 0) {
    ADD_FAILURE() << "openpty failed: errno " << errno;
    return result;
  }
  termios mode{};
  ::tcgetattr(slave, &mode);
  mode.c_oflag &= ~static_cast<tcflag_t>(OPOST);  // keep "\n" as is (no "\r\n")
  ::tcsetattr(slave, TCSANOW, &mode);
  std::vector<std::string> argv_strings = {TRYGG_CLI};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  const std::vector<std::string> env_strings = ChildEnvironment(env);
  std::vector<char*> argv;
  for (const std::string& a : argv_strings) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDONLY);
    if (null < 0 || ::dup2(null, STDIN_FILENO) < 0 || ::dup2(slave, STDOUT_FILENO) < 0 ||
        ::dup2(slave, STDERR_FILENO) < 0) {
      ::_exit(126);
    }
    ::close(master);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(slave);
  const auto deadline = Clock::now() + kDeadline;
  for (;;) {
    const auto now = Clock::now();
    if (pid < 0 || now >= deadline) {
      result.timed_out = true;
      break;
    }
    pollfd p{master, POLLIN, 0};
    const auto wait_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1;
    if (::poll(&p, 1, static_cast<int>(wait_ms)) < 0 && errno != EINTR) break;
    char chunk[4096];
    const ssize_t n = ::read(master, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EIO once the child's side is closed
    result.out.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(master);
  if (pid > 0) {
    if (result.timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  }
  return result;
}

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
