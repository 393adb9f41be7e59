// The trygg binary as a child process, for end-to-end tests: run to completion with its stdout,
// stderr and exit code captured, or started (`trygg watch`) and read line by line with deadlines,
// then signalled. The child gets a controlled environment: the test's own TRYGG_*, COLUMNS,
// NO_COLOR, HOME and XDG_CONFIG_HOME are replaced by what the test gives, so neither the
// developer's config file nor their terminal changes what trygg prints.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "testutil/child_process.h"

#ifndef TRYGG_CLI
#error "TRYGG_CLI must name the trygg binary"
#endif

extern char** environ;

namespace trygg::testing {

// What a finished trygg run printed and how it exited.
struct CliResult {
  std::string out;
  std::string err;
  int exit_code = -1;  // WEXITSTATUS, or -1 when it did not exit normally (or timed out)
  bool timed_out = false;
};

// Environment variables for the child: `set` overrides (or adds), `unset` removes. Variables that
// would change trygg's behaviour are removed from the inherited environment unless set here.
struct CliEnv {
  std::map<std::string, std::string> set;
};

// The names trygg (or gRPC under it) reads; the inherited values are dropped.
inline bool IsControlledVariable(const std::string& name) {
  return name.starts_with("TRYGG_") || name == "COLUMNS" || name == "NO_COLOR" || name == "HOME" ||
         name == "XDG_CONFIG_HOME" || name.starts_with("GRPC_") || name == "http_proxy" ||
         name == "https_proxy" || name == "grpc_proxy" || name == "no_grpc_proxy";
}

inline std::vector<std::string> ChildEnvironment(const CliEnv& env) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (!IsControlledVariable(name)) out.push_back(entry);
  }
  for (const auto& [name, value] : env.set) out.push_back(name + '=' + value);
  return out;
}

// A running trygg child with stdout and stderr on pipes.
class CliProcess {
 public:
  CliProcess() = default;
  ~CliProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
    if (err_fd_ >= 0) ::close(err_fd_);
  }
  CliProcess(const CliProcess&) = delete;
  CliProcess& operator=(const CliProcess&) = delete;

  // Starts TRYGG_CLI with `args` (without the program name) in `env`.
  bool Start(const std::vector<std::string>& args, const CliEnv& env, std::string* error) {
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
      *error = "pipe2 failed: errno " + std::to_string(errno);
      return false;
    }
    std::vector<std::string> argv_strings = {TRYGG_CLI};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    const std::vector<std::string> env_strings = ChildEnvironment(env);
    std::vector<char*> argv;
    argv.reserve(argv_strings.size() + 1);
    for (const std::string& a : argv_strings) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    envp.reserve(env_strings.size() + 1);
    for (const std::string& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
      *error = "fork failed: errno " + std::to_string(errno);
      return false;
    }
    if (pid == 0) {
      // Only async-signal-safe calls between fork and exec.
      const int null = ::open("/dev/null", O_RDONLY);
      if (null < 0 || ::dup2(null, STDIN_FILENO) < 0) ::_exit(126);
      if (::dup2(out[1], STDOUT_FILENO) < 0 || ::dup2(err[1], STDERR_FILENO) < 0) ::_exit(126);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    pid_ = pid;
    out_fd_ = out[0];
    err_fd_ = err[0];
    reader_.emplace(out_fd_);
    return true;
  }

  // The next stdout line, waiting until `deadline`.
  ReadStatus NextLine(std::string* line, Clock::time_point deadline) {
    return reader_->Next(line, deadline);
  }

  void Signal(int signal) { ::kill(pid_, signal); }

  // Reads stdout (what NextLine has not taken) and stderr to their end, then reaps the child.
  // Past `deadline` the child is killed and the result marked timed_out.
  CliResult Finish(Clock::time_point deadline) {
    CliResult result;
    std::string line;
    // Complete lines NextLine buffered but did not return, then the raw rest.
    result.out = reader_->leftover();
    bool out_open = true;
    bool err_open = true;
    while (out_open || err_open) {
      const auto now = Clock::now();
      if (now >= deadline) {
        result.timed_out = true;
        break;
      }
      pollfd fds[2] = {{out_open ? out_fd_ : -1, POLLIN, 0}, {err_open ? err_fd_ : -1, POLLIN, 0}};
      const auto wait_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1;
      const int ready = ::poll(fds, 2, static_cast<int>(wait_ms));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) break;
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
        char chunk[4096];
        const ssize_t n = ::read(fds[i].fd, chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) {
          (i == 0 ? out_open : err_open) = false;
          continue;
        }
        (i == 0 ? result.out : result.err).append(chunk, static_cast<std::size_t>(n));
      }
    }
    if (result.timed_out) ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    return result;
  }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::optional<LineReader> reader_;
};

// Runs trygg with `args` in `env` to completion (at most `timeout`).
inline CliResult RunCli(const std::vector<std::string>& args, const CliEnv& env,
                        std::chrono::seconds timeout = std::chrono::seconds(60)) {
  CliProcess process;
  std::string error;
  if (!process.Start(args, env, &error)) {
    CliResult failed;
    failed.err = error;
    return failed;
  }
  return process.Finish(Clock::now() + timeout);
}

}  // namespace trygg::testing
