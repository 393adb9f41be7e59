// trygg-loadgen [--server ADDR] --coordinator-token T --agency-token T [--agency ID]
//               [--clients N] [--channels K] [--seconds S] [--query-rate Q] [--plan ID]
//               [--reader-token T]
//
// Drives a running trygg-server over gRPC with the command mix of a busy plan and, alongside it,
// a steady rate of status queries; prints commands/s and p50/p99/max latency per RPC.
//
//   commands  --clients chains, each with exactly one command in flight, spread over --channels
//             channels (each a separate HTTP/2 connection). A chain takes one measure through its
//             life and starts the next: ProposeMeasure, PrioritiseMeasure, AssignMeasure (to
//             --agency; coordinator token), StartMeasure, ReportProgress 50 %, CompleteMeasure
//             (agency token), each with the expected_version from the previous reply. A failed
//             command is counted under its status code and the chain moves on to a new measure
//             after 5 ms.
//   queries   GetAgencyStatus(--agency, page_size 100) at --query-rate per second, open loop
//             (issued on schedule whether or not earlier ones have answered, at most 10,000 in
//             flight), with the reader token.
//
// Everything is asynchronous (the gRPC callback API): the threads are gRPC's callback threads,
// one pacing thread (queries and the retry queue) and main (progress once per second to stderr).
// Latency is steady_clock from issuing a call to its callback, in a log-linear histogram (32
// buckets per power of two, <= 3 % error); only calls that complete inside the --seconds window
// are counted. Setup first creates the plan (focus area "load") and registers the agency,
// accepting ALREADY_EXISTS, then runs one chain and one query synchronously as a check (exit 1 if
// they fail). Command and measure ids carry a random run id, so runs against one server do not
// collide. The table goes to stdout. Exit codes: 0 done (even with errors), 1 setup failed, 2 bad
// usage.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace {

namespace v1 = trygg::v1;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kCallTimeout = 10s;
constexpr auto kRetryDelay = 5ms;
constexpr int kMaxQueriesInFlight = 10000;

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
};

enum Rpc { kPropose, kPrioritise, kAssign, kStart, kProgress, kComplete, kQuery, kRpcCount };
constexpr int kCommandRpcs = kQuery;  // the RPCs before kQuery are commands
constexpr const char* kRpcNames[kRpcCount] = {
    "ProposeMeasure", "PrioritiseMeasure", "AssignMeasure",  "StartMeasure",
    "ReportProgress", "CompleteMeasure",   "GetAgencyStatus"};

const char* CodeName(int code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  return code >= 0 && code < static_cast<int>(std::size(kNames)) ? kNames[code] : "?";
}
constexpr int kCodeCount = 17;

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

template <typename Request, typename Reply>
struct Call {
  grpc::ClientContext context;
  Request request;
  Reply reply;
  Clock::time_point start;
};

struct Client {
  int index = 0;
  std::uint64_t seq = 0;
  v1::ActionPlanService::Stub* stub = nullptr;
  std::string measure_id;
  std::uint64_t version = 0;
};

class Loadgen {
 public:
  Loadgen(Options options, std::string run_id)
      : options_(std::move(options)),
        run_id_(std::move(run_id)),
        coordinator_auth_("Bearer " + options_.coordinator_token),
        agency_auth_("Bearer " + options_.agency_token),
        reader_auth_("Bearer " + options_.reader_token) {
    for (int i = 0; i < options_.channels; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("trygg.loadgen.channel", i);  // distinct args: a connection per channel
      channels_.push_back(
          grpc::CreateCustomChannel(options_.server, grpc::InsecureChannelCredentials(), args));
      command_stubs_.push_back(v1::ActionPlanService::NewStub(channels_.back()));
      status_stubs_.push_back(v1::StatusService::NewStub(channels_.back()));
    }
  }

  // Connects every channel, creates the plan and the agency, and checks one chain and one query
  // synchronously. False (after printing why) on failure.
  bool Setup();
  // Runs the load for --seconds, printing progress, then waits for every call to finish.
  void Run();
  void Report(const std::string& command_line) const;

 private:
  template <typename Request, typename Reply, typename Start, typename Done>
  void Send(Rpc rpc, const std::string& auth, std::unique_ptr<Call<Request, Reply>> call,
            Start start, Done done);
  void Propose(Client& c);
  void Prioritise(Client& c);
  void Assign(Client& c);
  void StartMeasure(Client& c);
  void Progress(Client& c);
  void Complete(Client& c);
  void Failed(Client& c);
  void Query();
  void Pace();
  void Record(Rpc rpc, Clock::duration latency, const grpc::Status& status);
  void Release();
  std::string CommandId(const Client& c, const char* step) const {
    return c.measure_id + "-" + step;
  }

