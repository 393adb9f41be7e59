// No token and no payload free text in what trygg-server says: a real server, its stderr captured,
// runs every RPC (every_rpc.h) as every principal, with no token, an unknown token and malformed
// headers, with a marker in every free-text field — as given, too long, with a newline, and as
// invalid UTF-8, so that validation errors are met too — then reloads its token file and stops.
// Neither the marker nor any token (nor a token's random part) may appear in a log line or in any
// call's error message or details. In both log formats, every line is a record of that format, and
// each call's "rpc" record holds its fixed fields and nothing else (a method the server does not
// serve, the marker in its path, is logged as "unknown").
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "every_rpc.h"
#include "log_lines.h"
#include "server_process.h"

namespace trygg::testing {
namespace {

using every_rpc::Rpc;

constexpr char kMarker[] = "hemlig-fritext-q7Zx";

// What must never be said: the marker, each token and its random part (after "trygg_").
std::vector<std::string> Secrets(const std::vector<std::string>& tokens) {
  std::vector<std::string> secrets = {kMarker};
  for (const std::string& token : tokens) {
    secrets.push_back(token);
    secrets.push_back(token.substr(token.find('_') + 1));
  }
  return secrets;
}

void ExpectNoSecret(const std::string& where, const std::string& text,
                    const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    EXPECT_EQ(text.find(secret), std::string::npos)
        << where << " says '" << secret << "': " << text;
  }
}

// Every line the server writes, read as it comes (a full pipe would stall the server), until it
// exits. WaitFor blocks until a line containing `part` has come.
class Log {
 public:
  explicit Log(RunningServer& server)
      : server_(server), reader_([this, &server] {
          std::string line;
          for (ReadStatus s;
               (s = server.NextLine(&line)) != ReadStatus::kEof && s != ReadStatus::kError;) {
            if (s != ReadStatus::kLine) continue;  // quiet for a while
            std::lock_guard lock(mu_);
            lines_.push_back(line);
            cv_.notify_all();
          }
        }) {}
  // A test that ends early has not stopped the server: SIGKILL ends the reader's wait.
  ~Log() {
    if (!reader_.joinable()) return;
    server_.Signal(SIGKILL);
    reader_.join();
  }

  bool WaitFor(const std::string& part) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kDeadline, [&] {
      for (const std::string& line : lines_) {
        if (line.find(part) != std::string::npos) return true;
      }
      return false;
    });
  }

  // After the server has exited: every line.
  std::vector<std::string> Lines() {
    if (reader_.joinable()) reader_.join();
    return lines_;
  }

 private:
  RunningServer& server_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> lines_;
  std::thread reader_;  // last: starts once the rest is built
};

// Run with --log-format text and json.
class LogHygiene : public ::testing::TestWithParam<std::string> {};

TEST_P(LogHygiene, NoTokenAndNoFreeTextInLogsOrErrorMessages) {
  const bool json = GetParam() == "json";
  TempDir dir;
  const std::vector<std::string> tokens = {
      AddToken(dir, "samordnare", "coordinator", "varnamo-kommun"),
      AddToken(dir, "kommunpolis", "agency", every_rpc::kAgency),
      AddToken(dir, "brandman", "agency", every_rpc::kOtherAgency),
      AddToken(dir, "revisor", "auditor"),
      AddToken(dir, "lasare", "reader"),
      "trygg_" + std::string(kMarker) + "0123456789abcdef",  // in no token file
  };
  const std::vector<std::string> secrets = Secrets(tokens);
  RunningServer server(dir, {"--tokens", dir.Sub("tokens").string(), "--log-format", GetParam()},
                       /*merge_stderr=*/true);
  ASSERT_FALSE(server.address().empty());
  Log log(server);
  every_rpc::SeedPlan(server.address(), tokens[0]);

  std::vector<std::string> authorizations = {
      "", "Bearer", "Bearer ", "bearer " + tokens[0], tokens[0], "Basic " + tokens[0]};
  for (const std::string& token : tokens) authorizations.push_back("Bearer " + token);
  // The marker as given, too long for any field, and with a newline; then once per RPC as
  // invalid UTF-8 (a request the server cannot even parse, whoever sends it).
  const std::vector<std::string> texts = {kMarker, std::string(kMarker) + std::string(20'000, 'x'),
                                          std::string(kMarker) + "\n" + kMarker};
  int calls = 0;
  int errors = 0;
  auto check = [&](const std::string& where, const RawReply& reply) {
    ++calls;
    if (!reply.status.ok()) ++errors;
    ExpectNoSecret(where, reply.status.error_message(), secrets);
    ExpectNoSecret(where, reply.status.error_details(), secrets);
  };
  for (const Rpc& rpc : every_rpc::EveryRpc()) {
    for (std::size_t a = 0; a < authorizations.size(); ++a) {
      for (std::size_t t = 0; t < texts.size(); ++t) {
        const std::string id =
            "hygiene-" + rpc.method + "-" + std::to_string(a) + "-" + std::to_string(t);
        check(rpc.path() + " " + id,
              every_rpc::Call(server.address(), rpc, authorizations[a], id, texts[t]));
      }
    }
    // "@@" after the marker becomes two bytes that are not UTF-8, in the serialized request (the
    // client's protobuf would complain about serializing them itself).
    std::string request =
        rpc.request("hygiene-" + rpc.method + "-utf8", kMarker + std::string("@@"));
    for (std::size_t at; (at = request.find("@@")) != std::string::npos;) {
      request.replace(at, 2, "\xff\xfe");
    }
    check(
        rpc.path() + " invalid UTF-8",
        RawCall(server.address(), rpc.path(), {request}, "Bearer " + tokens[0],
                rpc.endless ? std::chrono::milliseconds(every_rpc::kEndlessDeadline) : kDeadline));
  }
  // A path the server does not serve, the marker in it.
  check("unknown method", RawCall(server.address(), "/" + std::string(kMarker) + ".Service/Method",
                                  {std::string()}, "Bearer " + tokens[0]));
  EXPECT_GT(errors, 0);
  EXPECT_LT(errors, calls);

  server.Signal(SIGHUP);  // the reload is logged too
  EXPECT_TRUE(log.WaitFor("SIGHUP"));
  EXPECT_EQ(server.Terminate(), 0);
  std::vector<std::string> logged = log.Lines();
  ASSERT_FALSE(logged.empty());
  EXPECT_NE(logged.back().find("stopped"), std::string::npos) << logged.back();
  logged.insert(logged.begin(), server.early_lines().begin(), server.early_lines().end());
  for (const std::string& line : logged) ExpectNoSecret("the server's log", line, secrets);
  ExpectNoSecret("the server's log", server.first_line(), secrets);

  std::vector<std::string> methods = {"unknown"};
  for (const Rpc& rpc : every_rpc::EveryRpc()) methods.push_back(rpc.path());
  int rpc_records = 0;
  for (const std::string& line : logged) {
    const auto record = Record(line, json);
    ASSERT_TRUE(record.has_value()) << "not a " << GetParam() << " record: " << line;
    if (record->at("event") != "rpc") continue;
    ++rpc_records;
    EXPECT_EQ(Keys(*record), RpcRecordKeys()) << line;
    EXPECT_NE(std::find(methods.begin(), methods.end(), record->at("method")), methods.end())
        << line;
  }
  EXPECT_GE(rpc_records, calls);
}

INSTANTIATE_TEST_SUITE_P(Formats, LogHygiene, ::testing::Values("text", "json"));

}  // namespace
}  // namespace trygg::testing
