// The config file's reader (services/server/config_file.h) on real files: what it takes, what
// trygg-server has no use for and toml++'s syntax errors refused with their lines, the 1 MiB limit.
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

// toml++ parses; what is tested here is what trygg makes of it: the entries in the file's order
// (toml++ keeps them by key), each on its line, numbers as decimal digits, strings decoded.
TEST(ConfigFile, ReadsStringsNumbersBooleansInTheFilesOrderOnTheirLines) {
  TempDir dir;
  const auto path = Write(dir,
                          "# trygg-server\n"
                          "\n"
                          "listen = \"0.0.0.0:50051\"   # all interfaces\n"
                          "\tdata='C:\\store'\r\n"  // a literal string keeps its backslash; CRLF
                          "max-streams-per-principal = 1_000\n"
                          "max-writes-per-second-per-principal = -5\n"
                          "write-burst-per-principal = 0x10\n"
                          "allow-anonymous = true\n"
                          "tls-cert = \"a \\\"b\\\" \\t \\u00e5 # not a comment\"\n"
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
  expect(4, "write-burst-per-principal", "16", Kind::kInteger, 7);
  expect(5, "allow-anonymous", "true", Kind::kBoolean, 8);
  expect(6, "tls-cert", "a \"b\" \t \xC3\xA5 # not a comment", Kind::kString, 9);
  expect(7, "log-format", "", Kind::kString, 10);
}

TEST(ConfigFile, AnEmptyFileHasNoEntries) {
  TempDir dir;
  EXPECT_TRUE(Entries(Write(dir, "")).empty());
  EXPECT_TRUE(Entries(Write(dir, "# only a comment\n\n   \n")).empty());
}

// Good TOML that trygg-server has no use for: refused on its line, saying what it is.
TEST(ConfigFile, WhatTryggServerHasNoUseForIsRefusedWithItsLineAndWhatItIs) {
  struct Case {
    std::string line;  // the file's third line, after two good ones
    std::string reason;
  };
  const std::string why =
      " is not used: trygg-server's keys are at the top level and take a string, a whole number "
      "or true/false";
  const std::vector<Case> cases = {
      {"[server]", "server: a table ([server])" + why},
      {"  [ server ]", "server: a table ([server])"},
      {"[[server]]", "server: an array of tables ([[server]])"},
      {"server.listen = \"x\"", "server: a dotted key (server.KEY = ...)"},
      {"listen = ['a', 'b']", "listen: an array" + why},
      {"listen = []", "listen: an array"},
      {"listen = { host = 'a' }", "listen: an inline table (listen = { ... })"},
      {"max-streams-per-principal = 1.5", "max-streams-per-principal: a floating-point number"},
      {"max-streams-per-principal = inf", "max-streams-per-principal: a floating-point number"},
      {"time-zone = 2026-12-04", "time-zone: a date" + why},
      {"time-zone = 16:05:00", "time-zone: a time of day"},
      {"time-zone = 2026-12-04T16:05:00Z", "time-zone: a date and time"},
      {"listen = \"a\\u0000b\"", "listen: a string holding U+0000 (\\u0000) is not used"},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    // A float on line 5 whose key sorts first: the refusal is the file's first, not the keys'.
    const auto path =
        Write(dir, "# trygg-server\ndata = \"/var/lib/trygg\"\n" + c.line + "\n\naaa = 1.5\n");
    const std::string prefix = path.string() + ":3: ";
    const std::string error = Error(path);
    EXPECT_EQ(error.substr(0, prefix.size()), prefix) << error;
    EXPECT_NE(error.find(c.reason), std::string::npos) << error;
  }
}

// toml++'s own syntax errors: its description, on the line it names. A few, to see the line reach
// the message; the rest is toml++'s business.
TEST(ConfigFile, ASyntaxErrorIsRefusedWithItsLineAndTomlsDescription) {
  struct Case {
    std::string line;  // the file's third line, after two good ones
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"listen = 0.0.0.0:50051",
       "error while parsing floating-point: expected decimal digit or exponent, saw '.' (text "
       "goes in quotes: listen = \"0.0.0.0:50051\")"},
      {"time-zone = Europe/Stockholm  # a comment",
       "error while parsing value: could not determine value type (text goes in quotes: "
       "time-zone = \"Europe/Stockholm\")"},
      {"listen = \"0.0.0.0:50051", "error while parsing string"},
      {"listen = \"a\\qb\"", "error while parsing string: unknown escape sequence '\\q'"},
      {"listen = \"a\" \"b\"", "error while parsing key-value pair"},
      {"allow-anonymous = True", "error while parsing boolean"},
      {"allow-anonymous = TRUE",
       "error while parsing boolean: expected 'true', saw 'T' (write it true)"},
      {"data = \"again\"",
       "error while parsing key-value pair: cannot redefine existing string "
       "'data'"},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const auto path = Write(dir, "# trygg-server\ndata = \"/var/lib/trygg\"\n" + c.line + "\n");
    const std::string error = Error(path);
    EXPECT_EQ(error.rfind(path.string() + ":3: " + c.reason, 0), 0u) << error;
  }
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
