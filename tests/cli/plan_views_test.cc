// What trygg prints for the whole plan's replies, built by hand (cli/plan_views.h, cli/views.h):
// the situation picture, traceability with its flags, the follow-up summary, a working group, and
// the new fields of a measure, a plan overview and an agency's status; in table and CSV (JSON is
// protobuf's printer, tested in tests/common).
#include "cli/plan_views.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/views.h"
#include "trygg/v1/status.pb.h"

namespace trygg::cli {
namespace {

namespace v1 = ::trygg::v1;

constexpr Terminal kPlain{100, false};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The lines of `text` that contain `part`.
std::vector<std::string> LinesWith(const std::string& text, const std::string& part) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (Contains(line, part)) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// The first line of `text` that starts with `prefix`, or "" when none does.
std::string LineStarting(const std::string& text, const std::string& prefix) {
  for (const std::string& line : LinesWith(text, prefix)) {
    if (line.starts_with(prefix)) return line;
  }
  return "";
}

void SetArea(v1::FocusArea* area, const std::string& key, const std::string& name) {
  area->set_key(key);
  area->set_name(name);
}

v1::SituationPicture Picture() {
  v1::SituationPicture picture;
  picture.set_plan_id("tryggare-varnamo-2026");
  v1::FocusAreaPicture* area = picture.add_focus_areas();
  SetArea(area->mutable_focus_area(), "narkotika", "Narkotika");
  v1::Finding* f = area->add_findings();
  f->set_finding_id("f-1");
  f->set_text("Narkotikabrotten har ökat, \"främst\" i centrum");
  f->set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
  f->set_period("2024–2026");
  f->set_area("Centrum");
  f->add_input_ids("in-1");
  f = area->add_findings();
  f->set_finding_id("f-2");
  f->set_text("Gammal uppgift");
  f->set_source(v1::FINDING_SOURCE_OTHER);
  f->set_retired(true);
  f->set_retirement_reason("Inaktuell");
  v1::Cause* c = area->add_causes();
  c->set_cause_id("c-1");
  c->set_number(1);
  c->set_text("Öppen handel vid resecentrum");
  c->add_finding_ids("f-1");
  c->add_measure_ids("m-1");
  v1::ResidentInput* input = area->add_inputs();
  input->set_input_id("in-1");
  input->set_channel(v1::INPUT_CHANNEL_SAFETY_WALK);
  input->set_received_on("2026-09-12");
  input->set_people(14);
  input->set_summary("Otryggt vid resecentrum");
  v1::FocusAreaPicture* empty = picture.add_focus_areas();
  SetArea(empty->mutable_focus_area(), "otrygghet", "Otrygghet");
  v1::ResidentInput* general = picture.add_general_inputs();
  general->set_input_id("in-9");
  general->set_channel(v1::INPUT_CHANNEL_SURVEY);
  general->set_received_on("2026-05-01");
  general->set_summary("Trygghetsmätningen");
  return picture;
}

TEST(CliPlanViews, SituationPictureTableNumbersCausesAndCitesInput) {
  const std::string out = SituationPictureText(Picture(), kPlain);
  EXPECT_TRUE(
      out.starts_with("Situation picture of tryggare-varnamo-2026\n\nNarkotika (narkotika)\n"))
      << out;
  const std::string finding = LineStarting(out, "f-1 ");
  EXPECT_TRUE(Contains(finding, "crime-statistics")) << out;
  EXPECT_TRUE(Contains(finding, "in-1")) << out;
  EXPECT_TRUE(finding.ends_with("Narkotikabrotten har ökat, \"främst\" i centrum")) << out;
  EXPECT_TRUE(Contains(out, "RETIRED (Inaktuell): Gammal uppgift")) << out;
  const auto cause = LinesWith(out, "c-1");
  ASSERT_EQ(cause.size(), 1u) << out;
  EXPECT_TRUE(cause[0].starts_with("   1.  c-1")) << out;
  EXPECT_TRUE(cause[0].ends_with("Öppen handel vid resecentrum")) << out;
  EXPECT_TRUE(Contains(out, "Residents' input\n")) << out;
  EXPECT_TRUE(Contains(out, "\nOtrygghet (otrygghet)\n\nNo findings yet.\n\nNo causes yet.\n"))
      << out;
  EXPECT_TRUE(Contains(out, "Residents' input about the whole plan\n")) << out;
  EXPECT_EQ(LinesWith(out, "in-9").size(), 1u) << out;
}

TEST(CliPlanViews, SituationPictureCsvHasARecordPerFindingCauseAndInput) {
  const std::string out = SituationPictureCsv(Picture());
  EXPECT_TRUE(
      out.starts_with("focus_area,kind,id,number,source,period,area,people,refs,measures,"
                      "retired,retirement_reason,text\r\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "narkotika,finding,f-1,,CRIME_STATISTICS,2024–2026,Centrum,,in-1,,"
                       "false,,\"Narkotikabrotten har ökat, \"\"främst\"\" i centrum\"\r\n"))
      << out;
  EXPECT_TRUE(Contains(out, "narkotika,finding,f-2,,OTHER,,,,,,true,Inaktuell,Gammal uppgift\r\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "narkotika,cause,c-1,1,,,,,f-1,m-1,false,,Öppen handel vid "
                       "resecentrum\r\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "narkotika,input,in-1,,SAFETY_WALK,2026-09-12,,14,,,false,,Otryggt "
                       "vid resecentrum\r\n"))
      << out;
  EXPECT_TRUE(
      Contains(out, "\r\n,input,in-9,,SURVEY,2026-05-01,,0,,,false,,Trygghetsmätningen\r\n"))
      << out;
}

v1::Traceability TracePage() {
  v1::Traceability trace;
  trace.set_plan_id("tryggare-varnamo-2026");
  v1::TraceabilityFlagCounts* counts = trace.mutable_counts();
  counts->set_period("2026-T3");
  counts->set_causes_without_measure(1);
  counts->set_measures_without_goal(2);
  counts->set_partners_never_followed_up(1);
  counts->set_findings_unused(1);
  v1::FocusAreaTrace* area = trace.add_focus_areas();
  SetArea(area->mutable_focus_area(), "narkotika", "Narkotika");
  v1::TracedFinding* f = area->add_findings();
  f->set_finding_id("f-1");
  f->set_text("Narkotikabrotten har ökat");
  f->set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
  f = area->add_findings();
  f->set_finding_id("f-2");
  f->set_text("Oanvänd");
  f->set_source(v1::FINDING_SOURCE_OTHER);
  f->add_flags(v1::TRACEABILITY_FLAG_FINDING_UNUSED);
  v1::TracedCause* c = area->add_causes();
  c->set_cause_id("c-1");
  c->set_number(1);
  c->set_text("Öppen handel");
  c->add_finding_ids("f-1");
  c->add_measure_ids("m-1");
  c = area->add_causes();
  c->set_cause_id("c-2");
  c->set_number(2);
  c->set_text("Ingen åtgärd ännu");
  c->add_finding_ids("f-1");
  c->add_flags(v1::TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE);
  v1::TracedMeasure* m = area->add_measures();
  m->set_measure_id("m-1");
  m->set_title("Kontroller vid resecentrum");
  m->set_status(v1::MEASURE_STATUS_IN_PROGRESS);
  m->set_responsible_agency_id("polisen-lpo-varnamo");
  m->add_cause_ids("c-1");
  v1::Partner* partner = m->add_partners();
  partner->set_agency_id("socialtjansten");
  partner->set_commitment("Fältarbete");
  m->add_flags(v1::TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP);
  m->add_partners_never_followed_up("socialtjansten");
  v1::OperationalGoal* goal = m->add_goals();
  goal->set_goal_id("g-1");
  goal->set_indicator("anmälda brott");
  goal->set_baseline(120);
  goal->set_target(80);
  goal->set_by_date("2027-12-31");
  v1::FollowUp* fu = m->add_latest_follow_ups();
  fu->set_party("polisen-lpo-varnamo");
  fu->set_period("2026-T3");
  fu->set_health(v1::HEALTH_RED);
  fu->set_hours(40);
  fu->set_cost_sek(15000);
  fu->set_comment("Personalbrist");
  return trace;
}

// A second page: the same focus area (its findings and causes repeated) with another measure,
// and a focus area that has only measures without a cause.
v1::Traceability SecondTracePage() {
  v1::Traceability trace = TracePage();
  v1::FocusAreaTrace* area = trace.mutable_focus_areas(0);
  area->clear_measures();
  v1::TracedMeasure* m = area->add_measures();
  m->set_measure_id("m-2");
  m->set_title("Föräldravandringar");
  m->set_status(v1::MEASURE_STATUS_PROPOSED);
  m->add_flags(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE);
  m->add_flags(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL);
  v1::FocusAreaTrace* other = trace.add_focus_areas();
  SetArea(other->mutable_focus_area(), "otrygghet", "Otrygghet");
  m = other->add_measures();
  m->set_measure_id("m-3");
  m->set_title("Belysning");
  m->set_status(v1::MEASURE_STATUS_ASSIGNED);
  m->set_responsible_agency_id("tekniska");
  m->add_flags(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL);
  m->add_flags(v1::TRACEABILITY_FLAG_NO_FOLLOW_UP);
  trace.set_next_page_token("");
  return trace;
}

v1::Traceability WholeTrace() {
  v1::Traceability all;
  v1::Traceability first = TracePage();
  first.set_next_page_token("page-2");
  AppendTracePage(first, &all);
  AppendTracePage(SecondTracePage(), &all);
  return all;
}

TEST(CliPlanViews, TracePagesMergeByFocusAreaKeepingTheFirstPagesFindingsAndCauses) {
  const v1::Traceability all = WholeTrace();
  EXPECT_EQ(all.next_page_token(), "");
  ASSERT_EQ(all.focus_areas_size(), 2);
  const v1::FocusAreaTrace& narkotika = all.focus_areas(0);
  EXPECT_EQ(narkotika.findings_size(), 2);
  EXPECT_EQ(narkotika.causes_size(), 2);
  ASSERT_EQ(narkotika.measures_size(), 2);
  EXPECT_EQ(narkotika.measures(0).measure_id(), "m-1");
  EXPECT_EQ(narkotika.measures(1).measure_id(), "m-2");
  EXPECT_EQ(all.focus_areas(1).focus_area().key(), "otrygghet");
  EXPECT_EQ(all.counts().findings_unused(), 1u);
}

TEST(CliPlanViews, TraceTableShowsTheChainAndEveryFlag) {
  const std::string out = TraceabilityText(WholeTrace(), kPlain);
  EXPECT_TRUE(
      out.starts_with("Plan tryggare-varnamo-2026: findings → causes → measures → goals → "
                      "follow-up\n"
                      "Traceability (follow-up period 2026-T3):\n"
                      "  ⚑ 1 cause without a measure\n"
                      "  ⚑ 2 measures without an operational goal\n"
                      "  ⚑ 1 partner that never followed up\n"
                      "  ⚑ 1 finding no cause rests on\n"))
      << out;
  EXPECT_TRUE(Contains(LineStarting(out, "f-2 "), "⚑ no cause rests on it")) << out;
  EXPECT_TRUE(Contains(LinesWith(out, "c-2  ").at(0), "⚑ no measure")) << out;
  const std::string m1 = LineStarting(out, "m-1 ");  // the measures table's row comes first
  EXPECT_TRUE(Contains(m1, "IN_PROGRESS")) << out;
  EXPECT_TRUE(Contains(m1, "  1.  ")) << "cause numbers, not ids: " << out;
  EXPECT_TRUE(Contains(m1, "⚑ partner never followed up (socialtjansten)")) << out;
  EXPECT_TRUE(Contains(m1, "  Kontroller")) << "shortened to fit the flags: " << out;
  EXPECT_TRUE(m1.ends_with("⚑ partner never followed up (socialtjansten)")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "m-2 "), "⚑ no cause, ⚑ no goal")) << out;
  EXPECT_TRUE(Contains(LineStarting(out, "m-3 "), "⚑ no goal, ⚑ no follow-up")) << out;
  EXPECT_TRUE(Contains(out, "anmälda brott from 120 to 80 by 2027-12-31")) << out;
  EXPECT_TRUE(Contains(out, "not measured yet")) << out;
  const auto follow_up = LinesWith(out, "Personalbrist");
  ASSERT_EQ(follow_up.size(), 1u) << out;
  EXPECT_TRUE(Contains(follow_up[0], "2026-T3  RED")) << out;
  EXPECT_TRUE(Contains(follow_up[0], "15000")) << out;
  EXPECT_TRUE(Contains(out, "\nOtrygghet (otrygghet)\n\nNo findings.\n\nNo causes.\n")) << out;
}

