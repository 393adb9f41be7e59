// `trygg-audit replay --at` over a scripted history whose commit times are chosen (the store's
// injected clock), through the real binary: the agency statuses and plan overviews it prints are
// exactly those of the script on each date, "today" for overdue is the date of --at, dates end at
// midnight in Stockholm (not UTC), times are inclusive, positions too.
#include <map>

#include "audit_test_util.h"

namespace trygg::audit_testing {
namespace {

constexpr char kPlan[] = "tryggare-varnamo-2026";
constexpr char kPolice[] = "polisen-lpo-varnamo";
constexpr char kStreets[] = "varnamo-kommun-tekniska";

std::map<v1::MeasureStatus, uint64_t> Counts(
    const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts) {
  std::map<v1::MeasureStatus, uint64_t> out;
  for (const auto& c : counts) out[c.status()] = c.count();
  return out;
}

class AuditReplayTest : public ::testing::Test {
 protected:
  // The script (UTC; Stockholm is UTC+1 until 29 March, UTC+2 after):
  //   03-02 09:00  plan with focus areas narkotika, otrygghet; agencies police and streets
  //   03-03 10:00  m-1 (narkotika), m-2 (otrygghet), m-3 (narkotika) proposed
  //   03-05 10:00  m-1 prioritised HIGH, m-2 MEDIUM
  //   03-10 10:00  m-1 assigned to police, due 2026-04-30; m-2 to streets, due 2026-03-31
  //   03-15 10:00  m-1 started
  //   04-01 10:00  m-1 progress 60 %
  //   04-20 10:00  m-1 completed; m-3 withdrawn
  //   05-01 22:30  m-2 started: 2 May, 00:30 in Stockholm
  void SetUp() override {
    HistoryWriter w(dir_.Sub("store"));
    w.At(Utc(2026, 3, 2, 9));
    w.Plan(kPlan, "Tryggare Värnamo 2026", {"narkotika", "otrygghet"});
    w.Agency(kPolice, "Polisen, lokalpolisområde Värnamo");
    w.Agency(kStreets, "Värnamo kommun, tekniska förvaltningen");
    w.At(Utc(2026, 3, 3, 10));
    w.Propose("m-1", kPlan, "narkotika", "Riktade kontroller");
    w.Propose("m-2", kPlan, "otrygghet", "Bättre belysning");
    w.Propose("m-3", kPlan, "narkotika", "Tillsyn av tobaksförsäljning");
    w.At(Utc(2026, 3, 5, 10));
    w.Prioritise("m-1", v1::PRIORITY_HIGH);
    w.Prioritise("m-2", v1::PRIORITY_MEDIUM);
    w.At(Utc(2026, 3, 10, 10));
    w.Assign("m-1", kPolice, "2026-04-30");
    w.Assign("m-2", kStreets, "2026-03-31");
    w.At(Utc(2026, 3, 15, 10));
    w.Start("m-1", kPolice);
    w.At(Utc(2026, 4, 1, 10));
    w.Progress("m-1", kPolice, 60, "kontroller varje vecka");
    w.At(Utc(2026, 4, 20, 10));
    completed_at_ = w.Complete("m-1", kPolice);
    w.Withdraw("m-3", "ingår i länsstyrelsens tillsyn");
    w.At(Utc(2026, 5, 1, 22, 30));
    w.Start("m-2", kStreets);
    w.Close();
  }

  // `replay --output json` with `args`; exit 0 expected.
  google::protobuf::Struct Replay(std::vector<std::string> args) {
    args.insert(args.begin(), {"replay", "--data", dir_.Sub("store").string(), "--output", "json"});
    AuditRun run = RunAudit(dir_, args, {{"TZ", "Europe/Stockholm"}});
    EXPECT_EQ(run.exit_code, 0) << Printed(run);
    return ParseJson(run.out);
  }

  v1::AgencyStatus Agency(const std::string& agency, const std::string& at) {
    return MemberAs<v1::AgencyStatus>(Replay({"--at", at, "--agency", agency}), "agency_status");
  }

