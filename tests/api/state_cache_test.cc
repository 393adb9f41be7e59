#include "api/state_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace trygg::api {
namespace {

domain::MeasureState Measure(std::uint64_t version, v1::MeasureStatus status) {
  domain::MeasureState state;
  state.version = version;
  state.measure_id = "m";
  state.status = status;
  return state;
}

v1::MeasureStatus StatusOf(const std::optional<AggregateState>& state) {
  return std::get<domain::MeasureState>(*state).status;
}

TEST(StateCacheTest, MissThenHit) {
  StateCache cache;
  EXPECT_FALSE(cache.Get("measure-m"));
  cache.Put("measure-m", Measure(1, v1::MEASURE_STATUS_PROPOSED));
  auto got = cache.Get("measure-m");
  ASSERT_TRUE(got);
  EXPECT_EQ(VersionOf(*got), 1u);
  EXPECT_EQ(StatusOf(got), v1::MEASURE_STATUS_PROPOSED);
  EXPECT_FALSE(cache.Get("measure-other"));
}

TEST(StateCacheTest, NewerVersionWinsWhateverTheOrderOfPuts) {
  StateCache cache;
  cache.Put("measure-m", Measure(3, v1::MEASURE_STATUS_ASSIGNED));
  cache.Put("measure-m", Measure(2, v1::MEASURE_STATUS_PRIORITISED));  // late, older
  EXPECT_EQ(StatusOf(cache.Get("measure-m")), v1::MEASURE_STATUS_ASSIGNED);
  cache.Put("measure-m", Measure(3, v1::MEASURE_STATUS_WITHDRAWN));  // same version: kept
  EXPECT_EQ(StatusOf(cache.Get("measure-m")), v1::MEASURE_STATUS_ASSIGNED);
  cache.Put("measure-m", Measure(4, v1::MEASURE_STATUS_IN_PROGRESS));
  EXPECT_EQ(StatusOf(cache.Get("measure-m")), v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(StateCacheTest, AggregatesThatDoNotExistAreNotCached) {
  StateCache cache;
  cache.Put("plan-p", domain::PlanState{});  // version 0: folded from an empty stream
  EXPECT_FALSE(cache.Get("plan-p"));
  EXPECT_EQ(cache.size(), 0u);
}

TEST(StateCacheTest, EraseForgetsTheStream) {
  StateCache cache;
  cache.Put("measure-m", Measure(1, v1::MEASURE_STATUS_PROPOSED));
  cache.Erase("measure-m");
  cache.Erase("measure-never");
  EXPECT_FALSE(cache.Get("measure-m"));
  // An erased stream may be cached again at any version.
  cache.Put("measure-m", Measure(1, v1::MEASURE_STATUS_PROPOSED));
  EXPECT_TRUE(cache.Get("measure-m"));
}

TEST(StateCacheTest, FullCacheDropsTheLeastRecentlyUsedStream) {
  StateCache cache(3);
  for (const char* stream : {"a", "b", "c"})
    cache.Put(stream, Measure(1, v1::MEASURE_STATUS_PROPOSED));
  ASSERT_TRUE(cache.Get("a"));  // a is now the most recent; b the least
  cache.Put("d", Measure(1, v1::MEASURE_STATUS_PROPOSED));
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.Get("b"));
  EXPECT_TRUE(cache.Get("a"));
  EXPECT_TRUE(cache.Get("c"));
  EXPECT_TRUE(cache.Get("d"));
  // A put that updates an entry makes it the most recent too.
  cache.Put("c", Measure(2, v1::MEASURE_STATUS_PRIORITISED));
  cache.Put("e", Measure(1, v1::MEASURE_STATUS_PROPOSED));  // drops a (c, d were used after)
  EXPECT_FALSE(cache.Get("a"));
  EXPECT_EQ(StatusOf(cache.Get("c")), v1::MEASURE_STATUS_PRIORITISED);
}

}  // namespace
}  // namespace trygg::api
