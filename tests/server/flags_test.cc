// trygg-server's serve flags (services/server/flags.h) and their config file, through a real CLI11
// App as main.cc builds it and real files in a temp dir: every serve flag is a config key that sets
// what the flag sets, the command line wins, a bad key or value is refused with FILE:LINE, and
// --print-config is read back to the same configuration.
#include "flags.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "testutil/temp_dir.h"

namespace trygg::server {
namespace {

using testing::TempDir;

// One trygg-server command line, parsed as main.cc parses it (without the tokens subcommands).
struct Parsed {
  Config config;
  std::string error;    // CLI11's, or ApplyConfigFile's; "" when both took it
  std::string printed;  // PrintConfig(), when there was no error
  std::vector<std::string> keys;
};

Parsed Parse(std::vector<std::string> args) {
  Parsed out;
  CLI::App app;
  ServeFlags flags(app, out.config);
  for (const CLI::Option* option : flags.options()) out.keys.push_back(ConfigKey(*option));
  args.insert(args.begin(), "trygg-server");
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    out.error = e.what();
    return out;
  }
  out.error = flags.ApplyConfigFile();
  if (out.error.empty()) out.printed = flags.PrintConfig();
  return out;
}

std::string WriteFile(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.Sub(name);
  std::ofstream(path) << text;
  return path.string();
}

// --print-config's lines as key -> (value as written, source).
std::map<std::string, std::pair<std::string, std::string>> Printed(const std::string& printed) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  const std::regex line(R"(^([a-z0-9-]+) = (.*)  # (.*)$)");
  std::istringstream in(printed);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (l.starts_with("#")) continue;
    if (!std::regex_match(l, m, line)) {
      ADD_FAILURE() << "not a 'key = value  # source' line: " << l;
      continue;
    }
    out[m[1]] = {m[2], m[3]};
  }
  return out;
}

// Values to try on a flag that takes one, until one changes the configuration: the members its
// validator lists ("TEXT:{tail,full}"), then values of the kinds the flags take. A future flag none
// of these fit makes EveryServeFlagIsAConfigKeyThatSetsWhatTheFlagSets fail: add one here.
std::vector<std::string> Candidates(const CLI::Option& option) {
  std::vector<std::string> out;
  const std::string type = option.get_type_name();
  if (const auto open = type.find('{'); open != std::string::npos) {
    std::istringstream members(type.substr(open + 1, type.find('}') - open - 1));
    for (std::string member; std::getline(members, member, ',');) out.push_back(member);
  }
  for (const char* value : {"7", "UTC", "127.0.0.1:1", "/srv/trygg-flags-test"}) {
    out.push_back(value);
  }
  return out;
}

// The walk over the real flag list: a flag added to ServeFlags is covered without a line here.
TEST(ServeFlags, EveryServeFlagIsAConfigKeyThatSetsWhatTheFlagSets) {
  TempDir dir;
  CLI::App app;
  Config config;
  ServeFlags flags(app, config);
  ASSERT_GE(flags.options().size(), 15u);
  for (const CLI::Option* option : flags.options()) {
    const std::string key = ConfigKey(*option);
    SCOPED_TRACE(key);
    const bool flag = option->get_expected_min() == 0;
    std::optional<Parsed> from_flag;
    std::string value;
    for (const std::string& candidate :
         flag ? std::vector<std::string>{"true"} : Candidates(*option)) {
      Parsed parsed =
          Parse(flag ? std::vector<std::string>{"--" + key} : std::vector{"--" + key, candidate});
      if (parsed.error.empty() && !(parsed.config == Config{})) {
        from_flag = std::move(parsed);
        value = candidate;
        break;
      }
    }
    ASSERT_TRUE(from_flag) << "no value changes the configuration through --" << key
                           << ": add one to Candidates()";
    const std::string file =
        WriteFile(dir, key + ".toml",
                  "# one key\n" + key + " = " + (flag ? value : "\"" + value + "\"") + "\n");
    const Parsed from_file = Parse({"--config", file});
    ASSERT_EQ(from_file.error, "");
    EXPECT_TRUE(from_file.config == from_flag->config);
    EXPECT_EQ(Printed(from_file.printed)[key].second, file + ":2");
    EXPECT_EQ(Printed(from_flag->printed)[key].second, "command line");
  }
}

