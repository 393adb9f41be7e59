// The channel to trygg-server from the connection settings (settings.h), built the same way for
// every trygg client, so that --ca, --cert, --key and TRYGG_CA/CERT/KEY mean one thing:
//
//   none of them     plaintext (for the loopback: the token crosses the network in clear text);
//   any of them      TLS, trusting the CA bundle in --ca, or the system's CA roots without it,
//                    and showing the client certificate --cert with its key --key (mutual TLS)
//                    when they are given (Resolve has checked that they come together).
#pragma once

#include <memory>
#include <string>

#include "common/outcome.h"
#include "common/settings.h"

namespace grpc {
class Channel;
class ChannelArguments;
}  // namespace grpc

namespace trygg::client {

// Makes the channel to `settings.server` with `args` (user agent, message limits, ...) into
// `*out`. Fails (usage) naming the file when a PEM file cannot be read or is not PEM. Creating a
// channel does not connect: the first call does, and its status says whether that worked.
[[nodiscard]] Outcome MakeChannel(const Settings& settings, const grpc::ChannelArguments& args,
                                  std::shared_ptr<grpc::Channel>* out);

}  // namespace trygg::client
