#include "metrics.h"

#include <absl/status/status.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <google/protobuf/descriptor.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#ifndef TRYGG_VERSION
#define TRYGG_VERSION "unknown"
#endif

namespace trygg::server {
namespace {

// grpc::StatusCode runs from OK (0) to UNAUTHENTICATED (16).
constexpr int kCodes = 17;

// The upper bounds of trygg_rpc_duration_seconds, in nanoseconds: 100 µs to 10 s (a Subscribe
// lasts as long as its client follows, and lands in +Inf).
const std::vector<uint64_t> kRpcDurationBounds = {
    100'000,     250'000,     500'000,       1'000'000,     2'500'000,     5'000'000,
    10'000'000,  25'000'000,  50'000'000,    100'000'000,   250'000'000,   500'000'000,
    1'000'000'000, 2'500'000'000, 5'000'000'000, 10'000'000'000};
// trygg_group_commit_events: 1 to 4096 events (kMaxGroupCommitBytes bounds a group).
const std::vector<uint64_t> kGroupCommitEventsBounds = {1,  2,   4,   8,   16,   32,  64,
                                                        128, 256, 512, 1024, 2048, 4096};
// trygg_group_commit_sync_seconds, in nanoseconds: 50 µs (no fsync, or a battery-backed cache) to
// 1 s (a disk in trouble).
const std::vector<uint64_t> kGroupCommitSyncBounds = {
    50'000,     100'000,    250'000,     500'000,     1'000'000,   2'500'000,  5'000'000,
    10'000'000, 25'000'000, 50'000'000, 100'000'000, 250'000'000, 1'000'000'000};
constexpr double kNanosecond = 1e-9;

// A sample value: whole numbers as integers, others in the shortest form that reads back the same.
void AppendValue(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    const auto [end, ec] = std::abs(value) < 9e15 && value == std::trunc(value)
                               ? std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(value))
                               : std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, ec == std::errc() ? end : buf);
  }
}

// HELP text escapes backslash and newline; a label value also the double quote.
void AppendEscaped(std::string& out, std::string_view text, bool quote) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

std::string CodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

// The whole contents of a small /proc file; empty when it cannot be read.
std::string ReadProcFile(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The standard process_ metrics, as the Prometheus Go and Python clients export them.
void WriteProcessMetrics(Exposition& out) {
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  // /proc/self/stat: the fields after the command name's closing parenthesis, from field 3 (state)
  // on: utime is field 14, stime 15, starttime 22, vsize 23, rss 24 (proc(5)).
  const std::string stat = ReadProcFile("/proc/self/stat");
  const std::size_t paren = stat.rfind(')');
  if (paren != std::string::npos) {
    std::istringstream fields(stat.substr(paren + 2));
    std::vector<std::string> f{std::istream_iterator<std::string>(fields),
                               std::istream_iterator<std::string>()};
    if (f.size() >= 22) {
      const auto field = [&f](int n) { return std::stod(f[n - 3]); };
      out.Family("process_cpu_seconds_total", "counter",
                 "Total user and system CPU time spent in seconds.");
      out.Sample("process_cpu_seconds_total", {}, (field(14) + field(15)) / ticks);
      out.Family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
      out.Sample("process_virtual_memory_bytes", {}, field(23));
      out.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
      out.Sample("process_resident_memory_bytes", {}, field(24) * page);
      // Boot time (btime in /proc/stat) plus the start's ticks after boot.
      std::istringstream proc_stat(ReadProcFile("/proc/stat"));
      std::string key;
      double boot = 0;
      while (proc_stat >> key && key != "btime") proc_stat.ignore(1 << 20, '\n');
      if (key == "btime" && proc_stat >> boot) {
        out.Family("process_start_time_seconds", "gauge",
                   "Start time of the process since unix epoch in seconds.");
        out.Sample("process_start_time_seconds", {}, boot + field(22) / ticks);
      }
    }
  }
  if (DIR* fds = ::opendir("/proc/self/fd")) {
    uint64_t open = 0;
    while (const dirent* entry = ::readdir(fds)) open += entry->d_name[0] != '.';
    ::closedir(fds);
    out.Family("process_open_fds", "gauge", "Number of open file descriptors.");
    out.Sample("process_open_fds", {}, static_cast<double>(open - 1));  // less opendir's own
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    out.Family("process_max_fds", "gauge", "Maximum number of open file descriptors.");
    out.Sample("process_max_fds", {}, static_cast<double>(limit.rlim_cur));
  }
}

}  // namespace

void Exposition::Family(std::string_view name, std::string_view type, std::string_view help) {
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  AppendEscaped(text_, help, /*quote=*/false);
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += ' ';
  text_ += type;
  text_ += '\n';
}

