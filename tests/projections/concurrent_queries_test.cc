// Queries and Apply from several threads, locked the way the server's ProjectionHost locks them
// (queries under a shared lock, Apply under the exclusive one). Runs under ThreadSanitizer in the
// tsan preset: GetAgencyStatus serialises measures into copies that concurrent queries make (and
// Apply drops), so this is where a data race in that would show.
#include <gtest/gtest.h>

#include <atomic>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "history.h"
#include "testutil/status_matchers.h"
#include "trygg/projections/projections.h"

using ::trygg::testing::IsOk;

namespace trygg::projections::testing {
namespace {

constexpr char kAgency[] = "polisen-lpo-varnamo";
constexpr char kPartner[] = "varnamo-kommun-utbildning";  // a partner in every other measure
constexpr char kToday[] = "2026-06-15";
constexpr int kMeasures = 20;
constexpr int kReports = 2000;
constexpr int kReaders = 2;
constexpr int kQueriesPerReader = 300;

// The responsible agency's list and a partner's list (both written as bytes) each hold what
// GetMeasure shows (a copy of the view) while progress reports change the measures.
TEST(ConcurrentQueriesTest, AgencyStatusBytesMatchTheViewsWhileEventsAreApplied) {
  History history;
  history.CreatePlan("plan", "Tryggare Värnamo", "Värnamo kommun", {{"narkotika", "Narkotika"}});
  history.RegisterAgency(kAgency, "Polisen", "police");
  history.RegisterAgency(kPartner, "Utbildningsförvaltningen", "municipality");
  for (int i = 0; i < kMeasures; ++i) {
    const std::string id = "m" + std::to_string(i);
    history.Propose(id, "plan", "narkotika", "Åtgärd " + id);
    history.Prioritise(id, v1::PRIORITY_MEDIUM);
    history.Assign(id, kAgency, i % 2 == 0 ? "2026-05-01" : "2026-12-31");
    history.Start(id);
    if (i % 2 == 0) history.AddPartner(id, kPartner);
  }
  const uint64_t seeded = history.head();
  for (int r = 0; r < kReports; ++r) {
    history.Report("m" + std::to_string(r % kMeasures), r % 100, "vecka " + std::to_string(r));
  }

  Projections projections;
  std::shared_mutex mu;
  for (uint64_t p = 1; p <= seeded; ++p) ASSERT_THAT(projections.Apply(history.View(p)), IsOk());

  std::atomic<int> replies{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&] {
      // A fixed number of queries, not "until Apply is done": glibc's shared_mutex lets readers
      // that keep coming starve the writer.
      for (int n = 0; n < kQueriesPerReader; ++n) {
        std::shared_lock lock(mu);
        for (const char* agency : {kAgency, kPartner}) {
          std::string bytes;
          ASSERT_THAT(projections.GetAgencyStatus(agency, 0, kToday, bytes), IsOk());
          v1::AgencyStatus status;
          ASSERT_TRUE(status.ParseFromString(bytes));
          const auto& listed_measures =
              agency == kAgency ? status.measures() : status.partner_measures();
          ASSERT_EQ(listed_measures.size(), agency == kAgency ? kMeasures : kMeasures / 2);
          for (const v1::Measure& listed : listed_measures) {
            const std::optional<v1::Measure> now =
                projections.GetMeasure(listed.measure_id(), kToday);
            ASSERT_TRUE(now.has_value());
            ASSERT_EQ(listed.SerializeAsString(), now->SerializeAsString()) << listed.measure_id();
          }
        }
        replies.fetch_add(1);
      }
    });
  }
  while (replies.load() < kReaders) std::this_thread::yield();  // every reader is under way
  for (uint64_t p = seeded + 1; p <= history.head(); ++p) {
    std::unique_lock lock(mu);
    ASSERT_THAT(projections.Apply(history.View(p)), IsOk());
  }
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(replies.load(), kReaders * kQueriesPerReader);
  EXPECT_EQ(projections.applied_position(), history.head());
}

}  // namespace
}  // namespace trygg::projections::testing
