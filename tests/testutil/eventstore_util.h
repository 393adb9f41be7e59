// Helpers shared by the eventstore tests: deadlines and seeds, opening a store, building append
// requests, and reading back the whole log.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "trygg/eventstore/event_store.h"

namespace trygg::testing {

// How long a test waits for something that should happen promptly (a callback, a delivery, an
// append) before it calls it a hang.
inline constexpr auto kDeadline = std::chrono::seconds(30);
// The same for tests with many threads at once, which also run under ThreadSanitizer.
inline constexpr auto kConcurrentDeadline = std::chrono::seconds(60);

// TRYGG_TEST_SEED replays a run; otherwise a fresh seed, printed on failure.
inline uint32_t TestSeed() {
  if (const char* env = std::getenv("TRYGG_TEST_SEED"); env != nullptr && *env != '\0') {
    return static_cast<uint32_t>(std::strtoul(env, nullptr, 10));
  }
  return std::random_device{}();
}

// Store options for tests that do not test durability: no fdatasync per commit.
inline eventstore::Options FastOptions() {
  eventstore::Options options;
  options.sync = false;
  return options;
}

// Opens (or creates) the store in `dir`. On error, adds a test failure and returns nullptr.
inline std::unique_ptr<eventstore::EventStore> OpenStore(
    const std::filesystem::path& dir, eventstore::Options options = FastOptions()) {
  eventstore::Result<std::unique_ptr<eventstore::EventStore>> opened =
      eventstore::EventStore::Open(dir, std::move(options));
  if (!opened.ok()) {
    ADD_FAILURE() << "Open(" << dir << "): " << opened.status().ToString();
    return nullptr;
  }
  return std::move(opened).value();
}

// An event without metadata. The defaults are for tests that do not care about type or payload.
inline eventstore::EventData Event(std::string type = "t", std::string payload = "p") {
  eventstore::EventData event;
  event.type = std::move(type);
  event.payload = std::move(payload);
  return event;
}

inline eventstore::AppendRequest Request(std::string stream_id,
                                         eventstore::ExpectedVersion expected,
                                         std::vector<eventstore::EventData> events) {
  eventstore::AppendRequest request;
  request.stream_id = std::move(stream_id);
  request.expected_version = expected;
  request.events = std::move(events);
  return request;
}

// Any expected version; by default one Event().
inline eventstore::AppendRequest Request(std::string stream_id,
                                         std::vector<eventstore::EventData> events = {Event()}) {
  return Request(std::move(stream_id), eventstore::ExpectedVersion::Any(), std::move(events));
}

// Every event in the log, paging through ReadAll. Adds a test failure if a read fails and returns
// what it has read so far.
inline std::vector<eventstore::RecordedEvent> AllEvents(const eventstore::EventStore& store) {
  std::vector<eventstore::RecordedEvent> all;
  eventstore::Position from(1);
  for (;;) {
    eventstore::Result<std::vector<eventstore::RecordedEvent>> page = store.ReadAll(from, 1000);
    if (!page.ok()) {
      ADD_FAILURE() << "ReadAll: " << page.status().ToString();
      return all;
    }
    if (page->empty()) return all;
    for (eventstore::RecordedEvent& event : *page) all.push_back(std::move(event));
    from = all.back().position.next();
  }
}

// What the log looks like, to compare before and after a rejected append.
struct Snapshot {
  eventstore::LogHead head;
  std::vector<eventstore::RecordedEvent> events;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

inline Snapshot Take(const eventstore::EventStore& store) {
  return Snapshot{store.Head(), AllEvents(store)};
}

// Verifies `store` and expects it intact with every record up to its head checked. The report,
// for further checks; nullopt when Verify itself failed.
inline std::optional<eventstore::VerifyReport> ExpectVerifies(const eventstore::EventStore& store) {
  eventstore::Result<eventstore::VerifyReport> report = store.Verify();
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  if (!report.ok()) return std::nullopt;
  EXPECT_TRUE(report->ok()) << "bad at "
                            << (report->first_bad_position ? report->first_bad_position->value()
                                                           : 0)
                            << ": " << report->problem;
  EXPECT_EQ(report->events_checked, store.Head().position.value());
  return *report;
}

}  // namespace trygg::testing
