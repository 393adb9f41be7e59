// trygg-server as its users meet it: `tokens add`, start-up, health, SIGTERM, restart.
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <string>
#include <vector>

#include "server_process.h"

namespace trygg::testing {
namespace {

// grpc.health.v1.Health/Check for the whole server; returns the serialized response.
grpc::Status HealthCheck(const std::string& address, std::string* response_bytes) {
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
  grpc::Slice empty{std::string()};  // HealthCheckRequest{service: ""} serializes to nothing
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&](grpc::Status status) { done.set_value(status); });
  grpc::Status status = done.get_future().get();
  std::vector<grpc::Slice> slices;
  if (status.ok() && response.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      response_bytes->append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return status;
}

TEST(ServerE2E, TokensAddPrintsTheTokenAloneAndRefusesBadInput) {
  TempDir dir;
  const std::string token = AddToken(dir, "samordnare", "coordinator");
  EXPECT_EQ(token.rfind("trygg_", 0), 0u) << token;

  Output bad_role = RunServer(
      {"tokens", "add", "--tokens", dir.Sub("tokens").string(), "--name", "x", "--role", "admin"});
  EXPECT_EQ(bad_role.exit_status, 2);
  EXPECT_TRUE(bad_role.lines.empty());
  Output no_agency = RunServer({"tokens", "add", "--tokens", dir.Sub("tokens").string(), "--name",
                                "polis", "--role", "agency"});
  EXPECT_EQ(no_agency.exit_status, 1);
  EXPECT_TRUE(no_agency.lines.empty());
  Output missing_name = RunServer({"tokens", "add", "--tokens", dir.Sub("tokens").string()});
  EXPECT_EQ(missing_name.exit_status, 2);
}

TEST(ServerE2E, HelpAndUsageErrors) {
  Output help = RunServer({"--help"});
  EXPECT_EQ(help.exit_status, 0);
  std::string text;
  for (const auto& l : help.lines) text += l + "\n";
  EXPECT_NE(text.find("--listen"), std::string::npos) << text;
  EXPECT_NE(text.find("Example"), std::string::npos) << text;
  EXPECT_NE(text.find("--time-zone"), std::string::npos) << text;
  EXPECT_EQ(RunServer({"--no-such-flag"}).exit_status, 2);
  Output zone = RunServerWithStderr({"--allow-anonymous", "--time-zone", "Europe/Atlantis"});
  EXPECT_EQ(zone.exit_status, 2);
  text.clear();
  for (const auto& l : zone.lines) text += l + "\n";
  EXPECT_NE(text.find("unknown time zone 'Europe/Atlantis'"), std::string::npos) << text;
}

TEST(ServerE2E, RefusesToStartWithoutTokensOrWithABadTokenFile) {
  TempDir dir;
  EXPECT_EQ(RunServer({"--listen", "127.0.0.1:0", "--data", dir.Sub("data").string()}).exit_status,
            1);
  EXPECT_EQ(RunServer({"--listen", "127.0.0.1:0", "--data", dir.Sub("data").string(), "--tokens",
                       dir.Sub("missing").string()})
                .exit_status,
            1);
}

TEST(ServerE2E, ServesHealthStopsCleanlyOnSigtermAndRestartsOnTheSameStore) {
  TempDir dir;
  AddToken(dir, "samordnare", "coordinator");
  for (int run = 0; run < 2; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    RunningServer server(dir, {"--tokens", dir.Sub("tokens").string()});
    ASSERT_FALSE(server.address().empty());
    std::string response;
    grpc::Status status = HealthCheck(server.address(), &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response, std::string("\x08\x01", 2));  // HealthCheckResponse{status: SERVING}
    EXPECT_EQ(server.Terminate(), 0);
  }
}

TEST(ServerE2E, ConfigFileSuppliesTheOptions) {
  TempDir dir;
  const auto config = dir.Sub("trygg.toml");
  std::ofstream(config) << "listen = \"127.0.0.1:0\"\ndata = \"" << dir.Sub("from-config").string()
                        << "\"\nallow-anonymous = true\n";
  RunningServer server({"--config", config.string()});
  ASSERT_FALSE(server.address().empty());
  EXPECT_NE(server.first_line().find("from-config"), std::string::npos) << server.first_line();
  EXPECT_EQ(server.Terminate(), 0);
  EXPECT_TRUE(std::filesystem::exists(dir.Sub("from-config") / "CURRENT"));
}

TEST(ServerE2E, AllowAnonymousStarts) {
  TempDir dir;
  RunningServer server(dir, {"--allow-anonymous"});
  ASSERT_FALSE(server.address().empty());
  EXPECT_EQ(server.Terminate(), 0);
}

// One writer per store: a second trygg-server on a data directory another one serves stops at once
// with exit code 1 and says why, and the first goes on serving.
TEST(ServerE2E, ASecondServerOnTheSameDataDirectoryIsRefused) {
  TempDir dir;
  RunningServer first(dir, {"--allow-anonymous"});
  ASSERT_FALSE(first.address().empty());
  Output second = RunServerWithStderr(
      {"--allow-anonymous", "--listen", "127.0.0.1:0", "--data", dir.Sub("data").string()});
  EXPECT_EQ(second.exit_status, 1);
  const std::string said = ::testing::PrintToString(second.lines);
  EXPECT_NE(said.find("cannot open the event store at " + dir.Sub("data").string()),
            std::string::npos)
      << said;
  EXPECT_NE(said.find("the store is already open (in this or another process)"), std::string::npos)
      << said;
  std::string health;
  EXPECT_TRUE(HealthCheck(first.address(), &health).ok());
  EXPECT_EQ(first.Terminate(), 0);
}

TEST(ServerE2E, ReflectionListsEveryService) {
  TempDir dir;
  AddToken(dir, "samordnare", "coordinator");
  RunningServer server(dir, {"--tokens", dir.Sub("tokens").string()});
  ASSERT_FALSE(server.address().empty());
  // ServerReflectionRequest{list_services: ""}: field 7, length-delimited, empty.
  RawReply reply =
      RawCall(server.address(), "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
              {std::string("\x3a\x00", 2)});
  ASSERT_TRUE(reply.status.ok()) << reply.status.error_code() << " "
                                 << reply.status.error_message();
  ASSERT_EQ(reply.messages.size(), 1u);
  for (const char* service : {"trygg.v1.ActionPlanService", "trygg.v1.StatusService",
                              "trygg.v1.EventLogService", "grpc.health.v1.Health"}) {
    EXPECT_NE(reply.messages[0].find(service), std::string::npos) << service;
  }
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace trygg::testing
