// trygg-loadgen [--server ADDR] --coordinator-token T --agency-token T [--agency ID]
//               [--clients N] [--channels K] [--seconds S] [--query-rate Q] [--plan ID]
//               [--reader-token T] [--baseline-seconds B]
//
// Drives a running trygg-server over gRPC with the command mix of a busy plan and, alongside it,
// a steady rate of status queries; prints commands/s and p50/p99/max latency per RPC, next to
// gRPC's own ceiling on the same machine (a no-op RPC under the same client load).
//
//   baseline  first, for --baseline-seconds (0: skipped): the same --clients over the same
//             channels each call grpc.health.v1.Health/Check (served by trygg-server's default
//             health service: no authorization, no storage) with one call in flight, carrying the
//             coordinator's authorization metadata like the commands. Its calls/s is the ceiling
//             the commands are compared with. A failed check ends that client's baseline.
//   commands  --clients chains, each with exactly one command in flight, spread over --channels
//             channels (each a separate HTTP/2 connection). A chain takes one measure through its
//             life and starts the next: ProposeMeasure, PrioritiseMeasure, AssignMeasure (to
//             --agency; coordinator token), StartMeasure, ReportProgress 50 %, CompleteMeasure
//             (agency token), each with the expected_version from the previous reply. A failed
//             command is counted under its status code and the chain moves on to a new measure
//             after 5 ms.
//   queries   GetAgencyStatus(--agency, page_size 100) at --query-rate per second, open loop
//             (issued on schedule whether or not earlier ones have answered, at most 10,000 in
//             flight), with the reader token, over a connection of their own (a dashboard is
//             another client than the systems that write). The request is serialised once and
//             sent through a generic stub; replies are counted and timed, not parsed.
//
// Everything is asynchronous (the gRPC callback API): the threads are gRPC's callback threads,
// one pacing thread (queries and the retry queue) and main (progress once per second to stderr).
// Each client reuses its request messages and reply; callbacks capture two pointers, so no call
// allocates for its std::function. Latency is steady_clock from issuing a call to its callback, in
// a log-linear histogram (32 buckets per power of two, <= 3 % error); only calls that complete
// inside the window are counted. The load generator's own CPU use (getrusage user+sys over wall
// time) is reported for both windows, with the machine's CPU count, so a reader can tell whether
// the client limited the result. Setup first creates the plan (focus area "load") and registers
// the agency, accepting ALREADY_EXISTS, then runs one chain, one query and (with a baseline) one
// health check synchronously as a check (exit 1 if they fail). Command and measure ids carry a
// random run id, so runs against one server do not collide. The table goes to stdout. Exit codes:
// 0 done (even with errors), 1 setup failed, 2 bad usage.
#include <absl/synchronization/mutex.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "testutil/generic_call.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace {

namespace v1 = trygg::v1;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kCallTimeout = 10s;
constexpr auto kRetryDelay = 5ms;
constexpr int kMaxQueriesInFlight = 10000;

// Built once: AddMetadata and GenericStub::UnaryCall take const std::string&.
const std::string kAuthorizationKey = "authorization";
const std::string kHealthCheckMethod = "/grpc.health.v1.Health/Check";
const std::string kGetAgencyStatusMethod = "/trygg.v1.StatusService/GetAgencyStatus";

struct Options {
  std::string server = "127.0.0.1:50051";
  std::string coordinator_token;
  std::string agency_token;
  std::string reader_token;
  std::string agency = "load-agency";
  std::string plan = "loadgen-plan";
  int clients = 64;
  int channels = 4;
  double seconds = 10;
  double query_rate = 1000;
  double baseline_seconds = 5;
};

enum Rpc {
  kPropose,
  kPrioritise,
  kAssign,
  kStart,
  kProgress,
  kComplete,
  kQuery,
  kHealth,
  kRpcCount
};
constexpr int kCommandRpcs = kQuery;  // the RPCs before kQuery are commands
constexpr const char* kRpcNames[kRpcCount] = {
    "ProposeMeasure", "PrioritiseMeasure", "AssignMeasure",   "StartMeasure",
    "ReportProgress", "CompleteMeasure",   "GetAgencyStatus", "Health/Check (baseline)"};

std::string CodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}
constexpr int kCodeCount = 17;

// User plus system CPU seconds this process has used so far.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Appends n in decimal (no allocation beyond the string's own growth).
void AppendNumber(std::string& s, std::uint64_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  s.append(digits, end);
}

// *id = measure + step, reusing id's buffer.
void SetCommandId(std::string* id, const std::string& measure, std::string_view step) {
  id->assign(measure);
  id->append(step);
}

