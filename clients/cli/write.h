// The plumbing every write command shares (internal to trygg_cli): the options each write has,
// sending one ActionPlanService request and reporting its reply in the chosen output format, and
// registering a command on CLI11. Every write carries a command_id (generated unless
// --command-id gives one, so that a script can retry safely: the server answers a repeated
// command_id with its first reply and appends nothing). With --wait, the command then reads the
// plan, agency or measure back with min_position set to the write's log position, so what it
// prints already reflects the write.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "cli/call.h"
#include "cli/commands.h"
#include "common/names.h"
#include "trygg/v1/action_plan.grpc.pb.h"

namespace trygg::cli {

// What a write goes to: the stream it appends to, for messages and for reading it back.
enum class Kind { kPlan, kAgency, kMeasure };

// The options every write has.
struct WriteOptions {
  std::string command_id;
  uint64_t expected_version = 0;
  CLI::Option* expected_version_option = nullptr;  // null for writes that take none
  bool wait = false;

  bool has_expected_version() const {
    return expected_version_option != nullptr && expected_version_option->count() > 0;
  }
};

// 128 random bits as 32 hex digits, from the kernel's generator: two invocations never share one.
std::string NewCommandId();

// Prints what a write did: in a table one line, "<done> <kind> <id>: version V, log position P
// (command id C)", where "{item}" in `done` stands for the reply's item_id ("Recorded finding
// {item} in"); in json the command id and the reply; in csv command_id, id, version, position
// (and item_id when the reply has one). With `wait`, first reads the object back at the reply's
// position and prints it as it now stands.
client::Outcome ReportWrite(Session& s, Kind kind, const std::string& done,
                            const std::string& command_id, const v1::CommandReply& reply,
                            bool wait);

// Sends `request` (its command-specific fields already set) with the write options, and
// reports. `done` is as ReportWrite's.
template <class Request>
client::Outcome RunWrite(Session& s, Request request,
                         grpc::Status (v1::ActionPlanService::Stub::*rpc)(grpc::ClientContext*,
                                                                          const Request&,
                                                                          v1::CommandReply*),
                         const WriteOptions& options, Kind kind, const std::string& done,
                         const std::string& not_found_hint) {
  request.set_command_id(options.command_id.empty() ? NewCommandId() : options.command_id);
  if constexpr (requires { request.set_expected_version(uint64_t{0}); }) {
    if (options.has_expected_version()) request.set_expected_version(options.expected_version);
  }
  if (client::Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::ActionPlanService::NewStub(s.channel());
  v1::CommandReply reply;
  if (client::Outcome called = CallUnary(s, *stub, rpc, request, &reply, not_found_hint);
      !called.ok()) {
    return called;
  }
  return ReportWrite(s, kind, done, request.command_id(), reply, options.wait);
}

// What AddWrite needs to know about a command besides its options.
struct WriteCommand {
  std::string name;         // "record"
  std::string description;  // one line, naming the roles that may
  Kind kind;                // what it writes to
  bool versioned;           // takes --expected-version (of the kind's stream)
  std::string example;      // the footer's example, in Swedish context
};

// Adds --command-id, --wait and, when versioned, --expected-version of the kind's stream.
void AddWriteOptions(CLI::App* command, WriteOptions* options, Kind kind, bool versioned);

// Registers a write command under `group`: `add_fields` adds its own options to the subcommand;
// `run` builds and sends the request from them once the command line parsed.
template <class Fields>
void AddWrite(CLI::App* group, const WriteCommand& spec, Action* action,
              client::Outcome (*run)(Session&, const Fields&, const WriteOptions&),
              void (*add_fields)(CLI::App*, Fields*)) {
  auto fields = std::make_shared<Fields>();
  auto options = std::make_shared<WriteOptions>();
  CLI::App* command = group->add_subcommand(spec.name, spec.description);
  add_fields(command, fields.get());
  AddWriteOptions(command, options.get(), spec.kind, spec.versioned);
  command->footer("Example:\n  " + spec.example);
  command->callback([action, fields, options, run] {
    *action = [fields, options, run](Session& s) { return run(s, *fields, *options); };
  });
}

// A CLI11 check that a value is a word of `vocabulary` (client::EnumError says why not).
CLI::Validator EnumCheck(client::Vocabulary vocabulary);

// The plan-level writes: input record; finding record|revise|retire; cause
// identify|revise|retire; group form|change; promise make|end; plan adopt.
void AddPlanItemCommands(const CommandGroups& groups, Action* action);
// The measure-level writes beyond its lifecycle: measure link|unlink; goal set|retire; partner
// add|remove; follow-up record.
void AddMeasureItemCommands(const CommandGroups& groups, Action* action);
// measure import.
void AddImportCommand(const CommandGroups& groups, Action* action);

}  // namespace trygg::cli
