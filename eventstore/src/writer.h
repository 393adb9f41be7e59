// The single writer: queues validated appends and group-commits them, in queue order, on its own
// thread (a Boost.Asio io_context). Everything waiting when a commit starts goes into one RocksDB
// WriteBatch written with sync=true; callbacks run after the batch is durable.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "db.h"
#include "reader.h"

namespace trygg::eventstore {

class Writer {
 public:
  // `head` and `last_time` describe the last stored record (its commit time; commit times never
  // decrease). `on_commit` runs on the writer thread after each durable commit, with the new head.
  Writer(const Db& db, const Reader& reader, Options options, LogHead head, Timestamp last_time,
         std::function<void(const LogHead&)> on_commit);
  // Close()s.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues a request that passed ValidateAppend. Fails `done` inline when the queue is full or
  // the writer is closing.
  void Submit(AppendRequest request, EventStore::AppendCallback done);
  // Stops accepting, commits everything queued, and joins the writer thread. Idempotent.
  void Close();

  // The last committed record.
  LogHead head() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trygg::eventstore
