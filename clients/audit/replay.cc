#include "audit/replay.h"

#include <absl/time/clock.h>

#include "trygg/domain/streams.h"
#include "trygg/domain/today.h"
#include "trygg/v1/events.pb.h"
#include "trygg/wire/wire.h"

namespace trygg::audit {

using eventstore::Code;
using eventstore::Position;
using eventstore::RecordView;
using eventstore::Result;
using eventstore::Status;

namespace {

// How often the progress callback hears of a replay.
constexpr uint64_t kProgressEvery = 10'000;

// Whether the replay goes on to include `event`.
bool Includes(const AsOf& at, uint64_t last, const RecordView& event) {
  if (event.position.value() > last) return false;
  return at.kind != AsOf::Kind::kTime || event.recorded_at <= at.last_included;
}

// Notes a plan or agency created by `event` (its stream's first event of the creating type), and
// the period of a follow-up.
void Note(const RecordView& event, Replayed& out) {
  if (event.type == v1::FollowUpRecorded::descriptor()->full_name()) {
    v1::FollowUpRecorded follow_up;
    // The projections applied this event, so its payload parses.
    if (follow_up.ParseFromArray(event.payload.data(), static_cast<int>(event.payload.size()))) {
      out.periods.insert(follow_up.period());
    }
    return;
  }
  if (event.version.value() != 1) return;
  const std::string_view stream = event.stream_id;
  if (stream.starts_with(domain::kPlanStreamPrefix) &&
      event.type == v1::PlanCreated::descriptor()->full_name()) {
    out.plans.emplace_back(stream.substr(domain::kPlanStreamPrefix.size()));
  } else if (stream.starts_with(domain::kAgencyStreamPrefix) &&
             event.type == v1::AgencyRegistered::descriptor()->full_name()) {
    out.agencies.emplace_back(stream.substr(domain::kAgencyStreamPrefix.size()));
  }
}

}  // namespace

Result<Replayed> Replay(LogSource& source, const AsOf& at, const absl::TimeZone& zone,
                        const eventstore::VerifyProgress& progress) {
  auto head = source.Head();
  if (!head.ok()) return head.status();
  uint64_t last = head->position.value();
  if (at.kind == AsOf::Kind::kPosition) {
    if (at.position > last) {
      return Status(Code::kInvalidArgument,
                    "--at " + at.text + ": the log ends at position " + std::to_string(last));
    }
    last = at.position;
  }
  Replayed out;
  Status refused;
  bool cut = false;  // stopped at an event after --at
  Status read = source.ScanAll(Position(1), last, [&](const RecordView& event) {
    if (!Includes(at, last, event)) {
      cut = true;
      return false;
    }
    if (event.position.value() != out.position + 1) {
      refused = Status(Code::kDataLoss,
                       "record " + std::to_string(out.position + 1) + " is missing from the log");
      return false;
    }
    grpc::Status applied = out.projections.Apply(wire::ViewOf(event));
    if (!applied.ok()) {
      refused = Status(Code::kDataLoss,
                       "the projections refuse the event at position " +
                           std::to_string(event.position.value()) + " (" + std::string(event.type) +
                           " on " + std::string(event.stream_id) + "): " + applied.error_message());
      return false;
    }
    Note(event, out);
    out.position = event.position.value();
    out.last_recorded = event.recorded_at;
    out.last_hash = event.hash;
    if (progress && out.position % kProgressEvery == 0) progress(out.position, last);
    return true;
  });
  if (!read.ok()) return read;
  if (!refused.ok()) return refused;
  if (!cut && out.position < last) {
    return Status(Code::kDataLoss, "the log ends at position " + std::to_string(out.position) +
                                       ", before its head " + std::to_string(last));
  }
  if (progress) progress(out.position, last);
  switch (at.kind) {
    case AsOf::Kind::kHead: out.today = domain::Today(absl::Now(), zone); break;
    case AsOf::Kind::kPosition:
      out.today = out.last_recorded ? domain::LocalDate(*out.last_recorded, zone)
                                    : domain::Today(absl::Now(), zone);
      break;
    case AsOf::Kind::kTime: out.today = at.today; break;
  }
  return out;
}

}  // namespace trygg::audit