// Log-linear latency histogram in microseconds: exact below 32 µs, then 32 buckets per power of
// two. Lock-free; recorded from any thread.
class Histogram {
 public:
  void Record(std::uint64_t micros) {
    buckets_[Index(micros)].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    std::uint64_t max = max_.load(std::memory_order_relaxed);
    while (micros > max && !max_.compare_exchange_weak(max, micros, std::memory_order_relaxed)) {
    }
  }
  std::uint64_t Count() const { return count_.load(std::memory_order_relaxed); }
  std::uint64_t Max() const { return max_.load(std::memory_order_relaxed); }
  // The value (µs, bucket midpoint) at quantile q of the recorded samples; 0 when empty.
  double Quantile(double q) const {
    std::uint64_t total = 0;
    for (const auto& b : buckets_) total += b.load(std::memory_order_relaxed);
    if (total == 0) return 0;
    auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total));
    rank = std::clamp<std::uint64_t>(rank, 1, total);
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
      seen += buckets_[static_cast<std::size_t>(i)].load(std::memory_order_relaxed);
      if (seen >= rank) return Midpoint(i);
    }
    return static_cast<double>(Max());
  }

 private:
  static constexpr int kSubBits = 5;
  static constexpr int kSub = 1 << kSubBits;
  static constexpr int kBuckets = 64 * kSub;

  static int Index(std::uint64_t v) {
    if (v < kSub) return static_cast<int>(v);
    const int shift = std::bit_width(v) - 1 - kSubBits;
    const int index = (shift + 1) * kSub + static_cast<int>((v >> shift) - kSub);
    return std::min(index, kBuckets - 1);
  }
  static double Midpoint(int index) {
    if (index < kSub) return index;
    const int shift = index / kSub - 1;
    const std::uint64_t low = static_cast<std::uint64_t>(kSub + index % kSub) << shift;
    return static_cast<double>(low) + static_cast<double>((std::uint64_t{1} << shift) - 1) / 2;
  }

  std::array<std::atomic<std::uint64_t>, kBuckets> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> max_{0};
};

struct RpcStats {
  Histogram ok;  // successful calls completed in the window
  std::array<std::atomic<std::uint64_t>, kCodeCount> errors{};  // any time, by status code
  std::mutex mu;
  std::string first_error;
};

std::uint64_t ErrorCount(const RpcStats& s) {
  std::uint64_t n = 0;
  for (const auto& e : s.errors) n += e.load(std::memory_order_relaxed);
  return n;
}

// One command chain. Its requests and reply are reused from call to call (fields that never
// change are set once), and the context of the call in flight lives here: a ClientContext cannot
// be reused, so each call emplaces a fresh one.
struct Client {
  int index = 0;
  std::uint64_t seq = 0;
  v1::ActionPlanService::Stub* stub = nullptr;
  std::string measure_prefix;  // "lg-<run>-<index>-"
  std::string title_prefix;    // "Load measure <index>/"
  std::string measure_id;
  std::uint64_t version = 0;
  Rpc rpc = kPropose;  // the command in flight
  Clock::time_point start;
  std::optional<grpc::ClientContext> context;
  v1::ProposeMeasureRequest propose;
  v1::PrioritiseMeasureRequest prioritise;
  v1::AssignMeasureRequest assign;
  v1::StartMeasureRequest start_measure;
  v1::ReportProgressRequest progress;
  v1::CompleteMeasureRequest complete;
  v1::CommandReply reply;
};

// One client of the baseline: Health/Check with one call in flight.
struct Probe {
  grpc::GenericStub* stub = nullptr;
  Clock::time_point start;
  std::optional<grpc::ClientContext> context;
  grpc::ByteBuffer reply;
};

// One GetAgencyStatus call (open loop, so not tied to a client).
struct QueryCall {
  grpc::ClientContext context;
  grpc::ByteBuffer reply;
  Clock::time_point start;
};

// Wall and CPU time of a measured window.
struct Window {
  double seconds = 0;
  double cpu_seconds = 0;
  double Cores() const { return seconds > 0 ? cpu_seconds / seconds : 0; }
};

class Loadgen {
 public:
  Loadgen(Options options, std::string run_id)
      : options_(std::move(options)),
        run_id_(std::move(run_id)),
        coordinator_auth_("Bearer " + options_.coordinator_token),
        agency_auth_("Bearer " + options_.agency_token),
        reader_auth_("Bearer " + options_.reader_token),
        description_("Generated by trygg-loadgen run " + run_id_) {
    // --channels for the commands (and the baseline), one more for the queries: a status
    // dashboard is another client than the systems that write.
    for (int i = 0; i <= options_.channels; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("trygg.loadgen.channel", i);  // distinct args: a connection per channel
      // The load generator shares the server's cores, so its calls skip what it does not use:
      // gRPC's optional client filters (the minimal stack; deadlines still apply) and retries.
      args.SetInt(GRPC_ARG_MINIMAL_STACK, 1);
      args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
      channels_.push_back(
          grpc::CreateCustomChannel(options_.server, grpc::InsecureChannelCredentials(), args));
      if (i == options_.channels) {
        query_stub_ = std::make_unique<grpc::GenericStub>(channels_.back());
        break;
      }
      command_stubs_.push_back(v1::ActionPlanService::NewStub(channels_.back()));
      generic_stubs_.push_back(std::make_unique<grpc::GenericStub>(channels_.back()));
    }
    status_stub_ = v1::StatusService::NewStub(channels_.front());
    // Serialised once; every query and every health check sends a copy (slice references).
    v1::GetAgencyStatusRequest query;
    query.set_agency_id(options_.agency);
    query.set_page_size(100);
    const std::string bytes = query.SerializeAsString();
    grpc::Slice query_slice(bytes);
    query_request_ = grpc::ByteBuffer(&query_slice, 1);
    grpc::Slice empty;  // an empty HealthCheckRequest (service "") is zero bytes
    health_request_ = grpc::ByteBuffer(&empty, 1);
  }

