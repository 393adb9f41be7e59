// Shared setup for the service tests: an event store and a token file in a temp dir, and an
// in-process gRPC server on a loopback port. Header-only.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "api/principal.h"
#include "api/token_file.h"
#include "testutil/eventstore_util.h"
#include "testutil/temp_dir.h"
#include "trygg/domain/codec.h"

// Not `trygg::api::testing`: that would hide `trygg::testing` from `testing::` in trygg::api.
namespace trygg::api::service_testing {

// Builds and starts a server for `service` on a loopback port; `port` is 0 if it did not start.
inline std::unique_ptr<grpc::Server> StartOnLoopback(grpc::Service& service, int& port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  return builder.BuildAndStart();
}

// An insecure channel to a server on the loopback `port`.
inline std::shared_ptr<grpc::Channel> LoopbackChannel(int port) {
  return grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                             grpc::InsecureChannelCredentials());
}

// A client context with `token` (none when empty) and a deadline.
inline std::unique_ptr<grpc::ClientContext> Context(
    const std::string& token,
    std::chrono::system_clock::duration timeout = trygg::testing::kDeadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

// A store and a token file in a temp dir; appends domain events straight to the store.
class StoreAndTokensTest : public ::testing::Test {
 protected:
  void OpenStore() {
    store_ = trygg::testing::OpenStore(dir_.Sub("store"));
    ASSERT_NE(store_, nullptr);
  }

  // Loads the token file once the tokens have been added.
  void LoadTokens() {
    std::string error;
    tokens_ = TokenFile::Load(TokenPath(), error);
    ASSERT_NE(tokens_, nullptr) << error;
  }

  std::filesystem::path TokenPath() const { return dir_.Sub("tokens"); }

  std::string AddToken(const Principal& principal) {
    auto added = TokenFile::Add(TokenPath(), principal);
    if (added.index() != 0) {
      ADD_FAILURE() << "TokenFile::Add: " << std::get<1>(added);
      return "";
    }
    return std::get<0>(added);
  }

  // Appends one domain event to `stream`; returns its position.
  uint64_t Append(const std::string& stream, const domain::DomainEvent& event) {
    const domain::EncodedEvent encoded = domain::Encode(event);
    eventstore::EventData data;
    data.type = encoded.type;
    data.payload = encoded.payload;
    data.metadata = {"samordnare", "varnamo-kommun", "cmd-" + std::to_string(++commands_), {}};
    eventstore::Result<eventstore::AppendResult> appended =
        store_->Append(trygg::testing::Request(stream, {data}));
    EXPECT_TRUE(appended.ok()) << appended.status().ToString();
    return appended.ok() ? appended->last_position.value() : 0;
  }

  trygg::testing::TempDir dir_;
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<TokenFile> tokens_;
  int commands_ = 0;
};

// StoreAndTokensTest with one token per role: a coordinator, an agency (the police), an auditor
// and a reader.
class RoleTokensTest : public StoreAndTokensTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OpenStore());
    coordinator_ = AddToken({"samordnare", Role::kCoordinator, "varnamo-kommun"});
    agency_ = AddToken({"kommunpolis", Role::kAgency, "polisen-lpo-varnamo"});
    auditor_ = AddToken({"revisor", Role::kAuditor, ""});
    reader_ = AddToken({"lasare", Role::kReader, ""});
    ASSERT_NO_FATAL_FAILURE(LoadTokens());
  }

  std::string coordinator_, agency_, auditor_, reader_;
};

}  // namespace trygg::api::service_testing