void Exposition::WriteLabels(const Labels& labels, std::string_view le) {
  if (labels.empty() && le.empty()) return;
  text_ += '{';
  const char* separator = "";
  for (const auto& [label, value] : labels) {
    text_ += separator;
    text_ += label;
    text_ += "=\"";
    AppendEscaped(text_, value, /*quote=*/true);
    text_ += '"';
    separator = ",";
  }
  if (!le.empty()) {
    text_ += separator;
    text_ += "le=\"";
    text_ += le;
    text_ += '"';
  }
  text_ += '}';
}

void Exposition::Sample(std::string_view name, const Labels& labels, double value) {
  text_ += name;
  WriteLabels(labels, "");
  text_ += ' ';
  AppendValue(text_, value);
  text_ += '\n';
}

void Exposition::Histogram(std::string_view name, const Labels& labels,
                           const std::vector<double>& bounds, const std::vector<uint64_t>& counts,
                           double sum) {
  uint64_t cumulative = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    cumulative += counts[i];
    std::string le;
    AppendValue(le, i < bounds.size() ? bounds[i] : INFINITY);
    text_ += name;
    text_ += "_bucket";
    WriteLabels(labels, le);
    text_ += ' ';
    AppendValue(text_, static_cast<double>(cumulative));
    text_ += '\n';
  }
  Sample(std::string(name) + "_sum", labels, sum);
  Sample(std::string(name) + "_count", labels, static_cast<double>(cumulative));
}

Histogram::Histogram(std::vector<uint64_t> bounds, double scale)
    : bounds_(std::move(bounds)),
      scale_(scale),
      counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::Observe(uint64_t value) {
  // The first bucket whose upper bound is >= value (le: "less than or equal").
  const std::size_t bucket =
      std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

uint64_t Histogram::count() const {
  uint64_t total = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
  }
  return total;
}

void Histogram::Write(Exposition& out, std::string_view name,
                      const Exposition::Labels& labels) const {
  std::vector<double> bounds;
  bounds.reserve(bounds_.size());
  for (const uint64_t b : bounds_) bounds.push_back(static_cast<double>(b) * scale_);
  std::vector<uint64_t> counts;
  counts.reserve(bounds_.size() + 1);
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    counts.push_back(counts_[i].load(std::memory_order_relaxed));
  }
  out.Histogram(name, labels, bounds, counts,
                static_cast<double>(sum_.load(std::memory_order_relaxed)) * scale_);
}

struct Metrics::Row {
  Row(std::string service_name, std::string method_name)
      : service(std::move(service_name)),
        method(std::move(method_name)),
        path("/" + service + "/" + method),
        duration(kRpcDurationBounds, kNanosecond) {}

  const std::string service;
  const std::string method;
  const std::string path;
  std::array<std::atomic<uint64_t>, kCodes> codes{};
  Histogram duration;
};

Metrics::Metrics(const std::vector<std::string>& methods)
    : group_commit_events_(kGroupCommitEventsBounds, 1),
      group_commit_sync_(kGroupCommitSyncBounds, kNanosecond) {
  for (const std::string& path : methods) {
    const std::size_t slash = path.rfind('/');
    if (path.empty() || path[0] != '/' || slash == 0 || by_method_.contains(path)) continue;
    rows_.push_back(
        std::make_unique<Row>(path.substr(1, slash - 1), path.substr(slash + 1)));
    by_method_.emplace(rows_.back()->path, rows_.back().get());
  }
  rows_.push_back(std::make_unique<Row>("other", "other"));
}

Metrics::~Metrics() = default;

Metrics::Row& Metrics::RowOf(std::string_view method) {
  const auto it = by_method_.find(method);
  return it == by_method_.end() ? *rows_.back() : *it->second;
}

void Metrics::RecordCall(const CallRecord& call) {
  Row& row = RowOf(call.method);
  const int code = static_cast<int>(call.code);
  row.codes[code >= 0 && code < kCodes ? code : static_cast<int>(grpc::StatusCode::UNKNOWN)]
      .fetch_add(1, std::memory_order_relaxed);
  row.duration.Observe(static_cast<uint64_t>(std::max<int64_t>(call.latency.count(), 0)));
}

void Metrics::RecordGroupCommit(uint64_t events, std::chrono::nanoseconds sync) {
  events_appended_.fetch_add(events, std::memory_order_relaxed);
  group_commit_events_.Observe(events);
  group_commit_sync_.Observe(static_cast<uint64_t>(std::max<int64_t>(sync.count(), 0)));
}