  // Connects every channel, creates the plan and the agency, and checks one chain, one query and
  // (with a baseline) one health check synchronously. False (after printing why) on failure.
  bool Setup();
  // Runs the baseline (if any), then the load for --seconds, printing progress; waits for every
  // call to finish after each.
  void Run();
  void Report(const std::string& command_line) const;

 private:
  grpc::ClientContext* Begin(Client& c, Rpc rpc, const std::string& auth);
  auto Done(Client& c) {
    return [this, &c](grpc::Status status) { CommandDone(c, status); };
  }
  void CommandDone(Client& c, const grpc::Status& status);
  void Propose(Client& c);
  void Prioritise(Client& c);
  void Assign(Client& c);
  void StartMeasure(Client& c);
  void Progress(Client& c);
  void Complete(Client& c);
  void Failed(Client& c);
  void Query();
  void Check(Probe& p);
  void Pace();
  void RunBaseline();
  template <typename Kickoff, typename Each>
  Window Measure(double seconds, Kickoff kickoff, Each each);
  void Drain();
  void Record(Rpc rpc, Clock::duration latency, const grpc::Status& status);
  void Release();
  grpc::Status GenericCall(const std::string& method, const std::string& auth,
                           const grpc::ByteBuffer& request);

  Options options_;
  std::string run_id_;
  std::string coordinator_auth_, agency_auth_, reader_auth_;
  std::string description_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<v1::ActionPlanService::Stub>> command_stubs_;
  std::vector<std::unique_ptr<grpc::GenericStub>> generic_stubs_;  // one per command channel
  std::unique_ptr<grpc::GenericStub> query_stub_;                  // on the query channel
  std::unique_ptr<v1::StatusService::Stub> status_stub_;           // the setup check only
  grpc::ByteBuffer query_request_;
  grpc::ByteBuffer health_request_;
  std::unique_ptr<Client[]> clients_;
  std::unique_ptr<Probe[]> probes_;

  mutable std::array<RpcStats, kRpcCount> stats_;
  std::atomic<bool> running_{false};    // clients issue new calls
  std::atomic<bool> probing_{false};    // baseline clients issue new health checks
  std::atomic<bool> recording_{false};  // completions count towards the results
  std::atomic<int> outstanding_{0};     // calls in flight plus clients waiting to retry
  std::atomic<int> queries_in_flight_{0};
  std::atomic<std::uint64_t> queries_skipped_{0};
  std::mutex mu_;  // guards retry_ and wakes Run when outstanding_ drops to zero
  std::condition_variable idle_;
  std::vector<std::pair<Clock::time_point, Client*>> retry_;
  Window run_, baseline_;
};

void Loadgen::Record(Rpc rpc, Clock::duration latency, const grpc::Status& status) {
  RpcStats& s = stats_[rpc];
  if (!status.ok()) {
    const int code = static_cast<int>(status.error_code());
    s.errors[static_cast<std::size_t>(code >= 0 && code < kCodeCount ? code : 2)].fetch_add(
        1, std::memory_order_relaxed);
    std::lock_guard lock(s.mu);
    if (s.first_error.empty()) {
      s.first_error = std::string(CodeName(code)) + ": " + status.error_message();
    }
    return;
  }
  if (!recording_.load(std::memory_order_relaxed)) return;
  s.ok.Record(static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(latency).count()));
}

void Loadgen::Release() {
  if (outstanding_.fetch_sub(1, std::memory_order_acq_rel) == 1 &&
      !running_.load(std::memory_order_acquire)) {
    std::lock_guard lock(mu_);
    idle_.notify_all();
  }
}

// Prepares c's next command: a fresh context with the authorization metadata and the deadline.
// Counts the call as outstanding and starts its clock; the caller starts the call at once.
grpc::ClientContext* Loadgen::Begin(Client& c, Rpc rpc, const std::string& auth) {
  c.context.reset();  // the previous call's, finished: its callback is running or has run
  grpc::ClientContext& context = c.context.emplace();
  context.AddMetadata(kAuthorizationKey, auth);
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  c.rpc = rpc;
  outstanding_.fetch_add(1, std::memory_order_relaxed);
  c.start = Clock::now();
  return &context;
}

// A command's callback: records it and issues the chain's next command (or schedules a retry).
void Loadgen::CommandDone(Client& c, const grpc::Status& status) {
  const Rpc rpc = c.rpc;
  Record(rpc, Clock::now() - c.start, status);
  if (!status.ok()) {
    Failed(c);
  } else {
    c.version = c.reply.version();
    switch (rpc) {
      case kPropose: Prioritise(c); break;
      case kPrioritise: Assign(c); break;
      case kAssign: StartMeasure(c); break;
      case kStart: Progress(c); break;
      case kProgress: Complete(c); break;
      case kComplete: Propose(c); break;
      default: break;
    }
  }
  Release();
}

// A failed command ends its measure's chain: the client starts a new measure after kRetryDelay,
// from the pacing thread (no tight loop against a failing server, no recursion into gRPC).
void Loadgen::Failed(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  outstanding_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(mu_);
  retry_.emplace_back(Clock::now() + kRetryDelay, &c);
}

