// Helpers for the trygg-audit tests: run the trygg-audit binary and collect what it prints, write
// a scripted trygg history into a store with chosen commit times, read JSON output, and damage a
// closed store through raw RocksDB.
#pragma once

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "testutil/child_process.h"
#include "testutil/raw_db.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/domain/codec.h"
#include "trygg/domain/streams.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

using ::trygg::testing::IsOk;

#ifndef TRYGG_AUDIT
#error "TRYGG_AUDIT must name the trygg-audit binary"
#endif

namespace trygg::audit_testing {

namespace fs = std::filesystem;
namespace es = ::trygg::eventstore;
namespace v1 = ::trygg::v1;
using ::trygg::testing::BigEndianKey;
using ::trygg::testing::RawDb;
using ::trygg::testing::TempDir;

// How long one trygg-audit run may take before the test calls it a hang.
inline constexpr auto kAuditDeadline = std::chrono::seconds(120);

struct AuditRun {
  int exit_code = -1;  // -1: did not exit normally, or did not finish in time
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs trygg-audit with `args` to completion (stderr through a file in `scratch`), with the
// environment variables in `env` set for it (e.g. TRYGG_TOKEN).
inline AuditRun RunAudit(const TempDir& scratch, std::vector<std::string> args,
                         const std::map<std::string, std::string>& env = {}) {
  static int runs = 0;
  const fs::path err_path = scratch.Sub("audit-stderr-" + std::to_string(++runs));
  // sh runs: [env NAME=VALUE ...] trygg-audit ARGS... 2>ERR
  std::vector<std::string> argv = {"/bin/sh", "-c", "exec \"$@\" 2>\"$0\"", err_path.string()};
  if (!env.empty()) {
    argv.push_back("/usr/bin/env");
    for (const auto& [name, value] : env) argv.push_back(name + "=" + value);
  }
  argv.push_back(TRYGG_AUDIT);
  argv.insert(argv.end(), args.begin(), args.end());
  AuditRun run;
  ::trygg::testing::Child child;
  std::string error;
  if (!child.Start(argv, &error)) {
    ADD_FAILURE() << error;
    return run;
  }
  ::trygg::testing::LineReader reader(child.read_fd());
  std::string line;
  ::trygg::testing::ReadStatus status;
  const auto deadline = ::trygg::testing::Clock::now() + kAuditDeadline;
  while ((status = reader.Next(&line, deadline)) == ::trygg::testing::ReadStatus::kLine) {
    run.out += line + "\n";
  }
  run.out += reader.leftover();
  EXPECT_EQ(status, ::trygg::testing::ReadStatus::kEof) << "trygg-audit did not finish";
  const int wait_status =
      child.SignalAndWait(status == ::trygg::testing::ReadStatus::kEof ? 0 : SIGKILL);
  if (WIFEXITED(wait_status)) run.exit_code = WEXITSTATUS(wait_status);
  std::ifstream in(err_path);
  std::ostringstream err;
  err << in.rdbuf();
  run.err = err.str();
  return run;
}

// What a run printed, for failure messages.
inline std::string Printed(const AuditRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\n--- stdout\n" + run.out + "--- stderr\n" +
         run.err;
}

// JSON output parsed into a Struct (whatever its shape); a test failure if it does not parse.
inline google::protobuf::Struct ParseJson(const std::string& json) {
  google::protobuf::Struct parsed;
  auto status = google::protobuf::util::JsonStringToMessage(json, &parsed);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return parsed;
}

// A member of a parsed JSON object, re-read as the message type it holds.
template <typename Message>
Message MemberAs(const google::protobuf::Struct& object, const std::string& key) {
  Message message;
  auto it = object.fields().find(key);
  if (it == object.fields().end()) {
    ADD_FAILURE() << "no member '" << key << "'";
    return message;
  }
  std::string json;
  EXPECT_THAT(google::protobuf::util::MessageToJsonString(it->second, &json), IsOk());
  auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return message;
}

inline double NumberMember(const google::protobuf::Struct& object, const std::string& key) {
  auto it = object.fields().find(key);
  if (it == object.fields().end() || !it->second.has_number_value()) {
    ADD_FAILURE() << "no number member '" << key << "'";
    return -1;
  }
  return it->second.number_value();
}

inline std::string StringMember(const google::protobuf::Struct& object, const std::string& key) {
  auto it = object.fields().find(key);
  if (it == object.fields().end() || !it->second.has_string_value()) {
    ADD_FAILURE() << "no string member '" << key << "'";
    return "";
  }
  return it->second.string_value();
}

inline es::Timestamp Utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0) {
  using namespace std::chrono;
  return es::Timestamp(
      sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day)) +
      hours(hour) + minutes(minute));
}

// Writes trygg's domain events straight into a store, one append each, committed at the time set
// with At() (the store's injected clock). The events are what trygg-server would write for the
// same commands: encoded with the domain's codec, on the domain's streams, with principal, agency
// and command id.
class HistoryWriter {
 public:
  explicit HistoryWriter(const fs::path& dir) : now_(std::make_shared<es::Timestamp>()) {
    es::Options options;
    options.sync = false;
    options.clock = [now = now_] { return *now; };
    auto store = es::EventStore::Open(dir, std::move(options));
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (store.ok()) store_ = std::move(store).value();
  }

