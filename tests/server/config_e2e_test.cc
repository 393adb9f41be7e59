// trygg-server's config file and --print-config through the real binary: a bad file stops the start
// with exit 2 and "trygg-server: FILE:LINE: REASON" before anything is opened, flags win over the
// file, and --print-config shows every key's value and source, never a secret.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "server_process.h"

namespace trygg::testing {
namespace {

std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.Sub(name)) << text;
  return dir.Sub(name).string();
}

std::string Joined(const Output& out) {
  std::string text;
  for (const std::string& line : out.lines) text += line + "\n";
  return text;
}

// --print-config's "key = value  # source" lines as key -> (value, source).
std::map<std::string, std::pair<std::string, std::string>> Printed(const Output& out) {
  std::map<std::string, std::pair<std::string, std::string>> keys;
  const std::regex line(R"(^([a-z0-9-]+) = (.*)  # (.*)$)");
  for (const std::string& l : out.lines) {
    std::smatch m;
    if (std::regex_match(l, m, line)) keys[m[1]] = {m[2], m[3]};
  }
  return keys;
}

TEST(ConfigE2E, ABadConfigFileStopsTheStartWithTheFileTheLineAndTheReason) {
  struct Case {
    std::string line;  // the file's fourth line
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"listn = \"127.0.0.1:0\"", "4: unknown key 'listn' (did you mean 'listen'?)"},
      {"max-streams-per-principal = \"lots\"",
       "4: max-streams-per-principal: 'lots' is not a number"},
      {"time-zone = \"Europe/Atlantis\"", "4: time-zone: unknown time zone 'Europe/Atlantis'"},
      {"listen = 127.0.0.1:0",
       "4: error while parsing time: expected ':', saw '7' (text goes in quotes: listen = "
       "\"127.0.0.1:0\")"},
      {"listen = [\"127.0.0.1:0\"]", "4: listen: an array is not used"},
      {"data = \"again\"",
       "4: error while parsing key-value pair: cannot redefine existing string 'data'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    TempDir dir;
    // No token file: were the bad line let through, the server would stop at once (exit 1)
    // rather than serve.
    const std::string file = Write(dir, "trygg-server.toml",
                                   "# trygg-server\ndata = \"" + dir.Sub("data").string() +
                                       "\"\nverify-on-start = \"full\"\n" + c.line + "\n");
    const Output out = RunServerWithStderr({"--config", file, "--listen", "127.0.0.1:0"});
    EXPECT_EQ(out.exit_status, 2);
    ASSERT_EQ(out.lines.size(), 1u) << Joined(out);
    EXPECT_EQ(out.lines[0].rfind("trygg-server: " + file + ":" + c.reason, 0), 0u) << out.lines[0];
    EXPECT_FALSE(std::filesystem::exists(dir.Sub("data"))) << "the store was opened";
  }
}

TEST(ConfigE2E, AMissingConfigFileStopsTheStart) {
  TempDir dir;
  const Output out = RunServerWithStderr({"--config", dir.Sub("missing.toml").string(), "--listen",
                                          "127.0.0.1:0", "--data", dir.Sub("data").string()});
  EXPECT_EQ(out.exit_status, 2);
  EXPECT_EQ(Joined(out),
            "trygg-server: " + dir.Sub("missing.toml").string() + ": no such config file\n");
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("data")));
}

TEST(ConfigE2E, FlagsWinOverTheFile) {
  TempDir dir;
  // Neither the file's address (not an address at all) nor its store is used.
  const std::string file = Write(dir, "trygg-server.toml",
                                 "listen = \"not-an-address\"\n"
                                 "data = \"" +
                                     dir.Sub("file-data").string() +
                                     "\"\n"
                                     "allow-anonymous = true\n");
  RunningServer server(
      {"--config", file, "--listen", "127.0.0.1:0", "--data", dir.Sub("flag-data").string()});
  ASSERT_FALSE(server.address().empty());
  EXPECT_NE(server.first_line().find("flag-data"), std::string::npos) << server.first_line();
  EXPECT_EQ(server.Terminate(), 0);
  EXPECT_TRUE(std::filesystem::exists(dir.Sub("flag-data") / "CURRENT"));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("file-data")));
}