void Loadgen::Propose(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  ++c.seq;
  c.measure_id.assign(c.measure_prefix);
  AppendNumber(c.measure_id, c.seq);
  auto& r = c.propose;
  SetCommandId(r.mutable_command_id(), c.measure_id, "-propose");
  std::string* title = r.mutable_title();
  title->assign(c.title_prefix);
  AppendNumber(*title, c.seq);
  r.mutable_measure_id()->assign(c.measure_id);
  auto* context = Begin(c, kPropose, coordinator_auth_);
  c.stub->async()->ProposeMeasure(context, &r, &c.reply, Done(c));
}

void Loadgen::Prioritise(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto& r = c.prioritise;
  SetCommandId(r.mutable_command_id(), c.measure_id, "-prioritise");
  r.mutable_measure_id()->assign(c.measure_id);
  static constexpr v1::Priority kPriorities[] = {v1::PRIORITY_HIGH, v1::PRIORITY_MEDIUM,
                                                 v1::PRIORITY_LOW};
  r.set_priority(kPriorities[c.seq % 3]);
  r.set_expected_version(c.version);
  auto* context = Begin(c, kPrioritise, coordinator_auth_);
  c.stub->async()->PrioritiseMeasure(context, &r, &c.reply, Done(c));
}

void Loadgen::Assign(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto& r = c.assign;
  SetCommandId(r.mutable_command_id(), c.measure_id, "-assign");
  r.mutable_measure_id()->assign(c.measure_id);
  r.set_expected_version(c.version);
  auto* context = Begin(c, kAssign, coordinator_auth_);
  c.stub->async()->AssignMeasure(context, &r, &c.reply, Done(c));
}

void Loadgen::StartMeasure(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto& r = c.start_measure;
  SetCommandId(r.mutable_command_id(), c.measure_id, "-start");
  r.mutable_measure_id()->assign(c.measure_id);
  r.set_expected_version(c.version);
  auto* context = Begin(c, kStart, agency_auth_);
  c.stub->async()->StartMeasure(context, &r, &c.reply, Done(c));
}

void Loadgen::Progress(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto& r = c.progress;
  SetCommandId(r.mutable_command_id(), c.measure_id, "-progress");
  r.mutable_measure_id()->assign(c.measure_id);
  r.set_expected_version(c.version);
  auto* context = Begin(c, kProgress, agency_auth_);
  c.stub->async()->ReportProgress(context, &r, &c.reply, Done(c));
}

void Loadgen::Complete(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto& r = c.complete;
  SetCommandId(r.mutable_command_id(), c.measure_id, "-complete");
  r.mutable_measure_id()->assign(c.measure_id);
  r.set_expected_version(c.version);
  auto* context = Begin(c, kComplete, agency_auth_);
  c.stub->async()->CompleteMeasure(context, &r, &c.reply, Done(c));
}

void Loadgen::Query() {
  if (queries_in_flight_.load(std::memory_order_relaxed) >= kMaxQueriesInFlight) {
    queries_skipped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  queries_in_flight_.fetch_add(1, std::memory_order_relaxed);
  auto* call = new QueryCall;
  call->context.AddMetadata(kAuthorizationKey, reader_auth_);
  call->context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  outstanding_.fetch_add(1, std::memory_order_relaxed);
  call->start = Clock::now();
  query_stub_->UnaryCall(&call->context, kGetAgencyStatusMethod, grpc::StubOptions(),
                         &query_request_, &call->reply, [this, call](grpc::Status status) {
                           Record(kQuery, Clock::now() - call->start, status);
                           delete call;
                           queries_in_flight_.fetch_sub(1, std::memory_order_relaxed);
                           Release();
                         });
}

// A baseline client's next health check; its callback issues the one after.
void Loadgen::Check(Probe& p) {
  if (!probing_.load(std::memory_order_relaxed)) return;
  p.context.reset();
  grpc::ClientContext& context = p.context.emplace();
  context.AddMetadata(kAuthorizationKey, coordinator_auth_);
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  outstanding_.fetch_add(1, std::memory_order_relaxed);
  p.start = Clock::now();
  p.stub->UnaryCall(&context, kHealthCheckMethod, grpc::StubOptions(), &health_request_, &p.reply,
                    [this, &p](grpc::Status status) {
                      Record(kHealth, Clock::now() - p.start, status);
                      if (status.ok()) Check(p);  // a failure ends this client's baseline
                      Release();
                    });
}

// The pacing thread: issues queries on schedule and restarts failed chains when their delay is up.
void Loadgen::Pace() {
  const bool queries = options_.query_rate > 0;
  const auto period = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(queries ? 1.0 / options_.query_rate : 1.0));
  auto next_query = Clock::now();
  auto wake = next_query;
  std::vector<Client*> due;
  while (running_.load(std::memory_order_relaxed)) {
    std::this_thread::sleep_until(wake);
    const auto now = Clock::now();
    if (queries) {
      if (now - next_query > 50ms) {  // fell far behind: skip, do not burst to catch up
        queries_skipped_.fetch_add(static_cast<std::uint64_t>((now - next_query) / period),
                                   std::memory_order_relaxed);
        next_query = now;
      }
      for (; next_query <= now; next_query += period) Query();
    }
    {
      std::lock_guard lock(mu_);
      auto keep = std::partition(retry_.begin(), retry_.end(),
                                 [now](const auto& r) { return r.first > now; });
      for (auto it = keep; it != retry_.end(); ++it) due.push_back(it->second);
      retry_.erase(keep, retry_.end());
    }
    for (Client* c : due) {
      Propose(*c);
      Release();
    }
    due.clear();
    // Wake at least every millisecond for the retry queue.
    wake = queries ? std::min(next_query, now + 1ms) : now + 1ms;
  }
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < retry_.size(); ++i) Release();
  retry_.clear();
}