  Options options_;
  std::string run_id_;
  std::string coordinator_auth_, agency_auth_, reader_auth_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<v1::ActionPlanService::Stub>> command_stubs_;
  std::vector<std::unique_ptr<v1::StatusService::Stub>> status_stubs_;
  std::vector<Client> clients_;

  mutable std::array<RpcStats, kRpcCount> stats_;
  std::atomic<bool> running_{false};    // clients issue new calls
  std::atomic<bool> recording_{false};  // completions count towards the results
  std::atomic<int> outstanding_{0};     // calls in flight plus clients waiting to retry
  std::atomic<int> queries_in_flight_{0};
  std::atomic<std::uint64_t> queries_skipped_{0};
  std::atomic<std::uint64_t> query_seq_{0};
  std::mutex mu_;  // guards retry_ and wakes Run when outstanding_ drops to zero
  std::condition_variable idle_;
  std::vector<std::pair<Clock::time_point, Client*>> retry_;
  double elapsed_seconds_ = 0;
};

template <typename Request, typename Reply, typename Start, typename Done>
void Loadgen::Send(Rpc rpc, const std::string& auth, std::unique_ptr<Call<Request, Reply>> call,
                   Start start, Done done) {
  call->context.AddMetadata("authorization", auth);
  call->context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  outstanding_.fetch_add(1, std::memory_order_relaxed);
  auto* raw = call.release();
  raw->start = Clock::now();
  start(&raw->context, &raw->request, &raw->reply,
        [this, raw, rpc, done = std::move(done)](grpc::Status status) {
          std::unique_ptr<Call<Request, Reply>> owned(raw);
          Record(rpc, Clock::now() - owned->start, status);
          done(status, owned->reply);
          Release();
        });
}

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
  c.measure_id = "lg-" + run_id_ + "-" + std::to_string(c.index) + "-" + std::to_string(c.seq);
  auto call = std::make_unique<Call<v1::ProposeMeasureRequest, v1::CommandReply>>();
  auto& r = call->request;
  r.set_command_id(CommandId(c, "propose"));
  r.set_plan_id(options_.plan);
  r.set_focus_area("load");
  r.set_title("Load measure " + std::to_string(c.index) + "/" + std::to_string(c.seq));
  r.set_description("Generated by trygg-loadgen run " + run_id_);
  r.set_measure_id(c.measure_id);
  Send(
      kPropose, coordinator_auth_, std::move(call),
      [&c](auto* ctx, auto* req, auto* reply, auto cb) {
        c.stub->async()->ProposeMeasure(ctx, req, reply, std::move(cb));
      },
      [this, &c](const grpc::Status& status, const v1::CommandReply& reply) {
        if (!status.ok()) return Failed(c);
        c.version = reply.version();
        Prioritise(c);
      });
}

void Loadgen::Prioritise(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto call = std::make_unique<Call<v1::PrioritiseMeasureRequest, v1::CommandReply>>();
  auto& r = call->request;
  r.set_command_id(CommandId(c, "prioritise"));
  r.set_measure_id(c.measure_id);
  static constexpr v1::Priority kPriorities[] = {v1::PRIORITY_HIGH, v1::PRIORITY_MEDIUM,
                                                 v1::PRIORITY_LOW};
  r.set_priority(kPriorities[c.seq % 3]);
  r.set_rationale("Load test");
  r.set_expected_version(c.version);
  Send(
      kPrioritise, coordinator_auth_, std::move(call),
      [&c](auto* ctx, auto* req, auto* reply, auto cb) {
        c.stub->async()->PrioritiseMeasure(ctx, req, reply, std::move(cb));
      },
      [this, &c](const grpc::Status& status, const v1::CommandReply& reply) {
        if (!status.ok()) return Failed(c);
        c.version = reply.version();
        Assign(c);
      });
}

void Loadgen::Assign(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto call = std::make_unique<Call<v1::AssignMeasureRequest, v1::CommandReply>>();
  auto& r = call->request;
  r.set_command_id(CommandId(c, "assign"));
  r.set_measure_id(c.measure_id);
  r.set_agency_id(options_.agency);
  r.set_due_date("2027-12-31");
  r.set_note("Assigned by trygg-loadgen");
  r.set_expected_version(c.version);
  Send(
      kAssign, coordinator_auth_, std::move(call),
      [&c](auto* ctx, auto* req, auto* reply, auto cb) {
        c.stub->async()->AssignMeasure(ctx, req, reply, std::move(cb));
      },
      [this, &c](const grpc::Status& status, const v1::CommandReply& reply) {
        if (!status.ok()) return Failed(c);
        c.version = reply.version();
        StartMeasure(c);
      });
}

