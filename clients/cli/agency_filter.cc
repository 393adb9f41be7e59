#include "cli/agency_filter.h"

#include <string_view>

#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/events.pb.h"

namespace trygg::cli {
namespace {

namespace v1 = ::trygg::v1;

constexpr std::string_view kMeasureStream = "measure-";  // DESIGN.md: streams measure-<id>

}  // namespace

bool AgencyFilter::Matches(const v1::Event& event) {
  const bool by_agency = !agency_.empty() && event.agency() == agency_;
  const google::protobuf::Any& payload = event.payload();
  if (v1::AgencyRegistered registered;
      payload.Is<v1::AgencyRegistered>() && payload.UnpackTo(&registered)) {
    return by_agency || registered.agency_id() == agency_;
  }
  const std::string_view stream = event.stream_id();
  if (!stream.starts_with(kMeasureStream)) return by_agency;
  const std::string measure_id(stream.substr(kMeasureStream.size()));
  const bool was_ours = measures_.contains(measure_id);
  if (v1::MeasureAssigned assigned;
      payload.Is<v1::MeasureAssigned>() && payload.UnpackTo(&assigned)) {
    const bool now_ours = assigned.agency_id() == agency_;
    if (now_ours) {
      measures_.insert(measure_id);
    } else {
      measures_.erase(measure_id);
    }
    return by_agency || was_ours || now_ours;
  }
  return by_agency || was_ours;
}

}  // namespace trygg::cli