TEST(CliPlanViews, TraceTableInColourMarksFlagsRed) {
  const std::string out = TraceabilityText(WholeTrace(), Terminal{100, true});
  EXPECT_TRUE(Contains(out, "\x1b[31m⚑ 1 cause without a measure\x1b[0m")) << out;
  EXPECT_TRUE(Contains(out, "\x1b[31mRED\x1b[0m")) << out;
}

TEST(CliPlanViews, TraceCsvIsTheCouncilsTemplateWithFlagsByName) {
  const std::string out = TraceabilityCsv(WholeTrace());
  const std::string header =
      "focus_area,cause_number,cause_id,finding_ids,measure_id,title,status,"
      "responsible_agency_id,partners,goals,follow_ups,flags\r\n";
  EXPECT_TRUE(out.starts_with(header)) << out;
  EXPECT_TRUE(Contains(out,
                       "narkotika,1,c-1,f-1,m-1,Kontroller vid resecentrum,IN_PROGRESS,"
                       "polisen-lpo-varnamo,socialtjansten,g-1: anmälda brott from 120 to 80 by "
                       "2027-12-31; not measured yet,polisen-lpo-varnamo 2026-T3 RED,"
                       "PARTNER_NEVER_FOLLOWED_UP\r\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "narkotika,,,,m-2,Föräldravandringar,PROPOSED,,,,,\"MEASURE_WITHOUT_"
                       "CAUSE, MEASURE_WITHOUT_GOAL\"\r\n"))
      << out;
  EXPECT_TRUE(Contains(out, "narkotika,2,c-2,f-1,,,,,,,,CAUSE_WITHOUT_MEASURE\r\n")) << out;
  EXPECT_TRUE(Contains(out, "narkotika,,,f-2,,,,,,,,FINDING_UNUSED\r\n")) << out;
  EXPECT_TRUE(Contains(out,
                       "otrygghet,,,,m-3,Belysning,ASSIGNED,tekniska,,,,\"MEASURE_WITHOUT_"
                       "GOAL, NO_FOLLOW_UP\"\r\n"))
      << out;
}

