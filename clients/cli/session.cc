#include "cli/session.h"

#include <grpcpp/client_context.h>
#include <grpcpp/support/channel_arguments.h>
#include <grpcpp/support/status.h>

#include <chrono>

#include "cli/rpc_errors.h"
#include "common/channel.h"

namespace trygg::cli {

using client::MakeChannel;
using client::Outcome;
using client::Settings;

Session::Session(Settings settings, Terminal terminal, std::ostream& out)
    : settings_(std::move(settings)), terminal_(terminal), out_(out) {}

Session::~Session() = default;

Outcome Session::Connect() {
  if (channel_) return Outcome::Ok();
  grpc::ChannelArguments args;
  args.SetUserAgentPrefix("trygg-cli");
  return MakeChannel(settings_, args, &channel_);
}

std::shared_ptr<grpc::Channel> Session::channel() const { return channel_; }

std::unique_ptr<grpc::ClientContext> Session::NewContext(bool with_deadline) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!settings_.token.empty()) context->AddMetadata("authorization", "Bearer " + settings_.token);
  if (with_deadline) {
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::duration_cast<std::chrono::system_clock::duration>(
                              std::chrono::duration<double>(settings_.timeout_seconds)));
  }
  return context;
}

Outcome Session::Failed(const grpc::Status& status, std::string not_found_hint) const {
  RpcTarget target;
  target.server = settings_.server;
  target.token_given = !settings_.token.empty();
  target.tls = settings_.tls();
  target.timeout_seconds = settings_.timeout_seconds;
  target.not_found_hint = std::move(not_found_hint);
  return FromRpcStatus(status, target);
}

}  // namespace trygg::cli