void Loadgen::StartMeasure(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto call = std::make_unique<Call<v1::StartMeasureRequest, v1::CommandReply>>();
  auto& r = call->request;
  r.set_command_id(CommandId(c, "start"));
  r.set_measure_id(c.measure_id);
  r.set_expected_version(c.version);
  Send(
      kStart, agency_auth_, std::move(call),
      [&c](auto* ctx, auto* req, auto* reply, auto cb) {
        c.stub->async()->StartMeasure(ctx, req, reply, std::move(cb));
      },
      [this, &c](const grpc::Status& status, const v1::CommandReply& reply) {
        if (!status.ok()) return Failed(c);
        c.version = reply.version();
        Progress(c);
      });
}

void Loadgen::Progress(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto call = std::make_unique<Call<v1::ReportProgressRequest, v1::CommandReply>>();
  auto& r = call->request;
  r.set_command_id(CommandId(c, "progress"));
  r.set_measure_id(c.measure_id);
  r.set_percent_complete(50);
  r.set_note("Halfway");
  r.set_expected_version(c.version);
  Send(
      kProgress, agency_auth_, std::move(call),
      [&c](auto* ctx, auto* req, auto* reply, auto cb) {
        c.stub->async()->ReportProgress(ctx, req, reply, std::move(cb));
      },
      [this, &c](const grpc::Status& status, const v1::CommandReply& reply) {
        if (!status.ok()) return Failed(c);
        c.version = reply.version();
        Complete(c);
      });
}

void Loadgen::Complete(Client& c) {
  if (!running_.load(std::memory_order_relaxed)) return;
  auto call = std::make_unique<Call<v1::CompleteMeasureRequest, v1::CommandReply>>();
  auto& r = call->request;
  r.set_command_id(CommandId(c, "complete"));
  r.set_measure_id(c.measure_id);
  r.set_outcome("Done");
  r.set_expected_version(c.version);
  Send(
      kComplete, agency_auth_, std::move(call),
      [&c](auto* ctx, auto* req, auto* reply, auto cb) {
        c.stub->async()->CompleteMeasure(ctx, req, reply, std::move(cb));
      },
      [this, &c](const grpc::Status& status, const v1::CommandReply&) {
        if (!status.ok()) return Failed(c);
        Propose(c);
      });
}

