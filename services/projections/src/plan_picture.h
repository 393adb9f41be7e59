// What a plan's own stream says besides its creation — residents' input, the situation picture's
// findings, causes, working groups, citizen promises, adoptions — and what the plan's measures add
// to it: which measures address each cause, the latest period a measure was followed up for, and
// how many measures changed since the latest adoption.
#pragma once

#include <grpcpp/support/status.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "id_set.h"
#include "measure_facts.h"
#include "trygg/domain/period.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Things of one kind recorded on a plan's stream: in the order they were recorded, and by id.
template <typename Item>
class RecordedItems {
 public:
  // A new item for `id`, to be filled; nullptr when the id is taken.
  Item* Add(const std::string& id) {
    if (!index_.try_emplace(id, items_.size()).second) return nullptr;
    return &items_.emplace_back();
  }
  // nullptr when never recorded.
  Item* Find(std::string_view id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &items_[it->second];
  }
  const Item* Find(std::string_view id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &items_[it->second];
  }
  const std::deque<Item>& all() const { return items_; }

 private:
  std::deque<Item> items_;  // a deque: Add never moves the others
  std::map<std::string, size_t, std::less<>> index_;
};

class PlanPicture {
 public:
  // The plan's own events. Each checks the event against what the picture holds before it changes
  // anything: INTERNAL for an id recorded twice, or one revised, retired, changed or ended that
  // was never recorded (the domain decides each against the plan's state, so only a log it did
  // not write holds such an event). Whatever else the log says is filed as it is.
  [[nodiscard]] grpc::Status Fold(const v1::ResidentInputRecorded& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::FindingRecorded& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::FindingRevised& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::FindingRetired& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::CauseIdentified& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::CauseRevised& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::CauseRetired& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::WorkingGroupFormed& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::WorkingGroupChanged& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::CitizenPromiseMade& event, const EventView& view);
  [[nodiscard]] grpc::Status Fold(const v1::CitizenPromiseEnded& event, const EventView& view);
  // Any version the log gives becomes the adopted one; measures count as changed since it only
  // once they change again.
  [[nodiscard]] grpc::Status Fold(const v1::PlanAdopted& event, const EventView& view);

  // ---- What the plan's measures add. `measure` is what the indexes filed it as.
  // The measure now addresses the cause (which need not exist: the fold files what the log says).
  void Link(std::string_view cause_id, const MeasureFacts& measure);
  void Unlink(std::string_view cause_id, const MeasureFacts& measure);
  // A measure of the plan was followed up for `period`.
  void NoteFollowUpPeriod(std::string_view period);
  // A measure of the plan changes now; `measure_plan_version` is the adopted version it last
  // changed under. Returns the adopted version it changes under now, and counts it as changed
  // since the adoption the first time it changes after one.
  uint32_t Touch(uint32_t measure_plan_version);
  // Whether a measure that last changed under `measure_plan_version` changed since the latest
  // adoption (Measure.changed_since_adoption): never while the plan is not adopted.
  bool ChangedSinceAdoption(uint32_t measure_plan_version) const {
    return adopted_version_ > 0 && measure_plan_version == adopted_version_;
  }

  // ---- Reads.
  const RecordedItems<v1::ResidentInput>& inputs() const { return inputs_; }
  const RecordedItems<v1::Finding>& findings() const { return findings_; }
  // Causes without measure_ids (MeasuresOf has them).
  const RecordedItems<v1::Cause>& causes() const { return causes_; }
  // The measures linked to the cause, by id; nullptr when none.
  const IdSet* MeasuresOf(std::string_view cause_id) const;
  const RecordedItems<v1::WorkingGroup>& groups() const { return groups_; }
  const RecordedItems<v1::CitizenPromise>& promises() const { return promises_; }
  uint32_t adopted_version() const { return adopted_version_; }
  // nullptr while the plan was never adopted.
  const v1::PlanAdoption* latest_adoption() const {
    return latest_adoption_ ? &*latest_adoption_ : nullptr;
  }
  // Measures proposed or changed since the latest adoption; 0 while never adopted.
  uint64_t changed_since_adoption() const { return changed_since_adoption_; }
  // The plan's latest period as of `today`: the latest (domain::PeriodBefore) period any measure
  // of the plan was followed up for that has begun by `today` (a follow-up recorded ahead, for a
  // period still to come, does not make it the one to judge); nullptr while there is none.
  const domain::Period* LatestPeriodBegunBy(std::string_view today) const;
  // Every period a measure of the plan was followed up for, once each, in PeriodBefore order.
  const std::vector<domain::Period>& periods() const { return periods_; }

 private:
  RecordedItems<v1::ResidentInput> inputs_;
  RecordedItems<v1::Finding> findings_;
  RecordedItems<v1::Cause> causes_;
  std::map<std::string, IdSet, std::less<>> measures_by_cause_;
  RecordedItems<v1::WorkingGroup> groups_;
  RecordedItems<v1::CitizenPromise> promises_;
  uint32_t adopted_version_ = 0;
  std::optional<v1::PlanAdoption> latest_adoption_;
  uint64_t changed_since_adoption_ = 0;
  // Every period a measure of the plan was followed up for, once each, in PeriodBefore order.
  std::vector<domain::Period> periods_;
};

}  // namespace trygg::projections