bool Loadgen::Setup() {
  const auto deadline = std::chrono::system_clock::now() + 5s;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (!channels_[i]->WaitForConnected(deadline)) {
      std::cerr << "trygg-loadgen: cannot connect to " << options_.server << " (channel " << i
                << ")\n";
      return false;
    }
  }
  v1::ActionPlanService::Stub& stub = *command_stubs_[0];
  auto call = [](const std::string& auth, const char* what, auto request, auto rpc,
                 v1::CommandReply* reply, bool exists_ok) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", auth);
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    const grpc::Status status = rpc(&context, request, reply);
    if (status.ok() || (exists_ok && status.error_code() == grpc::StatusCode::ALREADY_EXISTS)) {
      return true;
    }
    std::cerr << "trygg-loadgen: setup: " << what << ": " << CodeName(status.error_code()) << ": "
              << status.error_message() << "\n";
    return false;
  };
  v1::CommandReply reply;
  v1::CreatePlanRequest plan;
  plan.set_command_id("lg-" + run_id_ + "-create-plan");
  plan.set_plan_id(options_.plan);
  plan.set_name("trygg-loadgen plan");
  plan.set_municipality("Loopback kommun");
  auto* area = plan.add_focus_areas();
  area->set_key("load");
  area->set_name("Load");
  if (!call(
          coordinator_auth_, "CreatePlan", plan,
          [&](auto* ctx, const auto& req, auto* rep) { return stub.CreatePlan(ctx, req, rep); },
          &reply, true)) {
    return false;
  }
  v1::RegisterAgencyRequest agency;
  agency.set_command_id("lg-" + run_id_ + "-register-agency");
  agency.set_agency_id(options_.agency);
  agency.set_name("trygg-loadgen agency");
  agency.set_kind("load");
  if (!call(
          coordinator_auth_, "RegisterAgency", agency,
          [&](auto* ctx, const auto& req, auto* rep) { return stub.RegisterAgency(ctx, req, rep); },
          &reply, true)) {
    return false;
  }

  // One chain, synchronously: proves both tokens and the plan's focus area before the load.
  const std::string id = "lg-" + run_id_ + "-check";
  v1::ProposeMeasureRequest propose;
  propose.set_command_id(id + "-propose");
  propose.set_plan_id(options_.plan);
  propose.set_focus_area("load");
  propose.set_title("trygg-loadgen check");
  propose.set_measure_id(id);
  v1::PrioritiseMeasureRequest prioritise;
  prioritise.set_command_id(id + "-prioritise");
  prioritise.set_measure_id(id);
  prioritise.set_priority(v1::PRIORITY_LOW);
  v1::AssignMeasureRequest assign;
  assign.set_command_id(id + "-assign");
  assign.set_measure_id(id);
  assign.set_agency_id(options_.agency);
  assign.set_due_date("2027-12-31");
  v1::StartMeasureRequest start;
  start.set_command_id(id + "-start");
  start.set_measure_id(id);
  v1::CompleteMeasureRequest complete;
  complete.set_command_id(id + "-complete");
  complete.set_measure_id(id);
  const bool chain_ok =
      call(
          coordinator_auth_, "check ProposeMeasure", propose,
          [&](auto* ctx, const auto& req, auto* rep) { return stub.ProposeMeasure(ctx, req, rep); },
          &reply, false) &&
      call(
          coordinator_auth_, "check PrioritiseMeasure", prioritise,
          [&](auto* ctx, const auto& req, auto* rep) {
            return stub.PrioritiseMeasure(ctx, req, rep);
          },
          &reply, false) &&
      call(
          coordinator_auth_, "check AssignMeasure", assign,
          [&](auto* ctx, const auto& req, auto* rep) { return stub.AssignMeasure(ctx, req, rep); },
          &reply, false) &&
      call(
          agency_auth_, "check StartMeasure (agency token)", start,
          [&](auto* ctx, const auto& req, auto* rep) { return stub.StartMeasure(ctx, req, rep); },
          &reply, false) &&
      call(
          agency_auth_, "check CompleteMeasure (agency token)", complete,
          [&](auto* ctx, const auto& req, auto* rep) {
            return stub.CompleteMeasure(ctx, req, rep);
          },
          &reply, false);
  if (!chain_ok) return false;

  grpc::ClientContext context;
  context.AddMetadata("authorization", reader_auth_);
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  v1::GetAgencyStatusRequest query;
  query.set_agency_id(options_.agency);
  query.set_page_size(100);
  query.set_min_position(reply.position());  // the check's writes are visible
  v1::AgencyStatus agency_status;
  const grpc::Status status = status_stub_->GetAgencyStatus(&context, query, &agency_status);
  if (!status.ok()) {
    std::cerr << "trygg-loadgen: setup: check GetAgencyStatus (reader token): "
              << CodeName(status.error_code()) << ": " << status.error_message() << "\n";
    return false;
  }
  // The load's own paths: the pre-serialised query and, with a baseline, the health check.
  const grpc::Status generic_query =
      GenericCall(kGetAgencyStatusMethod, reader_auth_, query_request_);
  if (!generic_query.ok()) {
    std::cerr << "trygg-loadgen: setup: check GetAgencyStatus (generic stub): "
              << CodeName(generic_query.error_code()) << ": " << generic_query.error_message()
              << "\n";
    return false;
  }
  if (options_.baseline_seconds > 0) {
    const grpc::Status health = GenericCall(kHealthCheckMethod, coordinator_auth_, health_request_);
    if (!health.ok()) {
      std::cerr << "trygg-loadgen: setup: check " << kHealthCheckMethod << ": "
                << CodeName(health.error_code()) << ": " << health.error_message()
                << " (--baseline-seconds 0 skips the baseline)\n";
      return false;
    }
  }
  return true;
}

