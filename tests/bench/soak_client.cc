// trygg-soak-client --server ADDR --coordinator-token T --agency-tokens FILE --reader-token T
//                   --auditor-token T [--clients N] [--seconds S] [--warmup S]
//                   [--query-rate Q] [--server-pid PID] [--seed N]
//
// The soak (tests/bench/soak.sh runs it): --clients writers, each sending ActionPlanService's
// whole command mix (testutil/command_mix.h) with one command in flight, alongside four query
// threads (GetMeasure, ListMeasures, GetPlanOverview and GetAgencyStatus, at --query-rate per
// second in all, each reading the writes it asks about with min_position) and one subscriber
// following the whole log from position 1 (every position once, in order). --agency-tokens is a
// file of "AGENCY-ID TOKEN" lines, one per client: each client registers and acts as its own
// agency. Every 30 s, and at the end, it prints writes/s, queries/s and the server's RSS (read
// from /proc/PID/status once a second when --server-pid is given); at the end, p50/p99 latency
// of writes and queries over the whole run, the errors, the events the subscriber saw, and the
// RSS after --warmup beside the RSS at the end. Exit codes: 0 no error; 1 an error (any call
// that failed, a gap in the subscription); 2 bad usage.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bench_stats.h"
#include "testutil/command_mix.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace {

namespace v1 = trygg::v1;
using trygg::testing::CommandMix;
using trygg::testing::MixCommand;
using trygg::testing::Sender;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr int kQueryThreads = 4;
constexpr int kCommandChannels = 4;
constexpr auto kReportEvery = 30s;

struct Options {
  std::string server;
  std::string coordinator_token, agency_tokens, reader_token, auditor_token;
  int clients = 64;
  double seconds = 300;
  double warmup = 60;
  double query_rate = 200;
  int server_pid = 0;
  std::uint64_t seed = 0;
};

// What a query may ask about one client's data: the latest it has written.
struct Slot {
  std::string plan, measure, agency;
  std::uint64_t position = 0;
};

// Latencies in milliseconds, and the first error, of one thread.
struct Samples {
  std::vector<double> ms;
  std::uint64_t errors = 0;
  std::string first_error;
};

class Soak {
 public:
  Soak(Options options, std::vector<std::pair<std::string, std::string>> agencies)
      : o_(std::move(options)), agencies_(std::move(agencies)) {
    for (int i = 0; i < kCommandChannels + 2; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("trygg.soak.channel", i);  // distinct args: a connection per channel
      channels_.push_back(
          grpc::CreateCustomChannel(o_.server, grpc::InsecureChannelCredentials(), args));
    }
    slots_.resize(static_cast<std::size_t>(o_.clients));
    writes_.resize(static_cast<std::size_t>(o_.clients));
    queries_.resize(kQueryThreads);
  }

