// audit_bench: how fast trygg-audit verifies and replays a large log. Builds a store of realistic
// trygg events (plans, agencies, and measures proposed, prioritised, assigned, started, reported
// on and completed or withdrawn, interleaved over many measures), then times, on one thread:
//
//   verify   audit::VerifyStore — what `trygg-audit verify --data` runs: every record's SHA-256,
//            the chain, versions, the stream index, and every payload parsed as its type;
//   replay   audit::Replay — what `trygg-audit replay --data` runs: the log scanned
//            (EventStore::ScanAll, no copies) and folded by trygg::projections;
//   read     the same scan without the fold: what the fold costs is the difference;
//   raw      a plain RocksDB iterator over the same store's `log` column family, the floor.
//
// Each is best of --rounds, the three alternating. Not a test: run by hand, it prints events/s.
//
//   cmake --build --preset default --target audit_bench && ./build/tests/audit/audit_bench
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include "audit/as_of.h"
#include "audit/log_source.h"
#include "audit/replay.h"
#include "audit/verify.h"
#include "testutil/raw_log_scan.h"
#include "trygg/domain/codec.h"
#include "trygg/domain/streams.h"
#include "trygg/eventstore/event_store.h"

namespace {

namespace es = trygg::eventstore;
namespace fs = std::filesystem;
namespace v1 = trygg::v1;
using Clock = std::chrono::steady_clock;

// Appends in flight while building: enough for the writer to group-commit large batches.
constexpr std::size_t kInFlight = 1024;
// Measures being worked on at once; each event advances a random one of them.
constexpr std::size_t kOpenMeasures = 2000;
constexpr uint32_t kSeed = 20261126;

const char* const kAgencies[] = {"polisen-lpo-varnamo",           "varnamo-kommun-ks",
                                 "varnamo-kommun-socialtjansten", "varnamo-kommun-utbildning",
                                 "varnamo-kommun-fritid",         "varnamo-kommun-tekniska",
                                 "allmannyttan-varnamo",          "raddningstjansten-varnamo"};
const char* const kPlans[] = {"tryggare-varnamo-2026", "trygga-gislaved-2026",
                              "tryggt-gnosjo-2026"};
const char* const kFocusAreas[] = {"narkotika", "otrygghet", "otillaten-paverkan"};

struct Flags {
  uint64_t events = 1'000'000;
  int rounds = 3;
  fs::path dir;  // empty: a temporary directory, removed afterwards
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "audit_bench: " << message << std::endl;
  std::exit(1);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Writes the workload with the store's own API (sync off: the figures are about reading).
class Builder {
 public:
  explicit Builder(es::EventStore& store) : store_(store), rng_(kSeed) {}

  void Build(uint64_t events) {
    for (const char* plan : kPlans) {
      v1::PlanCreated created;
      created.set_plan_id(plan);
      created.set_name(std::string("Trygghetsplan ") + plan);
      created.set_municipality("Kommun");
      for (const char* area : kFocusAreas) {
        v1::FocusArea* focus = created.add_focus_areas();
        focus->set_key(area);
        focus->set_name(area);
      }
      Append(trygg::domain::PlanStream(plan), created, "samordnare", "varnamo-kommun-ks");
    }
    for (const char* agency : kAgencies) {
      v1::AgencyRegistered registered;
      registered.set_agency_id(agency);
      registered.set_name(std::string("Myndigheten ") + agency);
      registered.set_kind("agency");
      Append(trygg::domain::AgencyStream(agency), registered, "samordnare", "varnamo-kommun-ks");
    }
    while (appended_ < events) Step();
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return in_flight_ == 0; });
    if (!failure_.empty()) Die("append failed: " + failure_);
  }

 private:
  struct Measure {
    std::string id;
    std::string agency;
    int stage = 0;  // events written so far
    int progress_reports = 0;
  };