// One unary call through the generic stub, waited for.
grpc::Status Loadgen::GenericCall(const std::string& method, const std::string& auth,
                                  const grpc::ByteBuffer& request) {
  grpc::ClientContext context;
  context.AddMetadata(kAuthorizationKey, auth);
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  grpc::ByteBuffer reply;
  return trygg::testing::BlockingGenericCall(*generic_stubs_[0], &context, method, request, &reply);
}

// A window of `seconds`: starts the clocks, calls kickoff() (which issues the first calls), then
// sleeps, calling each(second, dt) at the end of every second (and of a last partial one). Returns
// the window's wall time and this process's CPU time over it.
template <typename Kickoff, typename Each>
Window Loadgen::Measure(double seconds, Kickoff kickoff, Each each) {
  const double cpu_start = CpuSeconds();
  const auto start = Clock::now();
  kickoff();
  const auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto tick = start;
  for (int second = 1; tick < end; ++second) {
    tick = std::min(start + std::chrono::seconds(second), end);
    std::this_thread::sleep_until(tick);
    each(second,
         std::chrono::duration<double>(tick - (start + std::chrono::seconds(second - 1))).count());
  }
  Window window;
  window.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  window.cpu_seconds = CpuSeconds() - cpu_start;
  return window;
}

// Waits (after running_ went false) until every call has called back.
void Loadgen::Drain() {
  std::unique_lock lock(mu_);
  if (!idle_.wait_for(lock, kCallTimeout + 5s,
                      [this] { return outstanding_.load(std::memory_order_acquire) == 0; })) {
    std::cerr << "trygg-loadgen: " << outstanding_.load() << " calls still outstanding\n";
  }
}

void Loadgen::RunBaseline() {
  const auto n = static_cast<std::size_t>(options_.clients);
  probes_ = std::make_unique<Probe[]>(n);
  for (std::size_t i = 0; i < n; ++i) {
    probes_[i].stub = generic_stubs_[i % generic_stubs_.size()].get();
  }
  RpcStats& health = stats_[kHealth];
  running_ = true;  // Release() wakes Drain() only once running_ is false again
  probing_ = true;
  recording_ = true;
  std::uint64_t last = 0;
  baseline_ = Measure(
      options_.baseline_seconds,
      [&] {
        for (std::size_t i = 0; i < n; ++i) Check(probes_[i]);
      },
      [&](int second, double dt) {
        const std::uint64_t calls = health.ok.Count();
        char line[200];
        std::snprintf(line, sizeof line,
                      "[%3d s] %8.0f Health/Check calls/s (baseline)  %llu errors so far\n", second,
                      static_cast<double>(calls - last) / dt,
                      static_cast<unsigned long long>(ErrorCount(health)));
        std::cerr << line;
        last = calls;
      });
  recording_ = false;
  probing_ = false;
  running_ = false;
  Drain();
}

