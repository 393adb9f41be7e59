// The workshop, replayed through the real trygg-server and trygg binaries as the municipality and
// the police did it in Värnamo: a situation picture (residents' input, findings), causes on it,
// measures proposed citing causes, prioritised, assigned (one with a partner), given goals, the
// plan adopted, and two follow-up periods. After each step `trygg plan trace -o json` shows every
// traceability flag appear where the plan is incomplete and clear as it is completed. On the way:
// police intelligence only from the police, and no agency records another agency's follow-up.
#include <google/protobuf/text_format.h>

#include <set>
#include <utility>

#include "cli_fixture.h"
#include "trygg/v1/status.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

constexpr char kLeisure[] = "varnamo-kommun-fritid";

// A trace's flag counts as protobuf text, the period and the counts that are 0 left out
// ("causes_without_measure: 2 findings_unused: 1"; "" when nothing is flagged).
std::string CountsOf(const v1::Traceability& trace) {
  v1::TraceabilityFlagCounts counts = trace.counts();
  counts.clear_period();
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  std::string text;
  printer.PrintToString(counts, &text);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// Every flag set on anything in the trace, with what it is set on ("f-4", "c-3", "m-3").
std::set<std::pair<v1::TraceabilityFlag, std::string>> FlagsSet(const v1::Traceability& trace) {
  std::set<std::pair<v1::TraceabilityFlag, std::string>> out;
  for (const v1::FocusAreaTrace& area : trace.focus_areas()) {
    for (const auto& f : area.findings()) {
      for (int flag : f.flags()) out.emplace(v1::TraceabilityFlag(flag), f.finding_id());
    }
    for (const auto& c : area.causes()) {
      for (int flag : c.flags()) out.emplace(v1::TraceabilityFlag(flag), c.cause_id());
    }
    for (const auto& m : area.measures()) {
      for (int flag : m.flags()) out.emplace(v1::TraceabilityFlag(flag), m.measure_id());
    }
  }
  return out;
}

class WorkshopTest : public CliTest {
 protected:
  // `trygg plan trace PLAN [--period P] -o json`, as a reader.
  v1::Traceability Trace(const std::string& period = "") const {
    std::vector<std::string> args = {"plan", "trace", kPlan, "-o", "json"};
    if (!period.empty()) args.insert(args.end(), {"--period", period});
    return FromJson<v1::Traceability>(TryggOk(reader_, args));
  }

  std::string TraceFlags(const std::string& period = "") const { return CountsOf(Trace(period)); }

  // A write as the coordinator, expecting success.
  void Coordinator(const std::vector<std::string>& args) const { TryggOk(coordinator_, args); }
};

TEST_F(WorkshopTest, FromSituationPictureToTwoFollowUpPeriods) {
  CreatePlanAndAgencies();
  Coordinator({"agency", "register", kLeisure, "--name",
               "Värnamo kommun, kultur- och fritidsförvaltningen", "--kind", "leisure and youth"});
  EXPECT_EQ(TraceFlags(), "");

  // ---- The situation picture: what residents said and what the sources show.
  Coordinator({"input", "record", kPlan, "--channel", "dialogue", "--received", "2026-09-15",
               "--summary", "Otrygghet vid resecentrum kvällstid", "--area", "Centrum", "--people",
               "42", "--id", "dialog-centrum"});
  Coordinator({"finding", "record", kPlan, "--focus-area", "narkotika", "--source",
               "crime-statistics", "--period", "2025–2026", "--text",
               "Anmälda narkotikabrott +38 %", "--id", "f-1"});
  // Police intelligence comes from the police, not from social services.
  const std::vector<std::string> intelligence = {"finding",
                                                 "record",
                                                 kPlan,
                                                 "--focus-area",
                                                 "narkotika",
                                                 "--source",
                                                 "police-intelligence",
                                                 "--period",
                                                 "2026",
                                                 "--text",
                                                 "Öppen försäljning vid resecentrum",
                                                 "--id",
                                                 "f-2"};
  ExpectFailure(Trygg(social_, intelligence), 4, "PERMISSION_DENIED");
  TryggOk(police_, intelligence);
  Coordinator({"finding", "record", kPlan, "--focus-area", "narkotika", "--source",
               "resident-input", "--period", "2026", "--text", "Invånare ser försäljning öppet",
               "--cites", "dialog-centrum", "--id", "f-3"});
  Coordinator({"finding", "record", kPlan, "--focus-area", "otrygghet", "--source",
               "incident-reports", "--period", "2026-T2", "--text",
               "Skadegörelse i allmännyttans områden, 64 rapporter", "--id", "f-4"});
  EXPECT_EQ(TraceFlags(), "findings_unused: 4");

  // ---- Causes, numbered within their focus area.
  Coordinator({"cause", "identify", kPlan, "--focus-area", "narkotika", "--text",
               "Unga rekryteras till försäljning", "--rests-on", "f-1", "--rests-on", "f-2", "--id",
               "c-1"});
  Coordinator({"cause", "identify", kPlan, "--focus-area", "narkotika", "--text",
               "Låg vuxennärvaro kvällstid", "--rests-on", "f-3", "--id", "c-2"});
  EXPECT_EQ(TraceFlags(), "causes_without_measure: 2 findings_unused: 1");
  EXPECT_TRUE(FlagsSet(Trace()).contains({v1::TRACEABILITY_FLAG_FINDING_UNUSED, "f-4"}));
  Coordinator({"cause", "identify", kPlan, "--focus-area", "otrygghet", "--text",
               "Skadegörelse åtgärdas inte snabbt", "--rests-on", "f-4", "--id", "c-3"});
  EXPECT_EQ(TraceFlags(), "causes_without_measure: 3");

  const auto picture =
      FromJson<v1::SituationPicture>(TryggOk(reader_, {"plan", "picture", kPlan, "-o", "json"}));
  ASSERT_EQ(picture.focus_areas_size(), 3);
  ASSERT_EQ(picture.focus_areas(0).causes_size(), 2);
  EXPECT_EQ(picture.focus_areas(0).causes(0).number(), 1u);
  EXPECT_EQ(picture.focus_areas(0).causes(1).number(), 2u);
  ASSERT_EQ(picture.focus_areas(1).causes_size(), 1);
  EXPECT_EQ(picture.focus_areas(1).causes(0).number(), 1u);  // otrygghet counts on its own
  ASSERT_EQ(picture.focus_areas(0).findings_size(), 3);
  EXPECT_EQ(picture.focus_areas(0).findings(2).input_ids(0), "dialog-centrum");

  // ---- Measures: two cite causes; the third, an agency's proposal, cites none yet.
  Coordinator({"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika", "--title",
               "SSPF-samverkan för unga i riskzon", "--id", "m-1", "--cause", "c-1", "--kind",
               "social", "--effort", "ordinary-work", "--effect", "long-term"});
  Coordinator({"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika", "--title",
               "Fältassistenter kvällstid", "--id", "m-2", "--cause", "c-2"});
  TryggOk(police_, {"measure", "propose", "--plan", kPlan, "--focus-area", "otrygghet", "--title",
                    "Sanering av klotter inom 24 timmar", "--id", "m-3", "--kind", "situational"});
  EXPECT_EQ(TraceFlags(),
            "causes_without_measure: 1 measures_without_cause: 1 measures_without_goal: 3");
  EXPECT_TRUE(FlagsSet(Trace()).contains({v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE, "m-3"}));
  EXPECT_TRUE(FlagsSet(Trace()).contains({v1::TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE, "c-3"}));
  Coordinator({"measure", "link", "m-3", "c-3"});
  EXPECT_EQ(TraceFlags(), "measures_without_goal: 3");

  // ---- Prioritised and assigned; social services' measure shared with the police.
  ProposeAndAssign("m-4", "otillaten-paverkan", "Utbildning om otillåten påverkan", "", "", "");
  Coordinator({"measure", "withdraw", "m-4", "--reason", "Ingår i länsstyrelsens utbildning"});
  Coordinator({"measure", "prioritise", "m-1", "--priority", "high"});
  Coordinator({"measure", "prioritise", "m-2", "--priority", "high"});
  Coordinator({"measure", "prioritise", "m-3", "--priority", "medium"});
  Coordinator({"measure", "assign", "m-1", "--agency", kSocial, "--due", "2027-06-30"});
  Coordinator({"measure", "assign", "m-2", "--agency", kLeisure, "--due", "2027-08-31"});
  Coordinator({"measure", "assign", "m-3", "--agency", kPolice, "--due", "2027-03-31"});
  Coordinator(
      {"partner", "add", "m-1", kPolice, "--commitment", "kommunpolisen deltar i varje SSPF-möte"});
  EXPECT_EQ(TraceFlags(), "measures_without_goal: 3 partners_never_followed_up: 1");

  // ---- Operational goals.
  Coordinator({"goal", "set", "m-1", "--indicator", "antal unga med upprättad plan", "--unit",
               "antal", "--baseline", "0", "--target", "25", "--by", "2027-06-30", "--id", "g-1"});
  Coordinator({"goal", "set", "m-2", "--indicator", "kvällar med vuxennärvaro per månad",
               "--baseline", "0", "--target", "8", "--by", "2027-06-30", "--id", "g-2"});
  Coordinator({"goal", "set", "m-3", "--indicator", "andel klotter sanerat inom 24 h", "--unit",
               "%", "--baseline", "55", "--target", "95", "--by", "2026-12-31", "--id", "g-3"});
  EXPECT_EQ(TraceFlags(), "partners_never_followed_up: 1");

  // ---- Adoption: version 1.
  Coordinator({"plan", "adopt", kPlan, "--by", "Kommunstyrelsen", "--date", "2026-11-04",
               "--reference", "KS 2026/412", "--signed-by", "kommunstyrelsens ordförande",
               "--signed-by", "lokalpolisområdeschef"});
  const auto overview =
      FromJson<v1::PlanOverview>(TryggOk(reader_, {"plan", "show", kPlan, "-o", "json"}));
  EXPECT_EQ(overview.adopted_version(), 1u);
  EXPECT_EQ(overview.latest_adoption().reference(), "KS 2026/412");

  // ---- Follow-up 2026-T2. Nothing reported yet: every assigned measure is flagged.
  EXPECT_EQ(TraceFlags("2026-T2"), "measures_without_follow_up: 3 partners_never_followed_up: 1");
  // No agency reports another agency's part: not the police's part of m-1 from social services,
  // nor a part of m-3, where social services have none.
  ExpectFailure(Trygg(social_, {"follow-up", "record", "m-1", "--period", "2026-T2", "--health",
                                "green", "--party", kPolice}),
                4, "PERMISSION_DENIED");
  CliResult not_a_party =
      Trygg(social_, {"follow-up", "record", "m-3", "--period", "2026-T2", "--health", "green"});
  EXPECT_NE(not_a_party.exit_code, 0);
  EXPECT_TRUE(not_a_party.err.starts_with("trygg: ")) << not_a_party.err;
  EXPECT_EQ(TraceFlags("2026-T2"), "measures_without_follow_up: 3 partners_never_followed_up: 1");

  TryggOk(social_, {"follow-up", "record", "m-1", "--period", "2026-T2", "--health", "green",
                    "--hours", "120", "--value", "g-1=12"});
  EXPECT_EQ(
      TraceFlags(),
      "measures_without_follow_up: 2 partners_never_followed_up: 1");  // the latest period now
  TryggOk(police_, {"follow-up", "record", "m-1", "--period", "2026-T2", "--health", "green",
                    "--hours", "16", "--comment", "Deltog i sex möten"});
  // Leisure has no principal of its own here: the coordinator records its part.
  Coordinator({"follow-up", "record", "m-2", "--period", "2026-T2", "--health", "yellow", "--party",
               kLeisure, "--comment", "Två av fyra tjänster tillsatta", "--cost", "95000"});
  TryggOk(police_, {"follow-up", "record", "m-3", "--period", "2026-T2", "--health", "red",
                    "--comment", "Saneringsfirman har sagt upp avtalet", "--value", "g-3=60"});
  EXPECT_EQ(TraceFlags("2026-T2"), "");
  EXPECT_EQ(FlagsSet(Trace("2026-T2")).size(), 0u);

  const auto first = FromJson<v1::FollowUpSummary>(
      TryggOk(reader_, {"plan", "follow-up", kPlan, "--period", "2026-T2", "-o", "json"}));
  EXPECT_EQ(first.period(), "2026-T2");
  EXPECT_EQ(first.totals().green(), 2u);
  EXPECT_EQ(first.totals().yellow(), 1u);
  EXPECT_EQ(first.totals().red(), 1u);
  EXPECT_EQ(first.totals().missing(), 0u);
  EXPECT_DOUBLE_EQ(first.totals().hours(), 136);
  EXPECT_EQ(first.totals().cost_sek(), 95000u);
  EXPECT_EQ(first.totals().goals_not_met(), 2u);  // 12 of 25 plans, 60 % of 95 % sanerat

  // ---- Follow-up 2026-T3: the graffiti work is done; the new period starts with flags again.
  TryggOk(police_, {"measure", "start", "m-3"});
  TryggOk(police_, {"measure", "complete", "m-3", "--outcome", "Ny saneringsfirma från januari"});
  TryggOk(social_, {"follow-up", "record", "m-1", "--period", "2026-T3", "--health", "green",
                    "--value", "g-1=19"});
  EXPECT_EQ(Trace().counts().period(), "2026-T3");
  EXPECT_EQ(TraceFlags(), "measures_without_follow_up: 1");  // m-2; m-3 is completed
  EXPECT_TRUE(FlagsSet(Trace()).contains({v1::TRACEABILITY_FLAG_NO_FOLLOW_UP, "m-2"}));
  Coordinator({"follow-up", "record", "m-2", "--period", "2026-T3", "--health", "green", "--party",
               kLeisure, "--comment", "Alla fyra tjänster tillsatta"});
  TryggOk(police_, {"follow-up", "record", "m-3", "--period", "2026-T3", "--health", "green",
                    "--value", "g-3=97"});
  EXPECT_EQ(TraceFlags(), "");
  const v1::Traceability done = Trace();
  EXPECT_EQ(FlagsSet(done).size(), 0u);
  ASSERT_EQ(done.focus_areas_size(), 3);
  ASSERT_EQ(done.focus_areas(1).measures_size(), 1);
  const v1::TracedMeasure& graffiti = done.focus_areas(1).measures(0);
  EXPECT_EQ(graffiti.measure_id(), "m-3");
  ASSERT_EQ(graffiti.goals_size(), 1);
  EXPECT_TRUE(graffiti.goals(0).met());

  const auto second = FromJson<v1::FollowUpSummary>(
      TryggOk(reader_, {"plan", "follow-up", kPlan, "--period", "2026-T3", "-o", "json"}));
  EXPECT_EQ(second.totals().green(), 3u);
  EXPECT_EQ(second.totals().goals_met(), 1u);
}

}  // namespace
}  // namespace trygg::testing