void Loadgen::Query() {
  if (queries_in_flight_.load(std::memory_order_relaxed) >= kMaxQueriesInFlight) {
    queries_skipped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  queries_in_flight_.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t n = query_seq_.fetch_add(1, std::memory_order_relaxed);
  v1::StatusService::Stub* stub = status_stubs_[n % status_stubs_.size()].get();
  auto call = std::make_unique<Call<v1::GetAgencyStatusRequest, v1::AgencyStatus>>();
  call->request.set_agency_id(options_.agency);
  call->request.set_page_size(100);
  Send(
      kQuery, reader_auth_, std::move(call),
      [stub](auto* ctx, auto* req, auto* reply, auto cb) {
        stub->async()->GetAgencyStatus(ctx, req, reply, std::move(cb));
      },
      [this](const grpc::Status&, const v1::AgencyStatus&) {
        queries_in_flight_.fetch_sub(1, std::memory_order_relaxed);
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
  const grpc::Status status = status_stubs_[0]->GetAgencyStatus(&context, query, &agency_status);
  if (!status.ok()) {
    std::cerr << "trygg-loadgen: setup: check GetAgencyStatus (reader token): "
              << CodeName(status.error_code()) << ": " << status.error_message() << "\n";
    return false;
  }
  return true;
}

void Loadgen::Run() {
  clients_.resize(static_cast<std::size_t>(options_.clients));
  for (std::size_t i = 0; i < clients_.size(); ++i) {
    clients_[i].index = static_cast<int>(i);
    clients_[i].stub = command_stubs_[i % command_stubs_.size()].get();
  }
  auto committed = [this] {
    std::uint64_t n = 0;
    for (int r = 0; r < kCommandRpcs; ++r) n += stats_[static_cast<std::size_t>(r)].ok.Count();
    return n;
  };
  auto errors = [this] {
    std::uint64_t n = 0;
    for (const RpcStats& s : stats_) {
      for (const auto& e : s.errors) n += e.load(std::memory_order_relaxed);
    }
    return n;
  };

  running_ = true;
  recording_ = true;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(options_.seconds));
  std::thread pacer([this] { Pace(); });
  for (Client& c : clients_) Propose(c);

  std::uint64_t last_commands = 0, last_queries = 0;
  auto tick = start;
  for (int second = 1; tick < end; ++second) {
    tick = std::min(start + std::chrono::seconds(second), end);
    std::this_thread::sleep_until(tick);
    const double dt =
        std::chrono::duration<double>(tick - (start + std::chrono::seconds(second - 1))).count();
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
  }
  recording_ = false;
  elapsed_seconds_ = std::chrono::duration<double>(Clock::now() - start).count();
  running_ = false;
  pacer.join();
  std::unique_lock lock(mu_);
  if (!idle_.wait_for(lock, kCallTimeout + 5s,
                      [this] { return outstanding_.load(std::memory_order_acquire) == 0; })) {
    std::cerr << "trygg-loadgen: " << outstanding_.load() << " calls still outstanding\n";
  }
}

void Loadgen::Report(const std::string& command_line) const {
  auto ms = [](double micros) { return micros / 1000.0; };
  char line[300];
  std::cout << "trygg-loadgen: " << command_line << "\n";
  std::snprintf(line, sizeof line,
                "run %s: %d clients over %d channels, %.2f s, query rate %.0f/s, server %s\n\n",
                run_id_.c_str(), options_.clients, options_.channels, elapsed_seconds_,
                options_.query_rate, options_.server.c_str());
  std::cout << line;
  std::snprintf(line, sizeof line, "%-18s %10s %8s %10s %10s %10s %10s\n", "rpc", "ok", "errors",
                "per s", "p50 ms", "p99 ms", "max ms");
  std::cout << line;
  std::uint64_t commands = 0, command_errors = 0, all_errors = 0;
  for (int r = 0; r < kRpcCount; ++r) {
    RpcStats& s = stats_[static_cast<std::size_t>(r)];
    std::uint64_t errs = 0;
    for (const auto& e : s.errors) errs += e.load(std::memory_order_relaxed);
    all_errors += errs;
    if (r < kCommandRpcs) {
      commands += s.ok.Count();
      command_errors += errs;
    }
    std::snprintf(line, sizeof line, "%-18s %10llu %8llu %10.0f %10.3f %10.3f %10.3f\n",
                  kRpcNames[r], static_cast<unsigned long long>(s.ok.Count()),
                  static_cast<unsigned long long>(errs),
                  static_cast<double>(s.ok.Count()) / elapsed_seconds_, ms(s.ok.Quantile(0.50)),
                  ms(s.ok.Quantile(0.99)), ms(static_cast<double>(s.ok.Max())));
    std::cout << line;
  }
  std::cout << "\n";
  std::snprintf(line, sizeof line, "commands: %llu ok in %.2f s = %.0f commands/s (%llu errors)\n",
                static_cast<unsigned long long>(commands), elapsed_seconds_,
                static_cast<double>(commands) / elapsed_seconds_,
                static_cast<unsigned long long>(command_errors));
  std::cout << line;
  const std::uint64_t queries = stats_[kQuery].ok.Count();
  std::snprintf(line, sizeof line,
                "queries:  %llu ok in %.2f s = %.0f queries/s (target %.0f/s; %llu not issued: "
                "pacer >50 ms late or %d in flight)\n",
                static_cast<unsigned long long>(queries), elapsed_seconds_,
                static_cast<double>(queries) / elapsed_seconds_, options_.query_rate,
                static_cast<unsigned long long>(queries_skipped_.load()), kMaxQueriesInFlight);
  std::cout << line;
  if (all_errors == 0) {
    std::cout << "errors:   none\n";
  } else {
    std::cout << "errors (by status code, including calls that finished after the window):\n";
    for (int r = 0; r < kRpcCount; ++r) {
      RpcStats& s = stats_[static_cast<std::size_t>(r)];
      for (int code = 0; code < kCodeCount; ++code) {
        const std::uint64_t n = s.errors[static_cast<std::size_t>(code)].load();
        if (n == 0) continue;
        std::cout << "  " << kRpcNames[r] << " " << CodeName(code) << ": " << n << "\n";
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
      "commands/s and p50/p99/max latency per RPC.");
  app.footer(
      "Example:\n  trygg-loadgen --coordinator-token $COORD --agency-token $AGENCY --agency "
      "load-agency --clients 64 --query-rate 1000 --seconds 10\n"
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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (o.reader_token.empty()) o.reader_token = o.coordinator_token;

  Loadgen loadgen(o, RandomRunId());
  if (!loadgen.Setup()) return 1;
  loadgen.Run();
  loadgen.Report(CommandLine(argc, argv));
  return 0;
}
