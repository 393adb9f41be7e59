// trygg-server as a child process, for end-to-end tests: run it to completion (`tokens add`,
// usage errors) or start it on a free loopback port and wait for its "listening on" line.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/client_callback.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
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

// `args` with "--http 127.0.0.1:0" in front unless they name --http themselves: every server the
// tests start binds its HTTP side port on a free port, so that tests running at once (and a real
// server on the default 127.0.0.1:9464) never collide on it. Not with --print-config, which serves
// nothing and would print the added flag as the command line's.
inline std::vector<std::string> WithFreeHttpPort(std::vector<std::string> args) {
  const auto named = [&args](const char* flag) {
    return std::find(args.begin(), args.end(), flag) != args.end();
  };
  if (!named("--http") && !named("--print-config")) {
    args.insert(args.begin(), {"--http", "127.0.0.1:0"});
  }
  return args;
}

// trygg-server with `args`, to completion.
inline Output RunServer(std::vector<std::string> args) {
  return RunBinary(TRYGG_SERVER, WithFreeHttpPort(std::move(args)));
}

// trygg-server with `args`, to completion, its stderr interleaved with stdout in `lines` (through
// /bin/sh, which execs the server with 2>&1), for checking error messages.
inline Output RunServerWithStderr(std::vector<std::string> args) {
  args = WithFreeHttpPort(std::move(args));
  args.insert(args.begin(), {"-c", "exec \"$0\" \"$@\" 2>&1", TRYGG_SERVER});
  return RunBinary("/bin/sh", std::move(args));
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

// A started server: waits for its "listening on" line and knows the address (and that of its HTTP
// side port, from the "http on" line before it).
class RunningServer {
 public:
  // Starts trygg-server on a free port with its store in `dir`, plus `extra` arguments. With
  // `merge_stderr`, what it logs comes after its "listening on" line, for NextLine.
  RunningServer(const TempDir& dir, const std::vector<std::string>& extra,
                bool merge_stderr = false)
      : RunningServer(
            [&] {
              std::vector<std::string> args = {"--listen", "127.0.0.1:0", "--data",
                                               dir.Sub("data").string()};
              args.insert(args.end(), extra.begin(), extra.end());
              return args;
            }(),
            merge_stderr) {}

  // Starts trygg-server with exactly `args` (and a free HTTP port unless they name --http; with
  // `merge_stderr` through /bin/sh, which execs it with 2>&1).
  explicit RunningServer(std::vector<std::string> args, bool merge_stderr = false) {
    args = WithFreeHttpPort(std::move(args));
    args.insert(args.begin(), TRYGG_SERVER);
    if (merge_stderr) args.insert(args.begin(), {"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1"});
    std::string error;
    if (!child_.Start(args, &error)) {
      ADD_FAILURE() << error;
      return;
    }
    reader_.emplace(child_.read_fd());
    std::string line;
    // The "http on" line (the HTTP side port's address) comes first; with merge_stderr, the log
    // records of the start (start, ready, ...) come before the "listening on" line too.
    const std::string marker = "trygg-server listening on ";
    const std::string http_marker = "trygg-server http on ";
    const auto deadline = Clock::now() + kDeadline;
    for (;;) {
      if (reader_->Next(&line, deadline) != ReadStatus::kLine) {
        ADD_FAILURE() << "trygg-server printed no 'listening on' line";
        return;
      }
      if (line.starts_with(marker)) break;
      if (line.starts_with(http_marker)) {
        http_address_ = line.substr(http_marker.size());
        continue;
      }
      if (!merge_stderr) {
        ADD_FAILURE() << "unexpected first line: " << line;
        return;
      }
      early_lines_.push_back(line);
    }
    address_ = line.substr(marker.size());
    address_ = address_.substr(0, address_.find(' '));
    first_line_ = line;
  }

  const std::string& first_line() const { return first_line_; }

  // With merge_stderr: the lines (log records) before the "listening on" line.
  const std::vector<std::string>& early_lines() const { return early_lines_; }

  const std::string& address() const { return address_; }

  // The HTTP side port's address ("127.0.0.1:43210"); empty with --http none.
  const std::string& http_address() const { return http_address_; }

  // Sends `signal` (e.g. SIGHUP) and returns at once.
  void Signal(int signal) { child_.Signal(signal); }

  // The next line the server writes after its "listening on" line (stderr too with
  // merge_stderr): kLine, kEof at its end, or kTimeout after `timeout`.
  ReadStatus NextLine(std::string* line, std::chrono::milliseconds timeout = kDeadline) {
    return reader_ ? reader_->Next(line, Clock::now() + timeout) : ReadStatus::kError;
  }

  // The server's process id, e.g. to read /proc/PID/status.
  pid_t pid() const { return child_.pid(); }

  // SIGTERM, then the exit code (-1 if it did not exit normally).
  int Terminate() {
    const int status = child_.SignalAndWait(SIGTERM);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // SIGKILL, as a crash or a power cut stops it: nothing is flushed or closed.
  void Kill() { child_.SignalAndWait(SIGKILL); }

 private:
  Child child_;
  std::optional<LineReader> reader_;
  std::string address_;
  std::string http_address_;
  std::string first_line_;
  std::vector<std::string> early_lines_;
};

// What a RawCall got back: the call's status and every message read, as serialized bytes.
struct RawReply {
  grpc::Status status;
  std::vector<std::string> messages;
};

// Calls `method` ("/package.Service/Method") through grpc::GenericStub as a bidi stream: writes
// each of `requests` (already serialized), half-closes, reads every response until the server
// ends the call. The wire is the same for unary and streaming methods, so this calls any of them.
// `authorization`, when not empty, is sent as the "authorization" metadata.
inline RawReply RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                        std::vector<std::string> requests, const std::string& authorization = "",
                        std::chrono::milliseconds timeout = kDeadline) {
  class Reactor final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
   public:
    explicit Reactor(std::vector<std::string> requests) : requests_(std::move(requests)) {}

    void Start(grpc::GenericStub& stub, grpc::ClientContext* context, const std::string& method) {
      stub.PrepareBidiStreamingCall(context, method, grpc::StubOptions(), this);
      StartRead(&in_);
      WriteNext();
      StartCall();
    }

    void OnWriteDone(bool ok) override {
      if (ok) WriteNext();  // otherwise the call is over: OnDone reports why
    }

    void OnReadDone(bool ok) override {
      if (!ok) return;
      std::vector<grpc::Slice> slices;
      std::string bytes;
      if (in_.Dump(&slices).ok()) {
        for (const grpc::Slice& s : slices) {
          bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
        }
      }
      reply_.messages.push_back(std::move(bytes));
      StartRead(&in_);
    }

    // Notifies with mu_ held, so Wait cannot return (and the caller destroy the reactor) before
    // OnDone is done with it.
    void OnDone(const grpc::Status& status) override {
      std::lock_guard lock(mu_);
      reply_.status = status;
      done_ = true;
      cv_.notify_all();
    }

    RawReply Wait() {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return done_; });
      return std::move(reply_);
    }

   private:
    // Only one write is in flight: the next starts from OnWriteDone.
    void WriteNext() {
      if (next_ == requests_.size()) {
        if (requests_.empty()) StartWritesDone();
        return;
      }
      grpc::Slice slice(requests_[next_]);
      out_ = grpc::ByteBuffer(&slice, 1);
      ++next_;
      if (next_ == requests_.size()) {
        StartWriteLast(&out_, grpc::WriteOptions());
      } else {
        StartWrite(&out_);
      }
    }

    std::vector<std::string> requests_;
    std::size_t next_ = 0;
    grpc::ByteBuffer out_;
    grpc::ByteBuffer in_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool done_ = false;
    RawReply reply_;
  };

  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
  Reactor reactor(std::move(requests));
  reactor.Start(stub, &context, method);
  return reactor.Wait();  // gRPC uses neither the reactor nor the context after OnDone
}

// RawCall over a new plaintext channel to `address`.
inline RawReply RawCall(const std::string& address, const std::string& method,
                        std::vector<std::string> requests, const std::string& authorization = "",
                        std::chrono::milliseconds timeout = kDeadline) {
  return RawCall(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()), method,
                 std::move(requests), authorization, timeout);
}

// grpc.health.v1.Health/Check for the whole server answers SERVING on `channel`.
inline bool IsServing(const std::shared_ptr<grpc::Channel>& channel) {
  // HealthCheckRequest{service: ""} serializes to nothing.
  RawReply reply = RawCall(channel, "/grpc.health.v1.Health/Check", {std::string()});
  EXPECT_TRUE(reply.status.ok()) << reply.status.error_message();
  return reply.status.ok() && reply.messages.size() == 1 &&
         reply.messages[0] == std::string("\x08\x01", 2);  // HealthCheckResponse{SERVING}
}

// IsServing over a new plaintext channel to `address`.
inline bool IsServing(const std::string& address) {
  return IsServing(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
}

}  // namespace trygg::testing
