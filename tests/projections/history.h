// Test histories: an in-memory event log that assigns positions, stream versions and record times
// the way the event store does, holds real serialized trygg.v1 events, and hands out EventViews
// that stay valid as long as the History lives.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trygg/projections/event_view.h"
#include "trygg/projections/projections.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections::testing {

// 2026-01-12T08:00:00Z: the first event of every history.
inline constexpr int64_t kStartUs = 1'768'204'800'000'000;
// Events are recorded one minute and a quarter millisecond apart, so timestamps carry nanos.
inline constexpr int64_t kStepUs = 60'000'250;

class History {
 public:
  // Appends a serialized `event` to `stream`, typed by its full name; returns its position.
  uint64_t Append(std::string_view stream, const google::protobuf::Message& event,
                  std::string_view principal = "samordnare",
                  std::string_view agency = "varnamo-kommun-ks");
  // Appends anything, for events this build does not know or payloads that do not parse.
  uint64_t AppendRaw(std::string_view stream, std::string_view type, std::string_view payload,
                     std::string_view principal = "samordnare",
                     std::string_view agency = "varnamo-kommun-ks");

  // The event at `position` (1-based).
  EventView View(uint64_t position) const;
  uint64_t head() const { return events_.size(); }
  int64_t recorded_at_us(uint64_t position) const { return View(position).recorded_at_us; }

  // Applies every event after projections.applied_position(), in order.
  ::testing::AssertionResult ApplyTo(Projections& projections) const;

  // Domain-shaped helpers: each appends one event to the right stream and returns its position.
  uint64_t CreatePlan(std::string_view plan_id, std::string_view name,
                      std::string_view municipality,
                      const std::vector<std::pair<std::string, std::string>>& focus_areas);
  uint64_t RegisterAgency(std::string_view agency_id, std::string_view name, std::string_view kind);
  uint64_t Propose(std::string_view measure_id, std::string_view plan_id,
                   std::string_view focus_area, std::string_view title,
                   std::string_view description = "", std::string_view principal = "kommunpolis",
                   std::string_view agency = "polisen-lpo-varnamo");
  uint64_t Prioritise(std::string_view measure_id, v1::Priority priority,
                      std::string_view rationale = "");
  uint64_t Assign(std::string_view measure_id, std::string_view agency_id,
                  std::string_view due_date, std::string_view note = "");
  uint64_t Start(std::string_view measure_id);
  uint64_t Report(std::string_view measure_id, uint32_t percent_complete, std::string_view note);
  uint64_t Complete(std::string_view measure_id, std::string_view outcome);
  uint64_t Withdraw(std::string_view measure_id, std::string_view reason);

  // The whole plan's measure events.
  uint64_t Link(std::string_view measure_id, std::string_view cause_id);
  uint64_t Unlink(std::string_view measure_id, std::string_view cause_id);
  // Indicator "andel", unit "%", due 2026-12-31.
  uint64_t SetGoal(std::string_view measure_id, std::string_view goal_id, double baseline,
                   double target);
  uint64_t RetireGoal(std::string_view measure_id, std::string_view goal_id);
  uint64_t AddPartner(std::string_view measure_id, std::string_view agency_id,
                      std::string_view commitment = "deltar");
  uint64_t RemovePartner(std::string_view measure_id, std::string_view agency_id);
  // `values`: goal id → measured value.
  uint64_t FollowUp(std::string_view measure_id, std::string_view period, std::string_view party,
                    v1::Health health, double hours = 0, uint64_t cost_sek = 0,
                    const std::vector<std::pair<std::string, double>>& values = {});

  // The plan's own events, appended to "plan-<plan_id>".
  uint64_t OnPlan(std::string_view plan_id, const google::protobuf::Message& event);
  uint64_t RecordInput(std::string_view plan_id, std::string_view input_id,
                       std::string_view focus_area, std::string_view summary = "Otrygg passage");
  uint64_t RecordFinding(std::string_view plan_id, std::string_view finding_id,
                         std::string_view focus_area,
                         const std::vector<std::string>& input_ids = {},
                         std::string_view text = "Fler anmälda brott");
  uint64_t IdentifyCause(std::string_view plan_id, std::string_view cause_id,
                         std::string_view focus_area, uint32_t number,
                         const std::vector<std::string>& finding_ids,
                         std::string_view text = "Dålig belysning");
  uint64_t RetireFinding(std::string_view plan_id, std::string_view finding_id);
  uint64_t RetireCause(std::string_view plan_id, std::string_view cause_id);
  uint64_t FormGroup(std::string_view plan_id, std::string_view group_id,
                     const std::vector<std::string>& agency_ids,
                     const std::vector<std::string>& focus_areas = {});
  uint64_t Adopt(std::string_view plan_id, uint32_t version);

 private:
  struct Stored {
    uint64_t position;
    std::string stream_id;
    uint64_t version;
    std::string type;
    std::string payload;
    std::string principal;
    std::string agency;
    int64_t recorded_at_us;
  };
  std::deque<Stored> events_;
  std::map<std::string, uint64_t, std::less<>> stream_versions_;
};

// "measure-<id>"
std::string MeasureStream(std::string_view measure_id);

// "code 13: message", for failure output (grpc::Status has no ToString).
std::string Describe(const grpc::Status& status);

// Status counts as (status, count) pairs, for EXPECT_EQ with readable failures.
using Counts = std::vector<std::pair<v1::MeasureStatus, uint64_t>>;
Counts CountsOf(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts);
// The measure ids in a list of measures, in order.
std::vector<std::string> IdsOf(const google::protobuf::RepeatedPtrField<v1::Measure>& measures);

// Field-by-field equality with both messages printed on mismatch.
::testing::AssertionResult ProtoEquals(const google::protobuf::Message& expected,
                                       const google::protobuf::Message& actual);

}  // namespace trygg::projections::testing