  // Advances a random open measure by one event, or opens a new one.
  void Step() {
    if (open_.size() < kOpenMeasures) {
      Measure m;
      m.id = "m-" + std::to_string(next_measure_++);
      m.agency = kAgencies[rng_() % std::size(kAgencies)];
      m.progress_reports = 1 + static_cast<int>(rng_() % 4);
      open_.push_back(std::move(m));
    }
    const std::size_t index = rng_() % open_.size();
    Measure& m = open_[index];
    const std::string stream = trygg::domain::MeasureStream(m.id);
    const int stage = m.stage++;
    bool finished = false;
    if (stage == 0) {
      v1::MeasureProposed e;
      e.set_measure_id(m.id);
      e.set_plan_id(kPlans[rng_() % std::size(kPlans)]);
      e.set_focus_area(kFocusAreas[rng_() % std::size(kFocusAreas)]);
      e.set_title("Trygghetsvandring och bättre belysning i kvarteret " + m.id);
      e.set_description("Föreslagen vid workshop om lägesbilden; orsak: otrygghet kvällstid.");
      Append(stream, e, "samordnare", "varnamo-kommun-ks");
    } else if (stage == 1) {
      v1::MeasurePrioritised e;
      e.set_measure_id(m.id);
      e.set_priority(static_cast<v1::Priority>(1 + rng_() % 3));
      e.set_rationale("Hög effekt enligt lägesbilden");
      Append(stream, e, "samordnare", "varnamo-kommun-ks");
    } else if (stage == 2) {
      v1::MeasureAssigned e;
      e.set_measure_id(m.id);
      e.set_agency_id(m.agency);
      e.set_due_date("2027-0" + std::to_string(1 + rng_() % 9) + "-15");
      e.set_note("Ansvarig utsedd i styrgruppen");
      Append(stream, e, "samordnare", "varnamo-kommun-ks");
    } else if (stage == 3) {
      v1::MeasureStarted e;
      e.set_measure_id(m.id);
      Append(stream, e, "handlaggare", m.agency);
    } else if (stage < 4 + m.progress_reports) {
      v1::MeasureProgressReported e;
      e.set_measure_id(m.id);
      e.set_percent_complete(static_cast<uint32_t>(20 * (stage - 3)));
      e.set_note("Enligt plan; nästa avstämning om en månad");
      Append(stream, e, "handlaggare", m.agency);
    } else if (rng_() % 10 == 0) {
      v1::MeasureWithdrawn e;
      e.set_measure_id(m.id);
      e.set_reason("Ersatt av en bredare åtgärd");
      Append(stream, e, "samordnare", "varnamo-kommun-ks");
      finished = true;
    } else {
      v1::MeasureCompleted e;
      e.set_measure_id(m.id);
      e.set_outcome("Genomförd; uppföljning visar färre anmälningar");
      Append(stream, e, "handlaggare", m.agency);
      finished = true;
    }
    if (finished) {
      std::swap(open_[index], open_.back());
      open_.pop_back();
    }
  }

  template <typename Message>
  void Append(const std::string& stream, const Message& message, const std::string& principal,
              const std::string& agency) {
    trygg::domain::EncodedEvent encoded = trygg::domain::Encode(message);
    es::AppendRequest request;
    request.stream_id = stream;
    es::EventData& event = request.events.emplace_back();
    event.type = std::move(encoded.type);
    event.payload = std::move(encoded.payload);
    event.metadata.principal = principal;
    event.metadata.agency = agency;
    event.metadata.command_id = "cmd-" + std::to_string(appended_);
    request.idempotency_key = event.metadata.command_id;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return in_flight_ < kInFlight; });
      if (!failure_.empty()) Die("append failed: " + failure_);
      ++in_flight_;
    }
    ++appended_;
    store_.AppendAsync(std::move(request), [this](es::Result<es::AppendResult> result) {
      std::lock_guard lock(mu_);
      if (!result.ok() && failure_.empty()) failure_ = result.status().ToString();
      --in_flight_;
      cv_.notify_all();
    });
  }

  es::EventStore& store_;
  std::mt19937_64 rng_;
  std::vector<Measure> open_;
  uint64_t next_measure_ = 1;
  uint64_t appended_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t in_flight_ = 0;
  std::string failure_;
};

// A commit clock that moves a few seconds per commit from 2026-01-01, so the log spans months.
es::Options BuildOptions() {
  es::Options options;
  options.sync = false;
  auto now = std::make_shared<es::Timestamp>(
      std::chrono::sys_days(std::chrono::year(2026) / std::chrono::January / 1));
  options.clock = [now] { return *now += std::chrono::seconds(7); };
  return options;
}

uint64_t HeadOf(const fs::path& path) {
  auto store = es::EventStore::OpenReadOnly(path);
  if (!store.ok()) return 0;
  return (*store)->Head().position.value();
}

void BuildStore(const fs::path& path, uint64_t events) {
  std::cerr << "building a store of " << events << " events in " << path << " ..." << std::endl;
  const auto start = Clock::now();
  auto store = es::EventStore::Open(path, BuildOptions());
  if (!store.ok()) Die("open: " + store.status().ToString());
  Builder(**store).Build(events);
  std::cerr << "  built in " << Seconds(Clock::now() - start) << " s" << std::endl;
}

double TimeVerify(const fs::path& path, uint64_t events) {
  auto source = trygg::audit::StoreSource::Open(path);
  if (!source.ok()) Die("open: " + source.status().ToString());
  const auto start = Clock::now();
  auto report = trygg::audit::VerifyStore((*source)->store());
  const double seconds = Seconds(Clock::now() - start);
  if (!report.ok()) Die("verify: " + report.status().ToString());
  if (!report->ok()) Die("verify found a problem: " + report->problem);
  if (report->events_checked != events) Die("verify checked the wrong number of events");
  return static_cast<double>(events) / seconds;
}

