#include "common/channel.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace trygg::client {
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

Outcome MakeChannel(const Settings& settings, const grpc::ChannelArguments& args,
                    std::shared_ptr<grpc::Channel>* out) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (settings.tls()) {
    grpc::SslCredentialsOptions options;  // empty roots: the system's CA certificates
    if (!settings.ca.empty()) {
      if (Outcome read = ReadPem(settings.ca, "CA certificate", &options.pem_root_certs);
          !read.ok()) {
        return read;
      }
    }
    if (!settings.cert.empty()) {
      if (Outcome read = ReadPem(settings.cert, "client certificate", &options.pem_cert_chain);
          !read.ok()) {
        return read;
      }
      if (Outcome read = ReadPem(settings.key, "client key", &options.pem_private_key);
          !read.ok()) {
        return read;
      }
    }
    credentials = grpc::SslCredentials(options);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  *out = grpc::CreateCustomChannel(settings.server, credentials, args);
  return Outcome::Ok();
}

}  // namespace trygg::client
