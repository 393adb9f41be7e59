// IsOk() and StatusIs() on each status type trygg has, and what they print when they fail.
#include "testutil/status_matchers.h"

#include <gtest/gtest.h>

#include <string>

#include "trygg/domain/result.h"
#include "trygg/eventstore/status.h"

namespace trygg::testing {
namespace {

using ::testing::Not;

// What `matcher` says about `value` when it does not match (or the empty string when it does).
template <class T, class M>
std::string Explain(const M& matcher, const T& value) {
  ::testing::StringMatchResultListener listener;
  const bool matched = ::testing::Matcher<const T&>(matcher).MatchAndExplain(value, &listener);
  return matched ? "" : listener.str();
}

template <class T, class M>
std::string Describe(const M& matcher) {
  return ::testing::DescribeMatcher<const T&>(matcher);
}

const eventstore::Status kNotFound(eventstore::Code::kNotFound, "no stream plan-x");

TEST(IsOk, EventStoreStatusAndResult) {
  EXPECT_THAT(eventstore::Status(), IsOk());
  EXPECT_THAT(kNotFound, Not(IsOk()));
  EXPECT_THAT(eventstore::Result<int>(7), IsOk());
  EXPECT_THAT(eventstore::Result<int>(kNotFound), Not(IsOk()));
}

TEST(IsOk, GrpcStatusAndDomainResult) {
  EXPECT_THAT(grpc::Status::OK, IsOk());
  const grpc::Status denied(grpc::StatusCode::PERMISSION_DENIED, "readers only read");
  EXPECT_THAT(denied, Not(IsOk()));
  EXPECT_THAT(domain::Result<int>(7), IsOk());
  EXPECT_THAT(domain::Result<int>(denied), Not(IsOk()));
}

TEST(IsOk, PrintsTheStatusThatFailed) {
  EXPECT_EQ(Describe<eventstore::Status>(IsOk()), "is OK");
  EXPECT_EQ(Explain(IsOk(), kNotFound), "whose status is NOT_FOUND: no stream plan-x");
  EXPECT_EQ(Explain(IsOk(), eventstore::Result<int>(kNotFound)),
            "whose status is NOT_FOUND: no stream plan-x");
  EXPECT_EQ(Explain(IsOk(), domain::Result<int>(grpc::Status(grpc::StatusCode::ABORTED, "again"))),
            "whose status is ABORTED: again");
  EXPECT_EQ(Explain(IsOk(), eventstore::Status()), "");
}

// Shaped like rocksdb::Status: ok() and ToString(), no gRPC code.
struct ToStringStatus {
  bool ok() const { return false; }
  std::string ToString() const { return "IO error: disk full"; }
};
// Shaped like a test helper that only says whether it worked.
struct OnlyOk {
  bool ok() const { return false; }
};

TEST(IsOk, AbslStatusAndOtherShapes) {
  EXPECT_THAT(absl::OkStatus(), IsOk());
  EXPECT_EQ(Explain(IsOk(), absl::NotFoundError("no such key")),
            "whose status is NOT_FOUND: no such key");
  EXPECT_EQ(Explain(IsOk(), ToStringStatus()), "whose status is IO error: disk full");
  EXPECT_EQ(Explain(IsOk(), OnlyOk()), "whose status is not OK");
}

TEST(StatusIs, MatchesCodeAndMessage) {
  EXPECT_THAT(kNotFound, StatusIs(eventstore::Code::kNotFound, "plan-x"));
  EXPECT_THAT(kNotFound, StatusIs(eventstore::Code::kNotFound, ""));
  EXPECT_THAT(kNotFound, Not(StatusIs(eventstore::Code::kNotFound, "plan-y")));
  EXPECT_THAT(kNotFound, Not(StatusIs(eventstore::Code::kDataLoss, "plan-x")));
  EXPECT_THAT(eventstore::Result<int>(kNotFound), StatusIs(eventstore::Code::kNotFound, ""));
  EXPECT_THAT(eventstore::Result<int>(7), StatusIs(eventstore::Code::kOk, ""));

  const grpc::Status denied(grpc::StatusCode::PERMISSION_DENIED, "readers only read");
  EXPECT_THAT(denied, StatusIs(grpc::StatusCode::PERMISSION_DENIED, "only read"));
  EXPECT_THAT(domain::Result<int>(denied), StatusIs(grpc::StatusCode::PERMISSION_DENIED, ""));
  EXPECT_THAT(domain::Result<int>(denied), Not(StatusIs(grpc::StatusCode::NOT_FOUND, "")));
}

TEST(StatusIs, DescribesAndPrintsTheStatus) {
  EXPECT_EQ(Describe<eventstore::Status>(StatusIs(eventstore::Code::kAborted, "conflict")),
            "has code ABORTED and a message containing \"conflict\"");
  EXPECT_EQ(Describe<grpc::Status>(StatusIs(grpc::StatusCode::NOT_FOUND, "")),
            "has code NOT_FOUND");
  EXPECT_EQ(Explain(StatusIs(eventstore::Code::kAborted, ""), kNotFound),
            "whose status is NOT_FOUND: no stream plan-x");
}

}  // namespace
}  // namespace trygg::testing