TEST(CliPlanViews, EveryFlagOfTheContractHasItsWords) {
  const auto* flags = v1::TraceabilityFlag_descriptor();
  for (int i = 0; i < flags->value_count(); ++i) {
    const int flag = flags->value(i)->number();
    if (flag == v1::TRACEABILITY_FLAG_UNSPECIFIED) continue;
    v1::Traceability trace;
    trace.add_focus_areas()->add_findings()->add_flags(static_cast<v1::TraceabilityFlag>(flag));
    const std::string out = TraceabilityText(trace, kPlain);
    EXPECT_TRUE(Contains(out, "⚑ ")) << flags->value(i)->name();
    EXPECT_FALSE(Contains(out, "unknown flag")) << flags->value(i)->name() << ": " << out;
  }
}

TEST(CliPlanViews, FlagCountsSayWhenNothingIsMissing) {
  v1::TraceabilityFlagCounts counts;
  EXPECT_EQ(FlagCountsText(counts, kPlain),
            "Traceability (no follow-up recorded yet):\n"
            "  no flags: every cause has a measure, every measure a cause and a goal\n");
}

v1::FollowUpSummary Summary() {
  v1::FollowUpSummary summary;
  summary.set_plan_id("tryggare-varnamo-2026");
  summary.set_period("2026-T3");
  v1::FollowUpTotals* t = summary.mutable_totals();
  t->set_green(2);
  t->set_yellow(1);
  t->set_red(1);
  t->set_missing(1);
  t->set_hours(52.5);
  t->set_cost_sek(20000);
  t->set_goals_met(1);
  t->set_goals_not_met(1);
  t->set_goals_not_measured(2);
  v1::AgencyFollowUp* agency = summary.add_agencies();
  agency->set_agency_id("polisen-lpo-varnamo");
  agency->set_name("Polisen, lokalpolisområde Värnamo");
  agency->mutable_totals()->set_red(1);
  agency->mutable_totals()->set_hours(40);
  v1::FocusAreaFollowUp* area = summary.add_focus_areas();
  SetArea(area->mutable_focus_area(), "narkotika", "Narkotika");
  *area->mutable_totals() = *t;
  return summary;
}

