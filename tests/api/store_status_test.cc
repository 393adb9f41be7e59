// FromStore (api/store_status.h): the one mapping from event store errors to what a client sees.
#include "api/store_status.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "testutil/status_matchers.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::api {
namespace {

using eventstore::Code;

// A store message with the kind of detail that must not reach a client.
const std::string kDetail = "reading the log: IO error: /srv/trygg/store/000042.sst: bad block";

TEST(StoreStatusTest, OkIsOk) { EXPECT_THAT(FromStore(eventstore::Status()), IsOk()); }

TEST(StoreStatusTest, BackPressureAndShutdownPassThroughWithTheirMessage) {
  for (Code code : {Code::kResourceExhausted, Code::kUnavailable}) {
    const grpc::Status status = FromStore(eventstore::Status(code, "the writer's queue is full"));
    EXPECT_EQ(static_cast<int>(status.error_code()), static_cast<int>(code));
    EXPECT_EQ(status.error_message(), "the writer's queue is full");
  }
}

// A full or failing disk: the client gets the code and the message that says what to do, and
// RocksDB's words (which name files) go to the server's log only.
TEST(StoreStatusTest, AFullOrFailingDiskPassesThroughWithItsMessageAndTheDetailIsLogged) {
  const struct {
    Code code;
    const char* message;
    grpc::StatusCode expected;
  } cases[] = {
      {Code::kResourceExhausted, eventstore::kDiskFullMessage,
       grpc::StatusCode::RESOURCE_EXHAUSTED},
      {Code::kUnavailable, eventstore::kDiskFailedMessage, grpc::StatusCode::UNAVAILABLE},
  };
  for (const auto& c : cases) {
    ::testing::internal::CaptureStderr();
    const grpc::Status status =
        FromStore(eventstore::Status(c.code, c.message).WithDetail(kDetail));
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(status.error_code(), c.expected);
    EXPECT_EQ(status.error_message(), c.message);
    EXPECT_NE(log.find(kDetail), std::string::npos) << log;
  }
}

TEST(StoreStatusTest, DataLossPassesThroughAsACodeOnlyAndTheDetailIsLogged) {
  ::testing::internal::CaptureStderr();
  const grpc::Status status = FromStore(eventstore::Status(Code::kDataLoss, kDetail));
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DATA_LOSS);
  EXPECT_EQ(status.error_message().find("/srv/trygg"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("server's log"), std::string::npos);
  EXPECT_NE(log.find(kDetail), std::string::npos) << log;
  EXPECT_NE(log.find("DATA_LOSS"), std::string::npos) << log;
}

TEST(StoreStatusTest, EverythingElseIsInternalWithoutTheStoreMessage) {
  for (Code code : {Code::kCancelled, Code::kInvalidArgument, Code::kNotFound, Code::kAlreadyExists,
                    Code::kFailedPrecondition, Code::kAborted, Code::kInternal}) {
    ::testing::internal::CaptureStderr();
    const grpc::Status status = FromStore(eventstore::Status(code, kDetail));
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL) << eventstore::CodeName(code);
    EXPECT_EQ(status.error_message().find("/srv/trygg"), std::string::npos)
        << status.error_message();
    EXPECT_NE(log.find(kDetail), std::string::npos) << log;
  }
}

// With a log set (trygg-server sets its own), what the client was not told goes there instead of
// stderr.
TEST(StoreStatusTest, WhatIsLeftOutGoesToTheLogThatWasSet) {
  std::string told;
  std::string withheld;
  SetWithheldLog([&](std::string_view t, const eventstore::Status& status) {
    told = t;
    withheld = status.ToString();
  });
  ::testing::internal::CaptureStderr();
  const grpc::Status status = FromStore(eventstore::Status(Code::kDataLoss, kDetail));
  const std::string stderr_text = ::testing::internal::GetCapturedStderr();
  SetWithheldLog({});
  EXPECT_EQ(told, status.error_message());
  EXPECT_NE(withheld.find(kDetail), std::string::npos) << withheld;
  EXPECT_EQ(stderr_text, "");
}

}  // namespace
}  // namespace trygg::api