void Loadgen::Run() {
  if (options_.baseline_seconds > 0) RunBaseline();

  const auto n = static_cast<std::size_t>(options_.clients);
  clients_ = std::make_unique<Client[]>(n);
  for (std::size_t i = 0; i < n; ++i) {
    Client& c = clients_[i];
    c.index = static_cast<int>(i);
    c.stub = command_stubs_[i % command_stubs_.size()].get();
    c.measure_prefix = "lg-" + run_id_ + "-" + std::to_string(i) + "-";
    c.title_prefix = "Load measure " + std::to_string(i) + "/";
    // The fields that are the same in every command of this kind.
    c.propose.set_plan_id(options_.plan);
    c.propose.set_focus_area("load");
    c.propose.set_description(description_);
    c.prioritise.set_rationale("Load test");
    c.assign.set_agency_id(options_.agency);
    c.assign.set_due_date("2027-12-31");
    c.assign.set_note("Assigned by trygg-loadgen");
    c.progress.set_percent_complete(50);
    c.progress.set_note("Halfway");
    c.complete.set_outcome("Done");
  }
  auto committed = [this] {
    std::uint64_t total = 0;
    for (int r = 0; r < kCommandRpcs; ++r) total += stats_[static_cast<std::size_t>(r)].ok.Count();
    return total;
  };
  auto errors = [this] {
    std::uint64_t total = 0;
    for (int r = 0; r < kRpcCount; ++r) {
      if (r != kHealth) total += ErrorCount(stats_[static_cast<std::size_t>(r)]);
    }
    return total;
  };

  running_ = true;
  recording_ = true;
  std::thread pacer;
  std::uint64_t last_commands = 0, last_queries = 0;
  run_ = Measure(
      options_.seconds,
      [&] {
        pacer = std::thread([this] { Pace(); });
        for (std::size_t i = 0; i < n; ++i) Propose(clients_[i]);
      },
      [&](int second, double dt) {
        const std::uint64_t commands = committed(), queries = stats_[kQuery].ok.Count();
        char line[200];
        std::snprintf(line, sizeof line,
                      "[%3d s] %8.0f commands/s  %6.0f queries/s  %llu errors so far\n", second,
                      static_cast<double>(commands - last_commands) / dt,
                      static_cast<double>(queries - last_queries) / dt,
                      static_cast<unsigned long long>(errors()));
        std::cerr << line;
        last_commands = commands;
        last_queries = queries;
      });
  recording_ = false;
  running_ = false;
  pacer.join();
  Drain();
}

void Loadgen::Report(const std::string& command_line) const {
  auto ms = [](double micros) { return micros / 1000.0; };
  const bool baseline = options_.baseline_seconds > 0;
  char line[400];
  std::cout << "trygg-loadgen: " << command_line << "\n";
  std::snprintf(line, sizeof line,
                "run %s: %d clients over %d channels, %.2f s, query rate %.0f/s, server %s\n\n",
                run_id_.c_str(), options_.clients, options_.channels, run_.seconds,
                options_.query_rate, options_.server.c_str());
  std::cout << line;
  std::snprintf(line, sizeof line, "%-23s %10s %8s %10s %10s %10s %10s\n", "rpc", "ok", "errors",
                "per s", "p50 ms", "p99 ms", "max ms");
  std::cout << line;
  std::uint64_t commands = 0, command_errors = 0, all_errors = 0;
  for (int r = 0; r < kRpcCount; ++r) {
    if (r == kHealth && !baseline) continue;
    RpcStats& s = stats_[static_cast<std::size_t>(r)];
    const std::uint64_t errs = ErrorCount(s);
    all_errors += errs;
    if (r < kCommandRpcs) {
      commands += s.ok.Count();
      command_errors += errs;
    }
    const double seconds = r == kHealth ? baseline_.seconds : run_.seconds;
    std::snprintf(line, sizeof line, "%-23s %10llu %8llu %10.0f %10.3f %10.3f %10.3f\n",
                  kRpcNames[r], static_cast<unsigned long long>(s.ok.Count()),
                  static_cast<unsigned long long>(errs),
                  static_cast<double>(s.ok.Count()) / seconds, ms(s.ok.Quantile(0.50)),
                  ms(s.ok.Quantile(0.99)), ms(static_cast<double>(s.ok.Max())));
    std::cout << line;
  }
  std::cout << "\n";
  const double commands_per_second = static_cast<double>(commands) / run_.seconds;
  std::snprintf(line, sizeof line, "commands: %llu ok in %.2f s = %.0f commands/s (%llu errors)\n",
                static_cast<unsigned long long>(commands), run_.seconds, commands_per_second,
                static_cast<unsigned long long>(command_errors));
  std::cout << line;
  const std::uint64_t queries = stats_[kQuery].ok.Count();
  std::snprintf(line, sizeof line,
                "queries:  %llu ok in %.2f s = %.0f queries/s (target %.0f/s; %llu not issued: "
                "pacer >50 ms late or %d in flight)\n",
                static_cast<unsigned long long>(queries), run_.seconds,
                static_cast<double>(queries) / run_.seconds, options_.query_rate,
                static_cast<unsigned long long>(queries_skipped_.load()), kMaxQueriesInFlight);
  std::cout << line;

  const unsigned cpus = std::thread::hardware_concurrency();  // 0: unknown
  const std::string of_cores = cpus > 0 ? std::to_string(cpus) : std::string("?");
  if (baseline) {
    const std::uint64_t checks = stats_[kHealth].ok.Count();
    const double checks_per_second = static_cast<double>(checks) / baseline_.seconds;
    std::snprintf(line, sizeof line,
                  "baseline: %llu Health/Check ok in %.2f s = %.0f calls/s (no-op RPC, %d clients "
                  "one in flight each, no queries; load generator used %.2f of %s cores)\n",
                  static_cast<unsigned long long>(checks), baseline_.seconds, checks_per_second,
                  options_.clients, baseline_.Cores(), of_cores.c_str());
    std::cout << line;
    if (checks_per_second > 0) {
      std::snprintf(line, sizeof line, "commands/s as a share of the no-op RPC ceiling: %.0f%%\n",
                    100.0 * commands_per_second / checks_per_second);
    } else {
      std::snprintf(line, sizeof line,
                    "commands/s as a share of the no-op RPC ceiling: - (no baseline calls)\n");
    }
    std::cout << line;
  }
  std::snprintf(line, sizeof line,
                "client:   load generator used %.2f of %s cores during the measured run (getrusage "
                "user+sys %.2f s / %.2f s wall; %s CPUs, shared with the server if it runs "
                "here)\n",
                run_.Cores(), of_cores.c_str(), run_.cpu_seconds, run_.seconds, of_cores.c_str());
  std::cout << line;

  if (all_errors == 0) {
    std::cout << "errors:   none\n";
  } else {
    std::cout << "errors (by status code, including calls that finished after the window):\n";
    for (int r = 0; r < kRpcCount; ++r) {
      RpcStats& s = stats_[static_cast<std::size_t>(r)];
      for (int code = 0; code < kCodeCount; ++code) {
        const std::uint64_t count = s.errors[static_cast<std::size_t>(code)].load();
        if (count == 0) continue;
        std::cout << "  " << kRpcNames[r] << " " << CodeName(code) << ": " << count << "\n";
      }
      std::lock_guard lock(s.mu);
      if (!s.first_error.empty()) {
        std::cout << "  " << kRpcNames[r] << " first error: " << s.first_error << "\n";
      }
    }
  }
  std::cout << "latency: steady_clock from issuing the call to its callback; ok calls completed "
               "within the window\n";
  std::cout.flush();
}