TEST(CliPlanViews, FollowUpSummaryTablePerAgencyAndFocusArea) {
  const std::string out = FollowUpSummaryText(Summary(), kPlain);
  EXPECT_TRUE(
      out.starts_with("Follow-up of tryggare-varnamo-2026 for 2026-T3\n"
                      "2 green, 1 yellow, 1 red, 1 missing; 52.5 h, 20000 SEK; goals: 1 "
                      "met, 1 not met, 2 not measured\n\nPer agency\nAGENCY  "))
      << out;
  EXPECT_TRUE(Contains(out, "\nPer focus area\nFOCUS AREA  ")) << out;
  EXPECT_EQ(LineStarting(out, "polisen-lpo-varnamo "),
            "polisen-lpo-varnamo      0       0    1        0     40           0          0"
            "        0           0")
      << out;
  EXPECT_TRUE(Contains(out, "\nnarkotika       2       1    1        1   52.5       20000")) << out;
}

TEST(CliPlanViews, FollowUpSummaryCsvHasThePlanThenAgenciesThenFocusAreas) {
  EXPECT_EQ(FollowUpSummaryCsv(Summary()),
            "period,scope,id,name,green,yellow,red,missing,hours,cost_sek,goals_met,"
            "goals_not_met,goals_not_measured\r\n"
            "2026-T3,plan,tryggare-varnamo-2026,,2,1,1,1,52.5,20000,1,1,2\r\n"
            "2026-T3,agency,polisen-lpo-varnamo,\"Polisen, lokalpolisområde Värnamo\",0,0,1,0,40,"
            "0,0,0,0\r\n"
            "2026-T3,focus_area,narkotika,Narkotika,2,1,1,1,52.5,20000,1,1,2\r\n");
}

