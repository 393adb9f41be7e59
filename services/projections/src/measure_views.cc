#include "measure_views.h"

#include <memory>
#include <string>

namespace trygg::projections {
namespace {

bool OnStreamOf(std::string_view measure_id, std::string_view stream_id) {
  return IsStreamOf(domain::kMeasureStreamPrefix, measure_id, stream_id);
}

grpc::Status Inconsistent(const EventView& event, std::string_view measure_id,
                          const std::string& why) {
  return grpc::Status(grpc::StatusCode::INTERNAL,
                      "event at position " + std::to_string(event.position) + " (" +
                          std::string(event.type) + " on " + std::string(event.stream_id) +
                          " version " + std::to_string(event.version) + ") for measure '" +
                          std::string(measure_id) + "': " + why);
}

}  // namespace

MeasureEntry::~MeasureEntry() { delete bytes_.load(std::memory_order_acquire); }

v1::Measure& MeasureEntry::Change() {
  delete bytes_.exchange(nullptr, std::memory_order_acq_rel);
  return view;
}

const std::string& MeasureEntry::Bytes() const {
  if (const std::string* made = bytes_.load(std::memory_order_acquire)) return *made;
  auto fresh = std::make_unique<const std::string>(view.SerializeAsString());
  const std::string* expected = nullptr;
  if (bytes_.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel,
                                     std::memory_order_acquire)) {
    return *fresh.release();
  }
  return *expected;  // another query made it first
}

domain::Result<MeasureEntry*> MeasureViews::Create(std::string_view measure_id,
                                                   const EventView& event) {
  if (measure_id.empty()) return Inconsistent(event, measure_id, "empty measure id");
  if (!OnStreamOf(measure_id, event.stream_id)) {
    return Inconsistent(event, measure_id, "not on the measure's stream");
  }
  if (event.version != 1) return Inconsistent(event, measure_id, "a proposal must be version 1");
  MeasureEntry& entry = entries_.emplace_back();
  entry.id = measure_id;
  if (!by_id_.try_emplace(entry.id, &entry).second) {
    entries_.pop_back();
    return Inconsistent(event, measure_id, "the measure was already proposed");
  }
  entry.filed.id = IdKey::Of(entry.id);
  ordered_.emplace(entry.filed.id, &entry);
  return &entry;
}

domain::Result<MeasureEntry*> MeasureViews::Next(std::string_view measure_id,
                                                 const EventView& event) {
  if (!OnStreamOf(measure_id, event.stream_id)) {
    return Inconsistent(event, measure_id, "not on the measure's stream");
  }
  MeasureEntry* entry = FindEntry(measure_id);
  if (entry == nullptr) return Inconsistent(event, measure_id, "no such measure");
  if (event.version != entry->view.version() + 1) {
    return Inconsistent(event, measure_id,
                        "expected version " + std::to_string(entry->view.version() + 1));
  }
  return entry;
}

MeasureEntry* MeasureViews::FindByStream(std::string_view stream_id) {
  if (!stream_id.starts_with(domain::kMeasureStreamPrefix)) return nullptr;
  return FindEntry(stream_id.substr(domain::kMeasureStreamPrefix.size()));
}

const v1::Measure* MeasureViews::Find(std::string_view measure_id) const {
  const MeasureEntry* entry = FindEntry(measure_id);
  return entry == nullptr ? nullptr : &entry->view;
}

MeasureEntry* MeasureViews::FindEntry(std::string_view measure_id) const {
  auto it = by_id_.find(measure_id);
  return it == by_id_.end() ? nullptr : it->second;
}

}  // namespace trygg::projections
