// The listening port's credentials: TLS (mutual TLS with a client CA) from PEM files, or plaintext.
#pragma once

#include <memory>
#include <string>

#include "config.h"

namespace grpc {
class ServerCredentials;
}  // namespace grpc

namespace trygg::server {

// TLS credentials from config.tls_cert / tls_key (and tls_client_ca: clients must then present a
// certificate it signed), or plaintext credentials when no TLS file is named. The files are
// checked with OpenSSL first, so that a bad one is reported by name and with what is wrong (not
// readable, empty, not PEM, a key that does not match the certificate, a passphrase-protected
// key). Null, with `error` set, when the files or their combination cannot be used.
std::shared_ptr<grpc::ServerCredentials> ListeningCredentials(const Config& config,
                                                              std::string& error);

}  // namespace trygg::server
