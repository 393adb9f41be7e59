// trygg-audit's rendering (audit/render.h): what each command prints, as strings, and that texts
// from a store cannot drive the terminal.
#include "audit/render.h"

#include <gtest/gtest.h>

#include <string>

#include "trygg/v1/status.pb.h"

namespace trygg::audit {
namespace {

AuditReport OkReport() {
  AuditReport report;
  report.checked = "the chain";
  report.events_checked = 1234;
  report.head.position = eventstore::Position(1234);
  report.head.hash.fill(0xab);
  return report;
}

const std::string kHash(64, 'a');  // not a real hash: only its place in the output matters

TEST(RenderVerifyTest, ATableForPeople) {
  const AuditReport report = OkReport();
  const std::string hex = eventstore::ToHex(report.head.hash);
  EXPECT_EQ(RenderVerify(Format::kTable, "store /var/trygg (read-only)", report, std::nullopt, ""),
            "source     store /var/trygg (read-only)\n"
            "events     1,234\n"
            "head       1234\n"
            "head hash  " +
                hex +
                "\n"
                "digest     " +
                hex +
                "@1234\n"
                "checked    the chain\n"
                "result     OK\n");
}

TEST(RenderVerifyTest, OneJsonLineWithTheExpectedHead) {
  AuditReport report = OkReport();
  report.first_bad_position = 7;
  report.problem = "hash mismatch";
  const std::string json = RenderVerify(Format::kJson, "s", report, kHash + "@3", "differs");
  EXPECT_EQ(json.find('\n'), json.size() - 1) << json;
  EXPECT_NE(json.find(R"("ok":false,"events":1234,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("first_bad_position":7,"problem":"hash mismatch")"), std::string::npos)
      << json;
  EXPECT_NE(
      json.find(R"("expect_head":{"digest":")" + kHash + R"(@3","ok":false,"problem":"differs"})"),
      std::string::npos)
      << json;
}

TEST(RenderReplayTest, AnAgencyWithEscapeSequencesInItsTextsPrintsHarmlessly) {
  v1::AgencyStatus status;
  status.mutable_agency()->set_agency_id("polisen");
  status.mutable_agency()->set_name("Polisen \x1b[2J");
  status.set_total_measures(2);
  v1::StatusCount* count = status.add_counts();
  count->set_status(v1::MEASURE_STATUS_ASSIGNED);
  count->set_count(1);
  v1::Measure* m = status.add_measures();
  m->set_measure_id("m-1");
  m->set_title("Riktade \x1b[31mkontroller");
  m->set_status(v1::MEASURE_STATUS_ASSIGNED);
  m->set_percent_complete(60);
  const std::string text = AgencyText(status);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text,
            "\nagency polisen: Polisen  [2J\n"
            "  2 measures, 0 overdue: ASSIGNED 1\n"
            "  MEASURE  STATUS    PRIORITY  DUE  DONE  OVERDUE  TITLE\n"
            "  m-1      ASSIGNED  -         -    60%            Riktade  [31mkontroller\n"
            "  ... and 1 more\n");
}

TEST(RenderReplayTest, APlanWithoutCountsSaysNone) {
  v1::PlanOverview plan;
  plan.set_plan_id("p");
  plan.set_name("Tryggare\nVärnamo");
  plan.add_focus_areas()->mutable_focus_area()->set_key("narkotika");
  EXPECT_EQ(PlanText(plan),
            "\nplan p: Tryggare Värnamo\n"
            "  0 overdue, 0 prioritised but unassigned: none\n"
            "  FOCUS AREA  OVERDUE  UNASSIGNED  MEASURES\n"
            "  narkotika   0        0           none\n");
}

TEST(RenderCompareTest, DifferencesAreListedSanitised) {
  Comparison c;
  c.replay_position = 5;
  c.server_head.position = eventstore::Position(5);
  c.today = "2026-04-20";
  c.measures = 1;
  c.differences.push_back({"measure m-1", "title: a -> \x1b[31mb"});
  const std::string text = RenderCompare(Format::kTable, "store d", "h:1", c);
  EXPECT_NE(text.find("result    1 DIFFERENCES (replay -> server)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n  measure m-1: title: a ->  [31mb\n"), std::string::npos) << text;
  const std::string json = RenderCompare(Format::kJson, "store d", "h:1", c);
  EXPECT_NE(json.find(R"("equal":false,)"), std::string::npos) << json;
  // Escaped as protobuf's JSON printer escapes (">" too): JSON-equal to the text.
  EXPECT_NE(
      json.find(
          R"("differences":[{"what":"measure m-1","detail":"title: a -\u003e \u001b[31mb"}])"),
      std::string::npos)
      << json;
}

TEST(RenderHistoryTest, EachEventAsATable) {
  eventstore::RecordedEvent e;
  e.position = eventstore::Position(7);
  e.stream_id = "measure-m-1";
  e.version = eventstore::StreamVersion(3);
  e.type = "trygg.v1.Unknown";
  e.metadata.principal = "anna";
  const std::string text = RenderHistory(Format::kTable, "store d", "measure-m-1", {e});
  EXPECT_EQ(text.rfind("stream measure-m-1: 1 events, from store d\n\nposition    7\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("agency      -\ncommand id  -\n"), std::string::npos) << text;
}

TEST(RenderBackupTest, TheCopyEndsAtTheSourcesHeadOrNot) {
  const AuditReport report = OkReport();
  EXPECT_NE(RenderBackup(Format::kTable, "store a", "b", report, report.head)
                .find("result     OK: the copy verifies and ends at the source's head\n"),
            std::string::npos);
  eventstore::LogHead other = report.head;
  other.position = eventstore::Position(1);
  EXPECT_NE(RenderBackup(Format::kJson, "store a", "b", report, other).find(R"("ok":false)"),
            std::string::npos);
}

}  // namespace
}  // namespace trygg::audit