std::string RandomRunId() {
  std::random_device device;
  std::mt19937_64 engine((static_cast<std::uint64_t>(device()) << 32) ^ device() ^
                         static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()));
  char id[17];
  std::snprintf(id, sizeof id, "%08llx", static_cast<unsigned long long>(engine() & 0xffffffffu));
  return id;
}

// The command line, with token values replaced by "***".
std::string CommandLine(int argc, char** argv) {
  std::string line;
  bool hide_next = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (hide_next) {
      arg = "***";
      hide_next = false;
    } else if (arg.starts_with("--") && arg.find("-token") != std::string::npos) {
      const std::size_t eq = arg.find('=');
      if (eq == std::string::npos) {
        hide_next = true;
      } else {
        arg = arg.substr(0, eq + 1) + "***";
      }
    }
    if (!line.empty()) line += ' ';
    line += arg;
  }
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "trygg-loadgen: drives a running trygg-server with concurrent command chains (propose, "
      "prioritise, assign, start, progress, complete) and paced GetAgencyStatus queries; prints "
      "commands/s and p50/p99/max latency per RPC. A baseline first (--baseline-seconds) runs the "
      "same clients against grpc.health.v1.Health/Check, a no-op RPC, to show gRPC's own ceiling "
      "on this machine; the report gives commands/s as a share of it and the load generator's "
      "own CPU use, so you can tell whether the client limited the result.");
  app.footer(
      "Example:\n  trygg-loadgen --coordinator-token $COORD --agency-token $AGENCY --agency "
      "load-agency --clients 64 --query-rate 1000 --seconds 10 --baseline-seconds 5\n"
      "Report: one row per RPC (ok calls completed in the window, errors, calls/s, p50/p99/max "
      "latency), the baseline's row 'Health/Check (baseline)' (its own window), commands/s, "
      "queries/s, commands/s as a share of the no-op RPC ceiling, and 'load generator used X of "
      "N cores' (getrusage user+sys over wall time; N = CPUs on this machine). If X is close to "
      "N, or the server shares the machine, the client may be what limited the figures.\n"
      "Exit codes: 0 done (errors, if any, are in the report), 1 setup failed, 2 bad usage.");
  Options o;
  app.add_option("--server", o.server, "trygg-server address")->capture_default_str();
  app.add_option("--coordinator-token", o.coordinator_token, "token of a coordinator")->required();
  app.add_option("--agency-token", o.agency_token,
                 "token of an agency principal of --agency (starts, reports on and completes "
                 "every measure)")
      ->required();
  app.add_option("--agency", o.agency,
                 "agency id: registered if missing, assigned every measure, queried")
      ->capture_default_str();
  app.add_option("--reader-token", o.reader_token,
                 "token for GetAgencyStatus (default: the coordinator token)");
  app.add_option("--clients", o.clients, "concurrent command chains, one command in flight each")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  app.add_option("--channels", o.channels, "gRPC channels (connections) to spread clients over")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  app.add_option("--seconds", o.seconds, "length of the measured run")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 86400.0));
  app.add_option("--query-rate", o.query_rate, "GetAgencyStatus queries per second (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--plan", o.plan, "plan id (created if missing, with focus area 'load')")
      ->capture_default_str();
  app.add_option("--baseline-seconds", o.baseline_seconds,
                 "length of the baseline before the run: the same clients and channels call "
                 "grpc.health.v1.Health/Check, one in flight each (0: no baseline)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (o.reader_token.empty()) o.reader_token = o.coordinator_token;
  // Debian builds Abseil without NDEBUG, so every absl::Mutex operation inside gRPC also updates
  // a lock-order graph for deadlock detection (a few % of the client's CPU). That is a debugging
  // aid, not part of an RPC's cost; the load generator turns it off before gRPC starts.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  Loadgen loadgen(o, RandomRunId());
  if (!loadgen.Setup()) return 1;
  loadgen.Run();
  loadgen.Report(CommandLine(argc, argv));
  return 0;
}
