// Settings from flags, environment and config file (common/settings.h).
#include "common/settings.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

#include "testutil/status_matchers.h"

using ::trygg::testing::IsOk;

namespace trygg::client {
namespace {

GetEnv FakeEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> const char* {
    auto it = values.find(name);
    return it == values.end() ? nullptr : it->second.c_str();
  };
}

TEST(SettingsParseConfigFile, KeyValueLinesCommentsBlanksAndQuotes) {
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

TEST(SettingsParseConfigFile, AnUnknownKeyIsAUsageErrorNamingTheLine) {
  SettingLayer layer;
  const Outcome outcome = ParseConfigFile("server = x\nsevrer = y\n", "/c", &layer);
  EXPECT_EQ(outcome.code(), ExitCode::kUsage);
  EXPECT_EQ(outcome.message(),
            "config file /c:2 has an unknown key 'sevrer'; the keys are server, token, ca, cert, "
            "key, output and timeout");
}

TEST(SettingsParseConfigFile, ALineWithoutEqualsIsAUsageError) {
  SettingLayer layer;
  const Outcome outcome = ParseConfigFile("server\n", "/c", &layer);
  EXPECT_EQ(outcome.code(), ExitCode::kUsage);
  EXPECT_EQ(outcome.message(), "config file /c:1 is not 'key = value'; fix or remove that line");
}

TEST(SettingsConfigFilePath, XdgConfigHomeThenHome) {
  EXPECT_EQ(ConfigFilePath(FakeEnv({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/h"}})),
            std::filesystem::path("/x/trygg/config"));
  EXPECT_EQ(ConfigFilePath(FakeEnv({{"XDG_CONFIG_HOME", ""}, {"HOME", "/h"}})),
            std::filesystem::path("/h/.config/trygg/config"));
  EXPECT_EQ(ConfigFilePath(FakeEnv({{"HOME", "/h"}})),
            std::filesystem::path("/h/.config/trygg/config"));
  EXPECT_FALSE(ConfigFilePath(FakeEnv({})).has_value());
}

TEST(SettingsReadConfigFile, AMissingFileGivesNothing) {
  SettingLayer layer;
  EXPECT_THAT(ReadConfigFile("/nonexistent/trygg/config", &layer), IsOk());
  EXPECT_FALSE(layer.server.has_value());
}

TEST(SettingsFromEnvironment, ReadsTheTryggVariablesAndSkipsEmptyOnes) {
  const SettingLayer layer = FromEnvironment(
      FakeEnv({{"TRYGG_SERVER", "s:1"}, {"TRYGG_TOKEN", ""}, {"TRYGG_TIMEOUT", "3"}}));
  EXPECT_EQ(layer.server->value, "s:1");
  EXPECT_EQ(layer.server->origin, "TRYGG_SERVER");
  EXPECT_FALSE(layer.token.has_value());
  EXPECT_EQ(layer.timeout->value, "3");
}

TEST(SettingsResolve, DefaultsWhenNothingIsGiven) {
  Settings settings;
  ASSERT_THAT(Resolve({}, {}, {}, &settings), IsOk());
  EXPECT_EQ(settings.server, "127.0.0.1:50051");
  EXPECT_EQ(settings.token, "");
  EXPECT_EQ(settings.output, OutputFormat::kTable);
  EXPECT_EQ(settings.timeout_seconds, 10);
  EXPECT_FALSE(settings.tls());
}

TEST(SettingsResolve, FlagsOverEnvironmentOverFile) {
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

TEST(SettingsResolve, ABadValueIsAUsageErrorNamingWhereItCameFrom) {
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

TEST(SettingsResolve, TimeoutLimits) {
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

TEST(SettingsResolve, CertAndKeyComeTogetherAndMeanTls) {
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

TEST(SettingsResolve, ATokenWithWhitespaceOrControlsIsRefused) {
  SettingLayer flags;
  flags.token = Setting{"abc def", "--token"};
  Settings settings;
  EXPECT_EQ(Resolve(flags, {}, {}, &settings).code(), ExitCode::kUsage);
  flags.token = Setting{"abc\n", "--token"};
  EXPECT_EQ(Resolve(flags, {}, {}, &settings).code(), ExitCode::kUsage);
}

TEST(SettingsConnectionOnly, LeavesOutputAndTimeoutToTheTool) {
  SettingLayer layer;
  layer.server = Setting{"h:1", "TRYGG_SERVER"};
  layer.key = Setting{"k.pem", "TRYGG_KEY"};
  layer.output = Setting{"csv", "TRYGG_OUTPUT"};
  layer.timeout = Setting{"2", "TRYGG_TIMEOUT"};
  const SettingLayer connection = layer.ConnectionOnly();
  ASSERT_TRUE(connection.server && connection.key);
  EXPECT_EQ(connection.server->value, "h:1");
  EXPECT_EQ(connection.key->origin, "TRYGG_KEY");
  EXPECT_FALSE(connection.output);
  EXPECT_FALSE(connection.timeout);
}

TEST(SettingsConnectionFlags, GivenFlagsNamedByTheirFlagOthersUnset) {
  CLI::App app;
  ConnectionFlags flags;
  flags.AddTo(app, "the server", /*tls_aliases=*/true);
  app.parse(std::vector<std::string>{"ca.pem", "--tls-ca", "h:1", "--server"});  // reversed
  const SettingLayer layer = flags.Layer();
  ASSERT_TRUE(layer.server && layer.ca);
  EXPECT_EQ(layer.server->value, "h:1");
  EXPECT_EQ(layer.server->origin, "--server");
  EXPECT_EQ(layer.ca->value, "ca.pem");
  EXPECT_EQ(layer.ca->origin, "--ca");
  EXPECT_FALSE(layer.token || layer.cert || layer.key || layer.output || layer.timeout);
}

}  // namespace
}  // namespace trygg::client
