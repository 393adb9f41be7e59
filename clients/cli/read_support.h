// What the read commands share (internal to the commands): the --min-position option, --help
// examples, paging through a StatusService list, and printing a reply in the output format.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "cli/call.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "common/json.h"

namespace trygg::cli {

// plan picture, plan trace, plan follow-up and group show (plan_read_commands.cc); called by
// AddReadCommands.
void AddPlanReadCommands(const CommandGroups& groups, Action* action);

// A server that never stops paging is a bug: the read commands stop after this many pages.
inline constexpr std::size_t kMaxPages = 100000;

inline void ReadExample(CLI::App* command, const std::string& example) {
  command->footer("Example:\n  " + example);
}

// --min-position on every read: the answer reflects at least that log position (a write's
// "log position"), waiting up to --timeout for the server to get there.
inline void AddMinPosition(CLI::App* command, uint64_t* min_position) {
  command
      ->add_option("--min-position", *min_position,
                   "reflect at least this log position (from a write), waiting up to "
                   "--timeout")
      ->check(CLI::NonNegativeNumber);
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

}  // namespace trygg::cli
