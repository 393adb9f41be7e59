// TLS on trygg-server's port, through the real binary with certificates made for each test: who
// gets through (clients that trust the CA; with --tls-client-ca, only clients with a certificate
// from that CA), who does not (plaintext, an untrusted server, no client certificate), start-up
// refusals that name the bad file, and the clear-text warning off the loopback.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "server_process.h"
#include "testutil/test_certs.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

// Failures must come from the handshake, well before the test's own deadline.
constexpr auto kCallTimeout = std::chrono::seconds(10);

// Trusts `ca` and, when `client` is given, presents that certificate and key.
grpc::SslCredentialsOptions TlsOptions(const std::filesystem::path& ca,
                                       const std::filesystem::path& client_cert = {},
                                       const std::filesystem::path& client_key = {}) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadTextFile(ca);
  if (!client_cert.empty()) {
    options.pem_cert_chain = ReadTextFile(client_cert);
    options.pem_private_key = ReadTextFile(client_key);
  }
  return options;
}

// A TLS channel to `address`; with `server_name`, the certificate is checked against that name
// instead of the address's host.
std::shared_ptr<grpc::Channel> TlsChannel(const std::string& address,
                                          const grpc::SslCredentialsOptions& options,
                                          const std::string& server_name = "") {
  grpc::ChannelArguments args;
  if (!server_name.empty()) args.SetSslTargetNameOverride(server_name);
  return grpc::CreateCustomChannel(address, grpc::SslCredentials(options), args);
}

std::shared_ptr<grpc::Channel> PlaintextChannel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

grpc::Status HealthCheck(const std::shared_ptr<grpc::Channel>& channel) {
  return RawCall(channel, "/grpc.health.v1.Health/Check", {std::string()}, "", kCallTimeout).status;
}

