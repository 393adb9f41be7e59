// Token hygiene through the real binary: `trygg-server tokens list` and `tokens revoke`, a token
// file others may read refused at start, and SIGHUP reloading the token file without a restart
// (a new token works, a revoked one is refused, a broken file keeps the tokens loaded before).
#include <sys/stat.h>

#include <csignal>
#include <fstream>
#include <string>
#include <vector>

#include "server_process.h"

namespace trygg::testing {
namespace {

// WhoAmI as `token`: OK, or UNAUTHENTICATED for a token the server does not know.
grpc::StatusCode WhoAmI(const RunningServer& server, const std::string& token) {
  return RawCall(server.address(), "/trygg.v1.StatusService/WhoAmI", {std::string()},
                 "Bearer " + token)
      .status.error_code();
}

// SIGHUP, then the record the server logs about it (the records of the calls before it skipped).
std::string Reload(RunningServer& server) {
  server.Signal(SIGHUP);
  std::string line;
  while (server.NextLine(&line) == ReadStatus::kLine) {
    if (line.find(" reload ") != std::string::npos) return line;
  }
  ADD_FAILURE() << "no reload record after SIGHUP";
  return "";
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TokenReload, SighupReloadsTheTokenFileWithoutARestart) {
  TempDir dir;
  const std::string tokens = dir.Sub("tokens").string();
  const std::string anna = AddToken(dir, "anna", "coordinator");
  RunningServer server(dir, {"--tokens", tokens}, /*merge_stderr=*/true);
  ASSERT_FALSE(server.address().empty());
  EXPECT_EQ(WhoAmI(server, anna), grpc::StatusCode::OK);

  const std::string bo = AddToken(dir, "bo", "reader");
  EXPECT_EQ(WhoAmI(server, bo), grpc::StatusCode::UNAUTHENTICATED);  // not loaded yet
  std::string line = Reload(server);
  EXPECT_TRUE(Contains(line, "reloaded the token file " + tokens + " (principals: 2)")) << line;
  EXPECT_EQ(WhoAmI(server, bo), grpc::StatusCode::OK);
  EXPECT_EQ(WhoAmI(server, anna), grpc::StatusCode::OK);

  EXPECT_EQ(RunServer({"tokens", "revoke", "--tokens", tokens, "anna"}).exit_status, 0);
  EXPECT_EQ(WhoAmI(server, anna), grpc::StatusCode::OK);  // until the reload
  line = Reload(server);
  EXPECT_TRUE(Contains(line, "(principals: 1)")) << line;
  EXPECT_EQ(WhoAmI(server, anna), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(WhoAmI(server, bo), grpc::StatusCode::OK);

  // A broken file, and then one others may read: each reload is refused, saying why, and the
  // tokens loaded before stay in force.
  const std::string good = [&] {
    std::ifstream in(tokens);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  std::ofstream(tokens, std::ios::app) << "not a token line\n";
  line = Reload(server);
  EXPECT_TRUE(Contains(line, "not reloaded")) << line;
  EXPECT_TRUE(Contains(line, tokens + ":")) << line;  // names the file and line
  EXPECT_EQ(WhoAmI(server, bo), grpc::StatusCode::OK);
  std::ofstream(tokens, std::ios::trunc) << good;
  ASSERT_EQ(::chmod(tokens.c_str(), 0644), 0);
  line = Reload(server);
  EXPECT_TRUE(Contains(line, "chmod 600 " + tokens)) << line;
  EXPECT_EQ(WhoAmI(server, bo), grpc::StatusCode::OK);
  ASSERT_EQ(::chmod(tokens.c_str(), 0600), 0);
  line = Reload(server);
  EXPECT_TRUE(Contains(line, "(principals: 1)")) << line;
  EXPECT_EQ(WhoAmI(server, bo), grpc::StatusCode::OK);

  EXPECT_EQ(server.Terminate(), 0);
}

TEST(TokenReload, ListPrintsPrincipalsNeverTokensAndRevokeRemovesOne) {
  TempDir dir;
  const std::string tokens = dir.Sub("tokens").string();
  const std::vector<std::string> issued = {
      AddToken(dir, "samordnare", "coordinator", "varnamo-kommun"),
      AddToken(dir, "kommunpolis", "agency", "polisen-lpo-varnamo"),
      AddToken(dir, "revisor", "auditor")};
  Output list = RunServer({"tokens", "list", "--tokens", tokens});
  EXPECT_EQ(list.exit_status, 0);
  EXPECT_EQ(list.lines, (std::vector<std::string>{"samordnare\tcoordinator\tvarnamo-kommun",
                                                  "kommunpolis\tagency\tpolisen-lpo-varnamo",
                                                  "revisor\tauditor\t"}));

  Output absent = RunServerWithStderr({"tokens", "revoke", "--tokens", tokens, "lasare"});
  EXPECT_EQ(absent.exit_status, 1);
  ASSERT_EQ(absent.lines.size(), 1u);
  EXPECT_EQ(absent.lines[0], "trygg-server tokens revoke: principal 'lasare' is not in " + tokens);
  EXPECT_EQ(RunServerWithStderr({"tokens", "revoke", "--tokens", tokens}).exit_status, 2);

  Output revoked = RunServerWithStderr({"tokens", "revoke", "--tokens", tokens, "kommunpolis"});
  EXPECT_EQ(revoked.exit_status, 0);
  list = RunServer({"tokens", "list", "--tokens", tokens});
  EXPECT_EQ(list.lines, (std::vector<std::string>{"samordnare\tcoordinator\tvarnamo-kommun",
                                                  "revisor\tauditor\t"}));
  for (const Output& out : {list, revoked, absent}) {
    for (const std::string& line : out.lines) {
      for (const std::string& token : issued) EXPECT_FALSE(Contains(line, token.substr(6)));
    }
  }
  EXPECT_EQ(RunServer({"tokens", "list", "--tokens", dir.Sub("missing").string()}).exit_status, 1);
}

TEST(TokenReload, RefusesATokenFileGroupOrOthersMayRead) {
  TempDir dir;
  const std::string tokens = dir.Sub("tokens").string();
  AddToken(dir, "samordnare", "coordinator");
  ASSERT_EQ(::chmod(tokens.c_str(), 0640), 0);
  Output start = RunServerWithStderr(
      {"--listen", "127.0.0.1:0", "--data", dir.Sub("data").string(), "--tokens", tokens});
  EXPECT_EQ(start.exit_status, 1);
  ASSERT_EQ(start.lines.size(), 2u);  // the start record, then why it stopped
  EXPECT_TRUE(Contains(start.lines[1], " ERROR start_failed message=\"token file " + tokens +
                                           " has mode 0640: group or others may read or change "
                                           "it, and it decides who may do what; make it private "
                                           "to the server's user with 'chmod 600 " +
                                           tokens + "'\""))
      << start.lines[1];
  EXPECT_EQ(RunServer({"tokens", "list", "--tokens", tokens}).exit_status, 1);
  EXPECT_EQ(RunServer({"tokens", "add", "--tokens", tokens, "--name", "x", "--role", "reader"})
                .exit_status,
            1);
}

}  // namespace
}  // namespace trygg::testing
