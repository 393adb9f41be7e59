#include "audit/log_source.h"

#include <grpcpp/support/channel_arguments.h>

#include <algorithm>

#include "absl/status/status.h"
#include "common/channel.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/wire/wire.h"

namespace trygg::audit {

using eventstore::Code;
using eventstore::LogHead;
using eventstore::Position;
using eventstore::RecordedEvent;
using eventstore::Result;
using eventstore::Status;
using eventstore::StreamVersion;

namespace {

// The server's limit on one ReadAll / ReadStream (event_log.proto: max_count 1–10,000).
constexpr std::size_t kMaxWireRead = 10'000;

// Drains a server-streaming call into `out` (reusing its elements), then finishes it.
grpc::Status Drain(grpc::ClientReader<v1::Event>& reader, std::vector<v1::Event>& out) {
  std::size_t n = 0;
  for (;;) {
    if (n == out.size()) out.emplace_back();
    if (!reader.Read(&out[n])) break;
    ++n;
  }
  out.resize(n);
  return reader.Finish();
}

}  // namespace

Status LogSource::ScanAll(Position from, uint64_t last,
                          const std::function<bool(const eventstore::RecordView&)>& visit) {
  std::vector<RecordedEvent> page;
  uint64_t next = std::max<uint64_t>(from.value(), 1);
  while (next <= last) {
    if (Status s = ReadAll(Position(next), std::min<uint64_t>(last - next + 1, max_read()), page);
        !s.ok()) {
      return s;
    }
    if (page.empty()) return Status();
    for (const RecordedEvent& event : page) {
      if (event.position.value() > last || !visit(eventstore::ViewOf(event))) return Status();
    }
    next = page.back().position.value() + 1;
  }
  return Status();
}

// ---- StoreSource

Result<std::unique_ptr<StoreSource>> StoreSource::Open(const std::filesystem::path& dir) {
  auto store = eventstore::EventStore::OpenReadOnly(dir);
  if (!store.ok()) return store.status();
  return std::unique_ptr<StoreSource>(new StoreSource(dir, std::move(store).value()));
}

std::string StoreSource::Describe() const {
  switch (store_->access_mode()) {
    case eventstore::AccessMode::kReadOnly: return "store " + dir_.string() + " (read-only)";
    case eventstore::AccessMode::kSecondary:
      return "store " + dir_.string() +
             " (in use by another process, e.g. a running server: read as a secondary instance, "
             "as of position " +
             std::to_string(store_->Head().position.value()) + ")";
    case eventstore::AccessMode::kReadWrite: break;
  }
  return "store " + dir_.string();
}

Result<LogHead> StoreSource::Head() { return store_->Head(); }

Status StoreSource::ReadAll(Position from, std::size_t max, std::vector<RecordedEvent>& out) {
  return store_->ReadAll(from, max, out);
}

Status StoreSource::ScanAll(Position from, uint64_t last,
                            const std::function<bool(const eventstore::RecordView&)>& visit) {
  return store_->ScanAll(from, [&](const eventstore::RecordView& event) {
    return event.position.value() <= last && visit(event);
  });
}

Status StoreSource::ReadStream(std::string_view stream_id, StreamVersion from, std::size_t max,
                               std::vector<RecordedEvent>& out) {
  auto events = store_->ReadStream(stream_id, from, max);
  if (!events.ok()) return events.status();
  out = std::move(events).value();
  return Status();
}

std::size_t StoreSource::max_read() const { return eventstore::kMaxReadEvents; }

// ---- ServerSource

Result<std::unique_ptr<ServerSource>> ServerSource::Connect(const ServerOptions& options) {
  if (options.settings.server.empty()) {
    return Status(Code::kInvalidArgument, "--server needs an address");
  }
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);  // one event may carry a payload of up to 1 MiB
  std::shared_ptr<grpc::Channel> channel;
  if (client::Outcome made = client::MakeChannel(options.settings, args, &channel); !made.ok()) {
    return Status(Code::kInvalidArgument, made.message());
  }
  return std::unique_ptr<ServerSource>(new ServerSource(options, std::move(channel)));
}

std::string ServerSource::Describe() const { return "server " + options_.settings.server; }

void ServerSource::Prepare(grpc::ClientContext& context) const {
  if (!options_.settings.token.empty()) {
    context.AddMetadata("authorization", "Bearer " + options_.settings.token);
  }
  context.set_deadline(std::chrono::system_clock::now() + options_.call_timeout);
}

Status ServerSource::CallFailed(std::string_view call, const grpc::Status& status) const {
  // gRPC's codes are the store's (status.h); those the store has no name for keep their number.
  return Status(static_cast<Code>(static_cast<int>(status.error_code())),
                "server " + options_.settings.server + ": " + std::string(call) + " failed: " +
                    absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())) +
                    ": " + status.error_message());
}

Result<LogHead> ServerSource::Head() {
  auto stub = v1::EventLogService::NewStub(channel_);
  grpc::ClientContext context;
  Prepare(context);
  v1::Head head;
  grpc::Status status = stub->GetHead(&context, v1::GetHeadRequest(), &head);
  if (!status.ok()) return CallFailed("EventLogService.GetHead", status);
  LogHead out;
  if (head.hash().size() != out.hash.size()) {
    return Status(Code::kDataLoss, "server " + options_.settings.server +
                                       ": GetHead returned a hash that is not 32 bytes");
  }
  out.position = Position(head.position());
  std::copy(head.hash().begin(), head.hash().end(), out.hash.begin());
  return out;
}

Status ServerSource::ReadAllWire(uint64_t from, std::size_t max, std::vector<v1::Event>& out) {
  auto stub = v1::EventLogService::NewStub(channel_);
  grpc::ClientContext context;
  Prepare(context);
  v1::ReadAllRequest request;
  request.set_from_position(std::max<uint64_t>(from, 1));
  request.set_max_count(static_cast<uint32_t>(std::clamp<std::size_t>(max, 1, kMaxWireRead)));
  auto reader = stub->ReadAll(&context, request);
  grpc::Status status = Drain(*reader, out);
  if (!status.ok()) return CallFailed("EventLogService.ReadAll", status);
  return Status();
}

Status ServerSource::ReadAll(Position from, std::size_t max, std::vector<RecordedEvent>& out) {
  if (Status s = ReadAllWire(from.value(), max, wire_); !s.ok()) return s;
  out.resize(wire_.size());
  for (std::size_t i = 0; i < wire_.size(); ++i) {
    if (Status s = trygg::wire::FromWire(wire_[i], out[i]); !s.ok()) return s;
  }
  return Status();
}

Status ServerSource::ReadStream(std::string_view stream_id, StreamVersion from, std::size_t max,
                                std::vector<RecordedEvent>& out) {
  auto stub = v1::EventLogService::NewStub(channel_);
  grpc::ClientContext context;
  Prepare(context);
  v1::ReadStreamRequest request;
  request.set_stream_id(std::string(stream_id));
  request.set_from_version(std::max<uint64_t>(from.value(), 1));
  request.set_max_count(static_cast<uint32_t>(std::clamp<std::size_t>(max, 1, kMaxWireRead)));
  auto reader = stub->ReadStream(&context, request);
  grpc::Status status = Drain(*reader, wire_);
  if (!status.ok()) return CallFailed("EventLogService.ReadStream", status);
  out.resize(wire_.size());
  for (std::size_t i = 0; i < wire_.size(); ++i) {
    if (Status s = trygg::wire::FromWire(wire_[i], out[i]); !s.ok()) return s;
  }
  return Status();
}

std::size_t ServerSource::max_read() const { return kMaxWireRead; }

}  // namespace trygg::audit