  // The one measure of an agency's first page with this id.
  static const v1::Measure* Find(const v1::AgencyStatus& status, const std::string& id) {
    for (const v1::Measure& m : status.measures()) {
      if (m.measure_id() == id) return &m;
    }
    return nullptr;
  }

  TempDir dir_;
  uint64_t completed_at_ = 0;
};

TEST_F(AuditReplayTest, BeforeAnyAssignmentAgenciesHaveNothing) {
  const v1::AgencyStatus police = Agency(kPolice, "2026-03-04");
  EXPECT_EQ(police.agency().name(), "Polisen, lokalpolisområde Värnamo");
  EXPECT_EQ(police.total_measures(), 0u);
  EXPECT_EQ(police.measures_size(), 0);

  google::protobuf::Struct out = Replay({"--at", "2026-03-04", "--plan", kPlan});
  const v1::PlanOverview plan = MemberAs<v1::PlanOverview>(out, "plan_overview");
  EXPECT_EQ(Counts(plan.counts()),
            (std::map<v1::MeasureStatus, uint64_t>{{v1::MEASURE_STATUS_PROPOSED, 3}}));
  const google::protobuf::Struct as_of = out.fields().at("as_of").struct_value();
  EXPECT_EQ(StringMember(as_of, "today"), "2026-03-04");
  EXPECT_EQ(NumberMember(as_of, "position"), 6);  // plan, 2 agencies, 3 proposals
}

TEST_F(AuditReplayTest, AssignedAndNotYetDue) {
  const v1::AgencyStatus police = Agency(kPolice, "2026-03-12");
  ASSERT_EQ(police.measures_size(), 1);
  EXPECT_EQ(police.measures(0).measure_id(), "m-1");
  EXPECT_EQ(police.measures(0).status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(police.measures(0).priority(), v1::PRIORITY_HIGH);
  EXPECT_EQ(police.measures(0).due_date(), "2026-04-30");
  EXPECT_FALSE(police.measures(0).overdue());
  EXPECT_EQ(police.overdue(), 0u);
  const v1::AgencyStatus streets = Agency(kStreets, "2026-03-12");
  ASSERT_EQ(streets.measures_size(), 1);
  EXPECT_EQ(streets.measures(0).status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_FALSE(streets.measures(0).overdue());
}

// "Today" is the date of --at: m-2 was due 31 March, so on 5 April it is overdue.
TEST_F(AuditReplayTest, OverdueIsJudgedByTheDateReplayedTo) {
  const v1::AgencyStatus streets = Agency(kStreets, "2026-04-05");
  ASSERT_EQ(streets.measures_size(), 1);
  EXPECT_EQ(streets.measures(0).status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_TRUE(streets.measures(0).overdue());
  EXPECT_EQ(streets.overdue(), 1u);
  EXPECT_FALSE(Agency(kStreets, "2026-03-31").measures(0).overdue()) << "due that very day";

  const v1::AgencyStatus police = Agency(kPolice, "2026-04-05");
  ASSERT_EQ(police.measures_size(), 1);
  EXPECT_EQ(police.measures(0).status(), v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(police.measures(0).percent_complete(), 60u);
  EXPECT_EQ(police.measures(0).last_note(), "kontroller varje vecka");
  EXPECT_FALSE(police.measures(0).overdue());
}

// 22:30 UTC on 1 May is already 2 May in Stockholm: the date 2026-05-01 ends before it.
TEST_F(AuditReplayTest, ADateEndsAtMidnightInStockholm) {
  const v1::AgencyStatus may_first = Agency(kStreets, "2026-05-01");
  ASSERT_EQ(may_first.measures_size(), 1);
  EXPECT_EQ(may_first.measures(0).status(), v1::MEASURE_STATUS_ASSIGNED);
  const v1::AgencyStatus may_second = Agency(kStreets, "2026-05-02");
  ASSERT_EQ(may_second.measures_size(), 1);
  EXPECT_EQ(may_second.measures(0).status(), v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_TRUE(may_second.measures(0).overdue());
}

TEST_F(AuditReplayTest, TimesAreInclusiveAndTakeTheirZone) {
  EXPECT_EQ(Agency(kPolice, "2026-04-20T09:59:59.999999Z").measures(0).status(),
            v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(Agency(kPolice, "2026-04-20T10:00:00Z").measures(0).status(),
            v1::MEASURE_STATUS_COMPLETED);
  EXPECT_EQ(Agency(kPolice, "2026-04-20T11:59:59+02:00").measures(0).status(),
            v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(Agency(kPolice, "2026-04-20T12:00:00+02:00").measures(0).status(),
            v1::MEASURE_STATUS_COMPLETED);
}

TEST_F(AuditReplayTest, PositionsAreInclusive) {
  ASSERT_GT(completed_at_, 0u);
  EXPECT_EQ(Agency(kPolice, std::to_string(completed_at_ - 1)).measures(0).status(),
            v1::MEASURE_STATUS_IN_PROGRESS);
  google::protobuf::Struct out =
      Replay({"--at", std::to_string(completed_at_), "--agency", kPolice});
  const v1::AgencyStatus police = MemberAs<v1::AgencyStatus>(out, "agency_status");
  EXPECT_EQ(police.measures(0).status(), v1::MEASURE_STATUS_COMPLETED);
  EXPECT_EQ(police.measures(0).percent_complete(), 100u);
  const google::protobuf::Struct as_of = out.fields().at("as_of").struct_value();
  EXPECT_EQ(NumberMember(as_of, "position"), static_cast<double>(completed_at_));
  EXPECT_EQ(StringMember(as_of, "today"), "2026-04-20");  // the date it was recorded
  EXPECT_EQ(StringMember(as_of, "recorded_at"), "2026-04-20T10:00:00.000000Z");
  EXPECT_EQ(StringMember(as_of, "hash"),
            es::ToHex(ReadLog(dir_.Sub("store"))[completed_at_ - 1].hash));
}

TEST_F(AuditReplayTest, PlanOverviewOnADay) {
  const v1::PlanOverview plan =
      MemberAs<v1::PlanOverview>(Replay({"--at", "2026-04-21", "--plan", kPlan}), "plan_overview");
  EXPECT_EQ(plan.name(), "Tryggare Värnamo 2026");
  EXPECT_EQ(Counts(plan.counts()),
            (std::map<v1::MeasureStatus, uint64_t>{{v1::MEASURE_STATUS_ASSIGNED, 1},
                                                   {v1::MEASURE_STATUS_COMPLETED, 1},
                                                   {v1::MEASURE_STATUS_WITHDRAWN, 1}}));
  EXPECT_EQ(plan.overdue(), 1u);
  EXPECT_EQ(plan.prioritised_unassigned(), 0u);
  ASSERT_EQ(plan.focus_areas_size(), 2);
  EXPECT_EQ(plan.focus_areas(0).focus_area().key(), "narkotika");
  EXPECT_EQ(Counts(plan.focus_areas(0).counts()),
            (std::map<v1::MeasureStatus, uint64_t>{{v1::MEASURE_STATUS_COMPLETED, 1},
                                                   {v1::MEASURE_STATUS_WITHDRAWN, 1}}));
  EXPECT_EQ(plan.focus_areas(1).overdue(), 1u);

  const v1::PlanOverview earlier =
      MemberAs<v1::PlanOverview>(Replay({"--at", "2026-03-06", "--plan", kPlan}), "plan_overview");
  EXPECT_EQ(earlier.prioritised_unassigned(), 2u);
}

// Without --agency or --plan: every plan and agency created by then.
TEST_F(AuditReplayTest, EverythingAtOnce) {
  google::protobuf::Struct out = Replay({"--at", "2026-04-05"});
  const auto& agencies = out.fields().at("agencies").list_value();
  const auto& plans = out.fields().at("plans").list_value();
  EXPECT_EQ(agencies.values_size(), 2);
  EXPECT_EQ(plans.values_size(), 1);

  AuditRun table =
      RunAudit(dir_, {"replay", "--data", dir_.Sub("store").string(), "--at", "2026-04-05"},
               {{"TZ", "Europe/Stockholm"}});
  ASSERT_EQ(table.exit_code, 0) << Printed(table);
  for (const char* expected :
       {"plan tryggare-varnamo-2026: Tryggare Värnamo 2026",
        "agency varnamo-kommun-tekniska:", "OVERDUE", "Bättre belysning", "today   2026-04-05"}) {
    EXPECT_NE(table.out.find(expected), std::string::npos) << expected << "\n" << Printed(table);
  }
}

TEST_F(AuditReplayTest, RefusesWhatItCannotReplay) {
  const std::string store = dir_.Sub("store").string();
  AuditRun beyond = RunAudit(dir_, {"replay", "--data", store, "--at", "999"});
  EXPECT_EQ(beyond.exit_code, 2) << Printed(beyond);
  EXPECT_NE(beyond.err.find("ends at position"), std::string::npos) << Printed(beyond);
  AuditRun garbled = RunAudit(dir_, {"replay", "--data", store, "--at", "last tuesday"});
  EXPECT_EQ(garbled.exit_code, 2) << Printed(garbled);
  AuditRun unknown = RunAudit(dir_, {"replay", "--data", store, "--agency", "no-such-agency"});
  EXPECT_EQ(unknown.exit_code, 1) << Printed(unknown);
  AuditRun not_yet =
      RunAudit(dir_, {"replay", "--data", store, "--at", "2026-03-01", "--plan", kPlan});
  EXPECT_EQ(not_yet.exit_code, 1) << Printed(not_yet);
}

// An event the projections refuse (a measure event for a measure never proposed) means the log
// does not replay: a finding, exit 3, naming its position.
TEST(AuditReplayBrokenTest, ALogTheProjectionsRefuseIsAFinding) {
  TempDir dir;
  uint64_t bad = 0;
  {
    HistoryWriter w(dir.Sub("store"));
    w.At(Utc(2026, 3, 2, 9));
    w.Plan(kPlan, "Tryggare Värnamo 2026", {"narkotika"});
    bad = w.Start("never-proposed", kPolice);
  }
  AuditRun run = RunAudit(dir, {"replay", "--data", dir.Sub("store").string()});
  EXPECT_EQ(run.exit_code, 3) << Printed(run);
  EXPECT_NE(run.err.find("position " + std::to_string(bad)), std::string::npos) << Printed(run);
}

// The audit reads stores that may have been tampered with: a title rewritten to hold terminal
// escape sequences (with the chain hashes recomputed, it passes verify without --expect-head)
// must reach the auditor's terminal as plain text.
TEST(AuditReplayEscapeTest, StoreTextsHoldingEscapeSequencesPrintHarmlessly) {
  TempDir dir;
  {
    HistoryWriter w(dir.Sub("store"));
    w.At(Utc(2026, 3, 2, 9));
    w.Plan(kPlan, "Tryggare \x1b]0;pwned\x07V\xC3\xA4rnamo", {"narkotika"});
    w.Agency(kPolice, "Polisen \x1b[2J\x1b[H");
    w.Propose("m-1", kPlan, "narkotika", "Riktade \x1b[31mkontroller");
    w.Prioritise("m-1", v1::PRIORITY_HIGH);
    w.Assign("m-1", kPolice, "2026-04-30");
  }
  AuditRun run = RunAudit(dir, {"replay", "--data", dir.Sub("store").string()});
  EXPECT_EQ(run.exit_code, 0) << Printed(run);
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos) << Printed(run);
  EXPECT_EQ(run.out.find('\x07'), std::string::npos) << Printed(run);
  // Each control character is a space; the rest of the text is kept.
  EXPECT_NE(run.out.find("Riktade  [31mkontroller"), std::string::npos) << Printed(run);
  EXPECT_NE(run.out.find("Polisen  [2J [H"), std::string::npos) << Printed(run);
  EXPECT_NE(run.out.find("Tryggare  ]0;pwned V\xC3\xA4rnamo"), std::string::npos) << Printed(run);
}

}  // namespace
}  // namespace trygg::audit_testing
