// plan_report_bench: how fast a plan's report as of a past position answers in a store of about
// 10^6 events of many plans (issue 13: <= 100 ms), next to the two designs it is measured against.
//
// Builds a real store (RocksDB in a fresh directory under --dir, sync off, appends batched per
// stream and issued asynchronously) holding --plans plans of --measures measures each, in
// --municipalities municipalities of eight agencies each. The log is written in the order a year
// of work would write it, every plan a little at a time: plans with their findings and causes,
// then measures (proposed, prioritised, assigned, goals, partners), the first adoption and starts,
// then four tertials of follow-up (every party, with progress), completions and a second adoption
// between them. The commit clock follows the phases (2025-09 … 2027-01). The "past position" is
// the head after the third tertial's follow-up, about three quarters into the log.
//
// Then, on one thread, for --calls plans picked at random (seeded), alternating:
//
//   report     what GetPlanReport does after its checks (PlanReportSource): resolve as_of.position
//              (one record read), the plan's stream list (Projections::PlanReportStreams), read
//              those streams up to the position, merge, BuildPlanReport (a fresh fold of them);
//   time       resolving an as_of.time in the middle of the log (a binary search, ~20 reads);
//   raw read   only EventStore::ReadStream of the same streams, no folding: the floor the store
//              sets for reading a plan's events; and of the plan's and its measures' streams
//              alone (without the agencies' streams, one per agency registered anywhere);
// and --naive-runs times:
//   naive      the design not taken: a fresh Projections folded from the whole log up to the
//              position (ScanAll + Projections::Apply), then the plan's overview.
//
// Prints p50 and p99 of each (wall clock and this thread's CPU time). Not a test: nothing is
// asserted about time; the target is printed beside the figures.
//
//   cmake --build --preset default --target plan_report_bench &&
//   ./build/tests/bench/plan_report_bench
#include <absl/time/civil_time.h>
#include <absl/time/time.h>
#include <google/protobuf/util/time_util.h>
#include <stdlib.h>
#include <time.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "api/plan_report_source.h"
#include "trygg/domain/streams.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/projections/projections.h"
#include "trygg/v1/events.pb.h"
#include "trygg/wire/wire.h"

namespace {

namespace v1 = trygg::v1;
namespace es = trygg::eventstore;
namespace fs = std::filesystem;
using trygg::projections::Projections;
using Clock = std::chrono::steady_clock;

constexpr int kAgenciesPerMunicipality = 8;
constexpr int kInFlight = 256;  // AppendAsync calls not yet acknowledged while building
const char* const kFocusAreas[] = {"narkotika", "otrygghet", "otillaten-paverkan"};
const char* const kPeriods[] = {"2025-T3", "2026-T1", "2026-T2", "2026-T3"};

struct Flags {
  int plans = 2'000;
  int measures = 23;
  int municipalities = 250;
  int calls = 200;
  int naive_runs = 3;
  uint32_t seed = 13;
  fs::path dir = "bench-tmp";
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "plan_report_bench: " << message << std::endl;
  std::exit(1);
}

int64_t Utc(int year, int month, int day) {
  return absl::ToUnixMicros(absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone()));
}

std::string Num(const char* prefix, int i) { return prefix + std::to_string(i); }
std::string PlanId(int p) { return Num("plan-", p); }
std::string MeasureId(int p, int m) { return PlanId(p) + Num("-m-", m); }
std::string AgencyId(int municipality, int a) {
  return Num("kommun-", municipality) + Num("-agency-", a);
}
int MunicipalityOf(int p, const Flags& flags) { return p % flags.municipalities; }

// Appends to the store asynchronously, at most kInFlight at a time, each commit stamped with the
// phase's time.
class Writer {
 public:
  explicit Writer(const fs::path& dir) {
    es::Options options;
    options.sync = false;
    options.clock = [this] {
      return es::Timestamp(std::chrono::microseconds(now_us_.load(std::memory_order_relaxed)));
    };
    auto opened = es::EventStore::Open(dir, std::move(options));
    if (!opened.ok()) Die("open " + dir.string() + ": " + opened.status().ToString());
    store_ = std::move(opened).value();
  }

  // Later commits are recorded at `us` (after the ones already queued: Flush first).
  void SetTime(int64_t us) {
    Flush();
    now_us_ = us;
  }