double TimeReplay(const fs::path& path, uint64_t events) {
  auto source = trygg::audit::StoreSource::Open(path);
  if (!source.ok()) Die("open: " + source.status().ToString());
  const auto start = Clock::now();
  // "Today" only decides which measures count as overdue; any zone times the same work.
  auto replayed = trygg::audit::Replay(**source, trygg::audit::AsOf{}, absl::UTCTimeZone());
  const double seconds = Seconds(Clock::now() - start);
  if (!replayed.ok()) Die("replay: " + replayed.status().ToString());
  if (replayed->position != events) Die("replay stopped early");
  return static_cast<double>(events) / seconds;
}

// What replay spends on reading alone: the same scan through the same source, no fold.
double TimeRead(const fs::path& path, uint64_t events) {
  auto source = trygg::audit::StoreSource::Open(path);
  if (!source.ok()) Die("open: " + source.status().ToString());
  uint64_t read = 0;
  uint64_t bytes = 0;
  const auto start = Clock::now();
  es::Status s = (*source)->ScanAll(es::Position(1), events, [&](const es::RecordView& event) {
    bytes += event.payload.size();
    ++read;
    return true;
  });
  const double seconds = Seconds(Clock::now() - start);
  if (!s.ok()) Die("ScanAll: " + s.ToString());
  if (read != events || bytes == 0) Die("ScanAll read " + std::to_string(read) + " events");
  return static_cast<double>(events) / seconds;
}

double TimeRaw(const fs::path& path, uint64_t events) {
  const trygg::testing::RawLogScan scan = trygg::testing::ScanRawLog(path);
  if (!scan.error.empty()) Die(scan.error);
  if (scan.records != events || scan.value_bytes == 0) {
    Die("raw iterator read " + std::to_string(scan.records) + " records");
  }
  return static_cast<double>(events) / scan.seconds;
}

constexpr double kTargetEventsPerSecond = 500'000;

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app(
      "audit_bench: events/s of trygg-audit's verify and replay over a large realistic store, "
      "next to a raw RocksDB scan of the same store.");
  app.add_option("--events", flags.events, "events in the store")->check(CLI::PositiveNumber);
  app.add_option("--rounds", flags.rounds, "alternating rounds; the best of each is reported")
      ->check(CLI::PositiveNumber);
  app.add_option("--dir", flags.dir,
                 "keep the store here and reuse it on the next run (default: a temporary "
                 "directory, removed afterwards)");
  CLI11_PARSE(app, argc, argv);

  fs::path path = flags.dir;
  fs::path scratch;
  if (path.empty()) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/audit-bench-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) Die("mkdtemp failed");
    scratch = pattern;
    path = scratch / "store";
  }
  if (HeadOf(path) != flags.events) {
    std::error_code ec;
    fs::remove_all(path, ec);
    BuildStore(path, flags.events);
  }
  const uint64_t events = HeadOf(path);
  if (events < flags.events) Die("the store holds " + std::to_string(events) + " events");

  double verify = 0;
  double replay = 0;
  double raw = 0;
  double read = 0;
  for (int round = 1; round <= flags.rounds; ++round) {
    std::cerr << "round " << round << ": raw scan, scan, verify, replay" << std::endl;
    raw = std::max(raw, TimeRaw(path, events));
    read = std::max(read, TimeRead(path, events));
    verify = std::max(verify, TimeVerify(path, events));
    replay = std::max(replay, TimeReplay(path, events));
  }
  std::printf("\ntrygg-audit over %llu events (best of %d, one thread)\n",
              static_cast<unsigned long long>(events), flags.rounds);
  // The share of the raw scan tells code from machine: this VM's speed drifts with its host, and
  // every row drifts with it, the ratios much less.
  auto row = [raw](const char* scenario, double rate) {
    std::printf("%-46s | %12.0f | %6.2f\n", scenario, rate, rate / raw);
  };
  std::printf("%-46s | %12s | %6s\n", "scenario", "events/s", "/ raw");
  row("verify (chain, index, payloads)", verify);
  row("replay (scan + projections)", replay);
  row("  of which reading (the scan, no fold)", read);
  row("raw RocksDB iterator over the log", raw);
  std::printf("target (issue 5): verify and replay >= %.0f events/s: verify %s, replay %s\n",
              kTargetEventsPerSecond, verify >= kTargetEventsPerSecond ? "met" : "NOT met",
              replay >= kTargetEventsPerSecond ? "met" : "NOT met");
  if (!scratch.empty()) {
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }
  return 0;
}
