// The per-principal limits (api/limits.h) on their own: the write-rate token bucket driven by an
// injected clock (no sleeps), and the stream limiter's leases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "api/limits.h"

namespace trygg::api {
namespace {

using std::chrono::milliseconds;
using ::testing::AllOf;
using ::testing::HasSubstr;

// A clock the test moves by hand.
struct ManualClock {
  std::chrono::steady_clock::time_point now{};
  WriteRateLimiter::Clock AsClock() {
    return [this] { return now; };
  }
};

// How many of `n` writes of `principal` the limiter lets through now.
int Allowed(WriteRateLimiter& limiter, const std::string& principal, int n) {
  int allowed = 0;
  for (int i = 0; i < n; ++i) allowed += limiter.Take(principal).ok() ? 1 : 0;
  return allowed;
}

TEST(WriteRateLimiter, AFullBucketAllowsTheBurstAndNoMore) {
  ManualClock clock;
  WriteRateLimiter limiter({.per_second = 10, .burst = 30}, clock.AsClock());
  EXPECT_EQ(Allowed(limiter, "samordnare", 31), 30);
}

TEST(WriteRateLimiter, RefillsAtTheRateUpToTheBurst) {
  ManualClock clock;
  WriteRateLimiter limiter({.per_second = 10, .burst = 30}, clock.AsClock());
  ASSERT_EQ(Allowed(limiter, "samordnare", 30), 30);
  clock.now += milliseconds(99);  // 0.99 writes
  EXPECT_FALSE(limiter.Take("samordnare").ok());
  clock.now += milliseconds(1);  // 1 write
  EXPECT_TRUE(limiter.Take("samordnare").ok());
  EXPECT_FALSE(limiter.Take("samordnare").ok());
  clock.now += milliseconds(500);  // 5 writes
  EXPECT_EQ(Allowed(limiter, "samordnare", 6), 5);
  clock.now += std::chrono::hours(1);  // far more than the burst
  EXPECT_EQ(Allowed(limiter, "samordnare", 31), 30);
}

TEST(WriteRateLimiter, RefusalNamesTheRateTheWaitAndTheFlagNotTheToken) {
  ManualClock clock;
  WriteRateLimiter limiter({.per_second = 4, .burst = 1}, clock.AsClock());
  ASSERT_TRUE(limiter.Take("samordnare").ok());
  clock.now += milliseconds(100);  // 0.4 writes: 0.6 missing, 150 ms
  const grpc::Status refused = limiter.Take("samordnare");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(),
              AllOf(HasSubstr("'samordnare'"), HasSubstr("4 writes per second"),
                    HasSubstr("bursts of up to 1"), HasSubstr("retry in 150 ms"),
                    HasSubstr("--max-writes-per-second-per-principal")));
}

TEST(WriteRateLimiter, EachPrincipalHasItsOwnBucket) {
  ManualClock clock;
  WriteRateLimiter limiter({.per_second = 1, .burst = 3}, clock.AsClock());
  ASSERT_EQ(Allowed(limiter, "samordnare", 10), 3);
  EXPECT_EQ(Allowed(limiter, "kommunpolis", 10), 3);
  // Many principals, across every shard, each with its full burst.
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(Allowed(limiter, "principal-" + std::to_string(i), 4), 3) << i;
  }
}

TEST(WriteRateLimiter, ZeroIsNoLimit) {
  ManualClock clock;
  WriteRateLimiter limiter({.per_second = 0, .burst = 1}, clock.AsClock());
  EXPECT_EQ(Allowed(limiter, "samordnare", 100'000), 100'000);
}

TEST(WriteRateLimiter, AClockThatGoesBackAddsNothing) {
  ManualClock clock;
  clock.now += std::chrono::hours(1);
  WriteRateLimiter limiter({.per_second = 10, .burst = 2}, clock.AsClock());
  ASSERT_EQ(Allowed(limiter, "samordnare", 2), 2);
  clock.now -= std::chrono::minutes(30);
  EXPECT_FALSE(limiter.Take("samordnare").ok());
}

TEST(StreamLimiter, AtMostTheLimitPerPrincipal) {
  StreamLimiter limiter(3);
  std::vector<StreamLimiter::Lease> leases;
  for (int i = 0; i < 3; ++i) {
    auto lease = limiter.Acquire("revisor");
    ASSERT_TRUE(lease.ok()) << lease.status().error_message();
    leases.push_back(*std::move(lease));
  }
  EXPECT_EQ(limiter.Held("revisor"), 3u);
  auto refused = limiter.Acquire("revisor");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.status().error_message(),
              AllOf(HasSubstr("'revisor'"), HasSubstr("limit of 3 open streams"),
                    HasSubstr("--max-streams-per-principal")));
  // Another principal is not held to revisor's streams.
  EXPECT_TRUE(limiter.Acquire("samordnare").ok());
}

TEST(StreamLimiter, ALeaseGivesItsPlaceBackWhenItEnds) {
  StreamLimiter limiter(1);
  {
    auto lease = limiter.Acquire("revisor");
    ASSERT_TRUE(lease.ok());
    EXPECT_FALSE(limiter.Acquire("revisor").ok());
    // Moved, the place is still held once, and given back once.
    StreamLimiter::Lease moved = *std::move(lease);
    EXPECT_EQ(limiter.Held("revisor"), 1u);
    StreamLimiter::Lease assigned;
    assigned = std::move(moved);
    EXPECT_EQ(limiter.Held("revisor"), 1u);
  }
  EXPECT_EQ(limiter.Held("revisor"), 0u);
  EXPECT_TRUE(limiter.Acquire("revisor").ok());
  // A refused Acquire took nothing.
  auto held = limiter.Acquire("revisor");
  ASSERT_TRUE(held.ok());
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.Acquire("revisor").ok());
  EXPECT_EQ(limiter.Held("revisor"), 1u);
}

TEST(StreamLimiter, ZeroIsNoLimit) {
  StreamLimiter limiter(0);
  std::vector<StreamLimiter::Lease> leases;
  for (int i = 0; i < 10'000; ++i) {
    auto lease = limiter.Acquire("revisor");
    ASSERT_TRUE(lease.ok());
    leases.push_back(*std::move(lease));
  }
}

}  // namespace
}  // namespace trygg::api
