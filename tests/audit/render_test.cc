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

TEST(RenderReplayTest, AnAdoptedPlanShowsItsAdoptionFlagsGroupsAndPromises) {
  v1::PlanOverview plan;
  plan.set_plan_id("p");
  plan.set_name("Tryggare Värnamo 2026");
  plan.set_adopted_version(1);
  plan.set_changed_since_adoption(2);
  v1::PlanAdoption* adoption = plan.mutable_latest_adoption();
  adoption->set_version(1);
  adoption->set_adopted_by("Kommunstyrelsen");
  adoption->set_decision_date("2026-11-04");
  adoption->set_reference("KS 2026/412\x1b[2J");
  v1::TraceabilityFlagCounts* flags = plan.mutable_flags();
  flags->set_period("2027-T1");
  flags->set_measures_without_cause(2);
  flags->set_partners_never_followed_up(1);
  v1::WorkingGroup* group = plan.add_working_groups();
  group->set_group_id("arbetsgrupp-centrum");
  group->add_agency_ids("polisen");
  v1::CitizenPromise* promise = plan.add_citizen_promises();
  promise->set_promise_id("medborgarlofte-2027");
  promise->set_valid_from("2027-01-01");
  promise->set_valid_to("2027-12-31");
  promise->set_ended(true);
  EXPECT_EQ(PlanText(plan),
            "\nplan p: Tryggare Värnamo 2026\n"
            "  0 overdue, 0 prioritised but unassigned: none\n"
            "  adopted: version 1 by Kommunstyrelsen on 2026-11-04 (KS 2026/412 [2J); 2 measures "
            "changed since\n"
            "  traceability (2027-T1): 0 causes without measure, 2 measures without cause, 0 "
            "without goal, 0 without follow-up, 1 partners never followed up, 0 findings unused\n"
            "  working groups: arbetsgrupp-centrum (1 agencies)\n"
            "  citizen promises: medborgarlofte-2027 2027-01-01..2027-12-31 (ended)\n"
            "  FOCUS AREA  OVERDUE  UNASSIGNED  MEASURES\n");
}

TEST(RenderReplayTest, SituationPictureAndFollowUpInAFewLines) {
  v1::SituationPicture picture;
  EXPECT_EQ(PictureText(picture), "");
  v1::FocusAreaPicture* area = picture.add_focus_areas();
  area->mutable_focus_area()->set_key("narkotika");
  area->add_findings();
  area->add_findings();
  area->add_causes();
  picture.add_focus_areas()->mutable_focus_area()->set_key("otrygghet");  // nothing: no line
  picture.add_general_inputs();
  EXPECT_EQ(PictureText(picture),
            "  situation picture narkotika: 2 findings, 1 causes, 0 residents' inputs\n"
            "  residents' inputs for several focus areas: 1\n");

  v1::FollowUpSummary summary;
  summary.set_period("2026-T3");
  summary.mutable_totals()->set_green(3);
  summary.mutable_totals()->set_red(1);
  summary.mutable_totals()->set_hours(652.5);
  summary.mutable_totals()->set_cost_sek(320000);
  summary.mutable_totals()->set_goals_not_met(3);
  v1::AgencyFollowUp* tekniska = summary.add_agencies();
  tekniska->set_agency_id("varnamo-kommun-tekniska");
  tekniska->mutable_totals()->set_red(1);
  tekniska->mutable_totals()->set_hours(40);
  tekniska->mutable_totals()->set_cost_sek(180000);
  EXPECT_EQ(FollowUpText(summary),
            "  follow-up 2026-T3: 3 green, 0 yellow, 1 red, 0 missing; 652.5 hours, 320,000 SEK; "
            "goals 0 met, 3 not met, 0 not measured\n"
            "    AGENCY                   GREEN  YELLOW  RED  MISSING  HOURS  SEK\n"
            "    varnamo-kommun-tekniska  0      0       1    0        40     180,000\n");
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
  EXPECT_NE(text.find("compared  1 measures, 0 agency statuses, 0 plan overviews, 0 situation "
                      "pictures, 0 traceabilities, 0 follow-up summaries, 0 working groups "
                      "(today 2026-04-20)\n"),
            std::string::npos)
      << text;
  const std::string json = RenderCompare(Format::kJson, "store d", "h:1", c);
  EXPECT_NE(json.find(R"("equal":false,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("situation_pictures":0,"traceabilities":0,"follow_up_summaries":0,)"
                      R"("working_groups":0,)"),
            std::string::npos)
      << json;
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
