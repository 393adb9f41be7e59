// Where trygg-audit reads the log from: a store directory opened read-only (a stopped store, a
// checkpoint, a backup — or a running server's store, as a RocksDB secondary instance), or a
// running trygg-server's EventLogService with an auditor's token. Both hand out events as the
// store records them, so every command works the same on either.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/settings.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/event_log.pb.h"

namespace trygg::audit {

struct AuditReport;  // verify.h

class LogSource {
 public:
  virtual ~LogSource() = default;

  // What is being read, for the reader of the output: "store /var/trygg (read-only)",
  // "store /var/trygg (secondary instance: ...)", "server 127.0.0.1:50051".
  virtual std::string Describe() const = 0;
  // The head of the log: a store's as of when it was opened; a server's as of this call.
  virtual eventstore::Result<eventstore::LogHead> Head() = 0;
  // Replaces `out` with the events with position >= from, in position order, at most
  // min(max, max_read()); empty after the last. Reuses the buffers of the events in `out`.
  virtual eventstore::Status ReadAll(eventstore::Position from, std::size_t max,
                                     std::vector<eventstore::RecordedEvent>& out) = 0;
  // The same for the events of one stream with version >= from.
  virtual eventstore::Status ReadStream(std::string_view stream_id, eventstore::StreamVersion from,
                                        std::size_t max,
                                        std::vector<eventstore::RecordedEvent>& out) = 0;
  // The most events one ReadAll or ReadStream call returns.
  virtual std::size_t max_read() const = 0;
  // The integrity of the whole log, as this source can check it (verify.h: VerifyStore,
  // VerifyServer), calling `progress` as it goes.
  virtual eventstore::Result<AuditReport> Verify(const eventstore::VerifyProgress& progress) = 0;
  // Calls `visit` with each event with position in [from, last], in position order, until it
  // returns false or the log ends. The view is valid only during its call. This form reads
  // ReadAll pages; a store source visits the stored bytes without copying them.
  virtual eventstore::Status ScanAll(
      eventstore::Position from, uint64_t last,
      const std::function<bool(const eventstore::RecordView&)>& visit);
};

// A store directory, opened with EventStore::OpenReadOnly (ReadOnlyOptions::Mode::kAuto).
class StoreSource final : public LogSource {
 public:
  static eventstore::Result<std::unique_ptr<StoreSource>> Open(const std::filesystem::path& dir);

  std::string Describe() const override;
  eventstore::Result<eventstore::LogHead> Head() override;
  eventstore::Status ReadAll(eventstore::Position from, std::size_t max,
                             std::vector<eventstore::RecordedEvent>& out) override;
  eventstore::Status ReadStream(std::string_view stream_id, eventstore::StreamVersion from,
                                std::size_t max,
                                std::vector<eventstore::RecordedEvent>& out) override;
  std::size_t max_read() const override;
  eventstore::Result<AuditReport> Verify(const eventstore::VerifyProgress& progress) override;
  eventstore::Status ScanAll(
      eventstore::Position from, uint64_t last,
      const std::function<bool(const eventstore::RecordView&)>& visit) override;

  const eventstore::EventStore& store() const { return *store_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  StoreSource(std::filesystem::path dir, std::unique_ptr<eventstore::EventStore> store)
      : dir_(std::move(dir)), store_(std::move(store)) {}
  std::filesystem::path dir_;
  std::unique_ptr<eventstore::EventStore> store_;
};

// How to reach a server.
struct ServerOptions {
  // The address, the bearer token (an auditor's; empty: none, for a server in anonymous mode) and
  // the TLS files, meaning what they mean to every trygg client (common/channel.h). Its output
  // and timeout are the trygg client's and do not apply here.
  client::Settings settings;
  // Deadline of each call.
  std::chrono::seconds call_timeout{60};
};

// A running trygg-server, read through EventLogService.
class ServerSource final : public LogSource {
 public:
  // Reads the TLS files and makes the channel; does not call the server yet. kInvalidArgument
  // when a TLS file cannot be read or is not PEM.
  static eventstore::Result<std::unique_ptr<ServerSource>> Connect(const ServerOptions& options);

  std::string Describe() const override;
  eventstore::Result<eventstore::LogHead> Head() override;
  eventstore::Status ReadAll(eventstore::Position from, std::size_t max,
                             std::vector<eventstore::RecordedEvent>& out) override;
  eventstore::Status ReadStream(std::string_view stream_id, eventstore::StreamVersion from,
                                std::size_t max,
                                std::vector<eventstore::RecordedEvent>& out) override;
  std::size_t max_read() const override;
  eventstore::Result<AuditReport> Verify(const eventstore::VerifyProgress& progress) override;

  // ReadAll as the server sends it, before any conversion.
  eventstore::Status ReadAllWire(uint64_t from, std::size_t max, std::vector<v1::Event>& out);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const std::string& address() const { return options_.settings.server; }
  // Sets the bearer token and the call deadline on a new call's context.
  void Prepare(grpc::ClientContext& context) const;
  // A failed call as a Status naming the server, the call and gRPC's code.
  eventstore::Status CallFailed(std::string_view call, const grpc::Status& status) const;

 private:
  ServerSource(ServerOptions options, std::shared_ptr<grpc::Channel> channel)
      : options_(std::move(options)), channel_(std::move(channel)) {}
  ServerOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::vector<v1::Event> wire_;  // reused between ReadAll calls
};

}  // namespace trygg::audit