  // The commit time of the following appends.
  void At(es::Timestamp t) { *now_ = t; }
  es::EventStore& store() { return *store_; }
  // Closes the store (so another process may open it).
  void Close() { store_.reset(); }

  uint64_t Plan(const std::string& id, const std::string& name,
                const std::vector<std::string>& focus_areas) {
    v1::PlanCreated e;
    e.set_plan_id(id);
    e.set_name(name);
    e.set_municipality("Värnamo kommun");
    for (const std::string& key : focus_areas) {
      v1::FocusArea* area = e.add_focus_areas();
      area->set_key(key);
      area->set_name(key);
    }
    return Append(domain::PlanStream(id), e, "samordnare", "varnamo-kommun-ks");
  }
  uint64_t Agency(const std::string& id, const std::string& name) {
    v1::AgencyRegistered e;
    e.set_agency_id(id);
    e.set_name(name);
    e.set_kind("agency");
    return Append(domain::AgencyStream(id), e, "samordnare", "varnamo-kommun-ks");
  }
  uint64_t Propose(const std::string& measure, const std::string& plan, const std::string& area,
                   const std::string& title) {
    v1::MeasureProposed e;
    e.set_measure_id(measure);
    e.set_plan_id(plan);
    e.set_focus_area(area);
    e.set_title(title);
    return Append(domain::MeasureStream(measure), e, "samordnare", "varnamo-kommun-ks");
  }
  uint64_t Prioritise(const std::string& measure, v1::Priority priority) {
    v1::MeasurePrioritised e;
    e.set_measure_id(measure);
    e.set_priority(priority);
    return Append(domain::MeasureStream(measure), e, "samordnare", "varnamo-kommun-ks");
  }
  uint64_t Assign(const std::string& measure, const std::string& agency,
                  const std::string& due_date) {
    v1::MeasureAssigned e;
    e.set_measure_id(measure);
    e.set_agency_id(agency);
    e.set_due_date(due_date);
    return Append(domain::MeasureStream(measure), e, "samordnare", "varnamo-kommun-ks");
  }
  uint64_t Start(const std::string& measure, const std::string& agency) {
    v1::MeasureStarted e;
    e.set_measure_id(measure);
    return Append(domain::MeasureStream(measure), e, "handlaggare", agency);
  }
  uint64_t Progress(const std::string& measure, const std::string& agency, uint32_t percent,
                    const std::string& note) {
    v1::MeasureProgressReported e;
    e.set_measure_id(measure);
    e.set_percent_complete(percent);
    e.set_note(note);
    return Append(domain::MeasureStream(measure), e, "handlaggare", agency);
  }
  uint64_t Complete(const std::string& measure, const std::string& agency) {
    v1::MeasureCompleted e;
    e.set_measure_id(measure);
    e.set_outcome("done");
    return Append(domain::MeasureStream(measure), e, "handlaggare", agency);
  }
  uint64_t Withdraw(const std::string& measure, const std::string& reason) {
    v1::MeasureWithdrawn e;
    e.set_measure_id(measure);
    e.set_reason(reason);
    return Append(domain::MeasureStream(measure), e, "samordnare", "varnamo-kommun-ks");
  }

  // Any type and payload, e.g. one this build does not know.
  uint64_t Raw(const std::string& stream, const std::string& type, const std::string& payload) {
    es::AppendRequest request;
    request.stream_id = stream;
    es::EventData& event = request.events.emplace_back();
    event.type = type;
    event.payload = payload;
    event.metadata.principal = "someone";
    return Commit(std::move(request));
  }

 private:
  template <typename Message>
  uint64_t Append(const std::string& stream, const Message& message, const std::string& principal,
                  const std::string& agency) {
    domain::EncodedEvent encoded = domain::Encode(message);
    es::AppendRequest request;
    request.stream_id = stream;
    es::EventData& event = request.events.emplace_back();
    event.type = std::move(encoded.type);
    event.payload = std::move(encoded.payload);
    event.metadata.principal = principal;
    event.metadata.agency = agency;
    event.metadata.command_id = "cmd-" + std::to_string(++commands_);
    request.idempotency_key = event.metadata.command_id;
    return Commit(std::move(request));
  }

  uint64_t Commit(es::AppendRequest request) {
    if (!store_) return 0;
    es::Result<es::AppendResult> result = store_->Append(std::move(request));
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? result->last_position.value() : 0;
  }

  std::shared_ptr<es::Timestamp> now_;
  std::unique_ptr<es::EventStore> store_;
  uint64_t commands_ = 0;
};

// Every event of a store, opened read-only.
inline std::vector<es::RecordedEvent> ReadLog(const fs::path& dir) {
  std::vector<es::RecordedEvent> all;
  auto store = es::EventStore::OpenReadOnly(dir);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return all;
  for (;;) {
    auto page = (*store)->ReadAll(es::Position(all.size() + 1), es::kMaxReadEvents);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok() || page->empty()) return all;
    for (auto& e : *page) all.push_back(std::move(e));
  }
}

// A copy of a closed store's directory (files copied, not linked: the copy is damaged alone).
inline void CopyStore(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::copy(from, to, fs::copy_options::recursive, ec);
  ASSERT_FALSE(ec) << "copying " << from << " to " << to << ": " << ec.message();
}

}  // namespace trygg::audit_testing
