#include "measure_views.h"

#include <string>

namespace trygg::projections {
namespace {

bool OnStreamOf(std::string_view measure_id, std::string_view stream_id) {
  return stream_id.size() == kMeasureStreamPrefix.size() + measure_id.size() &&
         stream_id.starts_with(kMeasureStreamPrefix) && stream_id.ends_with(measure_id);
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

domain::Result<MeasureViews::Map::iterator> MeasureViews::Create(std::string_view measure_id,
                                                                 const EventView& event) {
  if (measure_id.empty()) return Inconsistent(event, measure_id, "empty measure id");
  if (!OnStreamOf(measure_id, event.stream_id)) {
    return Inconsistent(event, measure_id, "not on the measure's stream");
  }
  if (event.version != 1) return Inconsistent(event, measure_id, "a proposal must be version 1");
  auto [it, inserted] = measures_.try_emplace(std::string(measure_id));
  if (!inserted) return Inconsistent(event, measure_id, "the measure was already proposed");
  it->second.filed.id = IdKey::Of(it->first);
  ordered_.emplace(it->second.filed.id, &it->second.view);
  return it;
}

domain::Result<MeasureViews::Map::iterator> MeasureViews::Next(std::string_view measure_id,
                                                               const EventView& event) {
  if (!OnStreamOf(measure_id, event.stream_id)) {
    return Inconsistent(event, measure_id, "not on the measure's stream");
  }
  auto it = measures_.find(measure_id);
  if (it == measures_.end()) return Inconsistent(event, measure_id, "no such measure");
  if (event.version != it->second.view.version() + 1) {
    return Inconsistent(event, measure_id,
                        "expected version " + std::to_string(it->second.view.version() + 1));
  }
  return it;
}

MeasureViews::Map::iterator MeasureViews::FindByStream(std::string_view stream_id) {
  if (!stream_id.starts_with(kMeasureStreamPrefix)) return measures_.end();
  return measures_.find(stream_id.substr(kMeasureStreamPrefix.size()));
}

const v1::Measure* MeasureViews::Find(std::string_view measure_id) const {
  auto it = measures_.find(measure_id);
  return it == measures_.end() ? nullptr : &it->second.view;
}

}  // namespace trygg::projections
