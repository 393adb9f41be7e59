// The one mapping from event store errors to the gRPC status a client sees. Every service that
// calls the store (ActionPlanService, EventLogService) answers its errors through FromStore.
//
// Policy, chosen by what the client should do next (eventstore/status.h lists the codes):
//   RESOURCE_EXHAUSTED  passes through with the store's message: the writer's queue is full, or
//                       the disk is full (eventstore::kDiskFullMessage: free space; writes resume
//                       by themselves); retry later with backoff.
//   UNAVAILABLE         passes through with the store's message: the store is closing, or its disk
//                       failed (eventstore::kDiskFailedMessage: fix it and restart the server);
//                       retry against the server once it is back.
//   DATA_LOSS           passes through as a code only: stored data is damaged, and retrying will
//                       not help. An auditor reading the log needs to know the store, not the
//                       call, is at fault.
//   anything else       becomes INTERNAL. INVALID_ARGUMENT, ABORTED, ALREADY_EXISTS, NOT_FOUND
//                       and FAILED_PRECONDITION from the store are the server's own failure by
//                       the time they reach here: requests are validated before they reach the
//                       store, and conflicts and reused keys are handled by the command pipeline
//                       first. INTERNAL is an I/O or RocksDB failure.
// No internal detail reaches a client: for DATA_LOSS and INTERNAL the client gets a fixed
// message, and the store's message (which may name files, keys or stored data) goes to the
// server's log on stderr instead. The two codes that pass their message through carry only what
// the store itself says about load, shutdown and its disk; RocksDB's words about the disk (its
// Status::detail(), which may name files) go to the server's log.
#pragma once

#include <grpcpp/support/status.h>

#include <functional>
#include <string_view>

#include "trygg/eventstore/status.h"

namespace trygg::api {

// The status a client sees for `status`, logging what it leaves out (see the policy above). OK
// maps to OK.
[[nodiscard]] grpc::Status FromStore(const eventstore::Status& status);

// Where FromStore logs what it leaves out: `told` (the message the client got) and the store's
// status. Without one (the default), a plain line on stderr. Set once, before any call is served
// (trygg-server hands it its log); it must stay callable until the process exits and may be called
// from any thread.
using WithheldLog = std::function<void(std::string_view told, const eventstore::Status& status)>;
void SetWithheldLog(WithheldLog log);

}  // namespace trygg::api
