// make_example_store DIR: writes "Tryggare Värnamo 2026" (tests/projections/example_plan.h, the
// whole example as an event history) into a new event store in DIR, with commit times that tell
// the story in time, so that reports "as of" a date have fixed answers (the report golden files):
//
//   September 2026  the plan, the agencies, residents' input, findings, causes, working groups
//   October 2026    measures proposed (10-05), prioritised (10-12), assigned (10-19), their goals
//                   and partners (10-26), a cause linked later (10-28)
//   2026-11-04      the plan adopted (version 1)
//   November 2026 … January 2027
//                   measures started (11-10), one withdrawn (11-16), the citizen promise (11-20),
//                   progress reported (12-07), the completions spread over 11-25, 12-15, 01-20
//   2027-01-12      the follow-ups of 2026-T3;  2027-05-10  the follow-ups of 2027-T1
//
// Events are written in the order of those dates (the history's order within a day), each stream
// keeping its own order; one event per append, as the server appends a command's event, with the
// history's principal and agency. Commit times come from the store's injectable clock, a day's
// events one minute apart from 08:00 UTC (the same date in Europe/Stockholm).
//
// Prints what the tests need to know, one "key value" line each: the head position and hash, and
// the adoption's position ("adopted-1 <position>").
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "example_plan.h"
#include "history.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/events.pb.h"

namespace {

using namespace std::chrono;  // NOLINT(google-build-using-namespace): dates below
namespace eventstore = ::trygg::eventstore;
namespace v1 = ::trygg::v1;
using ::trygg::projections::EventView;
using ::trygg::projections::testing::History;

constexpr sys_days Day(int y, unsigned m, unsigned d) {
  return sys_days(year(y) / month(m) / day(d));
}

// The completions, in the order the history has them.
constexpr sys_days kCompletions[] = {Day(2026, 11, 25), Day(2026, 12, 15), Day(2027, 1, 20)};

// The day `event` is recorded on, or nullopt for an event the story does not place.
std::optional<sys_days> DayOf(const EventView& event, std::size_t* completions) {
  static const std::map<std::string, sys_days, std::less<>> kByType = {
      {"trygg.v1.PlanCreated", Day(2026, 9, 1)},
      {"trygg.v1.AgencyRegistered", Day(2026, 9, 2)},
      {"trygg.v1.ResidentInputRecorded", Day(2026, 9, 8)},
      {"trygg.v1.FindingRecorded", Day(2026, 9, 15)},
      {"trygg.v1.CauseIdentified", Day(2026, 9, 22)},
      {"trygg.v1.WorkingGroupFormed", Day(2026, 9, 29)},
      {"trygg.v1.MeasureProposed", Day(2026, 10, 5)},
      {"trygg.v1.MeasurePrioritised", Day(2026, 10, 12)},
      {"trygg.v1.MeasureAssigned", Day(2026, 10, 19)},
      {"trygg.v1.OperationalGoalSet", Day(2026, 10, 26)},
      {"trygg.v1.PartnerAdded", Day(2026, 10, 26)},
      {"trygg.v1.MeasureLinkedToCause", Day(2026, 10, 28)},
      {"trygg.v1.PlanAdopted", Day(2026, 11, 4)},
      {"trygg.v1.MeasureStarted", Day(2026, 11, 10)},
      {"trygg.v1.MeasureWithdrawn", Day(2026, 11, 16)},
      {"trygg.v1.CitizenPromiseMade", Day(2026, 11, 20)},
      {"trygg.v1.MeasureProgressReported", Day(2026, 12, 7)},
  };
  if (auto it = kByType.find(event.type); it != kByType.end()) return it->second;
  if (event.type == "trygg.v1.MeasureCompleted" && *completions < std::size(kCompletions)) {
    return kCompletions[(*completions)++];
  }
  if (event.type == "trygg.v1.FollowUpRecorded") {
    v1::FollowUpRecorded recorded;
    if (!recorded.ParseFromString(std::string(event.payload))) return std::nullopt;
    const std::string& period = recorded.period();
    if (period == "2026-T3") return Day(2027, 1, 12);
    if (period == "2027-T1") return Day(2027, 5, 10);
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_example_store DIR (a directory that does not exist yet)\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  if (std::filesystem::exists(dir)) {
    std::cerr << "make_example_store: " << dir << " exists; give a new directory\n";
    return 2;
  }
  History history;
  trygg::projections::testing::BuildTryggareVarnamo(history);

  struct Scheduled {
    sys_days day;
    uint64_t position;  // in the history
  };
  std::vector<Scheduled> schedule;
  std::size_t completions = 0;
  for (uint64_t p = 1; p <= history.head(); ++p) {
    const EventView event = history.View(p);
    const std::optional<sys_days> day = DayOf(event, &completions);
    if (!day) {
      std::cerr << "make_example_store: no date for " << event.type << " at history position " << p
                << "; add its type to the schedule\n";
      return 1;
    }
    schedule.push_back({*day, p});
  }
  std::stable_sort(schedule.begin(), schedule.end(),
                   [](const Scheduled& a, const Scheduled& b) { return a.day < b.day; });

  std::atomic<int64_t> now_us{0};
  eventstore::Options options;
  options.sync = false;  // a fixture: the store is closed (and flushed) before anyone reads it
  options.clock = [&now_us] { return eventstore::Timestamp(microseconds(now_us.load())); };
  auto store = eventstore::EventStore::Open(dir, std::move(options));
  if (!store.ok()) {
    std::cerr << "make_example_store: cannot open " << dir << ": " << store.status().message()
              << "\n";
    return 1;
  }
  int64_t last_us = 0;
  for (const Scheduled& s : schedule) {
    const EventView event = history.View(s.position);
    const int64_t day_start_us =
        duration_cast<microseconds>((s.day + hours(8)).time_since_epoch()).count();
    last_us = std::max(day_start_us, last_us + 60'000'000);  // a day's events a minute apart
    now_us.store(last_us);
    eventstore::AppendRequest request;
    request.stream_id = std::string(event.stream_id);
    request.events.push_back(
        eventstore::EventData{std::string(event.type), std::string(event.payload),
                              eventstore::Metadata{std::string(event.principal),
                                                   std::string(event.agency),
                                                   "example-store-" + std::to_string(s.position),
                                                   {}}});
    auto appended = (*store)->Append(std::move(request));
    if (!appended.ok()) {
      std::cerr << "make_example_store: append of history position " << s.position
                << " failed: " << appended.status().message() << "\n";
      return 1;
    }
    if (event.type == "trygg.v1.PlanAdopted") {
      v1::PlanAdopted adopted;
      adopted.ParseFromString(std::string(event.payload));
      std::cout << "adopted-" << adopted.version() << " " << appended->last_position.value()
                << "\n";
    }
  }
  const eventstore::LogHead head = (*store)->Head();
  std::cout << "head " << head.position.value() << " " << eventstore::ToHex(head.hash) << "\n";
  return 0;
}