TEST(CliPlanViews, WorkingGroupStatusTable) {
  v1::WorkingGroupStatus status;
  v1::WorkingGroup* group = status.mutable_group();
  group->set_group_id("wg-centrum");
  group->set_name("Trygg i centrum");
  group->add_agency_ids("polisen-lpo-varnamo");
  group->add_agency_ids("socialtjansten");
  status.set_total_measures(1);
  v1::StatusCount* count = status.add_counts();
  count->set_status(v1::MEASURE_STATUS_ASSIGNED);
  count->set_count(1);
  v1::Measure* m = status.add_measures();
  m->set_measure_id("m-1");
  m->set_title("Kontroller");
  m->set_status(v1::MEASURE_STATUS_ASSIGNED);
  m->set_responsible_agency_id("polisen-lpo-varnamo");
  const std::string out = WorkingGroupStatusText(status, kPlain);
  EXPECT_TRUE(
      out.starts_with("Working group Trygg i centrum (wg-centrum)\n"
                      "Members: polisen-lpo-varnamo, socialtjansten\n"
                      "Focus areas: every focus area\n"
                      "1 measure: 1 assigned; 0 overdue\n\nID  "))
      << out;
  EXPECT_TRUE(Contains(LinesWith(out, "m-1").at(0), "polisen-lpo-varnamo")) << out;
}

