// trygg-server's log through the real binary, its stderr merged into what the test reads: one
// "rpc" record per call (OK, refused and unauthenticated calls alike) with its method, principal,
// code, latency and request id, the client's x-request-id echoed in the record and in the
// response's metadata; the lifecycle records start, ready, stopping and stop in that order; with
// --log-format json every line a JSON object (parsed by protobuf's JSON parser), even with a data
// directory whose name needs escaping; --log-level warn leaving out the info records.
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "log_lines.h"
#include "server_process.h"
#include "trygg/v1/action_plan.pb.h"

namespace trygg::testing {
namespace {

constexpr char kWhoAmI[] = "/trygg.v1.StatusService/WhoAmI";
constexpr char kGetHead[] = "/trygg.v1.EventLogService/GetHead";
constexpr char kCreatePlan[] = "/trygg.v1.ActionPlanService/CreatePlan";

// What a call got back: its status and the server's x-request-id (initial metadata).
struct Answer {
  grpc::StatusCode code = grpc::StatusCode::UNKNOWN;
  std::string request_id;
};

// A unary call of `method` with `request` (serialized), sending "authorization: Bearer <token>"
// when `token` is not empty and "x-request-id: <request_id>" when that is not empty.
Answer Call(const std::string& address, const std::string& method, const std::string& request,
            const std::string& token, const std::string& request_id) {
  grpc::GenericStub stub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
  if (!request_id.empty()) context.AddMetadata("x-request-id", request_id);
  grpc::Slice slice(request);
  grpc::ByteBuffer in(&slice, 1);
  grpc::ByteBuffer out;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &in, &out,
                 [&](grpc::Status status) { done.set_value(status); });
  Answer answer;
  answer.code = done.get_future().get().error_code();
  const auto& metadata = context.GetServerInitialMetadata();
  if (auto it = metadata.find("x-request-id"); it != metadata.end()) {
    answer.request_id.assign(it->second.data(), it->second.size());
  }
  return answer;
}

std::string CreatePlan(const std::string& plan_id) {
  v1::CreatePlanRequest request;
  request.set_command_id("log-e2e-" + plan_id);
  request.set_plan_id(plan_id);
  request.set_name("Trygg i Värnamo");
  request.set_municipality("Värnamo");
  v1::FocusArea* area = request.add_focus_areas();
  area->set_key("centrum");
  area->set_name("Centrum");
  return request.SerializeAsString();
}

// Runs a server on a free port with its store in `data`, `extra` arguments and its stderr merged,
// lets `calls` run against it, stops it with SIGTERM and returns every line it wrote (the
// "listening on" line among them).
template <typename Calls>
std::vector<std::string> ServeAndStop(const std::string& data, std::vector<std::string> extra,
                                      Calls calls) {
  extra.insert(extra.begin(), {"--listen", "127.0.0.1:0", "--data", data});
  RunningServer server(extra, /*merge_stderr=*/true);
  if (server.address().empty()) return {};
  calls(server.address());
  server.Signal(SIGTERM);
  std::vector<std::string> lines = server.early_lines();
  lines.push_back(server.first_line());
  std::string line;
  for (ReadStatus s; (s = server.NextLine(&line)) == ReadStatus::kLine;) lines.push_back(line);
  EXPECT_EQ(server.Terminate(), 0);
  return lines;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

TEST(LogE2E, OneRpcRecordPerCallWithItsRequestIdAndTheLifecycleInOrder) {
  TempDir dir;
  const std::string coordinator = AddToken(dir, "samordnare", "coordinator");
  const std::string reader = AddToken(dir, "lasare", "reader");
  struct Expected {
    std::string method;
    std::string principal;
    std::string code;
  };
  std::map<std::string, Expected> expected;  // by request id
  std::vector<std::string> made_up;          // ids the server made for calls that sent none
  const std::string too_long(200, 'x');
  const auto lines = ServeAndStop(dir.Sub("data").string(), {"--tokens", dir.Sub("tokens").string()}, [&](auto& at) {
    int n = 0;
    auto call = [&](const std::string& method, const std::string& request,
                    const std::string& token, const std::string& principal,
                    grpc::StatusCode code, const std::string& code_name) {
      const std::string id = "log-e2e-" + std::to_string(++n);
      const Answer answer = Call(at, method, request, token, id);
      EXPECT_EQ(answer.code, code) << method << " " << id;
      EXPECT_EQ(answer.request_id, id) << "the answer's x-request-id";
      expected[id] = {method, principal, code_name};
    };
    for (int i = 0; i < 3; ++i) {
      call(kWhoAmI, "", coordinator, "samordnare", grpc::StatusCode::OK, "OK");
      call(kWhoAmI, "", reader, "lasare", grpc::StatusCode::OK, "OK");
    }
    call(kWhoAmI, "", "", "-", grpc::StatusCode::UNAUTHENTICATED, "UNAUTHENTICATED");
    call(kWhoAmI, "", "trygg_not-a-token", "-", grpc::StatusCode::UNAUTHENTICATED,
         "UNAUTHENTICATED");
    call(kCreatePlan, CreatePlan("plan-1"), reader, "lasare", grpc::StatusCode::PERMISSION_DENIED,
         "PERMISSION_DENIED");
    call(kCreatePlan, CreatePlan("plan-1"), coordinator, "samordnare", grpc::StatusCode::OK, "OK");
    call(kCreatePlan, CreatePlan("Not An Id"), coordinator, "samordnare",
         grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
    call(kGetHead, "", coordinator, "samordnare", grpc::StatusCode::OK, "OK");
    // A path the server does not serve is the client's text: not logged.
    const std::string unknown = "/trygg.v1.NoSuchService/Nothing";
    call(unknown, "", coordinator, "samordnare", grpc::StatusCode::UNIMPLEMENTED, "UNIMPLEMENTED");
    expected["log-e2e-" + std::to_string(n)].method = "unknown";
    // No id, one with a space, one too long: the server makes one up, and says which.
    for (const std::string& given : {std::string(), std::string("two words"), too_long}) {
      const Answer answer = Call(at, kWhoAmI, "", coordinator, given);
      EXPECT_EQ(answer.code, grpc::StatusCode::OK);
      EXPECT_FALSE(answer.request_id.empty());
      EXPECT_NE(answer.request_id, given);
      made_up.push_back(answer.request_id);
    }
  });
  ASSERT_FALSE(lines.empty());

  std::vector<std::string> events;
  std::map<std::string, int> seen;
  for (const std::string& line : lines) {
    if (IsListeningLine(line)) continue;
    const auto record = TextRecord(line);
    ASSERT_TRUE(record.has_value()) << line;
    const auto& fields = *record;
    EXPECT_EQ(fields.at("time").size(), std::string("2026-12-04T15:30:00.123Z").size()) << line;
    EXPECT_TRUE(fields.at("time").ends_with("Z")) << line;
    events.push_back(fields.at("event"));
    if (fields.at("event") != "rpc") continue;
    EXPECT_EQ(fields.at("level"), "INFO") << line;
    EXPECT_EQ(Keys(fields), RpcRecordKeys()) << line;  // nothing a request could put there
    const std::string& id = fields.at("request_id");
    ++seen[id];
    EXPECT_GE(std::stod(fields.at("latency_ms")), 0.0) << line;
    if (auto it = expected.find(id); it != expected.end()) {
      EXPECT_EQ(fields.at("method"), it->second.method) << line;
      EXPECT_EQ(fields.at("principal"), it->second.principal) << line;
      EXPECT_EQ(fields.at("code"), it->second.code) << line;
    } else {
      EXPECT_NE(std::find(made_up.begin(), made_up.end(), id), made_up.end()) << line;
    }
  }
  for (const auto& [id, call] : expected) EXPECT_EQ(seen[id], 1) << id << "\n" << Joined(lines);
  for (const std::string& id : made_up) EXPECT_EQ(seen[id], 1) << id << "\n" << Joined(lines);
  EXPECT_EQ(seen.size(), expected.size() + made_up.size()) << Joined(lines);

  // The lifecycle, in order, around the calls. The plan created was written since the start, so
  // the clean stop checkpoints the memtables (one record per column family).
  std::vector<std::string> lifecycle;
  for (const std::string& event : events) {
    if (event != "rpc" && (lifecycle.empty() || lifecycle.back() != event)) {
      lifecycle.push_back(event);
    }
  }
  EXPECT_EQ(lifecycle,
            (std::vector<std::string>{"start", "ready", "stopping", "checkpoint", "stop"}))
      << Joined(lines);
  bool log_checkpointed = false;
  for (const std::string& line : lines) {
    const auto record = TextRecord(line);
    if (!record || record->at("event") != "checkpoint") continue;
    const auto& fields = *record;
    EXPECT_EQ(fields.at("reason"), "shutdown") << line;
    if (fields.at("column_family") != "log") continue;
    log_checkpointed = true;
    EXPECT_EQ(fields.at("entries"), "1") << line;  // the one event CreatePlan appended
    EXPECT_GT(std::stoull(fields.at("bytes")), 0u) << line;
  }
  EXPECT_TRUE(log_checkpointed) << Joined(lines);
  EXPECT_EQ(events.front(), "start");
  EXPECT_EQ(events.back(), "stop");
}

TEST(LogE2E, JsonGivesOneObjectPerLineEvenForNamesThatNeedEscaping) {
  TempDir dir;
  const std::string coordinator = AddToken(dir, "samordnare", "coordinator");
  // A data directory whose name holds a quote, a backslash, a tab and bytes that are not UTF-8:
  // the start record names it.
  const std::string data = dir.Sub("da\"ta\\\t\xff\xfe").string();
  std::string request_id;
  const auto lines =
      ServeAndStop(data, {"--tokens", dir.Sub("tokens").string(), "--log-format", "json"},
                   [&](auto& at) {
                     EXPECT_EQ(Call(at, kWhoAmI, "", coordinator, "json-1").code,
                               grpc::StatusCode::OK);
                     EXPECT_EQ(Call(at, kWhoAmI, "", "", "json-2").code,
                               grpc::StatusCode::UNAUTHENTICATED);
                   });
  ASSERT_FALSE(lines.empty());
  std::vector<std::string> events;
  for (const std::string& line : lines) {
    if (IsListeningLine(line)) continue;
    const auto record = JsonRecord(line);
    ASSERT_TRUE(record.has_value()) << "not a JSON object: " << line;
    const auto& fields = *record;
    ASSERT_TRUE(fields.contains("time") && fields.contains("level") && fields.contains("event"))
        << line;
    events.push_back(fields.at("event"));
    if (events.back() == "start") {
      EXPECT_EQ(fields.at("data"), data.substr(0, data.size() - 2) + "\xef\xbf\xbd\xef\xbf\xbd")
          << line;
    }
    if (events.back() != "rpc") continue;
    EXPECT_EQ(Keys(fields), RpcRecordKeys()) << line;
    EXPECT_EQ(fields.at("level"), "info");
    EXPECT_EQ(fields.at("method"), kWhoAmI);
    EXPECT_GE(std::stod(fields.at("latency_ms")), 0.0);
    const std::string id = fields.at("request_id");
    EXPECT_TRUE(id == "json-1" || id == "json-2") << line;
    EXPECT_EQ(fields.at("principal"), id == "json-1" ? "samordnare" : "-");
    EXPECT_EQ(fields.at("code"), id == "json-1" ? "OK" : "UNAUTHENTICATED");
  }
  EXPECT_EQ(events, (std::vector<std::string>{"start", "ready", "rpc", "rpc", "stopping", "stop"}))
      << Joined(lines);
}

TEST(LogE2E, LevelWarnLeavesOutTheInfoRecords) {
  TempDir dir;
  const auto lines = ServeAndStop(dir.Sub("data").string(), {"--allow-anonymous", "--log-level", "warn"}, [](auto& at) {
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(Call(at, kWhoAmI, "", "", "warn-" + std::to_string(i)).code, grpc::StatusCode::OK);
    }
  });
  ASSERT_FALSE(lines.empty());
  std::vector<std::string> events;
  for (const std::string& line : lines) {
    if (IsListeningLine(line)) continue;
    const auto record = TextRecord(line);
    ASSERT_TRUE(record.has_value()) << line;
    EXPECT_EQ(record->at("level"), "WARN") << line;
    events.push_back(record->at("event"));
  }
  EXPECT_EQ(events, std::vector<std::string>{"anonymous"}) << Joined(lines);
}

}  // namespace
}  // namespace trygg::testing