  void Append(const std::string& stream, const std::vector<const google::protobuf::Message*>& evs) {
    es::AppendRequest request;
    request.stream_id = stream;
    for (const google::protobuf::Message* event : evs) {
      es::EventData data;
      data.type = event->GetDescriptor()->full_name();
      data.payload = event->SerializeAsString();
      data.metadata.principal = "samordnare";
      request.events.push_back(std::move(data));
    }
    events_ += evs.size();
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return in_flight_ < kInFlight; });
      ++in_flight_;
    }
    store_->AppendAsync(std::move(request), [this](es::Result<es::AppendResult> result) {
      if (!result.ok()) Die("append: " + result.status().ToString());
      std::lock_guard lock(mu_);
      --in_flight_;
      cv_.notify_all();
    });
  }

  void Flush() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return in_flight_ == 0; });
  }

  es::EventStore& store() { return *store_; }
  uint64_t events() const { return events_; }

 private:
  std::unique_ptr<es::EventStore> store_;
  std::atomic<int64_t> now_us_{Utc(2025, 9, 1)};
  std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0;
  uint64_t events_ = 0;
};

// The parties of measure m of plan p: the responsible agency first, then one or two partners.
std::vector<std::string> Parties(int p, int m, const Flags& flags) {
  const int municipality = MunicipalityOf(p, flags);
  std::vector<std::string> parties = {AgencyId(municipality, m % kAgenciesPerMunicipality)};
  for (int k = 1; k <= 1 + m % 2; ++k) {
    parties.push_back(AgencyId(municipality, (m + k) % kAgenciesPerMunicipality));
  }
  return parties;
}

void WriteAgencies(Writer& w, const Flags& flags) {
  for (int municipality = 0; municipality < flags.municipalities; ++municipality) {
    for (int a = 0; a < kAgenciesPerMunicipality; ++a) {
      v1::AgencyRegistered agency;
      agency.set_agency_id(AgencyId(municipality, a));
      agency.set_name("Myndighet " + std::to_string(a) + " i kommun " +
                      std::to_string(municipality));
      agency.set_kind("municipality");
      w.Append(trygg::domain::AgencyStream(agency.agency_id()), {&agency});
    }
  }
}

void WritePlan(Writer& w, int p) {
  v1::PlanCreated plan;
  plan.set_plan_id(PlanId(p));
  plan.set_name("Tryggare kommun 2026");
  plan.set_municipality("Kommun");
  for (const char* key : kFocusAreas) {
    v1::FocusArea* area = plan.add_focus_areas();
    area->set_key(key);
    area->set_name(key);
  }
  std::vector<v1::FindingRecorded> findings(6);
  std::vector<v1::CauseIdentified> causes(6);
  std::vector<const google::protobuf::Message*> events = {&plan};
  for (int i = 0; i < 6; ++i) {
    findings[i].set_plan_id(plan.plan_id());
    findings[i].set_finding_id(Num("f-", i));
    findings[i].set_focus_area(kFocusAreas[i % 3]);
    findings[i].set_text("Anmälda brott har ökat i området under året");
    findings[i].set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
    findings[i].set_period("2025");
    causes[i].set_plan_id(plan.plan_id());
    causes[i].set_cause_id(Num("c-", i));
    causes[i].set_focus_area(kFocusAreas[i % 3]);
    causes[i].set_number(static_cast<uint32_t>(i / 3 + 1));
    causes[i].set_text("Brist på vuxennärvaro kvällstid");
    causes[i].add_finding_ids(findings[i].finding_id());
    events.push_back(&findings[i]);
    events.push_back(&causes[i]);
  }
  w.Append(trygg::domain::PlanStream(plan.plan_id()), events);
}

