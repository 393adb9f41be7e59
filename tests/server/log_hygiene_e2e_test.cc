// No token and no payload free text in what trygg-server says: a real server, its stderr captured,
// runs every RPC (every_rpc.h) as every principal, with no token, an unknown token and malformed
// headers, with a marker in every free-text field — as given, too long, and as invalid UTF-8, so
// that validation errors are met too — then reloads its token file and stops. Neither the marker
// nor any token (nor a token's random part) may appear in a log line or in any call's error
// message or details.
#include <csignal>
#include <string>
#include <vector>

#include "every_rpc.h"
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

TEST(LogHygiene, NoTokenAndNoFreeTextInLogsOrErrorMessages) {
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
  RunningServer server(dir, {"--tokens", dir.Sub("tokens").string()}, /*merge_stderr=*/true);
  ASSERT_FALSE(server.address().empty());
  every_rpc::SeedPlan(server.address(), tokens[0]);

  std::vector<std::string> authorizations = {
      "", "Bearer", "Bearer ", "bearer " + tokens[0], tokens[0], "Basic " + tokens[0]};
  for (const std::string& token : tokens) authorizations.push_back("Bearer " + token);
  const std::vector<std::string> texts = {kMarker, std::string(kMarker) + std::string(20'000, 'x'),
                                          std::string(kMarker) + "\xff\xfe",
                                          std::string(kMarker) + "\n" + kMarker};
  int calls = 0;
  int errors = 0;
  for (const Rpc& rpc : every_rpc::EveryRpc()) {
    for (std::size_t a = 0; a < authorizations.size(); ++a) {
      for (std::size_t t = 0; t < texts.size(); ++t) {
        const RawReply reply = every_rpc::Call(
            server.address(), rpc, authorizations[a],
            "hygiene-" + rpc.method + "-" + std::to_string(a) + "-" + std::to_string(t), texts[t]);
        ++calls;
        if (!reply.status.ok()) ++errors;
        const std::string where = rpc.path() + " (authorization " + std::to_string(a) + ", text " +
                                  std::to_string(t) + ")";
        ExpectNoSecret(where, reply.status.error_message(), secrets);
        ExpectNoSecret(where, reply.status.error_details(), secrets);
      }
    }
  }
  EXPECT_GT(errors, 0);
  EXPECT_LT(errors, calls);

  server.Signal(SIGHUP);  // the reload is logged too
  std::string line;
  ASSERT_TRUE(server.NextLine(&line));
  EXPECT_NE(line.find("SIGHUP"), std::string::npos) << line;
  std::vector<std::string> logged = {server.first_line(), line};
  EXPECT_EQ(server.Terminate(), 0);
  while (server.NextLine(&line)) logged.push_back(line);
  EXPECT_NE(logged.back().find("stopped"), std::string::npos) << logged.back();
  for (const std::string& l : logged) ExpectNoSecret("the server's log", l, secrets);
}

}  // namespace
}  // namespace trygg::testing
