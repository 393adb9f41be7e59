// Throwaway certificates for TLS tests, made with OpenSSL's C API: a CA, a server certificate for
// "localhost" and a client certificate, both signed by that CA, written as PEM files. Every key
// is a fresh EC P-256 key, so no two calls share a CA.
#pragma once

#include <filesystem>
#include <string>

namespace trygg::testing {

// The PEM files one MakeTestCerts call wrote.
struct TestCerts {
  std::filesystem::path ca_cert;      // self-signed CA (CA:TRUE, keyCertSign)
  std::filesystem::path ca_key;       // its private key
  std::filesystem::path server_cert;  // CN=localhost, subjectAltName DNS:localhost, IP:127.0.0.1,
                                      // extendedKeyUsage serverAuth; signed by the CA
  std::filesystem::path server_key;   // unencrypted PKCS#8 ("BEGIN PRIVATE KEY")
  std::filesystem::path client_cert;  // CN=test-client, extendedKeyUsage clientAuth; by the CA
  std::filesystem::path client_key;
};

// Generates the CA, server and client keys and certificates into `dir` (which must exist) as
// `<prefix>ca.pem`, `<prefix>ca.key`, `<prefix>server.pem`, `<prefix>server.key`,
// `<prefix>client.pem` and `<prefix>client.key`. The certificates are valid from a day ago for
// thirty days (TLS checks them against the wall clock). Throws std::runtime_error, with OpenSSL's
// reason, if anything fails.
TestCerts MakeTestCerts(const std::filesystem::path& dir, const std::string& prefix = "");

// The whole file, for SslCredentialsOptions; throws std::runtime_error if it cannot be read.
std::string ReadTextFile(const std::filesystem::path& path);

}  // namespace trygg::testing