// StatusService.ListMeasures over `channel`, with `token` as the bearer token unless empty.
grpc::Status ListMeasures(const std::shared_ptr<grpc::Channel>& channel, const std::string& token) {
  auto stub = v1::StatusService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
  v1::ListMeasuresResponse response;
  return stub->ListMeasures(&context, v1::ListMeasuresRequest(), &response);
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Starts trygg-server with `args` and its stderr interleaved with stdout, collects every line up
// to and including "listening on", then stops it with SIGTERM.
std::vector<std::string> StartupLines(std::vector<std::string> args) {
  args.insert(args.begin(), {"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1", TRYGG_SERVER});
  Child child;
  std::string error;
  if (!child.Start(args, &error)) {
    ADD_FAILURE() << error;
    return {};
  }
  LineReader reader(child.read_fd());
  std::vector<std::string> lines;
  std::string line;
  const auto deadline = Clock::now() + kDeadline;
  while (reader.Next(&line, deadline) == ReadStatus::kLine) {
    lines.push_back(line);
    if (Contains(line, "listening on ")) break;
  }
  EXPECT_FALSE(lines.empty() || !Contains(lines.back(), "listening on ")) << Joined(lines);
  const int status = child.SignalAndWait(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  return lines;
}

class TlsE2E : public ::testing::Test {
 protected:
  TempDir dir_;
  const TestCerts certs_ = MakeTestCerts(dir_.path());
  // A second, unrelated CA with its own server and client certificates.
  const TestCerts other_ = MakeTestCerts(dir_.path(), "other-");
  const std::string reader_token_ = AddToken(dir_, "lasare", "reader");

  std::vector<std::string> TlsArgs() const {
    return {"--tokens",  dir_.Sub("tokens").string(), "--tls-cert", certs_.server_cert.string(),
            "--tls-key", certs_.server_key.string()};
  }
  std::vector<std::string> MutualTlsArgs() const {
    std::vector<std::string> args = TlsArgs();
    args.push_back("--tls-client-ca");
    args.push_back(certs_.ca_cert.string());
    return args;
  }

  // Runs trygg-server with `args` after --listen and --data, to completion; expects it to exit
  // with `exit_status` having said something that contains `mentions`.
  void ExpectRefused(std::vector<std::string> args, int exit_status, const std::string& mentions) {
    args.insert(args.begin(), {"--listen", "127.0.0.1:0", "--data", dir_.Sub("data").string()});
    const Output out = RunServerWithStderr(args);
    const std::string text = Joined(out.lines);
    EXPECT_EQ(out.exit_status, exit_status) << text;
    EXPECT_TRUE(Contains(text, mentions)) << "expected '" << mentions << "' in:\n" << text;
    EXPECT_FALSE(Contains(text, "listening on")) << text;
    // The TLS files are checked before the store is opened (or created).
    EXPECT_FALSE(std::filesystem::exists(dir_.Sub("data"))) << text;
  }
};

TEST_F(TlsE2E, ServesClientsThatTrustItsCaAndNoOneElse) {
  RunningServer server(dir_, TlsArgs());
  ASSERT_FALSE(server.address().empty());
  EXPECT_TRUE(Contains(server.first_line(), " (TLS) ")) << server.first_line();
  const std::string port = server.address().substr(server.address().rfind(':') + 1);

  // By name (the certificate's DNS:localhost) and by address (its IP:127.0.0.1).
  const grpc::SslCredentialsOptions trusting = TlsOptions(certs_.ca_cert);
  const auto by_name = TlsChannel(server.address(), trusting, "localhost");
  EXPECT_TRUE(IsServing(by_name));
  EXPECT_TRUE(IsServing(TlsChannel("127.0.0.1:" + port, trusting)));
  const grpc::Status with_token = ListMeasures(by_name, reader_token_);
  EXPECT_TRUE(with_token.ok()) << with_token.error_code() << " " << with_token.error_message();
  // TLS authenticates the server only; callers still need a token.
  EXPECT_EQ(ListMeasures(by_name, "").error_code(), grpc::StatusCode::UNAUTHENTICATED);

  EXPECT_EQ(HealthCheck(PlaintextChannel(server.address())).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ListMeasures(PlaintextChannel(server.address()), reader_token_).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  const auto untrusting = TlsChannel(server.address(), TlsOptions(other_.ca_cert), "localhost");
  EXPECT_EQ(HealthCheck(untrusting).error_code(), grpc::StatusCode::UNAVAILABLE);
  // The certificate is for localhost and 127.0.0.1, not for another name.
  EXPECT_EQ(HealthCheck(TlsChannel(server.address(), trusting, "trygg.example")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(server.Terminate(), 0);
}

TEST_F(TlsE2E, MutualTlsAdmitsOnlyClientsWithACertificateFromTheClientCa) {
  RunningServer server(dir_, MutualTlsArgs());
  ASSERT_FALSE(server.address().empty());
  EXPECT_TRUE(Contains(server.first_line(), " (mutual TLS) ")) << server.first_line();

  const auto with_client_cert =
      TlsChannel(server.address(),
                 TlsOptions(certs_.ca_cert, certs_.client_cert, certs_.client_key), "localhost");
  EXPECT_TRUE(IsServing(with_client_cert));
  const grpc::Status with_token = ListMeasures(with_client_cert, reader_token_);
  EXPECT_TRUE(with_token.ok()) << with_token.error_code() << " " << with_token.error_message();

  const auto without_client_cert =
      TlsChannel(server.address(), TlsOptions(certs_.ca_cert), "localhost");
  const grpc::Status refused = HealthCheck(without_client_cert);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();
  EXPECT_FALSE(ListMeasures(without_client_cert, reader_token_).ok());

  const auto foreign_client_cert =
      TlsChannel(server.address(),
                 TlsOptions(certs_.ca_cert, other_.client_cert, other_.client_key), "localhost");
  const grpc::Status foreign = HealthCheck(foreign_client_cert);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::UNAVAILABLE) << foreign.error_message();
  EXPECT_EQ(server.Terminate(), 0);
}

TEST_F(TlsE2E, ConfigFileSuppliesTheTlsOptions) {
  const auto config = dir_.Sub("trygg.toml");
  std::ofstream(config) << "listen = \"127.0.0.1:0\"\n"
                        << "data = \"" << dir_.Sub("data").string() << "\"\n"
                        << "tokens = \"" << dir_.Sub("tokens").string() << "\"\n"
                        << "tls-cert = \"" << certs_.server_cert.string() << "\"\n"
                        << "tls-key = \"" << certs_.server_key.string() << "\"\n"
                        << "tls-client-ca = \"" << certs_.ca_cert.string() << "\"\n";
  RunningServer server({"--config", config.string()});
  ASSERT_FALSE(server.address().empty());
  EXPECT_TRUE(Contains(server.first_line(), " (mutual TLS) ")) << server.first_line();
  EXPECT_TRUE(IsServing(
      TlsChannel(server.address(),
                 TlsOptions(certs_.ca_cert, certs_.client_cert, certs_.client_key), "localhost")));
  EXPECT_EQ(server.Terminate(), 0);
}

TEST_F(TlsE2E, MissingCertificateFileIsNamed) {
  const std::string missing = dir_.Sub("no-such-cert.pem").string();
  ExpectRefused({"--tokens", dir_.Sub("tokens").string(), "--tls-cert", missing, "--tls-key",
                 certs_.server_key.string()},
                1, missing);
}

TEST_F(TlsE2E, KeyOfAnotherCertificateIsNamed) {
  ExpectRefused({"--tokens", dir_.Sub("tokens").string(), "--tls-cert", certs_.server_cert.string(),
                 "--tls-key", certs_.client_key.string()},
                1, certs_.client_key.string());
}

TEST_F(TlsE2E, GarbageCertificateFileIsNamed) {
  const auto garbage = dir_.Sub("garbage.pem");
  std::ofstream(garbage) << "this is not a certificate\n";
  ExpectRefused({"--tokens", dir_.Sub("tokens").string(), "--tls-cert", garbage.string(),
                 "--tls-key", certs_.server_key.string()},
                1, garbage.string());
}

TEST_F(TlsE2E, DamagedCertificateIsNamed) {
  // A real certificate with its base64 cut short: the BEGIN line is there, the DER is not.
  std::string pem = ReadTextFile(certs_.server_cert);
  pem.erase(pem.size() / 2, pem.find("-----END") - pem.size() / 2);
  const auto damaged = dir_.Sub("damaged.pem");
  std::ofstream(damaged) << pem;
  ExpectRefused({"--tokens", dir_.Sub("tokens").string(), "--tls-cert", damaged.string(),
                 "--tls-key", certs_.server_key.string()},
                1, damaged.string());
}

TEST_F(TlsE2E, GarbageKeyFileIsNamed) {
  const auto garbage = dir_.Sub("garbage.key");
  std::ofstream(garbage)
      << "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
  ExpectRefused({"--tokens", dir_.Sub("tokens").string(), "--tls-cert", certs_.server_cert.string(),
                 "--tls-key", garbage.string()},
                1, garbage.string());
}

TEST_F(TlsE2E, EmptyClientCaFileIsNamed) {
  const auto empty = dir_.Sub("empty-ca.pem");
  std::ofstream(empty).flush();
  std::vector<std::string> args = TlsArgs();
  args.insert(args.end(), {"--tls-client-ca", empty.string()});
  ExpectRefused(args, 1, empty.string());
}

TEST_F(TlsE2E, ClientCaFileWithoutCertificatesIsNamed) {
  std::vector<std::string> args = TlsArgs();
  // A private key is PEM, but not a CA bundle.
  args.insert(args.end(), {"--tls-client-ca", certs_.ca_key.string()});
  ExpectRefused(args, 1, certs_.ca_key.string());
}

TEST_F(TlsE2E, TlsFlagsThatDoNotGoTogetherAreUsageErrors) {
  const std::string tokens = dir_.Sub("tokens").string();
  ExpectRefused({"--tokens", tokens, "--tls-cert", certs_.server_cert.string()}, 2, "--tls-key");
  ExpectRefused({"--tokens", tokens, "--tls-key", certs_.server_key.string()}, 2, "--tls-cert");
  ExpectRefused({"--tokens", tokens, "--tls-client-ca", certs_.ca_cert.string()}, 2,
                "--tls-client-ca");
}

TEST_F(TlsE2E, WarnsThatTokensTravelInClearTextOnlyOffTheLoopbackWithoutTls) {
  const std::string data = dir_.Sub("data").string();
  const std::string tokens = dir_.Sub("tokens").string();
  const std::string all_interfaces =
      Joined(StartupLines({"--listen", "0.0.0.0:0", "--data", data, "--tokens", tokens}));
  EXPECT_TRUE(Contains(all_interfaces, " WARN no_tls ")) << all_interfaces;
  EXPECT_TRUE(Contains(all_interfaces, "clear text")) << all_interfaces;

  const std::string loopback =
      Joined(StartupLines({"--listen", "127.0.0.1:0", "--data", data, "--tokens", tokens}));
  EXPECT_FALSE(Contains(loopback, " WARN no_tls ")) << loopback;

  std::vector<std::string> tls = {"--listen", "0.0.0.0:0", "--data", data};
  const std::vector<std::string> tls_args = TlsArgs();
  tls.insert(tls.end(), tls_args.begin(), tls_args.end());
  const std::string all_interfaces_tls = Joined(StartupLines(tls));
  EXPECT_FALSE(Contains(all_interfaces_tls, " WARN no_tls ")) << all_interfaces_tls;
  EXPECT_TRUE(Contains(all_interfaces_tls, " (TLS) ")) << all_interfaces_tls;
}

}  // namespace
}  // namespace trygg::testing
