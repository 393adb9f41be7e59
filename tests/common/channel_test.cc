// MakeChannel: one meaning of --ca, --cert and --key for every trygg client.
#include "common/channel.h"

#include <grpcpp/channel.h>
#include <grpcpp/support/channel_arguments.h>
#include <gtest/gtest.h>

#include <fstream>

#include "testutil/temp_dir.h"
#include "testutil/test_certs.h"

namespace trygg::client {
namespace {

using ::trygg::testing::TempDir;

Outcome Make(const Settings& settings, std::shared_ptr<grpc::Channel>* channel) {
  return MakeChannel(settings, grpc::ChannelArguments(), channel);
}

TEST(ChannelTest, PlaintextWithoutTlsFiles) {
  Settings settings;
  std::shared_ptr<grpc::Channel> channel;
  Outcome made = Make(settings, &channel);
  ASSERT_TRUE(made.ok()) << made.message();
  EXPECT_NE(channel, nullptr);
}

TEST(ChannelTest, TlsWithTheGivenCaOrTheSystemRoots) {
  TempDir dir;
  const ::trygg::testing::TestCerts certs = ::trygg::testing::MakeTestCerts(dir.path());
  Settings mutual;
  mutual.ca = certs.ca_cert;
  mutual.cert = certs.client_cert;
  mutual.key = certs.client_key;
  std::shared_ptr<grpc::Channel> channel;
  Outcome made = Make(mutual, &channel);
  ASSERT_TRUE(made.ok()) << made.message();
  EXPECT_NE(channel, nullptr);

  // A client certificate without --ca: TLS all the same, trusting the system's CA certificates.
  Settings system_roots;
  system_roots.cert = certs.client_cert;
  system_roots.key = certs.client_key;
  ASSERT_TRUE(system_roots.tls());
  channel.reset();
  made = Make(system_roots, &channel);
  ASSERT_TRUE(made.ok()) << made.message();
  EXPECT_NE(channel, nullptr);
}

TEST(ChannelTest, NamesAFileItCannotReadOrThatIsNotPem) {
  TempDir dir;
  std::shared_ptr<grpc::Channel> channel;
  Settings missing;
  missing.ca = dir.Sub("missing.pem");
  Outcome made = Make(missing, &channel);
  EXPECT_EQ(made.code(), ExitCode::kUsage);
  EXPECT_NE(made.message().find("cannot read the CA certificate file " + missing.ca.string()),
            std::string::npos)
      << made.message();
  EXPECT_EQ(channel, nullptr);

  Settings not_pem;
  not_pem.ca = dir.Sub("ca.txt");
  std::ofstream(not_pem.ca) << "not a certificate\n";
  made = Make(not_pem, &channel);
  EXPECT_EQ(made.code(), ExitCode::kUsage);
  EXPECT_NE(made.message().find("is not a PEM file"), std::string::npos) << made.message();
}

}  // namespace
}  // namespace trygg::client
