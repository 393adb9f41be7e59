// `trygg-audit export`, through the real binary: every JSON line parses back (JsonStringToMessage)
// into the event the store holds, field for field, and re-hashes to its stored hash; CSV has its
// header, CRLF line ends and RFC 4180 quoting of commas, quotes and line breaks; --from/--to pick
// a range.
#include <google/protobuf/wrappers.pb.h>

#include <sstream>

#include "audit_test_util.h"
#include "testutil/status_matchers.h"
#include "trygg/eventstore/record_hash.h"

using ::trygg::testing::IsOk;

namespace trygg::audit_testing {
namespace {

constexpr char kPlan[] = "tryggare-varnamo-2026";
constexpr char kAwkwardTitle[] = "Kameror, \"trygghet\" och\nbelysning: Värnamo, åäö";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The event back from its wire form, as an independent reader of the export would do it.
es::RecordedEvent FromExport(const v1::Event& wire) {
  es::RecordedEvent e;
  e.position = es::Position(wire.position());
  e.stream_id = wire.stream_id();
  e.version = es::StreamVersion(wire.version());
  e.type = wire.type();
  if (wire.payload().Is<google::protobuf::BytesValue>()) {  // a type the exporter did not know
    google::protobuf::BytesValue raw;
    EXPECT_TRUE(wire.payload().UnpackTo(&raw));
    e.payload = raw.value();
  } else {
    EXPECT_EQ(wire.payload().type_url(), "type.googleapis.com/" + wire.type());
    e.payload = wire.payload().value();
  }
  e.metadata.principal = wire.principal();
  e.metadata.agency = wire.agency();
  e.metadata.command_id = wire.command_id();
  e.recorded_at = es::Timestamp(std::chrono::seconds(wire.recorded_at().seconds()) +
                                std::chrono::microseconds(wire.recorded_at().nanos() / 1000));
  EXPECT_EQ(wire.hash().size(), 32u);
  EXPECT_EQ(wire.prev_hash().size(), 32u);
  std::copy(wire.hash().begin(), wire.hash().end(), e.hash.begin());
  std::copy(wire.prev_hash().begin(), wire.prev_hash().end(), e.prev_hash.begin());
  return e;
}

// RFC 4180 records: fields separated by commas, quoted fields may hold commas, doubled quotes and
// line breaks; records end with CRLF.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty()) << "a quote inside an unquoted field at byte " << i;
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "CR without LF at byte " << i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "a bare LF ends a record at byte " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(field.empty() && record.empty()) << "the last record has no CRLF";
  return records;
}

class AuditExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HistoryWriter w(dir_.Sub("store"));
    w.At(Utc(2026, 3, 2, 9) + std::chrono::microseconds(654321));
    w.Plan(kPlan, "Tryggare Värnamo 2026", {"narkotika", "otrygghet"});
    w.Agency("polisen-lpo-varnamo", "Polisen, lokalpolisområde Värnamo");
    w.At(Utc(2026, 3, 3, 10));
    w.Propose("m-1", kPlan, "otrygghet", kAwkwardTitle);
    w.Prioritise("m-1", v1::PRIORITY_HIGH);
    w.Assign("m-1", "polisen-lpo-varnamo", "2026-06-30");
    w.Start("m-1", "polisen-lpo-varnamo");
    w.Progress("m-1", "polisen-lpo-varnamo", 30, "rad ett\r\nrad två, \"citat\"");
    // A type from some future version of trygg, with bytes that are no message of ours.
    w.Raw("measure-m-1", "trygg.v9.MeasureTeleported", std::string("\x01\x02\xff", 3));
    w.Complete("m-1", "polisen-lpo-varnamo");
    w.Close();
    events_ = ReadLog(dir_.Sub("store"));
    ASSERT_EQ(events_.size(), 9u);
  }

  AuditRun Export(std::vector<std::string> extra) {
    std::vector<std::string> args = {"export", "--data", dir_.Sub("store").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    AuditRun run = RunAudit(dir_, args);
    EXPECT_EQ(run.exit_code, 0) << Printed(run);
    return run;
  }

  TempDir dir_;
  std::vector<es::RecordedEvent> events_;
};

TEST_F(AuditExportTest, JsonLinesParseBackIntoTheSameEvents) {
  AuditRun run = Export({"--format", "jsonl"});
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), events_.size()) << run.out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE("line " + std::to_string(i + 1) + ": " + lines[i]);
    v1::Event wire;
    auto parsed = google::protobuf::util::JsonStringToMessage(lines[i], &wire);
    ASSERT_TRUE(parsed.ok()) << parsed.ToString();
    const es::RecordedEvent back = FromExport(wire);
    EXPECT_EQ(back, events_[i]);
    EXPECT_EQ(es::RecordHash(back), events_[i].hash) << "the export does not re-hash";
  }
  // Payloads are decoded, not opaque: the title is there as text.
  EXPECT_NE(lines[2].find("\"title\":\"Kameror, \\\"trygghet\\\" och\\nbelysning: Värnamo, åäö\""),
            std::string::npos)
      << lines[2];
  EXPECT_NE(lines[2].find("\"@type\":\"type.googleapis.com/trygg.v1.MeasureProposed\""),
            std::string::npos)
      << lines[2];
  EXPECT_NE(lines[7].find("google.protobuf.BytesValue"), std::string::npos) << lines[7];
}

