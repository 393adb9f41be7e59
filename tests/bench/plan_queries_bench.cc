// plan_queries_bench: how fast the whole plan's queries answer for a large plan. Folds, into one
// trygg::projections::Projections, a plan of --measures measures (each with causes, two goals,
// one or two partners, assigned and followed up by every party for four tertials, some of it
// measured against the goals) beside --other-measures measures of two other plans, then times on
// one thread, each query repeated --queries times per round, the queries alternating:
//
//   trace      GetTraceability of the whole plan, one page of 500 measures;
//   summary    GetFollowUpSummary of the latest tertial;
//   overview   GetPlanOverview (with its traceability flag counts);
//   list       ListMeasures(plan_id, page_size 500): the same measures' views copied into a reply
//              with no judging or adding up, the floor a reply of these measures costs.
//
// Prints p50 and p99 per query over all rounds, of the wall clock and of the thread's CPU time. Not
// a test: no assertion on time (the target, <= 5 ms p99 for trace and summary on an idle
// machine, is printed beside the figures).
//
//   cmake --build --preset default --target plan_queries_bench &&
//   ./build/tests/bench/plan_queries_bench
#include <time.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bench_stats.h"
#include "trygg/domain/streams.h"
#include "trygg/projections/projections.h"
#include "trygg/v1/events.pb.h"

namespace {

namespace v1 = trygg::v1;
using trygg::projections::EventView;
using trygg::projections::Projections;
using trygg::bench::Percentile;
using trygg::bench::ThreadCpuUs;
using Clock = std::chrono::steady_clock;

constexpr char kPlan[] = "tryggare-varnamo-2026";
constexpr char kToday[] = "2026-12-15";
const char* const kAgencies[] = {"polisen-lpo-varnamo",           "varnamo-kommun-ks",
                                 "varnamo-kommun-socialtjansten", "varnamo-kommun-utbildning",
                                 "varnamo-kommun-fritid",         "varnamo-kommun-tekniska",
                                 "allmannyttan-varnamo",          "raddningstjansten-varnamo"};
const char* const kFocusAreas[] = {"narkotika", "otrygghet", "otillaten-paverkan"};
const char* const kPeriods[] = {"2025-T3", "2026-T1", "2026-T2", "2026-T3"};

struct Flags {
  int measures = 500;
  int other_measures = 10'000;
  int queries = 200;
  int rounds = 5;
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "plan_queries_bench: " << message << std::endl;
  std::exit(1);
}

// Applies events as the server does, at increasing positions with per-stream versions.
class Feeder {
 public:
  explicit Feeder(Projections& projections) : projections_(projections) {}