// main.cc's App has no option beside the serve flags that a config key could mean.
TEST(ServeFlags, TheServeFlagsAreEveryOptionButHelpConfigAndPrintConfig) {
  CLI::App app;
  Config config;
  ServeFlags flags(app, config);
  std::vector<std::string> others;
  for (const CLI::Option* option : app.get_options()) {
    if (std::find(flags.options().begin(), flags.options().end(), option) ==
        flags.options().end()) {
      others.push_back(option->get_name());
    }
  }
  EXPECT_EQ(others, (std::vector<std::string>{"--help", "--config", "--print-config"}));
  // --http, --log-format and --log-level are declared ahead of their behaviour: keys already.
  const Parsed parsed = Parse({});
  for (const char* key : {"allow-anonymous", "http", "log-format", "log-level", "tokens"}) {
    EXPECT_NE(std::find(parsed.keys.begin(), parsed.keys.end(), key), parsed.keys.end()) << key;
  }
}

TEST(ServeFlags, TheCommandLineWinsOverTheFile) {
  TempDir dir;
  const std::string file = WriteFile(dir, "c.toml",
                                     "listen = \"10.0.0.1:50051\"\n"
                                     "allow-anonymous = true\n"
                                     "max-streams-per-principal = 3\n");
  const Parsed parsed = Parse({"--listen", "127.0.0.1:0", "--config", file,
                               "--allow-anonymous=false", "--log-level", "warn"});
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.config.listen, "127.0.0.1:0");
  EXPECT_FALSE(parsed.config.allow_anonymous);
  EXPECT_EQ(parsed.config.max_streams_per_principal, 3u);
  EXPECT_EQ(parsed.config.log_level, "warn");
  auto printed = Printed(parsed.printed);
  EXPECT_EQ(printed["listen"],
            std::make_pair(std::string("\"127.0.0.1:0\""), std::string("command line")));
  EXPECT_EQ(printed["allow-anonymous"],
            std::make_pair(std::string("false"), std::string("command line")));
  EXPECT_EQ(printed["max-streams-per-principal"], std::make_pair(std::string("3"), file + ":3"));
  EXPECT_EQ(printed["log-level"].second, "command line");
  EXPECT_EQ(printed["data"], std::make_pair(std::string("\"var/trygg\""), std::string("default")));
}

// Each kind of bad key or value: "FILE:LINE: KEY: REASON", the line the key is on.
TEST(ServeFlags, ABadKeyOrValueIsRefusedWithTheFileTheLineAndTheReason) {
  struct Case {
    std::string line;
    std::string reason;  // after "FILE:3: "
  };
  const std::vector<Case> cases = {
      {"listn = \"x\"", "unknown key 'listn' (did you mean 'listen'?)"},
      {"max-stream-per-principal = 3",
       "unknown key 'max-stream-per-principal' (did you mean 'max-streams-per-principal'?)"},
      {"port = 50051",
       "unknown key 'port' (the keys are the flags of trygg-server --help without their dashes)"},
      {"config = \"other.toml\"", "unknown key 'config'"},
      {"print-config = true", "unknown key 'print-config'"},
      {"max-streams-per-principal = \"lots\"", "max-streams-per-principal: 'lots' is not a number"},
      {"max-streams-per-principal = -1", "max-streams-per-principal: '-1' is out of range"},
      {"max-writes-per-second-per-principal = 4294967296",
       "max-writes-per-second-per-principal: '4294967296' is out of range"},
      {"write-burst-per-principal = 0",
       "write-burst-per-principal: Value 0 not in range 1 to 4294967295"},
      {"time-zone = \"Europe/Atlantis\"", "time-zone: unknown time zone 'Europe/Atlantis'"},
      {"verify-on-start = \"some\"", "verify-on-start: some not in {tail,full}"},
      {"log-format = \"xml\"", "log-format: xml not in {text,json}"},
      {"allow-anonymous = \"true\"",
       "allow-anonymous: takes true or false (without quotes), not \"true\""},
      {"allow-anonymous = 1", "allow-anonymous: takes true or false (without quotes), not 1"},
      {"listen = true", "listen: takes a value, not true"},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const std::string file = WriteFile(
        dir, "bad.toml",
        "# two good lines first\nhttp = \"none\"\n" + c.line + "\nlog-level = \"warn\"\n");
    const Parsed parsed = Parse({"--config", file});
    EXPECT_EQ(parsed.error.substr(0, file.size() + 4), file + ":3: ") << parsed.error;
    EXPECT_NE(parsed.error.find(c.reason), std::string::npos) << parsed.error;
  }
}

