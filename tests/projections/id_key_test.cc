// IdKey orders measure ids exactly as the ids compare as strings, whether they differ inside the
// 16 bytes the key holds or only after them.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "id_set.h"

namespace trygg::projections {
namespace {

void ExpectSameOrder(const std::string& a, const std::string& b) {
  const IdKey ka = IdKey::Of(a);
  const IdKey kb = IdKey::Of(b);
  EXPECT_EQ(ka <=> kb, a <=> b) << "'" << a << "' vs '" << b << "'";
  EXPECT_EQ(ka == kb, a == b) << "'" << a << "' vs '" << b << "'";
}

TEST(IdKeyTest, OrdersAsTheIdsAtEveryLengthAroundTheHead) {
  const std::vector<std::string> ids = {
      "",
      "a",
      "m-1",
      "m-10",
      "m-2",
      "abcdefg",             // 7 bytes
      "abcdefgh",            // 8: the first word exactly
      "abcdefgh-",           // 9
      "abcdefghijklmno",     // 15
      "abcdefghijklmnop",    // 16: the whole head
      "abcdefghijklmnopq",   // 17: differs only after the head
      "abcdefghijklmnopr",   // 17
      "abcdefghijklmnop-a",  // 18
      "abcdefghijklmnop-b",
      "varnamo-2026-narkotika-001",
      "varnamo-2026-narkotika-010",
      "varnamo-2026-otrygghet-001",
      "zzzzzzzzzzzzzzzzzzzzzz",
  };
  for (const std::string& a : ids) {
    for (const std::string& b : ids) ExpectSameOrder(a, b);
  }
}

TEST(IdKeyTest, AnIdSetIteratesInStringOrder) {
  std::mt19937 rng(7);
  // A small alphabet and shared prefixes ending before, at, inside and past each head word, so
  // that many pairs first differ at every byte position from 0 to past 16.
  const std::string alphabet = "ab-";
  const std::string prefixes[] = {
      "", "m-", "abcdefg", "abcdefgh", "abcdefghijkl", "abcdefghijklmnop", "kommun-forvaltning-"};
  std::vector<std::string> ids;
  for (int i = 0; i < 4000; ++i) {
    std::string id = prefixes[rng() % std::size(prefixes)];
    const int length = static_cast<int>(rng() % 12);
    for (int c = 0; c < length; ++c) id.push_back(alphabet[rng() % alphabet.size()]);
    ids.push_back(std::move(id));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> shuffled = ids;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);

  IdSet set;
  for (const std::string& id : shuffled) EXPECT_TRUE(set.emplace(IdKey::Of(id), nullptr).second);
  std::vector<std::string> walked;
  for (const auto& [key, view] : set) walked.emplace_back(key.id);
  EXPECT_EQ(walked, ids);

  // upper_bound by an id that is not in the set lands on the next id in string order.
  const std::string probe = "kommun-forvaltning-m";
  auto it = set.upper_bound(IdKey::Of(probe));
  auto expected = std::upper_bound(ids.begin(), ids.end(), probe);
  ASSERT_NE(expected, ids.end());
  ASSERT_NE(it, set.end());
  EXPECT_EQ(it->first.id, *expected);
}

}  // namespace
}  // namespace trygg::projections