  void Append(const std::string& stream, const google::protobuf::Message& event) {
    payload_ = event.SerializeAsString();
    const uint64_t version = ++versions_[stream];
    ++position_;
    const EventView view{
        position_, stream,
        version,   event.GetDescriptor()->full_name(),
        payload_,  "samordnare",
        "",        1'768'204'800'000'000 + static_cast<int64_t>(position_) * 1'000'000};
    grpc::Status status = projections_.Apply(view);
    if (!status.ok()) Die("Apply " + std::string(view.type) + ": " + status.error_message());
  }
  uint64_t events() const { return position_; }

 private:
  Projections& projections_;
  std::map<std::string, uint64_t, std::less<>> versions_;
  std::string payload_;
  uint64_t position_ = 0;
};

std::string Id(const std::string& prefix, int i) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%05d", i);
  return prefix + digits;
}

// A plan with its findings and causes (ten per focus area) and `measures` measures: all assigned,
// with two causes, two goals and one or two partners, followed up by every party for every period
// when `followed_up`.
void BuildPlan(Feeder& feed, const std::string& plan_id, int measures, bool followed_up) {
  const std::string plan_stream = trygg::domain::PlanStream(plan_id);
  v1::PlanCreated plan;
  plan.set_plan_id(plan_id);
  plan.set_name("Tryggare Värnamo 2026");
  plan.set_municipality("Värnamo kommun");
  for (const char* key : kFocusAreas) {
    v1::FocusArea* area = plan.add_focus_areas();
    area->set_key(key);
    area->set_name(key);
  }
  feed.Append(plan_stream, plan);
  for (int a = 0; a < 3; ++a) {
    for (int i = 0; i < 10; ++i) {
      v1::FindingRecorded finding;
      finding.set_plan_id(plan_id);
      finding.set_finding_id(Id("f-" + std::to_string(a) + "-", i));
      finding.set_focus_area(kFocusAreas[a]);
      finding.set_text("Anmälda brott har ökat i området under året");
      finding.set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
      finding.set_period("2025");
      feed.Append(plan_stream, finding);
      v1::CauseIdentified cause;
      cause.set_plan_id(plan_id);
      cause.set_cause_id(Id("c-" + std::to_string(a) + "-", i));
      cause.set_focus_area(kFocusAreas[a]);
      cause.set_number(static_cast<uint32_t>(i + 1));
      cause.set_text("Brist på vuxennärvaro kvällstid");
      cause.add_finding_ids(finding.finding_id());
      feed.Append(plan_stream, cause);
    }
  }
  for (int m = 0; m < measures; ++m) {
    const int area = m % 3;
    const std::string id = plan_id.substr(0, 8) + Id("-m-", m);
    const std::string stream = trygg::domain::MeasureStream(id);
    v1::MeasureProposed proposed;
    proposed.set_measure_id(id);
    proposed.set_plan_id(plan_id);
    proposed.set_focus_area(kFocusAreas[area]);
    proposed.set_title("Fler vuxna ute kvällstid i centrum");
    proposed.set_description("Föräldravandringar fredag och lördag kväll.");
    proposed.add_cause_ids(Id("c-" + std::to_string(area) + "-", m % 10));
    proposed.add_cause_ids(Id("c-" + std::to_string(area) + "-", (m + 3) % 10));
    feed.Append(stream, proposed);
    v1::MeasurePrioritised prioritised;
    prioritised.set_measure_id(id);
    prioritised.set_priority(static_cast<v1::Priority>(1 + m % 3));
    feed.Append(stream, prioritised);
    const std::string agency = kAgencies[m % 8];
    v1::MeasureAssigned assigned;
    assigned.set_measure_id(id);
    assigned.set_agency_id(agency);
    assigned.set_due_date(m % 4 == 0 ? "2026-06-30" : "2027-06-30");
    feed.Append(stream, assigned);
    for (int g = 0; g < 2; ++g) {
      v1::OperationalGoalSet goal;
      goal.set_measure_id(id);
      goal.set_goal_id("g-" + std::to_string(g));
      goal.set_indicator("andel kvällar med vandring");
      goal.set_unit("%");
      goal.set_baseline(20);
      goal.set_target(80);
      goal.set_by_date("2026-12-31");
      feed.Append(stream, goal);
    }
    std::vector<std::string> parties = {agency};
    for (int p = 1; p <= 1 + m % 2; ++p) {
      v1::PartnerAdded partner;
      partner.set_measure_id(id);
      partner.set_agency_id(kAgencies[(m + p) % 8]);
      partner.set_commitment("deltar två kvällar i månaden");
      feed.Append(stream, partner);
      parties.push_back(partner.agency_id());
    }
    if (!followed_up) continue;
    for (const char* period : kPeriods) {
      for (const std::string& party : parties) {
        v1::FollowUpRecorded follow_up;
        follow_up.set_measure_id(id);
        follow_up.set_period(period);
        follow_up.set_party(party);
        follow_up.set_health(static_cast<v1::Health>(1 + (m + party.size()) % 3));
        follow_up.set_hours(12.5);
        follow_up.set_cost_sek(4'000);
        follow_up.set_comment("Enligt plan, men färre vuxna än väntat i september.");
        v1::IndicatorValue* value = follow_up.add_values();
        value->set_goal_id("g-" + std::to_string(m % 2));
        value->set_value(40 + m % 50);
        feed.Append(stream, follow_up);
      }
    }
  }
}

struct Query {
  const char* name;
  std::function<void()> run;
  std::vector<double> us;      // wall clock
  std::vector<double> cpu_us;  // this thread's CPU time: without the time others ran instead
};

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app("Times the whole plan's queries over a plan of many measures");
  app.add_option("--measures", flags.measures, "measures of the plan asked about");
  app.add_option("--other-measures", flags.other_measures, "measures of two other plans");
  app.add_option("--queries", flags.queries, "queries of each kind per round");
  app.add_option("--rounds", flags.rounds, "rounds; the kinds alternate within each");
  CLI11_PARSE(app, argc, argv);

  Projections projections;
  Feeder feed(projections);
  for (const char* agency : kAgencies) {
    v1::AgencyRegistered registered;
    registered.set_agency_id(agency);
    registered.set_name(agency);
    registered.set_kind("municipality");
    feed.Append(trygg::domain::AgencyStream(agency), registered);
  }
  const auto built = Clock::now();
  BuildPlan(feed, "trygga-gislaved-2026", flags.other_measures / 2, true);
  BuildPlan(feed, kPlan, flags.measures, true);
  BuildPlan(feed, "tryggt-gnosjo-2026", flags.other_measures / 2, false);
  const double build_s = std::chrono::duration<double>(Clock::now() - built).count();

  v1::GetTraceabilityRequest trace;
  trace.set_plan_id(kPlan);
  trace.set_page_size(500);
  v1::GetFollowUpSummaryRequest summary;
  summary.set_plan_id(kPlan);
  summary.set_period(kPeriods[3]);
  v1::ListMeasuresRequest list;
  list.set_plan_id(kPlan);
  list.set_page_size(500);
  size_t sink = 0;  // keeps the replies observable
  std::vector<Query> queries = {
      {"GetTraceability (whole plan, 500/page)",
       [&] {
         auto reply = projections.GetTraceability(trace, kToday);
         if (!reply.ok()) Die("GetTraceability: " + reply.status().error_message());
         sink += reply->counts().measures_without_follow_up() +
                 static_cast<size_t>(reply->focus_areas(0).measures_size());
       },
       {},
       {}},
      {"GetFollowUpSummary (latest tertial)",
       [&] {
         auto reply = projections.GetFollowUpSummary(summary);
         if (!reply.ok()) Die("GetFollowUpSummary: " + reply.status().error_message());
         sink += reply->totals().green();
       },
       {},
       {}},
      {"GetPlanOverview (with flag counts)",
       [&] {
         auto reply = projections.GetPlanOverview(kPlan, kToday);
         if (!reply) Die("GetPlanOverview: no plan");
         sink += reply->flags().partners_never_followed_up();
       },
       {},
       {}},
      {"baseline: ListMeasures (plan, 500/page)",
       [&] {
         auto reply = projections.ListMeasures(list, kToday);
         if (!reply.ok()) Die("ListMeasures: " + reply.status().error_message());
         sink += static_cast<size_t>(reply->measures_size());
       },
       {},
       {}},
  };
  for (int round = 0; round < flags.rounds; ++round) {
    for (Query& query : queries) {
      for (int i = 0; i < flags.queries; ++i) {
        const double cpu_start = ThreadCpuUs();
        const auto start = Clock::now();
        query.run();
        query.us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        query.cpu_us.push_back(ThreadCpuUs() - cpu_start);
      }
    }
  }

  std::printf(
      "\nplan of %d measures (4 tertials followed up by every party) beside %d other "
      "measures; %llu events folded in %.2f s\n",
      flags.measures, flags.other_measures, static_cast<unsigned long long>(feed.events()),
      build_s);
  std::printf("%-42s | %8s | %8s | %12s | %12s | %6s\n", "query", "p50 ms", "p99 ms", "cpu p50 ms",
              "cpu p99 ms", "calls");
  for (const Query& query : queries) {
    std::printf("%-42s | %8.3f | %8.3f | %12.3f | %12.3f | %6zu\n", query.name,
                Percentile(query.us, 0.5) / 1000, Percentile(query.us, 0.99) / 1000,
                Percentile(query.cpu_us, 0.5) / 1000, Percentile(query.cpu_us, 0.99) / 1000,
                query.us.size());
  }
  std::printf("target (issue 12): GetTraceability and GetFollowUpSummary <= 5 ms p99 (sink %zu)\n",
              sink);
  return 0;
}
