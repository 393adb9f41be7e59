#include "measure_group.h"

#include <cassert>
#include <cstddef>

namespace trygg::projections {
namespace {

size_t Index(v1::MeasureStatus status) {
  // Statuses come from our own folds, never from input, so an unknown value is a bug.
  assert(v1::MeasureStatus_IsValid(status));
  return static_cast<size_t>(status);
}

}  // namespace

void MeasureGroup::Add(const MeasureFacts& facts) {
  [[maybe_unused]] const bool inserted = ids_.emplace(facts.id, facts.entry).second;
  assert(inserted);
  Count(facts);
}

void MeasureGroup::Remove(const MeasureFacts& facts) {
  [[maybe_unused]] const size_t erased = ids_.erase(facts.id);
  assert(erased == 1);
  Uncount(facts);
}

void MeasureGroup::Change(const MeasureFacts& before, const MeasureFacts& after) {
  assert(before.id == after.id && ids_.count(after.id) == 1);
  if (CanBeOverdue(before) && CanBeOverdue(after) && before.due_date == after.due_date) {
    // Started, re-prioritised: only the status counts move.
    assert(counts_[Index(before.status)] > 0);
    --counts_[Index(before.status)];
    ++counts_[Index(after.status)];
    return;
  }
  Uncount(before);
  Count(after);
}

bool MeasureGroup::CanBeOverdue(const MeasureFacts& facts) {
  return IsOpen(facts.status) && !facts.due_date.empty();
}

void MeasureGroup::Count(const MeasureFacts& facts) {
  ++counts_[Index(facts.status)];
  if (CanBeOverdue(facts)) ++open_due_[facts.due_date];
}

void MeasureGroup::Uncount(const MeasureFacts& facts) {
  assert(counts_[Index(facts.status)] > 0);
  --counts_[Index(facts.status)];
  if (CanBeOverdue(facts)) {
    auto it = open_due_.find(facts.due_date);
    assert(it != open_due_.end() && it->second > 0);
    if (--it->second == 0) open_due_.erase(it);
  }
}

uint64_t MeasureGroup::count(v1::MeasureStatus status) const { return counts_[Index(status)]; }

uint64_t MeasureGroup::Overdue(std::string_view today) const {
  uint64_t overdue = 0;
  for (auto it = open_due_.begin(); it != open_due_.end() && it->first < today; ++it) {
    overdue += it->second;
  }
  return overdue;
}

void AppendCounts(const StatusCounts& counts,
                  google::protobuf::RepeatedPtrField<v1::StatusCount>* out) {
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    v1::StatusCount* count = out->Add();
    count->set_status(static_cast<v1::MeasureStatus>(i));
    count->set_count(counts[i]);
  }
}

}  // namespace trygg::projections
