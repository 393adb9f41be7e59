// Settings from flags, environment and config file (cli/settings.h), and the terminal rules
// (cli/terminal.h).
#include "cli/settings.h"

#include <gtest/gtest.h>

#include <map>

#include "cli/terminal.h"
#include "testutil/status_matchers.h"

using ::trygg::testing::IsOk;

namespace trygg::cli {
namespace {

GetEnv FakeEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> const char* {
    auto it = values.find(name);
    return it == values.end() ? nullptr : it->second.c_str();
  };
}

TEST(CliParseConfigFile, KeyValueLinesCommentsBlanksAndQuotes) {
  SettingLayer layer;
  ASSERT_THAT(ParseConfigFile("# trygg\n"
                              "server = trygg.example.se:443\n"
                              "\n"
                              "  token=abc123  \r\n"
                              "output = \"json\"\n"
                              "timeout = 2.5",
                              "/c", &layer),
              IsOk());
  EXPECT_EQ(layer.server->value, "trygg.example.se:443");
  EXPECT_EQ(layer.server->origin, "config file /c:2");
  EXPECT_EQ(layer.token->value, "abc123");
  EXPECT_EQ(layer.output->value, "json");
  EXPECT_EQ(layer.timeout->value, "2.5");
  EXPECT_EQ(layer.timeout->origin, "config file /c:6");
  EXPECT_FALSE(layer.ca.has_value());
}

TEST(CliParseConfigFile, AnUnknownKeyIsAUsageErrorNamingTheLine) {
  SettingLayer layer;
  const Outcome outcome = ParseConfigFile("server = x\nsevrer = y\n", "/c", &layer);
  EXPECT_EQ(outcome.code(), ExitCode::kUsage);
  EXPECT_EQ(outcome.message(),
            "config file /c:2 has an unknown key 'sevrer'; the keys are server, token, ca, cert, "
            "key, output and timeout");
}

TEST(CliParseConfigFile, ALineWithoutEqualsIsAUsageError) {
  SettingLayer layer;
  const Outcome outcome = ParseConfigFile("server\n", "/c", &layer);
  EXPECT_EQ(outcome.code(), ExitCode::kUsage);
  EXPECT_EQ(outcome.message(), "config file /c:1 is not 'key = value'; fix or remove that line");
}

TEST(CliConfigFilePath, XdgConfigHomeThenHome) {
  EXPECT_EQ(ConfigFilePath(FakeEnv({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/h"}})),
            std::filesystem::path("/x/trygg/config"));
  EXPECT_EQ(ConfigFilePath(FakeEnv({{"XDG_CONFIG_HOME", ""}, {"HOME", "/h"}})),
            std::filesystem::path("/h/.config/trygg/config"));
  EXPECT_EQ(ConfigFilePath(FakeEnv({{"HOME", "/h"}})),
            std::filesystem::path("/h/.config/trygg/config"));
  EXPECT_FALSE(ConfigFilePath(FakeEnv({})).has_value());
}

TEST(CliReadConfigFile, AMissingFileGivesNothing) {
  SettingLayer layer;
  EXPECT_THAT(ReadConfigFile("/nonexistent/trygg/config", &layer), IsOk());
  EXPECT_FALSE(layer.server.has_value());
}

TEST(CliFromEnvironment, ReadsTheTryggVariablesAndSkipsEmptyOnes) {
  const SettingLayer layer = FromEnvironment(
      FakeEnv({{"TRYGG_SERVER", "s:1"}, {"TRYGG_TOKEN", ""}, {"TRYGG_TIMEOUT", "3"}}));
  EXPECT_EQ(layer.server->value, "s:1");
  EXPECT_EQ(layer.server->origin, "TRYGG_SERVER");
  EXPECT_FALSE(layer.token.has_value());
  EXPECT_EQ(layer.timeout->value, "3");
}

TEST(CliResolve, DefaultsWhenNothingIsGiven) {
  Settings settings;
  ASSERT_THAT(Resolve({}, {}, {}, &settings), IsOk());
  EXPECT_EQ(settings.server, "127.0.0.1:50051");
  EXPECT_EQ(settings.token, "");
  EXPECT_EQ(settings.output, OutputFormat::kTable);
  EXPECT_EQ(settings.timeout_seconds, 10);
  EXPECT_FALSE(settings.tls());
}

TEST(CliResolve, FlagsOverEnvironmentOverFile) {
  SettingLayer flags, env, file;
  file.server = Setting{"file:1", "file"};
  file.token = Setting{"file-token", "file"};
  file.output = Setting{"csv", "file"};
  env.token = Setting{"env-token", "TRYGG_TOKEN"};
  env.output = Setting{"json", "TRYGG_OUTPUT"};
  flags.output = Setting{"table", "--output"};
  Settings settings;
  ASSERT_THAT(Resolve(flags, env, file, &settings), IsOk());
  EXPECT_EQ(settings.server, "file:1");
  EXPECT_EQ(settings.token, "env-token");
  EXPECT_EQ(settings.output, OutputFormat::kTable);
}

TEST(CliResolve, ABadValueIsAUsageErrorNamingWhereItCameFrom) {
  SettingLayer file;
  file.timeout = Setting{"ten", "config file /c:3"};
  Settings settings;
  Outcome outcome = Resolve({}, {}, file, &settings);
  EXPECT_EQ(outcome.code(), ExitCode::kUsage);
  EXPECT_EQ(outcome.message(),
            "config file /c:3 is 'ten', not a timeout; give a number of seconds greater than 0 "
            "(at most 86400)");
  SettingLayer env;
  env.output = Setting{"xml", "TRYGG_OUTPUT"};
  outcome = Resolve({}, env, {}, &settings);
  EXPECT_EQ(outcome.message(),
            "TRYGG_OUTPUT is 'xml', not an output format; use table, json or csv");
  // A bad lower layer does not matter when a higher one wins.
  SettingLayer flags;
  flags.output = Setting{"json", "--output"};
  EXPECT_THAT(Resolve(flags, env, {}, &settings), IsOk());
}

TEST(CliResolve, TimeoutLimits) {
  Settings settings;
  for (const char* bad : {"0", "-1", "nan", "inf", "1e9", "5s", ""}) {
    SettingLayer flags;
    flags.timeout = Setting{bad, "--timeout"};
    EXPECT_EQ(Resolve(flags, {}, {}, &settings).code(), ExitCode::kUsage) << bad;
  }
  SettingLayer flags;
  flags.timeout = Setting{"0.5", "--timeout"};
  ASSERT_THAT(Resolve(flags, {}, {}, &settings), IsOk());
  EXPECT_EQ(settings.timeout_seconds, 0.5);
}

TEST(CliResolve, CertAndKeyComeTogetherAndMeanTls) {
  SettingLayer flags;
  flags.cert = Setting{"c.pem", "--cert"};
  Settings settings;
  EXPECT_EQ(Resolve(flags, {}, {}, &settings).code(), ExitCode::kUsage);
  flags.key = Setting{"k.pem", "--key"};
  ASSERT_THAT(Resolve(flags, {}, {}, &settings), IsOk());
  EXPECT_TRUE(settings.tls());
  SettingLayer ca_only;
  ca_only.ca = Setting{"ca.pem", "TRYGG_CA"};
  ASSERT_THAT(Resolve({}, ca_only, {}, &settings), IsOk());
  EXPECT_TRUE(settings.tls());
}

TEST(CliResolve, ATokenWithWhitespaceOrControlsIsRefused) {
  SettingLayer flags;
  flags.token = Setting{"abc def", "--token"};
  Settings settings;
  EXPECT_EQ(Resolve(flags, {}, {}, &settings).code(), ExitCode::kUsage);
  flags.token = Setting{"abc\n", "--token"};
  EXPECT_EQ(Resolve(flags, {}, {}, &settings).code(), ExitCode::kUsage);
}

TEST(CliTerminal, ColumnsWinsThenTheTerminalThenOneHundred) {
  EXPECT_EQ(ChooseWidth("80", 200), 80u);
  EXPECT_EQ(ChooseWidth(std::nullopt, 200), 200u);
  EXPECT_EQ(ChooseWidth(std::nullopt, std::nullopt), 100u);
  EXPECT_EQ(ChooseWidth("0", std::nullopt), 100u);
  EXPECT_EQ(ChooseWidth("wide", 90), 90u);
  EXPECT_EQ(ChooseWidth("", std::nullopt), 100u);
}

TEST(CliTerminal, ColourOnlyOnATerminalWithoutNoColor) {
  EXPECT_TRUE(ChooseColour(true, false));
  EXPECT_FALSE(ChooseColour(true, true));
  EXPECT_FALSE(ChooseColour(false, false));
}

}  // namespace
}  // namespace trygg::cli