void WriteMeasure(Writer& w, int p, int m, const Flags& flags) {
  const std::string id = MeasureId(p, m);
  const std::vector<std::string> parties = Parties(p, m, flags);
  v1::MeasureProposed proposed;
  proposed.set_measure_id(id);
  proposed.set_plan_id(PlanId(p));
  proposed.set_focus_area(kFocusAreas[m % 3]);
  proposed.set_title("Fler vuxna ute kvällstid i centrum");
  proposed.set_description("Föräldravandringar fredag och lördag kväll.");
  proposed.add_cause_ids(Num("c-", m % 6));
  v1::MeasurePrioritised prioritised;
  prioritised.set_measure_id(id);
  prioritised.set_priority(static_cast<v1::Priority>(1 + m % 3));
  v1::MeasureAssigned assigned;
  assigned.set_measure_id(id);
  assigned.set_agency_id(parties[0]);
  assigned.set_due_date(m % 4 == 0 ? "2026-06-30" : "2027-06-30");
  std::vector<v1::OperationalGoalSet> goals(2);
  std::vector<v1::PartnerAdded> partners(parties.size() - 1);
  std::vector<const google::protobuf::Message*> events = {&proposed, &prioritised, &assigned};
  for (int g = 0; g < 2; ++g) {
    goals[g].set_measure_id(id);
    goals[g].set_goal_id(Num("g-", g));
    goals[g].set_indicator("andel kvällar med vandring");
    goals[g].set_unit("%");
    goals[g].set_baseline(20);
    goals[g].set_target(80);
    goals[g].set_by_date("2026-12-31");
    events.push_back(&goals[g]);
  }
  for (std::size_t k = 0; k < partners.size(); ++k) {
    partners[k].set_measure_id(id);
    partners[k].set_agency_id(parties[k + 1]);
    partners[k].set_commitment("deltar två kvällar i månaden");
    events.push_back(&partners[k]);
  }
  w.Append(trygg::domain::MeasureStream(id), events);
}

void WriteFollowUps(Writer& w, int p, int m, const char* period, const Flags& flags) {
  const std::string id = MeasureId(p, m);
  const std::vector<std::string> parties = Parties(p, m, flags);
  std::vector<v1::FollowUpRecorded> follow_ups(parties.size());
  std::vector<const google::protobuf::Message*> events;
  for (std::size_t k = 0; k < parties.size(); ++k) {
    v1::FollowUpRecorded& f = follow_ups[k];
    f.set_measure_id(id);
    f.set_period(period);
    f.set_party(parties[k]);
    f.set_health(static_cast<v1::Health>(1 + (m + k) % 3));
    f.set_hours(12.5);
    f.set_cost_sek(4'000);
    f.set_comment("Enligt plan, men färre vuxna än väntat i september.");
    v1::IndicatorValue* value = f.add_values();
    value->set_goal_id(Num("g-", m % 2));
    value->set_value(40 + m % 50);
    events.push_back(&f);
  }
  v1::MeasureProgressReported progress;
  progress.set_measure_id(id);
  progress.set_percent_complete(25);
  progress.set_note("Vandringar varje helg sedan starten.");
  events.push_back(&progress);
  w.Append(trygg::domain::MeasureStream(id), events);
}

void WriteAdoption(Writer& w, int p, uint32_t version, const std::string& date) {
  v1::PlanAdopted adopted;
  adopted.set_plan_id(PlanId(p));
  adopted.set_version(version);
  adopted.set_adopted_by("Kommunstyrelsen");
  adopted.set_decision_date(date);
  adopted.set_reference("KS 2026/" + std::to_string(p));
  w.Append(trygg::domain::PlanStream(adopted.plan_id()), {&adopted});
}

void WriteSingle(Writer& w, const std::string& measure_id, const google::protobuf::Message& e) {
  w.Append(trygg::domain::MeasureStream(measure_id), {&e});
}

// Writes the log; returns the past position (the head after the third tertial's follow-up).
uint64_t BuildStore(Writer& w, const Flags& flags) {
  WriteAgencies(w, flags);
  for (int p = 0; p < flags.plans; ++p) WritePlan(w, p);
  w.SetTime(Utc(2025, 10, 1));
  for (int p = 0; p < flags.plans; ++p) {
    for (int m = 0; m < flags.measures; ++m) WriteMeasure(w, p, m, flags);
  }
  w.SetTime(Utc(2025, 11, 3));
  for (int p = 0; p < flags.plans; ++p) {
    WriteAdoption(w, p, 1, "2025-11-03");
    for (int m = 0; m < flags.measures; m += 2) {
      v1::MeasureStarted started;
      started.set_measure_id(MeasureId(p, m));
      WriteSingle(w, started.measure_id(), started);
    }
  }
  const int64_t follow_up_times[] = {Utc(2026, 1, 12), Utc(2026, 5, 11), Utc(2026, 9, 7),
                                     Utc(2027, 1, 11)};
  uint64_t past = 0;
  for (int period = 0; period < 4; ++period) {
    w.SetTime(follow_up_times[period]);
    for (int p = 0; p < flags.plans; ++p) {
      for (int m = 0; m < flags.measures; ++m) WriteFollowUps(w, p, m, kPeriods[period], flags);
    }
    if (period == 1) {
      w.SetTime(Utc(2026, 6, 15));
      for (int p = 0; p < flags.plans; ++p) {
        WriteAdoption(w, p, 2, "2026-06-15");
        for (int m = 0; m < flags.measures; m += 4) {
          v1::MeasureCompleted completed;
          completed.set_measure_id(MeasureId(p, m));
          completed.set_outcome("Genomförd enligt plan.");
          WriteSingle(w, completed.measure_id(), completed);
        }
      }
    }
    if (period == 2) {
      w.Flush();
      past = w.store().Head().position.value();
    }
  }
  w.Flush();
  return past;
}

// This thread's CPU time: on a machine busy with other work a wall-clock p99 mostly measures the
// scheduler, so both are printed.
double ThreadCpuUs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[index];
}

