// trygg watch: follows EventLogService.Subscribe and prints one line per event until SIGINT or
// SIGTERM, which cancel the stream (TryCancel from the signal watcher's thread) and end the
// command with exit code 0.
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "cli/agency_filter.h"
#include "cli/call.h"
#include "cli/commands.h"
#include "cli/describe.h"
#include "cli/signal_watcher.h"
#include "cli/views.h"
#include "common/json.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

using client::ExitCode;
using client::MessageJson;
using client::Outcome;
using client::OutputFormat;

namespace {

namespace v1 = ::trygg::v1;

constexpr uint32_t kSeedPage = 500;
constexpr std::size_t kMaxSeedPages = 100000;

struct WatchOptions {
  uint64_t from = 0;
  CLI::Option* from_option = nullptr;
  std::string agency;
};

// Marks the measures the agency is responsible for now (AgencyFilter rule (c)).
Outcome SeedFilter(Session& s, const std::string& agency, AgencyFilter* filter) {
  auto stub = v1::StatusService::NewStub(s.channel());
  v1::ListMeasuresRequest request;
  request.set_agency_id(agency);
  request.set_page_size(kSeedPage);
  for (std::size_t page = 0; page < kMaxSeedPages; ++page) {
    v1::ListMeasuresResponse response;
    if (Outcome called =
            CallUnary(s, *stub, &v1::StatusService::Stub::ListMeasures, request, &response);
        !called.ok()) {
      return called;
    }
    for (const v1::Measure& m : response.measures()) filter->AddMeasure(m.measure_id());
    if (response.next_page_token().empty()) return Outcome::Ok();
    request.set_page_token(response.next_page_token());
  }
  return Outcome::Fail(ExitCode::kOther, "the server kept paging the agency's measures; try again");
}

void Print(Session& s, const v1::Event& event) {
  switch (s.format()) {
    case OutputFormat::kJson: s.out() << MessageJson(PrintableEvent(event), false) << "\n"; break;
    case OutputFormat::kCsv: s.out() << EventCsvRecord(event); break;
    case OutputFormat::kTable: s.out() << EventLine(event) << "\n"; break;
  }
  s.out().flush();  // a line as soon as its event arrives, also into a pipe
}

Outcome RunWatch(Session& s, const WatchOptions& options) {
  // Before the channel exists: gRPC's threads must inherit the blocked signals.
  SignalWatcher signals;
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  std::optional<AgencyFilter> filter;
  if (!options.agency.empty()) {
    filter.emplace(options.agency);
    if (Outcome seeded = SeedFilter(s, options.agency, &*filter); !seeded.ok()) return seeded;
  }
  auto stub = v1::EventLogService::NewStub(s.channel());
  v1::SubscribeRequest request;
  if (options.from_option != nullptr && options.from_option->count() > 0) {
    request.set_from_position(options.from);
  } else {
    v1::Head head;
    if (Outcome called =
            CallUnary(s, *stub, &v1::EventLogService::Stub::GetHead, v1::GetHeadRequest(), &head);
        !called.ok()) {
      return called;
    }
    request.set_from_position(head.position() + 1);  // from the next event on
  }
  if (s.format() == OutputFormat::kCsv) {
    s.out() << EventCsvHeader();
    s.out().flush();
  }

  auto context = s.NewContext(/*with_deadline=*/false);  // follows until cancelled
  signals.OnSignal([raw = context.get()] { raw->TryCancel(); });
  auto reader = stub->Subscribe(context.get(), request);
  uint64_t next = request.from_position();
  v1::Event event;
  while (reader->Read(&event)) {
    next = event.position() + 1;
    if (!filter || filter->Matches(event)) Print(s, event);
    event.Clear();
  }
  const grpc::Status status = reader->Finish();
  signals.OnSignal(nullptr);  // the context goes away before the watcher does
  if (signals.signalled()) return Outcome::Ok();
  const std::string resume = "; resume with 'trygg watch --from " + std::to_string(next) + "'";
  if (status.ok()) {
    return Outcome::Fail(ExitCode::kUnavailable, "trygg-server ended the stream" + resume);
  }
  Outcome failed = s.Failed(status);
  return Outcome::Fail(failed.code(), failed.message() + resume);
}

}  // namespace

void AddWatchCommand(CLI::App& app, Action* action) {
  auto options = std::make_shared<WatchOptions>();
  CLI::App* watch = app.add_subcommand(
      "watch",
      "Follow the event log live, one line per event, until Ctrl-C (needs a coordinator, "
      "agency or auditor token)");
  options->from_option = watch->add_option(
      "--from", options->from,
      "start at this log position (earlier events first, then live); default: the next event. "
      "Every event shows its log position: resume after it with --from <position + 1>");
  watch->add_option("--agency", options->agency, "only this agency's events (see above)");
  watch->footer(
      "Output: table, one line per event (position, time, stream, version, type, who, what "
      "changed); json, one JSON object per line; csv, a header, then one record per event.\n"
      "--agency ID shows the events its own principals caused, its registration, and every "
      "event of a measure that is its own (assigned to it when watch starts, or by an "
      "assignment watch sees since; the assignment that hands a measure away is shown too, the "
      "measure's later events are not).\n\n"
      "Example:\n  trygg watch --agency polisen-lpo-varnamo --from 1");
  watch->callback(
      [action, options] { *action = [options](Session& s) { return RunWatch(s, *options); }; });
}

}  // namespace trygg::cli