// A bad value is refused even for a key the command line overrides: the next start without the
// flag would fail on it.
TEST(ServeFlags, ABadValueIsRefusedEvenWhereTheCommandLineWins) {
  TempDir dir;
  const std::string file = WriteFile(dir, "c.toml", "\nmax-streams-per-principal = \"lots\"\n");
  const Parsed parsed = Parse({"--config", file, "--max-streams-per-principal", "4"});
  EXPECT_EQ(parsed.error, file + ":2: max-streams-per-principal: 'lots' is not a number");
}

TEST(ServeFlags, ASyntaxErrorOrAMissingFileIsRefused) {
  TempDir dir;
  const std::string file = WriteFile(dir, "c.toml", "listen = \"a\"\nlisten = \"b\"\n");
  EXPECT_EQ(Parse({"--config", file}).error,
            file + ":2: error while parsing key-value pair: cannot redefine existing string "
                   "'listen'");
  EXPECT_EQ(Parse({"--config", dir.Sub("none.toml").string()}).error,
            dir.Sub("none.toml").string() + ": no such config file");
}

// The printed configuration, fed back with --config, gives the same configuration and prints the
// same values, now each from its line of the printed file.
TEST(ServeFlags, PrintConfigReadsBackToTheSameConfiguration) {
  TempDir dir;
  const std::string file = WriteFile(dir, "c.toml",
                                     "tls-cert = \"/etc/trygg/server \\\"1\\\".pem\"\n"
                                     "tls-key = '/etc/trygg/server.key'\n"
                                     "max-writes-per-second-per-principal = 0\n"
                                     "allow-anonymous = true\n"
                                     "time-zone = \"UTC\"\n");
  const Parsed first = Parse({"--config", file, "--data", "/var/lib/trygg", "--http", "none",
                              "--verify-on-start", "full"});
  ASSERT_EQ(first.error, "");
  const std::string printed = WriteFile(dir, "printed.toml", first.printed);
  const Parsed second = Parse({"--config", printed});
  ASSERT_EQ(second.error, "");
  EXPECT_TRUE(second.config == first.config);
  EXPECT_EQ(second.config.tls_cert, "/etc/trygg/server \"1\".pem");
  EXPECT_EQ(second.config.max_writes_per_second_per_principal, 0u);

  const auto before = Printed(first.printed);
  const auto after = Printed(second.printed);
  ASSERT_EQ(before.size(), first.keys.size());
  ASSERT_EQ(after.size(), before.size());
  std::istringstream lines(first.printed);
  int number = 0;
  std::map<std::string, int> line_of;
  for (std::string l; std::getline(lines, l);) line_of[l.substr(0, l.find(' '))] = ++number;
  for (const auto& [key, value_source] : before) {
    SCOPED_TRACE(key);
    EXPECT_EQ(after.at(key).first, value_source.first);
    EXPECT_EQ(after.at(key).second, printed + ":" + std::to_string(line_of[key]));
  }
  EXPECT_EQ(before.at("tls-key").second, file + ":2");
  EXPECT_EQ(before.at("data").second, "command line");
  EXPECT_EQ(before.at("log-format").second, "default");
}

// Printed with nothing given, every key holds its default: read back, the defaults exactly.
TEST(ServeFlags, PrintConfigOfTheDefaultsReadsBackToTheDefaults) {
  TempDir dir;
  const Parsed defaults = Parse({});
  ASSERT_EQ(defaults.error, "");
  EXPECT_TRUE(defaults.config == Config{});
  for (const auto& [key, value_source] : Printed(defaults.printed)) {
    EXPECT_EQ(value_source.second, "default") << key;
  }
  const Parsed read_back = Parse({"--config", WriteFile(dir, "d.toml", defaults.printed)});
  ASSERT_EQ(read_back.error, "");
  EXPECT_TRUE(read_back.config == Config{});
}

}  // namespace
}  // namespace trygg::server