struct Row {
  const char* name;
  std::vector<double> us;
  std::vector<double> cpu_us;
  uint64_t events = 0;  // events read per call (the last call's)

  void Time(const std::function<uint64_t()>& run) {
    const double cpu_start = ThreadCpuUs();
    const auto start = Clock::now();
    events = run();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    cpu_us.push_back(ThreadCpuUs() - cpu_start);
  }
};

// Folds the log from position 1 up to `position` into `projections` (all of it when 0).
void Fold(const es::EventStore& store, uint64_t position, Projections& projections) {
  es::Status scanned = store.ScanAll(es::Position(1), [&](const es::RecordView& event) {
    if (position != 0 && event.position.value() > position) return false;
    grpc::Status applied = projections.Apply(trygg::wire::ViewOf(event));
    if (!applied.ok()) Die("Apply: " + applied.error_message());
    return true;
  });
  if (!scanned.ok()) Die("ScanAll: " + scanned.ToString());
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app("Times a plan's report as of a past position in a store of many plans");
  app.add_option("--plans", flags.plans, "plans in the store");
  app.add_option("--measures", flags.measures, "measures per plan");
  app.add_option("--municipalities", flags.municipalities, "municipalities (8 agencies each)");
  app.add_option("--calls", flags.calls, "reports timed (one random plan each)");
  app.add_option("--naive-runs", flags.naive_runs, "whole-log folds timed");
  app.add_option("--seed", flags.seed, "seeds the choice of plans");
  app.add_option("--dir", flags.dir, "where the store's temporary directory goes");
  CLI11_PARSE(app, argc, argv);

  std::error_code error;
  fs::create_directories(flags.dir, error);
  std::string pattern = (flags.dir / "plan-report-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) Die("mkdtemp under " + flags.dir.string() + " failed");
  const fs::path dir = pattern;

  uint64_t past = 0;
  uint64_t events = 0;
  double build_s = 0;
  {
    std::cerr << "building the store in " << dir << " ..." << std::endl;
    const auto built = Clock::now();
    Writer writer(dir / "store");
    past = BuildStore(writer, flags);
    events = writer.events();
    build_s = std::chrono::duration<double>(Clock::now() - built).count();
  }
  // Reopened, so the timings read what is on disk through a cold block cache, as a server that
  // restarted would.
  es::Options options;
  options.sync = false;
  auto opened = es::EventStore::Open(dir / "store", std::move(options));
  if (!opened.ok()) Die("reopen: " + opened.status().ToString());
  const std::unique_ptr<es::EventStore> store = std::move(opened).value();

  std::cerr << "folding the live projections ..." << std::endl;
  Projections live;
  const auto folded = Clock::now();
  Fold(*store, 0, live);
  const double live_s = std::chrono::duration<double>(Clock::now() - folded).count();

  const trygg::api::PlanReportSource source(*store, absl::UTCTimeZone());
  std::mt19937 random(flags.seed);
  std::uniform_int_distribution<int> pick(0, flags.plans - 1);
  Row report{"report: resolve + read plan's streams + BuildPlanReport", {}, {}};
  Row resolve_time{"resolve as_of.time (binary search)", {}, {}};
  Row raw{"floor: ReadStream of the same streams, no fold", {}, {}};
  Row raw_own{"  of which the plan's and its measures' streams", {}, {}};
  Row naive{"naive: fold the whole log to the position", {}, {}};
  std::size_t sink = 0;
  for (int call = 0; call < flags.calls; ++call) {
    v1::GetPlanReportRequest request;
    request.set_plan_id(PlanId(pick(random)));
    request.set_position(past);
    report.Time([&] {
      auto moment = source.Resolve(request, "2027-01-15");
      if (!moment.ok()) Die("Resolve: " + moment.status().error_message());
      const std::vector<std::string> streams = live.PlanReportStreams(request.plan_id());
      auto built = source.Build(request, *moment, streams);
      if (!built.ok()) Die("Build: " + built.status().error_message());
      sink += static_cast<std::size_t>(built->measures_size());
      return uint64_t{0};
    });
    v1::GetPlanReportRequest at_time = request;
    *at_time.mutable_time() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(Utc(2026, 7, 1));
    resolve_time.Time([&] {
      auto moment = source.Resolve(at_time, "2027-01-15");
      if (!moment.ok()) Die("Resolve: " + moment.status().error_message());
      sink += static_cast<std::size_t>(moment->position);
      return uint64_t{0};
    });
    raw.Time([&] {
      uint64_t read = 0;
      for (const std::string& stream : live.PlanReportStreams(request.plan_id())) {
        auto page = store->ReadStream(stream, es::StreamVersion(1), es::kMaxReadEvents);
        if (!page.ok()) Die("ReadStream: " + page.status().ToString());
        for (const es::RecordedEvent& event : *page) read += event.position.value() <= past;
      }
      return read;
    });
    raw_own.Time([&] {
      uint64_t read = 0;
      for (const std::string& stream : live.PlanReportStreams(request.plan_id())) {
        if (stream.starts_with(trygg::domain::kAgencyStreamPrefix)) continue;
        auto page = store->ReadStream(stream, es::StreamVersion(1), es::kMaxReadEvents);
        if (!page.ok()) Die("ReadStream: " + page.status().ToString());
        for (const es::RecordedEvent& event : *page) read += event.position.value() <= past;
      }
      return read;
    });
  }
  v1::GetPlanReportRequest one;
  one.set_plan_id(PlanId(0));
  for (int run = 0; run < flags.naive_runs; ++run) {
    naive.Time([&] {
      Projections projections;
      Fold(*store, past, projections);
      auto overview = projections.GetPlanOverview(one.plan_id(), "2026-09-07");
      if (!overview) Die("no plan " + one.plan_id());
      sink += overview->counts_size();
      return past;
    });
  }

  std::printf(
      "\n%d plans x %d measures in %d municipalities (%d agencies): %llu events written in "
      "%.1f s; live projections folded in %.2f s\n",
      flags.plans, flags.measures, flags.municipalities,
      flags.municipalities * kAgenciesPerMunicipality, static_cast<unsigned long long>(events),
      build_s, live_s);
  std::printf(
      "past position %llu of %llu; a plan's streams hold %llu events up to it (%llu in the plan's "
      "and its measures' streams, the rest in the agencies')\n",
      static_cast<unsigned long long>(past),
      static_cast<unsigned long long>(store->Head().position.value()),
      static_cast<unsigned long long>(raw.events), static_cast<unsigned long long>(raw_own.events));
  std::printf("%-56s | %9s | %9s | %10s | %10s | %5s\n", "work", "p50 ms", "p99 ms", "cpu p50 ms",
              "cpu p99 ms", "calls");
  for (const Row* row : {&report, &resolve_time, &raw, &raw_own, &naive}) {
    std::printf("%-56s | %9.3f | %9.3f | %10.3f | %10.3f | %5zu\n", row->name,
                Percentile(row->us, 0.5) / 1000, Percentile(row->us, 0.99) / 1000,
                Percentile(row->cpu_us, 0.5) / 1000, Percentile(row->cpu_us, 0.99) / 1000,
                row->us.size());
  }
  std::printf("target (issue 13): a report as of a past position <= 100 ms (sink %zu)\n", sink);
  fs::remove_all(dir, error);
  return 0;
}
