// Every limit the event store enforces. Exceeding one is kInvalidArgument (for a request) or
// kResourceExhausted (for the writer's queue), with a message naming the limit.
#pragma once

#include <cstddef>

namespace trygg::eventstore {

// Stream ids: 1..200 bytes of printable UTF-8 (no control characters, no NUL).
inline constexpr std::size_t kMaxStreamIdBytes = 200;
// Event types: 1..200 bytes of printable UTF-8.
inline constexpr std::size_t kMaxEventTypeBytes = 200;
// One event's payload.
inline constexpr std::size_t kMaxPayloadBytes = std::size_t{1} << 20;  // 1 MiB
// One append: number of events, and the sum of their types, payloads and metadata.
inline constexpr std::size_t kMaxEventsPerAppend = 1000;
inline constexpr std::size_t kMaxAppendBytes = std::size_t{4} << 20;  // 4 MiB
// Idempotency keys: 0 (none) .. 200 bytes.
inline constexpr std::size_t kMaxIdempotencyKeyBytes = 200;
// Metadata: principal, agency, command id and each extra key: 0..200 bytes; each extra value
// 0..4096 bytes; at most 32 extra entries per event.
inline constexpr std::size_t kMaxMetadataFieldBytes = 200;
inline constexpr std::size_t kMaxMetadataValueBytes = 4096;
inline constexpr std::size_t kMaxMetadataEntries = 32;

// Appends waiting for the writer. Beyond either limit AppendAsync fails at once with
// kResourceExhausted instead of queueing without bound.
inline constexpr std::size_t kMaxQueuedAppends = 8192;
inline constexpr std::size_t kMaxQueuedBytes = std::size_t{64} << 20;  // 64 MiB
// One group commit takes queued appends until it holds this many bytes (at least one append).
inline constexpr std::size_t kMaxGroupCommitBytes = std::size_t{16} << 20;  // 16 MiB

// ReadStream / ReadAll return at most this many events per call (a larger max is clamped).
inline constexpr std::size_t kMaxReadEvents = 10000;
// A subscription hands its handler at most this many events per call.
inline constexpr std::size_t kMaxSubscriptionBatch = 256;

}  // namespace trygg::eventstore