  int Run() {
    start_ = Clock::now();
    end_ = start_ + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(o_.seconds));
    std::vector<std::thread> threads;
    for (int i = 0; i < o_.clients; ++i) threads.emplace_back([this, i] { Write(i); });
    for (int i = 0; i < kQueryThreads; ++i) threads.emplace_back([this, i] { Query(i); });
    grpc::ClientContext subscription;
    std::thread subscriber([&] { Subscribe(&subscription); });
    Watch();
    for (std::thread& t : threads) t.join();
    subscription.TryCancel();
    subscriber.join();
    return Report();
  }

 private:
  std::string Bearer(const std::string& token) const { return "Bearer " + token; }

  // One writer: the mix, one command at a time, until the time is up.
  void Write(int index) {
    const std::size_t i = static_cast<std::size_t>(index);
    CommandMix mix({"s" + std::to_string(o_.seed % 100000) + "-c" + std::to_string(index),
                    agencies_[i].first},
                   o_.seed + i);
    grpc::GenericStub stub(channels_[i % kCommandChannels]);
    const std::string coordinator = Bearer(o_.coordinator_token);
    const std::string agency = Bearer(agencies_[i].second);
    Samples& samples = writes_[i];
    while (Clock::now() < end_) {
      const MixCommand& command = mix.Next();
      v1::CommandReply reply;
      const auto began = Clock::now();
      const grpc::Status status = trygg::testing::SendCommand(
          stub, command, command.sender == Sender::kAgency ? agency : coordinator, &reply);
      if (!status.ok()) {
        Error(samples, command.method + " " + command.command_id + ": " +
                           std::to_string(status.error_code()) + " " + status.error_message());
        return;  // a valid command was refused: the run has failed; no point hammering on
      }
      samples.ms.push_back(Ms(Clock::now() - began));
      write_count_.fetch_add(1, std::memory_order_relaxed);
      mix.Acknowledge(reply);
      if (mix.acknowledged() % 8 == 0) {
        std::lock_guard lock(mu_);
        slots_[i] = Slot{mix.plan_id(), mix.SomeMeasure(), agencies_[i].first, reply.position()};
      }
    }
  }

  // One query thread: a query every kQueryThreads / --query-rate seconds.
  void Query(int index) {
    auto stub = v1::StatusService::NewStub(channels_[kCommandChannels]);
    std::mt19937_64 rng(o_.seed ^ (0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(index + 1)));
    Samples& samples = queries_[static_cast<std::size_t>(index)];
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(kQueryThreads / o_.query_rate));
    auto next = Clock::now();
    while (next < end_) {
      std::this_thread::sleep_until(next);  // pacing of an open schedule, not synchronisation
      next += interval;
      Slot slot;
      {
        std::lock_guard lock(mu_);
        slot = slots_[std::uniform_int_distribution<std::size_t>(0, slots_.size() - 1)(rng)];
      }
      if (slot.measure.empty()) continue;  // that client has not got that far yet
      grpc::ClientContext context;
      context.AddMetadata("authorization", Bearer(o_.reader_token));
      context.set_deadline(std::chrono::system_clock::now() + 30s);
      const auto began = Clock::now();
      grpc::Status status;
      switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
        case 0: {
          v1::GetMeasureRequest r;
          r.set_measure_id(slot.measure);
          r.set_min_position(slot.position);
          v1::Measure reply;
          status = stub->GetMeasure(&context, r, &reply);
          break;
        }
        case 1: {
          v1::ListMeasuresRequest r;
          r.set_plan_id(slot.plan);
          r.set_page_size(50);
          r.set_min_position(slot.position);
          v1::ListMeasuresResponse reply;
          status = stub->ListMeasures(&context, r, &reply);
          break;
        }
        case 2: {
          v1::GetPlanOverviewRequest r;
          r.set_plan_id(slot.plan);
          r.set_min_position(slot.position);
          v1::PlanOverview reply;
          status = stub->GetPlanOverview(&context, r, &reply);
          break;
        }
        default: {
          v1::GetAgencyStatusRequest r;
          r.set_agency_id(slot.agency);
          r.set_page_size(50);
          r.set_min_position(slot.position);
          v1::AgencyStatus reply;
          status = stub->GetAgencyStatus(&context, r, &reply);
          break;
        }
      }
      if (!status.ok()) {
        Error(samples, "query: " + std::to_string(status.error_code()) + " " +
                           status.error_message());
        continue;
      }
      samples.ms.push_back(Ms(Clock::now() - began));
      query_count_.fetch_add(1, std::memory_order_relaxed);
    }
  }

  // The subscriber: every event from position 1, each position once and in order.
  void Subscribe(grpc::ClientContext* context) {
    auto stub = v1::EventLogService::NewStub(channels_[kCommandChannels + 1]);
    context->AddMetadata("authorization", Bearer(o_.auditor_token));
    v1::SubscribeRequest request;
    request.set_from_position(1);
    auto reader = stub->Subscribe(context, request);
    v1::Event event;
    while (reader->Read(&event)) {
      const std::uint64_t expected = subscribed_.load(std::memory_order_relaxed) + 1;
      if (event.position() != expected) {
        Error(subscriber_, "subscription: position " + std::to_string(event.position()) +
                               " where " + std::to_string(expected) + " was due");
        context->TryCancel();
        break;
      }
      subscribed_.store(expected, std::memory_order_relaxed);
    }
    const grpc::Status status = reader->Finish();
    if (status.error_code() != grpc::StatusCode::CANCELLED && subscriber_.errors == 0) {
      Error(subscriber_, "subscription ended: " + std::to_string(status.error_code()) + " " +
                             status.error_message());
    }
  }

  void Error(Samples& samples, const std::string& what) {
    if (samples.errors++ == 0) samples.first_error = what;
  }

  // The server's resident set in MiB, 0 when unknown.
  double RssMib() const {
    if (o_.server_pid <= 0) return 0;
    std::ifstream status("/proc/" + std::to_string(o_.server_pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmRSS:", 0) == 0) {
        std::istringstream in(line.substr(6));
        double kib = 0;
        in >> kib;
        return kib / 1024;
      }
    }
    return 0;
  }

  // Main thread: the RSS once a second, progress every kReportEvery.
  void Watch() {
    auto next_report = start_ + kReportEvery;
    auto last_report = start_;
    std::uint64_t last_writes = 0, last_queries = 0;
    for (auto tick = start_ + 1s; tick <= end_ + 1s; tick += 1s) {
      std::this_thread::sleep_until(tick);
      const double seconds = Seconds(tick - start_);
      rss_.emplace_back(seconds, RssMib());
      if (tick >= next_report || tick > end_) {
        const std::uint64_t w = write_count_.load(), q = query_count_.load();
        const double span = Seconds(tick - last_report);
        last_report = tick;
        std::cerr << "soak: t=" << static_cast<int>(seconds) << "s writes/s "
                  << static_cast<int>(static_cast<double>(w - last_writes) / span) << " queries/s "
                  << static_cast<int>(static_cast<double>(q - last_queries) / span)
                  << " subscribed " << subscribed_.load() << " rss " << rss_.back().second
                  << " MiB" << std::endl;
        last_writes = w;
        last_queries = q;
        next_report += kReportEvery;
      }
    }
  }

  int Report() const {
    std::vector<double> writes, queries;
    std::uint64_t errors = subscriber_.errors;
    std::string first_error = subscriber_.first_error;
    auto gather = [&](const std::vector<Samples>& all, std::vector<double>& into) {
      for (const Samples& s : all) {
        into.insert(into.end(), s.ms.begin(), s.ms.end());
        if (s.errors > 0 && first_error.empty()) first_error = s.first_error;
        errors += s.errors;
      }
    };
    gather(writes_, writes);
    gather(queries_, queries);
    const double seconds = o_.seconds;
    auto latency = [](const std::vector<double>& ms) {
      if (ms.empty()) return std::string("none");
      std::ostringstream out;
      out.precision(3);
      out << "p50 " << trygg::bench::Percentile(ms, 0.50) << " ms, p99 "
          << trygg::bench::Percentile(ms, 0.99) << " ms";
      return out.str();
    };
    std::cout << "soak: " << o_.clients << " writers, " << kQueryThreads << " query threads at "
              << o_.query_rate << "/s, 1 subscriber, " << seconds << " s\n";
    std::cout << "writes:     " << writes.size() << " (" << static_cast<double>(writes.size()) / seconds
              << "/s), " << latency(writes) << "\n";
    std::cout << "queries:    " << queries.size() << " ("
              << static_cast<double>(queries.size()) / seconds << "/s), " << latency(queries)
              << "\n";
    std::cout << "subscriber: " << subscribed_.load() << " events in order, none missing\n";
    std::cout << "errors:     " << errors << (errors > 0 ? " (first: " + first_error + ")" : "")
              << "\n";
    if (o_.server_pid > 0 && !rss_.empty()) {
      std::cout << "rss MiB:   ";
      for (const auto& [t, mib] : rss_) {
        if (static_cast<int>(t) % 30 == 0) std::cout << " " << static_cast<int>(t) << "s=" << mib;
      }
      double after_warmup = rss_.front().second;
      for (const auto& [t, mib] : rss_) {
        if (t <= o_.warmup) after_warmup = mib;
      }
      std::cout << "\nrss:        " << after_warmup << " MiB after the " << o_.warmup
                << " s warm-up, " << rss_.back().second << " MiB at the end\n";
    }
    std::cout << std::flush;
    return errors == 0 ? 0 : 1;
  }

  static double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
  static double Ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
  }

  Options o_;
  std::vector<std::pair<std::string, std::string>> agencies_;  // (agency id, token) per client
  std::vector<std::shared_ptr<grpc::Channel>> channels_;  // commands..., queries, subscriber
  Clock::time_point start_, end_;
  std::mutex mu_;
  std::vector<Slot> slots_;  // per client, under mu_
  std::vector<Samples> writes_, queries_;  // per thread
  Samples subscriber_;
  std::atomic<std::uint64_t> write_count_{0}, query_count_{0}, subscribed_{0};
  std::vector<std::pair<double, double>> rss_;  // (seconds, MiB), from the main thread
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app("trygg-soak-client: the soak's mixed load against a running trygg-server");
  app.add_option("--server", o.server, "trygg-server address")->required();
  app.add_option("--coordinator-token", o.coordinator_token)->required();
  app.add_option("--agency-tokens", o.agency_tokens, "file of 'AGENCY-ID TOKEN' lines")
      ->required();
  app.add_option("--reader-token", o.reader_token)->required();
  app.add_option("--auditor-token", o.auditor_token, "for the subscriber")->required();
  app.add_option("--clients", o.clients, "writers, one command in flight each")
      ->check(CLI::Range(1, 10000));
  app.add_option("--seconds", o.seconds)->check(CLI::PositiveNumber);
  app.add_option("--warmup", o.warmup, "seconds before the RSS level the end is compared with")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--query-rate", o.query_rate, "queries per second")->check(CLI::PositiveNumber);
  app.add_option("--server-pid", o.server_pid, "the server's pid, to sample its RSS");
  app.add_option("--seed", o.seed, "ids and choices (default: from the clock)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (o.seed == 0) o.seed = static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());

  std::vector<std::pair<std::string, std::string>> agencies;
  std::ifstream file(o.agency_tokens);
  std::string agency, token;
  while (file >> agency >> token) agencies.emplace_back(agency, token);
  if (agencies.size() < static_cast<std::size_t>(o.clients)) {
    std::cerr << "trygg-soak-client: " << o.agency_tokens << " has " << agencies.size()
              << " agency tokens; --clients " << o.clients << " needs one each" << std::endl;
    return 2;
  }
  return Soak(std::move(o), std::move(agencies)).Run();
}
