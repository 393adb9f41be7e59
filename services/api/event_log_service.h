// EventLogService: the raw, hash-chained event log over gRPC (event_log.proto). Every RPC
// authenticates the bearer token and authorises Rpc::kEventLogRead (coordinator, agency, auditor;
// a reader gets PERMISSION_DENIED).
//
//   ReadStream / ReadAll  write at most max_count events (0 means kDefaultReadCount; more than
//                         kMaxReadCount is INVALID_ARGUMENT), reading the store kReadChunkEvents
//                         at a time, one write in flight, then finish OK.
//   Subscribe             follows EventStore::Subscribe from from_position: stored events, then
//                         each new one as it commits, until the client cancels. Flow control: the
//                         subscription is paused while one delivered batch (at most
//                         eventstore::kMaxSubscriptionBatch events) is being written and resumed
//                         when it is drained, so a slow client holds at most one batch in memory
//                         and never blocks the store's delivery thread. When the store closes the
//                         stream finishes UNAVAILABLE (after writing what it had buffered).
//   GetHead               the last committed record.
//
// Each principal holds at most max_streams_per_principal of these streams (ReadStream, ReadAll and
// Subscribe together) open at a time; one more is RESOURCE_EXHAUSTED (StreamLimiter, limits.h).
//
// Events on the wire: payload is a google.protobuf.Any with type_url
// "type.googleapis.com/<type>" and the stored payload bytes as value; recorded_at a Timestamp;
// hash and prev_hash the 32 raw SHA-256 bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "api/limits.h"
#include "api/token_file.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/event_log.grpc.pb.h"

namespace trygg::api {

inline constexpr uint32_t kDefaultReadCount = 1000;
inline constexpr uint32_t kMaxReadCount = 10'000;
// ReadStream / ReadAll read the store this many events at a time while writing.
inline constexpr uint32_t kReadChunkEvents = 64;

class EventLogService final : public v1::EventLogService::CallbackService {
 public:
  // `store` must outlive every call (destroy it after the gRPC server has shut down); `tokens`
  // null means anonymous mode (see Authenticate). `max_streams_per_principal` 0 is no limit.
  EventLogService(eventstore::EventStore& store, const TokenFile* tokens,
                  std::uint32_t max_streams_per_principal = 0);
  ~EventLogService() override;

  // Ends every open Subscribe with UNAVAILABLE ("resume from the last position seen + 1") after
  // writing what it has buffered, and refuses new ones the same way. Call before shutting the
  // gRPC server down, so that followers do not hold it up. Idempotent.
  void Shutdown();

  // The Subscribe streams open now (for the server's metrics).
  std::size_t subscribers() const;

  struct Subscribers;  // the open Subscribe streams

  grpc::ServerWriteReactor<v1::Event>* ReadStream(grpc::CallbackServerContext* context,
                                                  const v1::ReadStreamRequest* request) override;
  grpc::ServerWriteReactor<v1::Event>* ReadAll(grpc::CallbackServerContext* context,
                                               const v1::ReadAllRequest* request) override;
  grpc::ServerWriteReactor<v1::Event>* Subscribe(grpc::CallbackServerContext* context,
                                                 const v1::SubscribeRequest* request) override;
  grpc::ServerUnaryReactor* GetHead(grpc::CallbackServerContext* context,
                                    const v1::GetHeadRequest* request, v1::Head* response) override;

 private:
  // A lease for one more stream of the caller, admitted as Rpc::kEventLogRead; or why not.
  domain::Result<StreamLimiter::Lease> LeaseStream(const grpc::CallbackServerContext& context);

  eventstore::EventStore& store_;
  const TokenFile* tokens_;
  StreamLimiter streams_;  // the open streams' leases; every call ends before the service
  std::unique_ptr<Subscribers> subscribers_;
};

}  // namespace trygg::api
