#include "testutil/test_certs.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace trygg::testing {
namespace {

constexpr long kSecondsPerDay = 24 * 60 * 60;

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using NamePtr = std::unique_ptr<X509_NAME, decltype(&X509_NAME_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

// Throws with what failed and OpenSSL's oldest queued reason, and clears the queue.
[[noreturn]] void Fail(const std::string& what) {
  char reason[256] = "no OpenSSL error queued";
  if (const unsigned long code = ERR_get_error(); code != 0) {
    ERR_error_string_n(code, reason, sizeof reason);
  }
  ERR_clear_error();
  throw std::runtime_error("test certificates: " + what + ": " + reason);
}

KeyPtr NewKey() {
  KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), &EVP_PKEY_free);
  if (!key) Fail("EC P-256 key generation");
  return key;
}

void AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx{};
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) Fail(std::string("extension ") + OBJ_nid2sn(nid) + "=" + value);
  const int added = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (added != 1) Fail(std::string("adding extension ") + OBJ_nid2sn(nid));
}

// A version 3 certificate for `key` named CN=`common_name`, valid from a day ago for thirty days,
// with its subjectKeyIdentifier; issuer and signature are the caller's.
X509Ptr NewCertificate(EVP_PKEY* key, const std::string& common_name, long serial) {
  X509Ptr cert(X509_new(), &X509_free);
  NamePtr name(X509_NAME_new(), &X509_NAME_free);
  if (!cert || !name) Fail("allocation");
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial) != 1 ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kSecondsPerDay) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30 * kSecondsPerDay) == nullptr ||
      X509_set_pubkey(cert.get(), key) != 1) {
    Fail("certificate fields for " + common_name);
  }
  if (X509_NAME_add_entry_by_txt(name.get(), "O", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("trygg tests"), -1, -1,
                                 0) != 1 ||
      X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                 -1, 0) != 1 ||
      X509_set_subject_name(cert.get(), name.get()) != 1) {
    Fail("subject name " + common_name);
  }
  AddExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  return cert;
}

void Sign(X509* cert, EVP_PKEY* issuer_key) {
  if (X509_sign(cert, issuer_key, EVP_sha256()) <= 0) Fail("signing");
}

// A certificate for `key`, issued and signed by the CA.
X509Ptr NewLeaf(EVP_PKEY* key, const std::string& common_name, long serial, X509* ca,
                EVP_PKEY* ca_key, const char* extended_key_usage, const char* subject_alt_name) {
  X509Ptr cert = NewCertificate(key, common_name, serial);
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(ca)) != 1) Fail("issuer name");
  AddExtension(cert.get(), ca, NID_basic_constraints, "critical,CA:FALSE");
  AddExtension(cert.get(), ca, NID_key_usage, "critical,digitalSignature");
  AddExtension(cert.get(), ca, NID_ext_key_usage, extended_key_usage);
  AddExtension(cert.get(), ca, NID_authority_key_identifier, "keyid:always");
  if (subject_alt_name != nullptr) {
    AddExtension(cert.get(), ca, NID_subject_alt_name, subject_alt_name);
  }
  Sign(cert.get(), ca_key);
  return cert;
}

BioPtr OpenForWriting(const std::filesystem::path& path) {
  BioPtr bio(BIO_new_file(path.c_str(), "w"), &BIO_free);
  if (!bio) Fail("cannot create " + path.string());
  return bio;
}

void WriteCertificate(const std::filesystem::path& path, X509* cert) {
  BioPtr bio = OpenForWriting(path);
  if (PEM_write_bio_X509(bio.get(), cert) != 1 || BIO_flush(bio.get()) != 1) {
    Fail("writing " + path.string());
  }
}

void WriteKey(const std::filesystem::path& path, EVP_PKEY* key) {
  BioPtr bio = OpenForWriting(path);
  if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      BIO_flush(bio.get()) != 1) {
    Fail("writing " + path.string());
  }
}

}  // namespace

TestCerts MakeTestCerts(const std::filesystem::path& dir, const std::string& prefix) {
  const TestCerts files{dir / (prefix + "ca.pem"),     dir / (prefix + "ca.key"),
                        dir / (prefix + "server.pem"), dir / (prefix + "server.key"),
                        dir / (prefix + "client.pem"), dir / (prefix + "client.key")};

  const KeyPtr ca_key = NewKey();
  const X509Ptr ca = NewCertificate(ca_key.get(), "trygg test CA " + prefix, 1);
  if (X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) != 1) Fail("CA issuer");
  AddExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  Sign(ca.get(), ca_key.get());

  const KeyPtr server_key = NewKey();
  const X509Ptr server = NewLeaf(server_key.get(), "localhost", 2, ca.get(), ca_key.get(),
                                 "serverAuth", "DNS:localhost,IP:127.0.0.1");
  const KeyPtr client_key = NewKey();
  const X509Ptr client =
      NewLeaf(client_key.get(), "test-client", 3, ca.get(), ca_key.get(), "clientAuth", nullptr);

  WriteCertificate(files.ca_cert, ca.get());
  WriteKey(files.ca_key, ca_key.get());
  WriteCertificate(files.server_cert, server.get());
  WriteKey(files.server_key, server_key.get());
  WriteCertificate(files.client_cert, client.get());
  WriteKey(files.client_key, client_key.get());
  return files;
}

std::string ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return contents.str();
}

}  // namespace trygg::testing
