// One trygg invocation's context: the resolved settings, the terminal, where output goes, and the
// channel to trygg-server (opened on first use, with TLS when --ca/--cert/--key are given). Not
// thread-safe except NewContext and Failed, which only read.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "cli/terminal.h"
#include "common/outcome.h"
#include "common/settings.h"

namespace grpc {
class Channel;
class ClientContext;
class Status;
}  // namespace grpc

namespace trygg::cli {

class Session {
 public:
  Session(client::Settings settings, Terminal terminal, std::ostream& out);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const client::Settings& settings() const { return settings_; }
  const Terminal& terminal() const { return terminal_; }
  client::OutputFormat format() const { return settings_.output; }
  std::ostream& out() { return out_; }

  // Creates the channel unless it exists. Fails (usage) when a TLS file cannot be read. Creating
  // a channel does not connect: the first call does, and its status says whether that worked.
  client::Outcome Connect();
  // The channel; Connect must have succeeded.
  std::shared_ptr<grpc::Channel> channel() const;

  // A context for one call carrying the bearer token (if any) and, when `with_deadline`, the
  // --timeout deadline from now.
  std::unique_ptr<grpc::ClientContext> NewContext(bool with_deadline = true) const;

  // A failed call, said for the user (rpc_errors.h). `not_found_hint` says how to find the right
  // id when the status is NOT_FOUND.
  client::Outcome Failed(const grpc::Status& status, std::string not_found_hint = "") const;

 private:
  client::Settings settings_;
  Terminal terminal_;
  std::ostream& out_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace trygg::cli
