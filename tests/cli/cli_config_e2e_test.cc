// Where trygg's settings come from, through the real binary: the config file
// ($XDG_CONFIG_HOME/trygg/config, else ~/.config/trygg/config) under the environment (TRYGG_*)
// under the flags, each checked by what the server says back (whoami) or where trygg connects.
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_fixture.h"
#include "trygg/v1/status.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

class CliConfig : public CliTest {
 protected:
  // Writes `text` to `config_dir`/trygg/config.
  static void WriteConfig(const std::filesystem::path& config_dir, const std::string& text) {
    std::filesystem::create_directories(config_dir / "trygg");
    std::ofstream(config_dir / "trygg" / "config") << text;
  }

  // trygg with no --server or --token of its own.
  CliResult Bare(std::vector<std::string> args, const CliEnv& env) const {
    return RunCli(args, env);
  }
};

TEST_F(CliConfig, FileUnderEnvironmentUnderFlags) {
  CliEnv env = Env();
  const std::filesystem::path xdg = env.set["XDG_CONFIG_HOME"];
  WriteConfig(xdg,
              "# trygg settings\n"
              "server = " +
                  address() +
                  "\n"
                  "token = " +
                  reader_ +
                  "\n"
                  "\n"
                  "output = csv\n"
                  "timeout = 5\n");
  // The file alone: the reader's token, csv.
  CliResult result = Bare({"whoami"}, env);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "principal,role,agency_id,anonymous\r\nlasare,reader,,false\r\n");

  // The environment over the file: the coordinator's token, json.
  env.set["TRYGG_TOKEN"] = coordinator_;
  env.set["TRYGG_OUTPUT"] = "json";
  result = Bare({"whoami"}, env);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(FromJson<v1::WhoAmIResponse>(result.out).principal(), "samordnare");

  // Flags over both: the police's token, a table.
  result = Bare({"--token", police_, "--output", "table", "whoami"}, env);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "kommunpolis (agency, agency polisen-lpo-varnamo)\n");
  // Global flags also after the command.
  result = Bare({"whoami", "--token", police_, "-o", "table"}, env);
  EXPECT_EQ(result.out, "kommunpolis (agency, agency polisen-lpo-varnamo)\n");

  // An empty variable counts as unset: the file's token again.
  env.set["TRYGG_TOKEN"] = "";
  env.set["TRYGG_OUTPUT"] = "";
  result = Bare({"whoami"}, env);
  EXPECT_EQ(result.out, "principal,role,agency_id,anonymous\r\nlasare,reader,,false\r\n");
}

TEST_F(CliConfig, ServerFromEachSource) {
  CliEnv env = Env();
  const std::filesystem::path xdg = env.set["XDG_CONFIG_HOME"];
  const LoopbackPort closed(/*listen=*/false);
  const std::string nowhere = closed.address();
  WriteConfig(xdg, "server = " + nowhere + "\ntimeout = 3\ntoken = " + reader_ + "\n");
  ExpectFailure(Bare({"whoami"}, env), 6, "cannot reach trygg-server at " + nowhere + " ");
  env.set["TRYGG_SERVER"] = address();
  EXPECT_EQ(Bare({"whoami"}, env).exit_code, 0);
  ExpectFailure(Bare({"--server", nowhere, "whoami"}, env), 6, "at " + nowhere + " ");
}

TEST_F(CliConfig, HomeConfigWhenXdgConfigHomeIsUnset) {
  CliEnv env = Env();
  env.set.erase("XDG_CONFIG_HOME");
  WriteConfig(std::filesystem::path(env.set["HOME"]) / ".config",
              "server = \"" + address() + "\"\ntoken = " + police_ + "\n");
  const CliResult result = Bare({"whoami"}, env);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "kommunpolis (agency, agency polisen-lpo-varnamo)\n");
}

TEST_F(CliConfig, ABadConfigFileIsAUsageErrorNamingFileAndLine) {
  CliEnv env = Env();
  const std::filesystem::path xdg = env.set["XDG_CONFIG_HOME"];
  const std::string file = (xdg / "trygg" / "config").string();
  WriteConfig(xdg, "server = " + address() + "\nsever = x\n");
  ExpectFailure(Bare({"whoami"}, env), 2,
                "config file " + file +
                    ":2 has an unknown key 'sever'; the keys are server, "
                    "token, ca, cert, key, output and timeout");
  WriteConfig(xdg, "# comment\njust words\n");
  ExpectFailure(Bare({"whoami"}, env), 2, "config file " + file + ":2 is not 'key = value'");
  WriteConfig(xdg, "output = xml\n");
  ExpectFailure(Bare({"whoami"}, env), 2, "config file " + file + ":1 is 'xml', not an output");
  // A bad value that a flag overrides is never used.
  WriteConfig(xdg, "output = xml\ntoken = " + reader_ + "\n");
  const CliResult result = Bare({"--server", address(), "-o", "table", "whoami"}, env);
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace
}  // namespace trygg::testing
