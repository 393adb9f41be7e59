// What the read commands share (internal to the commands): registering a read with its
// --min-position and --help example, paging through a StatusService list, and printing a reply in
// the output format.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "cli/call.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "common/json.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

// plan picture, plan trace, plan follow-up and group show (plan_read_commands.cc); called by
// AddReadCommands.
void AddPlanReadCommands(const CommandGroups& groups, Action* action);
// plan report (report_command.cc); called by AddPlanReadCommands.
void AddPlanReportCommand(const CommandGroups& groups, Action* action);

// A server that never stops paging is a bug: the read commands stop after this many pages.
inline constexpr std::size_t kMaxPages = 100000;

inline void ReadExample(CLI::App* command, const std::string& example) {
  command->footer("Example:\n  " + example);
}

// Adds the read command `name` to `parent` with its --help `example`, and the option every read
// has: --min-position, so that the answer reflects at least that log position (a write's "log
// position"), waiting up to --timeout for the server to get there. Once the command line has been
// parsed, the command sets *action to run `run` with the options as parsed; the caller adds the
// command's own options and arguments into *options (whose min_position this fills).
template <class Options>
CLI::App* AddRead(CLI::App* parent, const std::string& name, const std::string& description,
                  const std::string& example, const std::shared_ptr<Options>& options,
                  client::Outcome (*run)(Session&, const Options&), Action* action) {
  CLI::App* command = parent->add_subcommand(name, description);
  command
      ->add_option("--min-position", options->min_position,
                   "reflect at least this log position (from a write), waiting up to "
                   "--timeout")
      ->check(CLI::NonNegativeNumber);
  ReadExample(command, example);
  command->callback([action, options, run] {
    *action = [options, run](Session& s) { return run(s, *options); };
  });
  return command;
}

// Calls `rpc` with `request`, then again with each reply's next_page_token, handing every reply to
// `take(Response&& reply, Request* next)`, which may change the next request (its page size) and
// returns false to stop early. Stops after the reply without a token, or fails after kMaxPages
// (`narrow` says how to ask for less).
template <class Stub, class Request, class Response, class Take>
client::Outcome PageThrough(const Session& session, Stub& stub,
                            grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&,
                                                      Response*),
                            Request request, Take take, const std::string& not_found_hint,
                            const std::string& narrow) {
  for (std::size_t page = 0; page < kMaxPages; ++page) {
    Response response;
    if (client::Outcome called = CallUnary(session, stub, rpc, request, &response, not_found_hint);
        !called.ok()) {
      return called;
    }
    std::string next = response.next_page_token();
    if (!take(std::move(response), &request) || next.empty()) return client::Outcome::Ok();
    request.set_page_token(std::move(next));
  }
  return client::Outcome::Fail(
      client::ExitCode::kOther,
      "the server kept paging past " + std::to_string(kMaxPages) + " pages; " + narrow);
}

// Prints `reply` in the session's format: json as the message itself, csv and table as the
// views given render it.
template <class Message>
void PrintReply(Session& session, const Message& reply, std::string (*csv)(const Message&),
                std::string (*table)(const Message&, const Terminal&)) {
  switch (session.format()) {
    case client::OutputFormat::kJson: session.out() << client::MessageJson(reply, true); break;
    case client::OutputFormat::kCsv: session.out() << csv(reply); break;
    case client::OutputFormat::kTable: session.out() << table(reply, session.terminal()); break;
  }
}

// Calls the StatusService query `rpc` and prints its reply as PrintReply does.
template <class Request, class Reply>
client::Outcome ReadAndPrint(Session& session,
                             grpc::Status (v1::StatusService::Stub::*rpc)(grpc::ClientContext*,
                                                                          const Request&, Reply*),
                             const Request& request, const std::string& not_found_hint,
                             std::string (*csv)(const Reply&),
                             std::string (*table)(const Reply&, const Terminal&)) {
  if (client::Outcome connected = session.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(session.channel());
  Reply reply;
  if (client::Outcome called = CallUnary(session, *stub, rpc, request, &reply, not_found_hint);
      !called.ok()) {
    return called;
  }
  PrintReply(session, reply, csv, table);
  return client::Outcome::Ok();
}

}  // namespace trygg::cli
