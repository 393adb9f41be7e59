#include "trygg/wire/wire.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <cstring>
#include <string>

namespace trygg::wire {

using eventstore::Code;
using eventstore::Status;
using google::protobuf::util::TimeUtil;

void ToWire(const eventstore::RecordedEvent& event, v1::Event* out) {
  out->set_position(event.position.value());
  out->set_stream_id(event.stream_id);
  out->set_version(event.version.value());
  out->set_type(event.type);
  google::protobuf::Any* payload = out->mutable_payload();
  payload->set_type_url(std::string(kTypeUrlPrefix) + event.type);
  payload->set_value(event.payload);
  *out->mutable_recorded_at() =
      TimeUtil::MicrosecondsToTimestamp(event.recorded_at.time_since_epoch().count());
  out->set_principal(event.metadata.principal);
  out->set_agency(event.metadata.agency);
  out->set_command_id(event.metadata.command_id);
  out->set_hash(event.hash.data(), event.hash.size());
  out->set_prev_hash(event.prev_hash.data(), event.prev_hash.size());
}

Status FromWire(const v1::Event& event, eventstore::RecordedEvent& out) {
  const std::string at = "the event at position " + std::to_string(event.position());
  if (event.hash().size() != out.hash.size() || event.prev_hash().size() != out.prev_hash.size()) {
    return Status(Code::kDataLoss, at + " carries a hash or prev_hash that is not 32 bytes");
  }
  const int64_t seconds = event.recorded_at().seconds();
  const int32_t nanos = event.recorded_at().nanos();
  // Timestamp's own range (years 1–9999) keeps the microsecond count far from overflow.
  if (seconds < -62'135'596'800 || seconds > 253'402'300'799 || nanos < 0 || nanos > 999'999'999) {
    return Status(Code::kDataLoss, at + " carries a recorded_at out of range");
  }
  out.position = eventstore::Position(event.position());
  out.stream_id = event.stream_id();
  out.version = eventstore::StreamVersion(event.version());
  out.type = event.type();
  out.payload = event.payload().value();
  out.metadata.principal = event.principal();
  out.metadata.agency = event.agency();
  out.metadata.command_id = event.command_id();
  out.metadata.extra.clear();
  out.recorded_at =
      eventstore::Timestamp(std::chrono::microseconds(seconds * 1'000'000 + nanos / 1000));
  std::memcpy(out.hash.data(), event.hash().data(), out.hash.size());
  std::memcpy(out.prev_hash.data(), event.prev_hash().data(), out.prev_hash.size());
  return Status();
}

projections::EventView ViewOf(const eventstore::RecordView& event) {
  projections::EventView view;
  view.position = event.position.value();
  view.stream_id = event.stream_id;
  view.version = event.version.value();
  view.type = event.type;
  view.payload = event.payload;
  view.principal = event.principal;
  view.agency = event.agency;
  view.recorded_at_us = event.recorded_at.time_since_epoch().count();
  return view;
}

projections::EventView ViewOf(const eventstore::RecordedEvent& event) {
  return ViewOf(eventstore::ViewOf(event));
}

}  // namespace trygg::wire
