// The config file's reader (services/server/config_file.h) on real files: what it takes, and each
// kind of bad file refused with its line and reason.
#include "config_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "testutil/temp_dir.h"

namespace trygg::server {
namespace {

using Kind = ConfigEntry::Kind;
using testing::TempDir;

std::filesystem::path Write(const TempDir& dir, const std::string& text) {
  const auto path = dir.Sub("trygg-server.toml");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::vector<ConfigEntry> Entries(const std::filesystem::path& path) {
  auto read = ReadConfigFile(path);
  if (auto* error = std::get_if<std::string>(&read)) {
    ADD_FAILURE() << *error;
    return {};
  }
  return std::get<std::vector<ConfigEntry>>(read);
}

std::string Error(const std::filesystem::path& path) {
  auto read = ReadConfigFile(path);
  if (auto* error = std::get_if<std::string>(&read)) return *error;
  ADD_FAILURE() << path << " was taken";
  return "";
}

TEST(ConfigFile, ReadsStringsNumbersBooleansAndSkipsCommentsAndBlankLines) {
  TempDir dir;
  const auto path =
      Write(dir,
            "# trygg-server\n"
            "\n"
            "listen = \"0.0.0.0:50051\"   # all interfaces\n"
            "\tdata='C:\\store'\r\n"  // a literal string keeps its backslash; CRLF
            "max-streams-per-principal = 1_000\n"
            "max-writes-per-second-per-principal = -5\n"
            "write-burst-per-principal = +7\n"
            "allow-anonymous = true\n"
            "tls-cert = \"a \\\"b\\\" \\\\ \\t \\u00e5 \\U0001F600 # not a comment\"\n"
            "log-format=\"\"\n");
  const std::vector<ConfigEntry> entries = Entries(path);
  ASSERT_EQ(entries.size(), 8u);
  auto expect = [&](std::size_t i, const std::string& key, const std::string& value, Kind kind,
                    int line) {
    SCOPED_TRACE(key);
    EXPECT_EQ(entries[i].key, key);
    EXPECT_EQ(entries[i].value, value);
    EXPECT_EQ(entries[i].kind, kind);
    EXPECT_EQ(entries[i].line, line);
  };
  expect(0, "listen", "0.0.0.0:50051", Kind::kString, 3);
  expect(1, "data", "C:\\store", Kind::kString, 4);
  expect(2, "max-streams-per-principal", "1000", Kind::kInteger, 5);
  expect(3, "max-writes-per-second-per-principal", "-5", Kind::kInteger, 6);
  expect(4, "write-burst-per-principal", "7", Kind::kInteger, 7);
  expect(5, "allow-anonymous", "true", Kind::kBoolean, 8);
  expect(6, "tls-cert", "a \"b\" \\ \t \xC3\xA5 \xF0\x9F\x98\x80 # not a comment", Kind::kString,
         9);
  expect(7, "log-format", "", Kind::kString, 10);
}

TEST(ConfigFile, AnEmptyFileHasNoEntries) {
  TempDir dir;
  EXPECT_TRUE(Entries(Write(dir, "")).empty());
  EXPECT_TRUE(Entries(Write(dir, "# only a comment\n\n   \n")).empty());
}

// One case per kind of syntax error: the line it is on and the reason.
TEST(ConfigFile, EachKindOfSyntaxErrorIsRefusedWithItsLineAndReason) {
  struct Case {
    std::string line;  // the file's third line, after two good ones
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"[server]", "tables ([section]) are not used: every key is at the top level"},
      {"[[server]]", "tables ([section]) are not used"},
      {"server.listen = \"x\"", "dotted keys are not used: every key is at the top level"},
      {"\"listen\" = \"x\"", "expected a key (letters, digits, '-' and '_')"},
      {"= \"x\"", "expected a key"},
      {"listen", "'listen' has no value: write listen = VALUE"},
      {"listen \"x\"", "expected '=' after 'listen'"},
      {"listen =", "listen: no value after '='"},
      {"listen = # nothing", "listen: no value after '='"},
      {"listen = 0.0.0.0:50051",
       "listen: '0.0.0.0:50051' is not a value: quote a string (\"...\"), or write a whole number, "
       "true or false"},
      {"max-streams-per-principal = 1.5", "'1.5' is not a value"},
      {"max-streams-per-principal = 0x10", "'0x10' is not a value"},
      {"max-streams-per-principal = 016", "'016' is not a value"},
      {"max-streams-per-principal = 1__0", "'1__0' is not a value"},
      {"max-streams-per-principal = _10", "'_10' is not a value"},  // found by the fuzzer
      {"max-streams-per-principal = -_1", "'-_1' is not a value"},
      {"max-streams-per-principal = 10_", "'10_' is not a value"},
      {"allow-anonymous = True", "'True' is not a value"},
      {"listen = \"0.0.0.0:50051", "the string is not closed: '\"' missing at the end of the line"},
      {"listen = '0.0.0.0:50051", "the string is not closed"},
      {"listen = \"\"\"x\"\"\"", "multi-line strings are not used"},
      {"listen = \"a\\qb\"", "unknown escape '\\q' in a string"},
      {"listen = \"a\\u12\"", "\\u takes 4 hexadecimal digits"},
      {"listen = \"\\u0000\"", "the escape is not a character a value can hold"},
      {"listen = \"\\uD800\"", "the escape is not a character a value can hold"},
      {"listen = \"a\x01z\"", "a control character in a string"},
      {"listen = ['a', 'b']", "listen: arrays are not used: each key takes one value"},
      {"listen = { host = 'a' }", "inline tables are not used"},
      {"listen = \"a\" \"b\"",
       "unexpected '\"b\"' after listen's value (a comment starts with '#')"},
      {"allow-anonymous = true false", "unexpected 'false' after allow-anonymous's value"},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const auto path = Write(dir, "# trygg-server\ndata = \"/var/lib/trygg\"\n" + c.line + "\n");
    const std::string prefix = path.string() + ":3: ";
    const std::string error = Error(path);
    EXPECT_EQ(error.substr(0, prefix.size()), prefix) << error;
    EXPECT_NE(error.find(c.reason), std::string::npos) << error;
  }
}

TEST(ConfigFile, AKeyGivenTwiceIsRefusedNamingBothLines) {
  TempDir dir;
  const auto path = Write(dir, "listen = \"a\"\n# again:\n\nlisten = \"b\"\n");
  EXPECT_EQ(Error(path), path.string() + ":4: 'listen' is given twice (first on line 1)");
}

TEST(ConfigFile, AMissingFileIsNamed) {
  TempDir dir;
  EXPECT_EQ(Error(dir.Sub("nowhere.toml")),
            dir.Sub("nowhere.toml").string() + ": no such config file");
}

TEST(ConfigFile, ADirectoryIsRefused) {
  TempDir dir;
  EXPECT_EQ(Error(dir.path()),
            dir.path().string() + ": cannot read the config file: Is a directory");
}

TEST(ConfigFile, AFileOverTheLimitIsRefusedAndOneAtItIsRead) {
  TempDir dir;
  const std::string line = "# " + std::string(1021, 'x') + "\n";  // 1 KiB
  std::string text;
  while (text.size() < kMaxConfigFileBytes) text += line;
  ASSERT_EQ(text.size(), kMaxConfigFileBytes);
  EXPECT_TRUE(Entries(Write(dir, text)).empty());
  const auto path = Write(dir, text + "\n");
  EXPECT_EQ(Error(path), path.string() + ": the config file is larger than 1 MiB");
}

// What --print-config writes for a string reads back as the same string, whatever it holds.
TEST(ConfigFile, AQuotedStringReadsBackAsItself) {
  const std::vector<std::string> values = {"",
                                           "plain",
                                           "with \"quotes\"",
                                           "back\\slash",
                                           "tab\tnewline\ncr\r",
                                           "bell\x07 del\x7f",
                                           "# not a comment",
                                           "'single'",
                                           "\xC3\xA5\xC3\xA4\xC3\xB6"};
  TempDir dir;
  for (const std::string& value : values) {
    SCOPED_TRACE(value);
    const std::vector<ConfigEntry> entries =
        Entries(Write(dir, "listen = " + QuoteConfigString(value) + "\n"));
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].value, value);
    EXPECT_EQ(entries[0].kind, Kind::kString);
  }
}

}  // namespace
}  // namespace trygg::server
