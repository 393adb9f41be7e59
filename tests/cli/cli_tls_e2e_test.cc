// trygg's TLS options against a trygg-server serving mutual TLS with certificates made for the
// test (testutil/test_certs.h): --ca to trust the server, --cert/--key to present the client's
// certificate, the same from the config file, and the one-line failures without them.
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_fixture.h"
#include "testutil/test_certs.h"

namespace trygg::testing {
namespace {

class CliTls : public ::testing::Test {
 protected:
  void SetUp() override {
    certs_ = MakeTestCerts(dir_.path());
    token_ = AddToken(dir_, "kommunpolis", "agency", kPolice);
    server_.emplace(dir_, std::vector<std::string>{"--tokens", dir_.Sub("tokens").string(),
                                                   "--tls-cert", certs_.server_cert.string(),
                                                   "--tls-key", certs_.server_key.string(),
                                                   "--tls-client-ca", certs_.ca_cert.string()});
    ASSERT_FALSE(server_->address().empty());
    ASSERT_TRUE(Contains(server_->first_line(), "(mutual TLS)")) << server_->first_line();
  }

  CliEnv Env() const {
    CliEnv env;
    env.set["HOME"] = dir_.Sub("home").string();
    env.set["XDG_CONFIG_HOME"] = dir_.Sub("xdg").string();
    return env;
  }

  CliResult Trygg(std::vector<std::string> args, const CliEnv& env) const {
    std::vector<std::string> all = {"--server", server_->address(), "--token",
                                    token_,     "--timeout",        "10"};
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all, env);
  }

  TempDir dir_;
  TestCerts certs_;
  std::string token_;
  std::optional<RunningServer> server_;
};

TEST_F(CliTls, CaCertAndKeyConnectToAMutualTlsServer) {
  const CliResult result =
      Trygg({"--ca", certs_.ca_cert.string(), "--cert", certs_.client_cert.string(), "--key",
             certs_.client_key.string(), "whoami"},
            Env());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "kommunpolis (agency, agency polisen-lpo-varnamo)\n");
}

TEST_F(CliTls, TheTlsFilesMayComeFromTheConfigFile) {
  CliEnv env = Env();
  std::filesystem::create_directories(dir_.Sub("xdg") / "trygg");
  std::ofstream(dir_.Sub("xdg") / "trygg" / "config")
      << "ca = " << certs_.ca_cert.string() << "\ncert = " << certs_.client_cert.string()
      << "\nkey = " << certs_.client_key.string() << "\n";
  const CliResult result = Trygg({"whoami"}, env);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "kommunpolis (agency, agency polisen-lpo-varnamo)\n");
}

TEST_F(CliTls, WithoutTheRightCredentialsTheConnectionFailsWithOneLineAndExit6) {
  // Plaintext to a TLS port.
  ExpectFailure(Trygg({"whoami"}, Env()), 6, "if the server uses TLS, give --ca");
  // TLS without the client certificate the server demands.
  ExpectFailure(Trygg({"--ca", certs_.ca_cert.string(), "whoami"}, Env()), 6,
                "cannot reach trygg-server at " + server_->address());
  // A CA that did not issue the server's certificate.
  const TestCerts other = MakeTestCerts(dir_.path(), "other-");
  ExpectFailure(Trygg({"--ca", other.ca_cert.string(), "--cert", certs_.client_cert.string(),
                       "--key", certs_.client_key.string(), "whoami"},
                      Env()),
                6, "the TLS handshake failed");
}

}  // namespace
}  // namespace trygg::testing
