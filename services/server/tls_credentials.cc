#include "tls_credentials.h"

#include <grpcpp/security/server_credentials.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trygg::server {
namespace {

// A PEM certificate chain, key or CA bundle is a few kilobytes; anything past this is not one.
constexpr std::size_t kMaxPemFileBytes = 1 << 20;

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The whole of `path` into `contents`; false (and why, naming the file and the flag) if it cannot
// be read, is empty or is too large.
bool ReadPemFile(const std::filesystem::path& path, const char* flag, std::string& contents,
                 std::string& error) {
  const std::string what = flag + std::string(" file ") + path.string();
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"),
                                                          &std::fclose);
  if (!file) {
    error = "cannot read the " + what + ": " + std::strerror(errno);
    return false;
  }
  contents.clear();
  char chunk[4096];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) {
    contents.append(chunk, n);
    if (contents.size() > kMaxPemFileBytes) {
      error = "the " + what + " is larger than " + std::to_string(kMaxPemFileBytes) +
              " bytes: not a PEM file";
      return false;
    }
  }
  if (std::ferror(file.get())) {
    error = "cannot read the " + what + ": " + std::strerror(errno);
    return false;
  }
  if (contents.empty()) {
    error = "the " + what + " is empty";
    return false;
  }
  return true;
}

BioPtr MemoryBio(const std::string& pem) {
  // kMaxPemFileBytes keeps the size within int.
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
}

// Every certificate in `pem`, in order; empty if there is none or one of them does not parse.
std::vector<X509Ptr> ParseCertificates(const std::string& pem) {
  ERR_clear_error();  // so that the error that ends the loop below is the last one queued
  std::vector<X509Ptr> certs;
  BioPtr bio = MemoryBio(pem);
  if (!bio) return certs;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    certs.emplace_back(cert, &X509_free);
  }
  // Reading stops at the end of the input (no further "BEGIN" line) or at a damaged certificate.
  const unsigned long stop = ERR_peek_last_error();
  if (ERR_GET_LIB(stop) != ERR_LIB_PEM || ERR_GET_REASON(stop) != PEM_R_NO_START_LINE) {
    certs.clear();
  }
  return certs;
}

// Never asks for a passphrase (OpenSSL's default would prompt on the terminal): an encrypted key
// fails to load.
int NoPassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) { return 0; }

KeyPtr ParsePrivateKey(const std::string& pem) {
  BioPtr bio = MemoryBio(pem);
  if (!bio) return KeyPtr(nullptr, &EVP_PKEY_free);
  return KeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, &NoPassphrase, nullptr),
                &EVP_PKEY_free);
}

// gRPC would also reject bad files, but only with an obscure message when the port is set up;
// these checks name the file and say what is wrong with it.
bool CheckCertificateAndKey(const Config& config, const std::string& cert_pem,
                            const std::string& key_pem, std::string& error) {
  const std::vector<X509Ptr> chain = ParseCertificates(cert_pem);
  if (chain.empty()) {
    error = "the --tls-cert file " + config.tls_cert.string() +
            " is not a PEM certificate chain (expected -----BEGIN CERTIFICATE----- blocks)";
    return false;
  }
  const KeyPtr key = ParsePrivateKey(key_pem);
  if (!key) {
    error = "the --tls-key file " + config.tls_key.string() +
            " is not a PEM private key without a passphrase (expected a "
            "-----BEGIN ... PRIVATE KEY----- block)";
    return false;
  }
  if (X509_check_private_key(chain.front().get(), key.get()) != 1) {
    error = "the private key in " + config.tls_key.string() +
            " does not belong to the first certificate in " + config.tls_cert.string();
    return false;
  }
  return true;
}

// TLS credentials from the files named in `config`, or plaintext credentials without
// --tls-cert. Null (and why) when a file cannot be used.
}  // namespace

std::shared_ptr<grpc::ServerCredentials> ListeningCredentials(const Config& config,
                                                              std::string& error) {
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    error = "--tls-cert and --tls-key go together: give both, or neither to serve without TLS";
    return nullptr;
  }
  if (config.tls_cert.empty()) {
    if (!config.tls_client_ca.empty()) {
      error = "--tls-client-ca needs --tls-cert and --tls-key: mutual TLS is TLS first";
      return nullptr;
    }
    return grpc::InsecureServerCredentials();
  }
  // Errors are reported here in our words; leave OpenSSL's per-thread error queue empty.
  struct ClearErrors {
    ~ClearErrors() { ERR_clear_error(); }
  } clear_errors;
  std::string cert_pem;
  std::string key_pem;
  if (!ReadPemFile(config.tls_cert, "--tls-cert", cert_pem, error) ||
      !ReadPemFile(config.tls_key, "--tls-key", key_pem, error) ||
      !CheckCertificateAndKey(config, cert_pem, key_pem, error)) {
    return nullptr;
  }
  grpc::SslServerCredentialsOptions options(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  if (!config.tls_client_ca.empty()) {
    if (!ReadPemFile(config.tls_client_ca, "--tls-client-ca", options.pem_root_certs, error)) {
      return nullptr;
    }
    if (ParseCertificates(options.pem_root_certs).empty()) {
      error = "the --tls-client-ca file " + config.tls_client_ca.string() +
              " is not a PEM CA bundle (expected -----BEGIN CERTIFICATE----- blocks)";
      return nullptr;
    }
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  options.pem_key_cert_pairs.push_back({std::move(key_pem), std::move(cert_pem)});
  return grpc::SslServerCredentials(options);
}

}  // namespace trygg::server
