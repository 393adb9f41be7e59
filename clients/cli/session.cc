#include "cli/session.h"

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <grpcpp/support/status.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>

#include "cli/rpc_errors.h"

namespace trygg::cli {
namespace {

constexpr std::size_t kMaxPemBytes = std::size_t{1024} * 1024;  // a certificate bundle is a few KiB

Outcome ReadPem(const std::filesystem::path& path, const char* what, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Outcome::Fail(ExitCode::kUsage, "cannot read the " + std::string(what) + " file " +
                                               path.string() + " (" + std::strerror(errno) +
                                               "); check the path");
  }
  std::string text(kMaxPemBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.empty() || text.size() > kMaxPemBytes || text.find("-----BEGIN ") == std::string::npos) {
    return Outcome::Fail(ExitCode::kUsage, "the " + std::string(what) + " file " + path.string() +
                                               " is not a PEM file; give a PEM " + what);
  }
  *out = std::move(text);
  return Outcome::Ok();
}

}  // namespace

Session::Session(Settings settings, Terminal terminal, std::ostream& out)
    : settings_(std::move(settings)), terminal_(terminal), out_(out) {}

Session::~Session() = default;

Outcome Session::Connect() {
  if (channel_) return Outcome::Ok();
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (settings_.tls()) {
    grpc::SslCredentialsOptions options;  // empty roots: the system's CA certificates
    if (!settings_.ca.empty()) {
      if (Outcome read = ReadPem(settings_.ca, "CA certificate", &options.pem_root_certs);
          !read.ok()) {
        return read;
      }
    }
    if (!settings_.cert.empty()) {
      if (Outcome read = ReadPem(settings_.cert, "client certificate", &options.pem_cert_chain);
          !read.ok()) {
        return read;
      }
      if (Outcome read = ReadPem(settings_.key, "client key", &options.pem_private_key);
          !read.ok()) {
        return read;
      }
    }
    credentials = grpc::SslCredentials(options);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments args;
  args.SetUserAgentPrefix("trygg-cli");
  channel_ = grpc::CreateCustomChannel(settings_.server, credentials, args);
  return Outcome::Ok();
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
