// trygg-server as a child process, for end-to-end tests: run it to completion (`tokens add`,
// usage errors) or start it on a free loopback port and wait for its "listening on" line.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "testutil/child_process.h"
#include "testutil/temp_dir.h"

#ifndef TRYGG_SERVER
#error "TRYGG_SERVER must name the trygg-server binary"
#endif

namespace trygg::testing {

inline constexpr auto kDeadline = std::chrono::seconds(30);

struct Output {
  std::vector<std::string> lines;
  int exit_status = -1;  // WEXITSTATUS, or -1 when it did not exit normally
};

// Runs `binary` with `args` to completion, collecting stdout.
inline Output RunBinary(const std::string& binary, std::vector<std::string> args) {
  args.insert(args.begin(), binary);
  Child child;
  std::string error;
  Output out;
  if (!child.Start(args, &error)) {
    ADD_FAILURE() << error;
    return out;
  }
  LineReader reader(child.read_fd());
  std::string line;
  const auto deadline = Clock::now() + kDeadline;
  ReadStatus status;
  while ((status = reader.Next(&line, deadline)) == ReadStatus::kLine) out.lines.push_back(line);
  EXPECT_EQ(status, ReadStatus::kEof);
  const int wait_status = child.SignalAndWait(0);
  if (WIFEXITED(wait_status)) out.exit_status = WEXITSTATUS(wait_status);
  return out;
}

// trygg-server with `args`, to completion.
inline Output RunServer(std::vector<std::string> args) {
  return RunBinary(TRYGG_SERVER, std::move(args));
}

// `trygg-server tokens add` into dir/tokens; returns the printed token.
inline std::string AddToken(const TempDir& dir, const std::string& name, const std::string& role,
                            const std::string& agency = "") {
  std::vector<std::string> args = {"tokens", "add", "--tokens", dir.Sub("tokens").string(),
                                   "--name", name,  "--role",   role};
  if (!agency.empty()) {
    args.push_back("--agency");
    args.push_back(agency);
  }
  Output out = RunServer(args);
  EXPECT_EQ(out.exit_status, 0);
  EXPECT_EQ(out.lines.size(), 1u);
  return out.lines.empty() ? "" : out.lines.front();
}

// A started server: waits for its "listening on" line and knows the address.
class RunningServer {
 public:
  // Starts trygg-server on a free port with its store in `dir`, plus `extra` arguments.
  RunningServer(const TempDir& dir, const std::vector<std::string>& extra)
      : RunningServer([&] {
          std::vector<std::string> args = {"--listen", "127.0.0.1:0", "--data",
                                           dir.Sub("data").string()};
          args.insert(args.end(), extra.begin(), extra.end());
          return args;
        }()) {}

  // Starts trygg-server with exactly `args`.
  explicit RunningServer(std::vector<std::string> args) {
    args.insert(args.begin(), TRYGG_SERVER);
    std::string error;
    if (!child_.Start(args, &error)) {
      ADD_FAILURE() << error;
      return;
    }
    reader_.emplace(child_.read_fd());
    std::string line;
    if (reader_->Next(&line, Clock::now() + kDeadline) != ReadStatus::kLine) {
      ADD_FAILURE() << "trygg-server printed no 'listening on' line";
      return;
    }
    const std::string marker = "listening on ";
    const std::size_t at = line.find(marker);
    if (at == std::string::npos) {
      ADD_FAILURE() << "unexpected first line: " << line;
      return;
    }
    address_ = line.substr(at + marker.size());
    address_ = address_.substr(0, address_.find(' '));
    first_line_ = line;
  }

  const std::string& first_line() const { return first_line_; }

  const std::string& address() const { return address_; }

  // SIGTERM, then the exit code (-1 if it did not exit normally).
  int Terminate() {
    const int status = child_.SignalAndWait(SIGTERM);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  Child child_;
  std::optional<LineReader> reader_;
  std::string address_;
  std::string first_line_;
};

}  // namespace trygg::testing
