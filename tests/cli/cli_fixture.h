// The fixture of trygg's end-to-end tests: a real trygg-server child on a free loopback port with
// a temporary store and a token file holding a coordinator, two agency principals, an auditor and
// a reader; the real trygg binary run against it (cli_process.h); and helpers to check what trygg
// printed: one error line, JSON parsed back with protobuf, CSV parsed by RFC 4180.
#pragma once

#include <arpa/inet.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli_process.h"
#include "server/server_process.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"

using ::trygg::testing::IsOk;

namespace trygg::testing {

inline constexpr char kPlan[] = "tryggare-varnamo-2026";
inline constexpr char kPolice[] = "polisen-lpo-varnamo";
inline constexpr char kSocial[] = "varnamo-kommun-socialtjansten";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    coordinator_ = AddToken(dir_, "samordnare", "coordinator", "varnamo-kommun-ks");
    police_ = AddToken(dir_, "kommunpolis", "agency", kPolice);
    social_ = AddToken(dir_, "socialsekreterare", "agency", kSocial);
    auditor_ = AddToken(dir_, "revisor", "auditor");
    reader_ = AddToken(dir_, "lasare", "reader");
    server_.emplace(dir_, std::vector<std::string>{"--tokens", dir_.Sub("tokens").string()});
    ASSERT_FALSE(server_->address().empty()) << "trygg-server did not start";
  }

  const std::string& address() const { return server_->address(); }

  // The environment every run gets unless a test adds to it: no config file (HOME and
  // XDG_CONFIG_HOME point into the temp dir), a fixed width, no colour (stdout is a pipe anyway).
  CliEnv Env() const {
    CliEnv env;
    env.set["HOME"] = dir_.Sub("home").string();
    env.set["XDG_CONFIG_HOME"] = dir_.Sub("xdg").string();
    env.set["COLUMNS"] = "100";
    return env;
  }

  // trygg --server <this server> [--token TOKEN] ARGS.
  CliResult Trygg(const std::string& token, const std::vector<std::string>& args,
                  std::optional<CliEnv> env = std::nullopt) const {
    std::vector<std::string> all = {"--server", address()};
    if (!token.empty()) {
      all.push_back("--token");
      all.push_back(token);
    }
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all, env ? *env : Env());
  }

  // Like Trygg, and expects exit code 0 and nothing on stderr.
  std::string TryggOk(const std::string& token, const std::vector<std::string>& args,
                      std::optional<CliEnv> env = std::nullopt) const {
    CliResult result = Trygg(token, args, std::move(env));
    EXPECT_EQ(result.exit_code, 0) << Describe(args, result);
    EXPECT_EQ(result.err, "") << Describe(args, result);
    return result.out;
  }

  static std::string Describe(const std::vector<std::string>& args, const CliResult& result) {
    std::string text = "trygg";
    for (const std::string& a : args) text += " " + a;
    return text + "\n--- exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
           "--- stderr\n" + result.err;
  }

  // The plan with three focus areas and the two agencies, as the coordinator.
  void CreatePlanAndAgencies() const {
    TryggOk(coordinator_,
            {"plan", "create", kPlan, "--name", "Tryggare Värnamo 2026", "--municipality",
             "Värnamo kommun", "--focus-area", "narkotika=Narkotika", "--focus-area",
             "otrygghet=Otrygghet", "--focus-area", "otillaten-paverkan=Otillåten påverkan"});
    TryggOk(coordinator_, {"agency", "register", kPolice, "--name",
                           "Polisen, lokalpolisområde Värnamo", "--kind", "police"});
    TryggOk(coordinator_, {"agency", "register", kSocial, "--name",
                           "Värnamo kommun, socialförvaltningen", "--kind", "social services"});
  }

  // Proposes measure `id`; prioritises it unless `priority` is empty; then assigns it unless
  // `agency` is empty.
  void ProposeAndAssign(const std::string& id, const std::string& focus_area,
                        const std::string& title, const std::string& priority,
                        const std::string& agency, const std::string& due) const {
    TryggOk(coordinator_, {"measure", "propose", "--plan", kPlan, "--focus-area", focus_area,
                           "--title", title, "--id", id});
    if (priority.empty()) return;
    TryggOk(coordinator_, {"measure", "prioritise", id, "--priority", priority});
    if (agency.empty()) return;
    TryggOk(coordinator_, {"measure", "assign", id, "--agency", agency, "--due", due});
  }

  TempDir dir_;
  std::string coordinator_, police_, social_, auditor_, reader_;
  std::optional<RunningServer> server_;
};

// A loopback port held for as long as this lives. Not listening, it refuses every connection;
// listening but never accepting, connections complete (the kernel's backlog) and nothing ever
// answers them.
class LoopbackPort {
 public:
  explicit LoopbackPort(bool listen) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t length = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) != 0 ||
        (listen && ::listen(fd_, 16) != 0)) {
      ADD_FAILURE() << "cannot set up a loopback port";
      return;
    }
    address_ = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  }
  ~LoopbackPort() {
    if (fd_ >= 0) ::close(fd_);
  }
  LoopbackPort(const LoopbackPort&) = delete;
  LoopbackPort& operator=(const LoopbackPort&) = delete;
  const std::string& address() const { return address_; }

 private:
  int fd_ = -1;
  std::string address_;
};

// Expects a failure: exit code `code`, nothing on stdout, and exactly one line on stderr that
// starts with "trygg: " and contains `part`.
inline void ExpectFailure(const CliResult& result, int code, const std::string& part) {
  EXPECT_EQ(result.exit_code, code) << "stderr: " << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(result.err.starts_with("trygg: ")) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_TRUE(result.err.ends_with("\n")) << result.err;
  EXPECT_NE(result.err.find(part), std::string::npos)
      << "expected '" << part << "' in: " << result.err;
}

// Parses `json` into `message` (proto3 JSON mapping; unknown fields are an error).
template <class Message>
Message FromJson(const std::string& json) {
  Message message;
  auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return message;
}

// Member `key` of the JSON object `json`, parsed into `Message`.
template <class Message>
Message JsonMember(const std::string& json, const std::string& key) {
  const auto object = FromJson<google::protobuf::Struct>(json);
  auto it = object.fields().find(key);
  if (it == object.fields().end()) {
    ADD_FAILURE() << "no member '" << key << "' in " << json;
    return Message();
  }
  std::string member;
  EXPECT_THAT(google::protobuf::util::MessageToJsonString(it->second, &member), IsOk());
  return FromJson<Message>(member);
}

// RFC 4180: records end in CRLF; a quoted field may hold commas, CRLF and doubled quotes.
// Fails the test on anything else (a bare LF outside quotes, a stray quote).
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  bool field_started = false;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && !field_started) {
      ++i;
      for (;;) {
        if (i >= text.size()) {
          ADD_FAILURE() << "unterminated quoted field";
          return records;
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(text[i++]);
      }
      field_started = true;
      continue;
    }
    if (c == ',') {
      record.push_back(field);
      field.clear();
      field_started = false;
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
      field_started = false;
      i += 2;
      continue;
    }
    if (c == '\r' || c == '\n' || (c == '"' && field_started)) {
      ADD_FAILURE() << "not RFC 4180 at byte " << i << " of:\n" << text;
      return records;
    }
    field.push_back(c);
    field_started = true;
    ++i;
  }
  EXPECT_TRUE(record.empty() && field.empty()) << "the last record does not end in CRLF";
  return records;
}

// The lines of `text` (split at '\n', the last one ended by it).
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace trygg::testing