// Every key's value and source, nothing opened, no token; the printed text read back prints the
// same values.
TEST(ConfigE2E, PrintConfigShowsEachValuesSourceOpensNothingAndReadsBack) {
  TempDir dir;
  const std::string token = AddToken(dir, "samordnare", "coordinator");
  const std::string file = Write(dir, "trygg-server.toml",
                                 "# the operator's\n"
                                 "listen = \"0.0.0.0:50051\"\n"
                                 "data = \"" +
                                     dir.Sub("file-data").string() +
                                     "\"\n"
                                     "tokens = \"" +
                                     dir.Sub("tokens").string() +
                                     "\"\n"
                                     "tls-key = \"" +
                                     dir.Sub("server.key").string() +
                                     "\"\n"
                                     "tls-cert = \"" +
                                     dir.Sub("server.pem").string() + "\"\n");
  const Output out = RunServer({"--config", file, "--print-config", "--data",
                                dir.Sub("flag-data").string(), "--log-format", "json"});
  ASSERT_EQ(out.exit_status, 0) << Joined(out);
  auto keys = Printed(out);
  EXPECT_EQ(keys["listen"], std::make_pair(std::string("\"0.0.0.0:50051\""), file + ":2"));
  EXPECT_EQ(keys["data"], std::make_pair("\"" + dir.Sub("flag-data").string() + "\"",
                                         std::string("command line")));
  EXPECT_EQ(keys["log-format"],
            std::make_pair(std::string("\"json\""), std::string("command line")));
  EXPECT_EQ(keys["tls-key"].second, file + ":5");
  EXPECT_EQ(keys["log-level"], std::make_pair(std::string("\"info\""), std::string("default")));
  EXPECT_EQ(keys["allow-anonymous"], std::make_pair(std::string("false"), std::string("default")));
  // Nothing opened: no store, and the missing TLS files are not noticed.
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("flag-data")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("file-data")));
  // Paths only: neither the token nor anything of the token file.
  const std::string text = Joined(out);
  EXPECT_EQ(text.find(token), std::string::npos);
  std::ifstream tokens(dir.Sub("tokens"));
  for (std::string line; std::getline(tokens, line);) {
    if (line.empty() || line.starts_with("#")) continue;
    EXPECT_EQ(text.find(line), std::string::npos);
  }

  const std::string printed = Write(dir, "printed.toml", text);
  const Output again = RunServer({"--config", printed, "--print-config"});
  ASSERT_EQ(again.exit_status, 0) << Joined(again);
  const auto read_back = Printed(again);
  ASSERT_EQ(read_back.size(), keys.size());
  for (const auto& [key, value_source] : keys) {
    EXPECT_EQ(read_back.at(key).first, value_source.first) << key;
    EXPECT_EQ(read_back.at(key).second.rfind(printed + ":", 0), 0u) << read_back.at(key).second;
  }
}

// Every flag --help lists is a key --print-config prints (and so the config file takes), but
// --help, --config and --print-config themselves: a flag added outside the serve flags fails here.
TEST(ConfigE2E, EveryFlagInTheHelpIsAConfigKey) {
  const Output help = RunServer({"--help"});
  ASSERT_EQ(help.exit_status, 0);
  std::set<std::string> flags;
  const std::regex flag(R"(^\s*(?:-\w,)?--([a-z][a-z0-9-]*))");
  for (const std::string& line : help.lines) {
    std::smatch m;
    if (std::regex_search(line, m, flag)) flags.insert(m[1]);
  }
  for (const char* not_a_key : {"help", "config", "print-config"}) {
    EXPECT_EQ(flags.erase(not_a_key), 1u) << not_a_key;
  }
  const Output printed = RunServer({"--print-config"});
  ASSERT_EQ(printed.exit_status, 0);
  std::set<std::string> keys;
  for (const auto& [key, value_source] : Printed(printed)) keys.insert(key);
  EXPECT_EQ(flags, keys);
  EXPECT_GE(keys.size(), 15u);
  // --help tells of the config file and --print-config.
  const std::string text = Joined(help);
  EXPECT_NE(text.find("Config file (--config FILE)"), std::string::npos) << text;
  EXPECT_NE(text.find("--print-config prints the effective configuration"), std::string::npos);
}

}  // namespace
}  // namespace trygg::testing
