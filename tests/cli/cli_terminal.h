// trygg on a pseudo-terminal, for the tests of what it does when stdout is a terminal (table width,
// colour, refusing to write a binary workbook there).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

#include "cli_fixture.h"

namespace trygg::testing {

// Runs trygg with stdout and stderr on a pseudo-terminal `columns` wide; returns what it printed.
inline CliResult RunOnTerminal(const std::vector<std::string>& args, const CliEnv& env,
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

}  // namespace trygg::testing
