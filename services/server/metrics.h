// trygg-server's Prometheus metrics: the instruments the server updates as it works (RPCs, group
// commits), the values it reads when scraped (log head, projection lag, subscribers, store size,
// connections, health), the standard process_ metrics, and the text exposition format 0.0.4 they
// are served in on the HTTP side port's /metrics. docs/operations.md ("Metrics and health probes")
// lists every metric; the names live here only (metrics.cc).
//
// The hot paths take no lock: RecordCall finds its method's row in a table built once, before the
// gRPC server starts, and only reads it afterwards; counters and histogram buckets are relaxed
// atomics. A scrape reads them one by one, so one scrape may see a call in a histogram and not
// yet in its code's counter; every histogram's _count is the sum of its own buckets.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "call_record.h"

namespace trygg::server {

// Writes the Prometheus text exposition format, version 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/), into a string: a family's HELP
// and TYPE lines, then its samples, label values escaped.
class Exposition {
 public:
  using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

  // "# HELP name help" (help escaped) and "# TYPE name type" (counter, gauge or histogram).
  void Family(std::string_view name, std::string_view type, std::string_view help);
  // "name{label="value",...} value".
  void Sample(std::string_view name, const Labels& labels, double value);
  // A histogram's samples: name_bucket for each upper bound and +Inf (cumulative counts), name_sum
  // and name_count. `counts` has one count per bucket (not cumulative), the last for +Inf.
  void Histogram(std::string_view name, const Labels& labels, const std::vector<double>& bounds,
                 const std::vector<uint64_t>& counts, double sum);

  const std::string& text() const { return text_; }

 private:
  // {label="value",...}, with le="..." last when `le` is not empty; nothing without labels.
  void WriteLabels(const Labels& labels, std::string_view le);
  std::string text_;
};

// A histogram of whole numbers (nanoseconds, events) with fixed buckets: lock-free Observe.
class Histogram {
 public:
  // `bounds`: the buckets' upper bounds in Observe's unit, ascending. `scale`: what one unit is in
  // the exposed base unit (1e-9 for nanoseconds exposed as seconds; 1 for counts).
  Histogram(std::vector<uint64_t> bounds, double scale);

  void Observe(uint64_t value);
  // Appends the histogram's samples to `out`.
  void Write(Exposition& out, std::string_view name, const Exposition::Labels& labels) const;
  uint64_t count() const;

 private:
  std::vector<uint64_t> bounds_;
  double scale_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // one per bound, then +Inf; not cumulative
  std::atomic<uint64_t> sum_{0};
};

// What the server reads for a scrape; a value the server cannot know yet (the store is still
// opening) is left out of the exposition.
struct ScrapeValues {
  std::optional<uint64_t> head_position;       // the log's last committed position
  std::optional<uint64_t> projection_applied;  // the last position the projections applied
  std::optional<uint64_t> subscribers;         // live Subscribe streams
  std::optional<uint64_t> connections;         // open gRPC connections
  uint64_t store_size_bytes = 0;               // the store directory on disk
  bool writable = true;                        // the store accepts writes (disk not full/failed)
  bool ready = false;                          // /readyz says 200
};

class Metrics {
 public:
  // `methods`: the gRPC path of every method the server serves ("/package.Service/Method"); calls
  // of any other path count under service and method "other".
  explicit Metrics(const std::vector<std::string>& methods);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One finished call. Any thread; no lock.
  void RecordCall(const CallRecord& call);
  // One group commit of the event store: `events` appended, written and synced in `sync`. For
  // eventstore::Options::on_group_commit (the writer thread); no lock.
  void RecordGroupCommit(uint64_t events, std::chrono::nanoseconds sync);

  // The whole exposition: the instruments, `values`, and the process_ metrics.
  std::string Render(const ScrapeValues& values) const;

 private:
  struct Row;
  Row& RowOf(std::string_view method);

  std::vector<std::unique_ptr<Row>> rows_;  // one per method, then "other"; fixed after the ctor
  std::unordered_map<std::string_view, Row*> by_method_;  // keys are the rows' own strings
  std::atomic<uint64_t> events_appended_{0};
  Histogram group_commit_events_;
  Histogram group_commit_sync_;
};

// The gRPC paths of the methods of a service, from its descriptor in the generated descriptor pool
// ("trygg.v1.ActionPlanService" → "/trygg.v1.ActionPlanService/CreatePlan", ...); empty when the
// pool has no such service.
std::vector<std::string> MethodsOfService(const std::string& full_name);

// The size on disk (allocated blocks, as du counts them) of the files under `dir`; files that go
// while counting (RocksDB compacts meanwhile) are skipped.
uint64_t DiskUsage(const std::filesystem::path& dir);

// This process's TCP sockets (IPv4 and IPv6) whose local port is `port` and whose state is
// ESTABLISHED: the connections the server listening on `port` has accepted (getsockname and
// TCP_INFO of each socket in /proc/self/fd).
uint64_t EstablishedConnections(int port);

}  // namespace trygg::server