TEST(CliViews, MeasureDetailShowsPartnersCausesGoalsAndFollowUps) {
  v1::Measure m;
  m.set_measure_id("m-1");
  m.set_title("Kontroller");
  m.set_plan_id("tryggare-varnamo-2026");
  m.set_focus_area("narkotika");
  m.set_status(v1::MEASURE_STATUS_IN_PROGRESS);
  m.set_proposed_by("samordnare");  // the longest label: the others pad to its width
  m.set_plan_version(1);
  m.set_changed_since_adoption(true);
  m.add_cause_ids("c-1");
  m.add_cause_ids("c-3");
  m.set_kind(v1::MEASURE_KIND_SITUATIONAL);
  m.set_effort(v1::EFFORT_ORDINARY_WORK);
  m.set_expected_effect(v1::EXPECTED_EFFECT_LONG_TERM);
  for (const char* agency : {"socialtjansten", "fastighetsbolaget"}) {
    v1::Partner* p = m.add_partners();
    p->set_agency_id(agency);
    p->set_commitment("Två kvällar i månaden");
  }
  v1::OperationalGoal* goal = m.add_goals();
  goal->set_goal_id("g-1");
  goal->set_indicator("anmälda brott");
  goal->set_baseline(120);
  goal->set_target(80);
  goal->set_by_date("2027-12-31");
  v1::FollowUp* fu = m.add_latest_follow_ups();
  fu->set_party("polisen-lpo-varnamo");
  fu->set_period("2026-T3");
  fu->set_health(v1::HEALTH_GREEN);
  fu->set_hours(12);
  const std::string out = MeasureDetailText(m, kPlain);
  EXPECT_TRUE(Contains(out, "\nAdoption     follows plan version 1, changed since the adoption\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "\nPartners     socialtjansten: Två kvällar i månaden\n"
                       "             fastighetsbolaget: Två kvällar i månaden\n"))
      << out;
  EXPECT_TRUE(Contains(out, "\nCauses       c-1, c-3\n")) << out;
  EXPECT_TRUE(Contains(out, "\nKind         situational, ordinary-work, long-term effect\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "\nGoals        g-1: anmälda brott from 120 to 80 by 2027-12-31; latest "
                       "not measured yet\n"))
      << out;
  EXPECT_TRUE(Contains(out, "\nFollow-up    polisen-lpo-varnamo (2026-T3): GREEN, 12 h\n")) << out;
}

v1::PlanOverview Overview() {
  v1::PlanOverview plan;
  plan.set_plan_id("tryggare-varnamo-2026");
  plan.set_name("Tryggare Värnamo 2026");
  plan.set_municipality("Värnamo kommun");
  SetArea(plan.add_focus_areas()->mutable_focus_area(), "narkotika", "Narkotika");
  plan.set_adopted_version(2);
  v1::PlanAdoption* adoption = plan.mutable_latest_adoption();
  adoption->set_version(2);
  adoption->set_adopted_by("Kommunstyrelsen");
  adoption->set_decision_date("2026-12-10");
  adoption->set_reference("KS 2026/412");
  adoption->add_signatories("kommunstyrelsens ordförande");
  plan.set_changed_since_adoption(3);
  plan.mutable_flags()->set_period("2026-T3");
  plan.mutable_flags()->set_measures_without_follow_up(2);
  v1::WorkingGroup* group = plan.add_working_groups();
  group->set_group_id("wg-centrum");
  group->set_name("Trygg i centrum");
  group->add_agency_ids("polisen-lpo-varnamo");
  group->add_focus_areas("narkotika");
  v1::CitizenPromise* promise = plan.add_citizen_promises();
  promise->set_promise_id("p-1");
  promise->set_text("Vi ska synas mer vid resecentrum");
  promise->add_measure_ids("m-1");
  promise->set_valid_from("2027-01-01");
  promise->set_valid_to("2027-12-31");
  promise->set_ended(true);
  promise->set_end_reason("Uppfyllt");
  return plan;
}

