// A child process for end-to-end tests: started with fork+exec, its stdout read line by line with
// deadlines (no sleeps), killed and reaped when the test is done with it or bails out early.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

namespace trygg::testing {

using Clock = std::chrono::steady_clock;

enum class ReadStatus { kLine, kEof, kTimeout, kError };

// Reads '\n'-terminated lines from a pipe, waiting with poll() up to a deadline.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}

  ReadStatus Next(std::string* line, Clock::time_point deadline) {
    for (;;) {
      const std::size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        *line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return ReadStatus::kLine;
      }
      const auto now = Clock::now();
      if (now >= deadline) return ReadStatus::kTimeout;
      const auto wait_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1;
      pollfd p{fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(wait_ms));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) return ReadStatus::kError;
      if (ready == 0) continue;
      char chunk[4096];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n < 0) return ReadStatus::kError;
      if (n == 0) return ReadStatus::kEof;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Bytes after the last complete line (non-empty only if a line was torn).
  const std::string& leftover() const { return buffer_; }

 private:
  int fd_;
  std::string buffer_;
};

// A child process; SIGKILLed and reaped on destruction if still running.
class Child {
 public:
  Child() = default;
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (read_fd_ >= 0) ::close(read_fd_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Starts `argv` with stdout to a pipe. Returns false (and explains) on failure.
  bool Start(const std::vector<std::string>& args, std::string* error) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      *error = "pipe2 failed: errno " + std::to_string(errno);
      return false;
    }
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::cout.flush();
    std::cerr.flush();
    const pid_t pid = ::fork();
    if (pid < 0) {
      *error = "fork failed: errno " + std::to_string(errno);
      ::close(fds[0]);
      ::close(fds[1]);
      return false;
    }
    if (pid == 0) {
      // Only async-signal-safe calls between fork and exec. dup2 clears O_CLOEXEC on fd 1.
      if (::dup2(fds[1], STDOUT_FILENO) < 0) ::_exit(126);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    pid_ = pid;
    read_fd_ = fds[0];
    return true;
  }

  int read_fd() const { return read_fd_; }

  // Sends `signal` and returns at once (the child goes on running, or not); nothing once reaped.
  void Signal(int signal) const {
    if (pid_ > 0) ::kill(pid_, signal);
  }

  // The child's process id; -1 once it has been reaped.
  pid_t pid() const { return pid_; }

  // Sends `signal` (0: none) and reaps the child; returns its wait status.
  int SignalAndWait(int signal) {
    if (signal != 0) ::kill(pid_, signal);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int read_fd_ = -1;
};

}  // namespace trygg::testing
