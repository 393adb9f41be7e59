// trygg-server's logger (services/server/log.h): both formats byte for byte with a fixed clock,
// escaping of quotes, control characters and bytes that are not UTF-8 (every JSON line parsed by
// protobuf's JSON parser), the level filter, and records from many threads at once arriving as
// whole lines through a real pipe.
#include "log.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

namespace trygg::server {
namespace {

// 2026-12-04T15:30:00.123Z
const std::chrono::system_clock::time_point kTime =
    std::chrono::system_clock::from_time_t(1796398200) + std::chrono::milliseconds(123);

std::string Text(std::string_view event, LogFields fields, LogLevel level = LogLevel::kInfo) {
  return Logger(LogFormat::kText, LogLevel::kDebug).Format(kTime, level, event, fields);
}

std::string Json(std::string_view event, LogFields fields, LogLevel level = LogLevel::kInfo) {
  return Logger(LogFormat::kJson, LogLevel::kDebug).Format(kTime, level, event, fields);
}

// The line parsed as a JSON object (without its '\n'), or a failure naming the parser's problem.
::testing::AssertionResult ParsesAsJsonObject(const std::string& line,
                                              google::protobuf::Struct* object) {
  if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1) {
    return ::testing::AssertionFailure() << "not one line: " << line;
  }
  const auto status =
      google::protobuf::util::JsonStringToMessage(line.substr(0, line.size() - 1), object);
  if (!status.ok()) return ::testing::AssertionFailure() << status.ToString() << ": " << line;
  return ::testing::AssertionSuccess();
}

TEST(Log, TimestampIsRfc3339UtcWithMilliseconds) {
  EXPECT_EQ(Rfc3339Millis(kTime), "2026-12-04T15:30:00.123Z");
  EXPECT_EQ(Rfc3339Millis(std::chrono::system_clock::from_time_t(0)), "1970-01-01T00:00:00.000Z");
}

TEST(Log, TextIsOneLineOfKeyValuePairs) {
  EXPECT_EQ(Text("rpc", {{"method", "/trygg.v1.ActionPlanService/CreatePlan"},
                         {"principal", "samordnare"},
                         {"code", "OK"},
                         {"latency_ms", 1.2344},
                         {"request_id", "3f9c2a71-1a"}}),
            "2026-12-04T15:30:00.123Z INFO rpc method=/trygg.v1.ActionPlanService/CreatePlan "
            "principal=samordnare code=OK latency_ms=1.234 request_id=3f9c2a71-1a\n");
  EXPECT_EQ(Text("ready", {{"head", uint64_t{42}}, {"delta", -3}, {"tls", false}},
                 LogLevel::kWarn),
            "2026-12-04T15:30:00.123Z WARN ready head=42 delta=-3 tls=false\n");
}

TEST(Log, TextQuotesAndEscapesWhatIsNotAPlainWord) {
  EXPECT_EQ(Text("e", {{"message", "SIGTERM, shutting down"}}),
            "2026-12-04T15:30:00.123Z INFO e message=\"SIGTERM, shutting down\"\n");
  EXPECT_EQ(Text("e", {{"a", ""}, {"b", "x=y"}, {"c", "say \"hi\"\\"}}),
            "2026-12-04T15:30:00.123Z INFO e a=\"\" b=\"x=y\" c=\"say \\\"hi\\\"\\\\\"\n");
  // A newline cannot end the record, nor a forged field follow it.
  EXPECT_EQ(Text("e", {{"m", "one\ntwo\r\tthree\x01"}}),
            "2026-12-04T15:30:00.123Z INFO e m=\"one\\ntwo\\r\\tthree\\x01\"\n");
  // Well-formed UTF-8 stays as it is; other bytes are escaped one by one.
  EXPECT_EQ(Text("e", {{"m", "Värnamo"}, {"n", "a\xff\xc3(b\xed\xa0\x80"}}),
            "2026-12-04T15:30:00.123Z INFO e m=\"Värnamo\" "
            "n=\"a\\xFF\\xC3(b\\xED\\xA0\\x80\"\n");
}

TEST(Log, JsonIsOneObjectPerLine) {
  const std::string line = Json("rpc", {{"method", "/trygg.v1.StatusService/WhoAmI"},
                                        {"code", "UNAUTHENTICATED"},
                                        {"latency_ms", 0.5},
                                        {"head", uint64_t{7}},
                                        {"ok", true}},
                                LogLevel::kError);
  EXPECT_EQ(line,
            "{\"time\":\"2026-12-04T15:30:00.123Z\",\"level\":\"error\",\"event\":\"rpc\","
            "\"method\":\"/trygg.v1.StatusService/WhoAmI\",\"code\":\"UNAUTHENTICATED\","
            "\"latency_ms\":0.500,\"head\":7,\"ok\":true}\n");
  google::protobuf::Struct object;
  ASSERT_TRUE(ParsesAsJsonObject(line, &object));
  EXPECT_EQ(object.fields().at("event").string_value(), "rpc");
  EXPECT_EQ(object.fields().at("head").number_value(), 7);
}

TEST(Log, JsonEscapesControlCharactersAndReplacesBytesThatAreNotUtf8) {
  const std::string nasty = std::string("q\"b\\n\nr\rt\tz") + '\0' + "\x1f\x7f" +
                            "Värnamo \xff\xfe \xc3 \xe2\x82 \xf0\x9f\x98\x80 \xc0\xaf \xed\xa0\x80 " +
                            "\xf4\x90\x80\x80";
  const std::string line = Json("e", {{"m", nasty}});
  EXPECT_EQ(line,
            "{\"time\":\"2026-12-04T15:30:00.123Z\",\"level\":\"info\",\"event\":\"e\",\"m\":"
            "\"q\\\"b\\\\n\\nr\\rt\\tz\\u0000\\u001F\\u007FVärnamo \\uFFFD\\uFFFD \\uFFFD "
            "\\uFFFD\\uFFFD \xf0\x9f\x98\x80 \\uFFFD\\uFFFD \\uFFFD\\uFFFD\\uFFFD "
            "\\uFFFD\\uFFFD\\uFFFD\\uFFFD\"}\n");
  google::protobuf::Struct object;
  ASSERT_TRUE(ParsesAsJsonObject(line, &object));
  EXPECT_EQ(object.fields().at("m").string_value().substr(0, 12),
            std::string("q\"b\\n\nr\rt\tz") + '\0');
}

TEST(Log, EveryByteValueKeepsTheRecordOneValidLine) {
  for (int c = 0; c < 256; ++c) {
    const std::string value = "a" + std::string(1, static_cast<char>(c)) + "b";
    google::protobuf::Struct object;
    EXPECT_TRUE(ParsesAsJsonObject(Json("e", {{"m", value}}), &object)) << c;
    const std::string text = Text("e", {{"m", value}});
    EXPECT_EQ(text.find('\n'), text.size() - 1) << c;
  }
}

TEST(Log, LevelFilterLeavesOutRecordsBelowIt) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const Logger log(LogFormat::kText, LogLevel::kWarn, fds[1], [] { return kTime; });
  EXPECT_FALSE(log.Enabled(LogLevel::kInfo));
  EXPECT_TRUE(log.Enabled(LogLevel::kWarn));
  log.Debug("d");
  log.Info("i");
  log.Warn("w");
  log.Error("e");
  ::close(fds[1]);
  std::string out;
  char buffer[512];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, n);
  ::close(fds[0]);
  EXPECT_EQ(out,
            "2026-12-04T15:30:00.123Z WARN w\n"
            "2026-12-04T15:30:00.123Z ERROR e\n");
  EXPECT_EQ(ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(ParseLogLevel("error"), LogLevel::kError);
  EXPECT_EQ(ParseLogLevel("WARN"), std::nullopt);
  EXPECT_EQ(ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(ParseLogFormat("xml"), std::nullopt);
}

// Many threads log at once into one pipe: every record arrives as one whole line, none torn or
// mixed with another.
TEST(Log, ConcurrentRecordsNeverInterleave) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  constexpr int kThreads = 8;
  constexpr int kRecords = 500;
  std::string received;
  std::thread reader([&] {
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) received.append(buffer, n);
  });
  {
    const Logger log(LogFormat::kJson, LogLevel::kInfo, fds[1]);
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
      writers.emplace_back([&log, t] {
        // Long enough that a record written in pieces would show.
        const std::string filler(1000, static_cast<char>('a' + t));
        for (int i = 0; i < kRecords; ++i) log.Info("e", {{"thread", t}, {"filler", filler}});
      });
    }
    for (std::thread& w : writers) w.join();
  }
  ::close(fds[1]);
  reader.join();
  ::close(fds[0]);
  int lines = 0;
  for (std::size_t start = 0; start < received.size();) {
    const std::size_t end = received.find('\n', start);
    ASSERT_NE(end, std::string::npos) << "a torn last line";
    google::protobuf::Struct object;
    ASSERT_TRUE(ParsesAsJsonObject(received.substr(start, end - start + 1), &object));
    const int t = static_cast<int>(object.fields().at("thread").number_value());
    EXPECT_EQ(object.fields().at("filler").string_value(),
              std::string(1000, static_cast<char>('a' + t)));
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, kThreads * kRecords);
}

}  // namespace
}  // namespace trygg::server