std::string Metrics::Render(const ScrapeValues& values) const {
  Exposition out;
  // Every method's OK count and duration histogram, even at zero, so that rates and alerts have a
  // series from the first scrape on; other codes once they have happened.
  out.Family("trygg_rpc_handled_total", "counter",
             "RPCs completed, by service, method and gRPC status code.");
  for (const auto& row : rows_) {
    for (int code = 0; code < kCodes; ++code) {
      const uint64_t n = row->codes[code].load(std::memory_order_relaxed);
      if (n == 0 && code != 0) continue;
      const std::string name = CodeName(code);
      out.Sample("trygg_rpc_handled_total",
                 {{"service", row->service}, {"method", row->method}, {"code", name}},
                 static_cast<double>(n));
    }
  }
  out.Family("trygg_rpc_duration_seconds", "histogram",
             "Time from an RPC's arrival to its status being sent, by service and method.");
  for (const auto& row : rows_) {
    row->duration.Write(out, "trygg_rpc_duration_seconds",
                        {{"service", row->service}, {"method", row->method}});
  }

  out.Family("trygg_events_appended_total", "counter",
             "Events appended to the event log (durable) since the server started.");
  out.Sample("trygg_events_appended_total", {},
             static_cast<double>(events_appended_.load(std::memory_order_relaxed)));
  out.Family("trygg_group_commit_events", "histogram", "Events per group commit of the event log.");
  group_commit_events_.Write(out, "trygg_group_commit_events", {});
  out.Family("trygg_group_commit_sync_seconds", "histogram",
             "Time to write and sync (fdatasync) one group commit of the event log.");
  group_commit_sync_.Write(out, "trygg_group_commit_sync_seconds", {});

  if (values.head_position) {
    out.Family("trygg_log_head_position", "gauge",
               "Position of the last committed event of the log.");
    out.Sample("trygg_log_head_position", {}, static_cast<double>(*values.head_position));
  }
  if (values.head_position && values.projection_applied) {
    out.Family("trygg_projection_lag_events", "gauge",
               "Events committed to the log and not yet applied to the projections that serve "
               "queries.");
    const uint64_t applied = std::min(*values.projection_applied, *values.head_position);
    out.Sample("trygg_projection_lag_events", {},
               static_cast<double>(*values.head_position - applied));
  }
  if (values.subscribers) {
    out.Family("trygg_subscribers", "gauge", "Live EventLogService.Subscribe streams.");
    out.Sample("trygg_subscribers", {}, static_cast<double>(*values.subscribers));
  }
  if (values.connections) {
    out.Family("trygg_connections", "gauge",
               "Open (ESTABLISHED) TCP connections to the gRPC port.");
    out.Sample("trygg_connections", {}, static_cast<double>(*values.connections));
  }
  out.Family("trygg_store_size_bytes", "gauge",
             "Disk space the event store's directory takes (allocated blocks, as du).");
  out.Sample("trygg_store_size_bytes", {}, static_cast<double>(values.store_size_bytes));
  out.Family("trygg_store_writable", "gauge",
             "1 while the event store accepts writes; 0 while its disk is full or has failed.");
  out.Sample("trygg_store_writable", {}, values.writable ? 1 : 0);
  out.Family("trygg_ready", "gauge", "1 while /readyz answers 200, 0 otherwise.");
  out.Sample("trygg_ready", {}, values.ready ? 1 : 0);
  out.Family("trygg_build_info", "gauge", "Always 1; the version of the running trygg-server.");
  out.Sample("trygg_build_info", {{"version", TRYGG_VERSION}}, 1);
  WriteProcessMetrics(out);
  return out.text();
}

std::vector<std::string> MethodsOfService(const std::string& full_name) {
  std::vector<std::string> methods;
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(full_name);
  if (service == nullptr) return methods;
  for (int i = 0; i < service->method_count(); ++i) {
    methods.push_back("/" + full_name + "/" + service->method(i)->name());
  }
  return methods;
}

uint64_t DiskUsage(const std::filesystem::path& dir) {
  uint64_t bytes = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(
           dir, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) == 0) bytes += static_cast<uint64_t>(st.st_blocks) * 512;
  }
  return bytes;
}

uint64_t EstablishedConnections(int port) {
  // This process's own sockets, not /proc/net/tcp: reading that walks the kernel's whole table of
  // the network namespace's connections (hash buckets included), which was half a scrape's CPU.
  uint64_t established = 0;
  DIR* fds = ::opendir("/proc/self/fd");
  if (fds == nullptr) return 0;
  while (const dirent* entry = ::readdir(fds)) {
    const int fd = std::atoi(entry->d_name);
    struct stat st {};
    if (entry->d_name[0] == '.' || ::fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    int local_port = -1;
    if (address.ss_family == AF_INET) {
      local_port = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    } else if (address.ss_family == AF_INET6) {
      local_port = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    }
    tcp_info info{};
    length = sizeof info;
    if (local_port == port && ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 &&
        info.tcpi_state == TCP_ESTABLISHED) {
      ++established;
    }
  }
  ::closedir(fds);
  return established;
}

}  // namespace trygg::server