TEST(CliViews, PlanOverviewShowsAdoptionFlagsGroupsAndPromises) {
  const std::string out = PlanOverviewText(Overview(), kPlain);
  EXPECT_TRUE(Contains(out,
                       "\nAdopted: version 2 by Kommunstyrelsen on 2026-12-10 (KS 2026/412), "
                       "signed by kommunstyrelsens ordförande\n3 measures changed since the "
                       "adoption\n"))
      << out;
  EXPECT_TRUE(Contains(out,
                       "\nTraceability (follow-up period 2026-T3):\n"
                       "  ⚑ 2 measures without follow-up\n"))
      << out;
  EXPECT_TRUE(Contains(out, "\nWorking groups\nGROUP  ")) << out;
  EXPECT_TRUE(Contains(LinesWith(out, "wg-centrum").at(0), "narkotika")) << out;
  EXPECT_TRUE(Contains(out, "\nCitizen promises\nPROMISE  ")) << out;
  EXPECT_TRUE(
      Contains(LinesWith(out, "p-1").at(0), "ENDED (Uppfyllt): Vi ska synas mer vid resecentrum"))
      << out;

  v1::PlanOverview never = Overview();
  never.set_adopted_version(0);
  never.clear_latest_adoption();
  never.clear_working_groups();
  never.clear_citizen_promises();
  const std::string plain = PlanOverviewText(never, kPlain);
  EXPECT_TRUE(Contains(plain, "\nNot adopted yet\n")) << plain;
  EXPECT_FALSE(Contains(plain, "Working groups")) << plain;
  EXPECT_FALSE(Contains(plain, "Citizen promises")) << plain;
}

TEST(CliViews, PlanOverviewCsvCarriesTheAdoption) {
  const std::string out = PlanOverviewCsv(Overview());
  EXPECT_TRUE(Contains(out,
                       ",overdue,prioritised_unassigned,adopted_version,"
                       "changed_since_adoption\r\n"))
      << out;
  EXPECT_TRUE(out.ends_with(",0,0,2,3\r\n")) << out;
}

TEST(CliViews, AgencyStatusMarksPartnerMeasures) {
  v1::AgencyStatus status;
  status.mutable_agency()->set_agency_id("socialtjansten");
  status.mutable_agency()->set_name("Socialtjänsten");
  status.set_total_measures(1);
  v1::Measure* own = status.add_measures();
  own->set_measure_id("m-2");
  own->set_status(v1::MEASURE_STATUS_ASSIGNED);
  own->set_responsible_agency_id("socialtjansten");
  status.set_total_partner_measures(2);
  v1::Measure* partner = status.add_partner_measures();
  partner->set_measure_id("m-1");
  partner->set_status(v1::MEASURE_STATUS_IN_PROGRESS);
  partner->set_responsible_agency_id("polisen-lpo-varnamo");
  const std::string out = AgencyStatusText(status, kPlain);
  EXPECT_TRUE(Contains(out, "\nPartner in 2 measures of other agencies\n")) << out;
  EXPECT_TRUE(Contains(out, "\nAs partner (another agency is responsible)\nID  ")) << out;
  EXPECT_TRUE(Contains(LinesWith(out, "m-1").at(0), "polisen-lpo-varnamo")) << out;
  EXPECT_TRUE(Contains(out,
                       "Showing the first 1 of 2; see them all with 'trygg measures list "
                       "--partner socialtjansten'\n"))
      << out;

  const std::string csv = AgencyMeasuresCsv(status);
  EXPECT_TRUE(csv.starts_with("measure_id,")) << csv;
  EXPECT_TRUE(Contains(csv, ",version,role\r\n")) << csv;
  EXPECT_TRUE(Contains(csv, "\r\nm-2,")) << csv;
  EXPECT_TRUE(Contains(csv, ",responsible\r\nm-1,")) << csv;
  EXPECT_TRUE(csv.ends_with(",partner\r\n")) << csv;
}

}  // namespace
}  // namespace trygg::cli