TEST_F(AuditExportTest, CsvHasAHeaderAndRfc4180Quoting) {
  AuditRun run = Export({"--format", "csv"});
  const std::vector<std::vector<std::string>> records = ParseCsv(run.out);
  ASSERT_EQ(records.size(), events_.size() + 1);
  EXPECT_EQ(records[0], (std::vector<std::string>{"position", "recorded_at", "stream_id", "version",
                                                  "type", "principal", "agency", "command_id",
                                                  "payload", "hash", "prev_hash"}));
  for (std::size_t i = 0; i < events_.size(); ++i) {
    SCOPED_TRACE("record " + std::to_string(i + 1));
    const std::vector<std::string>& r = records[i + 1];
    const es::RecordedEvent& e = events_[i];
    ASSERT_EQ(r.size(), 11u);
    EXPECT_EQ(r[0], std::to_string(e.position.value()));
    EXPECT_EQ(r[2], e.stream_id);
    EXPECT_EQ(r[3], std::to_string(e.version.value()));
    EXPECT_EQ(r[4], e.type);
    EXPECT_EQ(r[5], e.metadata.principal);
    EXPECT_EQ(r[6], e.metadata.agency);
    EXPECT_EQ(r[7], e.metadata.command_id);
    EXPECT_EQ(r[9], es::ToHex(e.hash));
    EXPECT_EQ(r[10], es::ToHex(e.prev_hash));
  }
  EXPECT_EQ(records[1][1], "2026-03-02T09:00:00.654321Z");
  // The payload column holds the message as JSON; its quotes and line break survive quoting.
  v1::MeasureProposed proposed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(records[3][8], &proposed).ok())
      << records[3][8];
  EXPECT_EQ(proposed.title(), kAwkwardTitle);
  v1::MeasureProgressReported progress;
  ASSERT_THAT(google::protobuf::util::JsonStringToMessage(records[7][8], &progress), IsOk());
  EXPECT_EQ(progress.note(), "rad ett\r\nrad två, \"citat\"");
  EXPECT_NE(run.out.find("\"{\"\"measure_id\"\":\"\"m-1\"\""), std::string::npos)
      << "payload fields are quoted with doubled quotes";
  EXPECT_EQ(records[8][8], "\"AQL/\"") << "unknown payloads as base64";
}

TEST_F(AuditExportTest, FromAndToPickARange) {
  AuditRun run = Export({"--format", "jsonl", "--from", "3", "--to", "5"});
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u);
  v1::Event first;
  ASSERT_THAT(google::protobuf::util::JsonStringToMessage(lines.front(), &first), IsOk());
  EXPECT_EQ(first.position(), 3u);
  AuditRun beyond = Export({"--format", "csv", "--from", "8", "--to", "100"});
  EXPECT_EQ(ParseCsv(beyond.out).size(), 3u);  // header, 8, 9
  AuditRun backwards = RunAudit(dir_, {"export", "--data", dir_.Sub("store").string(), "--format",
                                       "csv", "--from", "5", "--to", "2"});
  EXPECT_EQ(backwards.exit_code, 2) << Printed(backwards);
  AuditRun no_format = RunAudit(dir_, {"export", "--data", dir_.Sub("store").string()});
  EXPECT_EQ(no_format.exit_code, 2) << Printed(no_format);
}

// verify counts the unknown type but does not fail on it, and history decodes what it knows.
TEST_F(AuditExportTest, UnknownTypesAreReportedNotFailedAndHistoryDecodes) {
  AuditRun verify = RunAudit(dir_, {"verify", "--data", dir_.Sub("store").string()});
  EXPECT_EQ(verify.exit_code, 0) << Printed(verify);
  EXPECT_NE(verify.out.find("trygg.v9.MeasureTeleported (1)"), std::string::npos)
      << Printed(verify);

  AuditRun history = RunAudit(dir_, {"history", "--data", dir_.Sub("store").string(), "--measure",
                                     "m-1", "--output", "json"});
  ASSERT_EQ(history.exit_code, 0) << Printed(history);
  google::protobuf::Struct out = ParseJson(history.out);
  EXPECT_EQ(StringMember(out, "stream_id"), "measure-m-1");
  const auto& listed = out.fields().at("events").list_value();
  ASSERT_EQ(listed.values_size(), 7);
  EXPECT_EQ(listed.values(0)
                .struct_value()
                .fields()
                .at("payload")
                .struct_value()
                .fields()
                .at("title")
                .string_value(),
            kAwkwardTitle);

  AuditRun table =
      RunAudit(dir_, {"history", "--data", dir_.Sub("store").string(), "--measure", "m-1"});
  ASSERT_EQ(table.exit_code, 0) << Printed(table);
  for (const char* expected : {"principal   handlaggare", "command id  cmd-",
                               "\"priority\":"
                               "\"PRIORITY_HIGH\"",
                               "trygg.v1.MeasureCompleted"}) {
    EXPECT_NE(table.out.find(expected), std::string::npos) << expected << "\n" << Printed(table);
  }
  AuditRun none = RunAudit(
      dir_, {"history", "--data", dir_.Sub("store").string(), "--measure", "no-such-measure"});
  EXPECT_EQ(none.exit_code, 1) << Printed(none);
}

}  // namespace
}  // namespace trygg::audit_testing
