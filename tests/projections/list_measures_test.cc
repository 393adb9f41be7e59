// ListMeasures: filters, paging across many measures, stability while measures arrive, and the
// requests it refuses.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "example_plan.h"
#include "history.h"
#include "testutil/status_matchers.h"
#include "trygg/projections/limits.h"
#include "trygg/projections/projections.h"

using ::trygg::testing::IsOk;

namespace trygg::projections::testing {
namespace {

constexpr uint32_t kSeed = 20260615;
constexpr int kMeasures = 1234;
const std::vector<std::string> kAgencies = {"ag-polis", "ag-soc", "ag-skola", "ag-bostad"};

struct Model {
  std::string id;
  std::string plan;
  std::string focus;
  std::string agency;  // empty: not assigned
  v1::MeasureStatus status;
};

std::string IdOf(int i) {
  std::string digits = std::to_string(i);
  return "m" + std::string(4 - digits.size(), '0') + digits;
}

v1::ListMeasuresRequest Request(std::string_view plan = "", std::string_view focus = "",
                                std::string_view agency = "",
                                v1::MeasureStatus status = v1::MEASURE_STATUS_UNSPECIFIED,
                                uint32_t page_size = 7) {
  v1::ListMeasuresRequest request;
  request.set_plan_id(std::string(plan));
  request.set_focus_area(std::string(focus));
  request.set_agency_id(std::string(agency));
  request.set_status(status);
  request.set_page_size(page_size);
  return request;
}

class ListMeasuresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    history_.CreatePlan("plan-a", "Plan A", "A kommun", {{"x", "X"}, {"y", "Y"}, {"z", "Z"}});
    history_.CreatePlan("plan-b", "Plan B", "B kommun", {{"x", "X"}});
    for (const std::string& agency : kAgencies) history_.RegisterAgency(agency, agency, "test");

    // Every seventh step of the lifecycle, spread over plans, focus areas and agencies, and
    // proposed in a shuffled order so that id order is not log order.
    std::vector<int> order(kMeasures);
    for (int i = 0; i < kMeasures; ++i) order[i] = i;
    std::mt19937 random(kSeed);
    std::shuffle(order.begin(), order.end(), random);
    for (int i : order) {
      Model m;
      m.id = IdOf(i);
      m.plan = i % 5 == 0 ? "plan-b" : "plan-a";
      // i % 5, i % 6, (i / 6) % 3 and (i / 18) % 4 vary independently.
      m.focus = m.plan == "plan-b" ? "x" : std::string(1, static_cast<char>('x' + (i / 6) % 3));
      m.status = static_cast<v1::MeasureStatus>(1 + i % 6);
      if (m.status >= v1::MEASURE_STATUS_ASSIGNED) m.agency = kAgencies[(i / 18) % 4];
      Build(m);
      models_.push_back(m);
    }
    ASSERT_TRUE(history_.ApplyTo(projections_));
  }

  void Build(const Model& m) {
    history_.Propose(m.id, m.plan, m.focus, "Åtgärd " + m.id);
    if (m.status == v1::MEASURE_STATUS_PROPOSED) return;
    history_.Prioritise(m.id, v1::PRIORITY_MEDIUM);
    if (m.status == v1::MEASURE_STATUS_PRIORITISED) return;
    history_.Assign(m.id, m.agency, "2026-06-01");
    if (m.status == v1::MEASURE_STATUS_WITHDRAWN) {
      history_.Withdraw(m.id, "ej aktuell");
      return;
    }
    if (m.status == v1::MEASURE_STATUS_ASSIGNED) return;
    history_.Start(m.id);
    if (m.status == v1::MEASURE_STATUS_COMPLETED) history_.Complete(m.id, "klart");
  }

  std::vector<std::string> Expected(const v1::ListMeasuresRequest& r) const {
    std::vector<std::string> ids;
    for (const Model& m : models_) {
      if ((r.plan_id().empty() || m.plan == r.plan_id()) &&
          (r.focus_area().empty() || m.focus == r.focus_area()) &&
          (r.agency_id().empty() || m.agency == r.agency_id()) &&
          (r.status() == v1::MEASURE_STATUS_UNSPECIFIED || m.status == r.status())) {
        ids.push_back(m.id);
      }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // Follows next_page_token to the end; every page but the last is full, the last is not empty
  // (unless nothing matches) and has no token.
  std::vector<std::string> PageThrough(v1::ListMeasuresRequest request, int* pages = nullptr) {
    std::vector<std::string> ids;
    const uint32_t page_size = request.page_size() == 0 ? 100 : request.page_size();
    for (int page = 1;; ++page) {
      domain::Result<v1::ListMeasuresResponse> response =
          projections_.ListMeasures(request, kToday);
      EXPECT_TRUE(response.ok()) << Describe(response.status());
      if (!response.ok()) return ids;
      for (const v1::Measure& measure : response->measures()) ids.push_back(measure.measure_id());
      if (response->next_page_token().empty()) {
        if (pages != nullptr) *pages = page;
        return ids;
      }
      EXPECT_EQ(static_cast<uint32_t>(response->measures_size()), page_size);
      request.set_page_token(response->next_page_token());
      if (page > kMeasures + 10) {
        ADD_FAILURE() << "paging does not end";
        return ids;
      }
    }
  }

  grpc::StatusCode ErrorOf(const v1::ListMeasuresRequest& request, std::string_view field) {
    domain::Result<v1::ListMeasuresResponse> response = projections_.ListMeasures(request, kToday);
    if (response.ok()) return grpc::StatusCode::OK;
    EXPECT_NE(response.status().error_message().find(field), std::string::npos)
        << Describe(response.status());
    return response.status().error_code();
  }

  History history_;
  Projections projections_;
  std::vector<Model> models_;
};

TEST_F(ListMeasuresTest, PagesCoverEveryMeasureExactlyOnceInIdOrder) {
  std::vector<std::string> all;
  all.reserve(kMeasures);
  for (int i = 0; i < kMeasures; ++i) all.push_back(IdOf(i));
  for (uint32_t page_size : {1u, 7u, 500u}) {
    SCOPED_TRACE("page_size " + std::to_string(page_size));
    int pages = 0;
    EXPECT_EQ(PageThrough(Request("", "", "", v1::MEASURE_STATUS_UNSPECIFIED, page_size), &pages),
              all);
    EXPECT_EQ(pages, static_cast<int>((kMeasures + page_size - 1) / page_size));
  }
}

TEST_F(ListMeasuresTest, PageSizeZeroMeansOneHundred) {
  domain::Result<v1::ListMeasuresResponse> response =
      projections_.ListMeasures(Request("", "", "", v1::MEASURE_STATUS_UNSPECIFIED, 0), kToday);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->measures_size(), 100);
  EXPECT_FALSE(response->next_page_token().empty());
  int pages = 0;
  EXPECT_EQ(PageThrough(Request("", "", "", v1::MEASURE_STATUS_UNSPECIFIED, 0), &pages).size(),
            static_cast<size_t>(kMeasures));
  EXPECT_EQ(pages, 13);
}

TEST_F(ListMeasuresTest, FiltersMatchEveryGivenField) {
  const std::vector<v1::ListMeasuresRequest> requests = {
      Request("plan-a"),
      Request("plan-b"),
      Request("plan-a", "y"),
      Request("plan-b", "x"),
      Request("", "x"),  // a focus area key alone matches it in every plan
      Request("", "", "ag-soc"),
      Request("", "", "", v1::MEASURE_STATUS_IN_PROGRESS),
      Request("", "", "", v1::MEASURE_STATUS_PROPOSED, 500),
      Request("plan-a", "", "ag-polis", v1::MEASURE_STATUS_ASSIGNED),
      Request("plan-a", "z", "ag-bostad", v1::MEASURE_STATUS_COMPLETED, 1),
      Request("plan-b", "x", "", v1::MEASURE_STATUS_WITHDRAWN, 3),
  };
  for (const v1::ListMeasuresRequest& request : requests) {
    SCOPED_TRACE(request.ShortDebugString());
    const std::vector<std::string> expected = Expected(request);
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(PageThrough(request), expected);
  }
}

TEST_F(ListMeasuresTest, FiltersNamingNothingMatchNothing) {
  for (const v1::ListMeasuresRequest& request :
       {Request("plan-c"), Request("plan-b", "y"), Request("", "", "ag-brand"),
        Request("", "no-such-area"), Request("plan-a", "", "ag-brand")}) {
    SCOPED_TRACE(request.ShortDebugString());
    domain::Result<v1::ListMeasuresResponse> response = projections_.ListMeasures(request, kToday);
    ASSERT_THAT(response, IsOk());
    EXPECT_EQ(response->measures_size(), 0);
    EXPECT_TRUE(response->next_page_token().empty());
  }
}

TEST_F(ListMeasuresTest, PagingIsStableWhileMeasuresArrive) {
  std::set<std::string> seen;
  std::vector<std::string> added_after_cursor;
  v1::ListMeasuresRequest request = Request();
  for (int page = 0;; ++page) {
    ASSERT_LT(page, kMeasures) << "paging does not end";
    domain::Result<v1::ListMeasuresResponse> response = projections_.ListMeasures(request, kToday);
    ASSERT_TRUE(response.ok()) << Describe(response.status());
    for (const v1::Measure& measure : response->measures()) {
      EXPECT_TRUE(seen.insert(measure.measure_id()).second) << "twice: " << measure.measure_id();
    }
    if (response->next_page_token().empty()) break;
    // Between pages: one measure before everything listed so far (never shows up), one right
    // after the cursor and one after everything (both must show up).
    const std::string cursor = response->measures(response->measures_size() - 1).measure_id();
    const std::string n = IdOf(page);  // zero-padded, so that later ones sort later
    history_.Propose("a-new-" + n, "plan-a", "x", "ny");
    history_.Propose(cursor + "-new", "plan-a", "x", "ny");
    history_.Propose("z-new-" + n, "plan-a", "x", "ny");
    added_after_cursor.push_back(cursor + "-new");
    added_after_cursor.push_back("z-new-" + n);
    ASSERT_TRUE(history_.ApplyTo(projections_));
    request.set_page_token(response->next_page_token());
  }
  for (int i = 0; i < kMeasures; ++i) EXPECT_TRUE(seen.count(IdOf(i))) << IdOf(i);
  for (const std::string& id : added_after_cursor) EXPECT_TRUE(seen.count(id)) << id;
  EXPECT_EQ(seen.size(), kMeasures + added_after_cursor.size());  // and no a-new-*
}

TEST_F(ListMeasuresTest, PageSizeAboveFiveHundredIsInvalid) {
  EXPECT_EQ(ErrorOf(Request("", "", "", v1::MEASURE_STATUS_UNSPECIFIED, 501), "page_size"),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      ErrorOf(Request("", "", "", v1::MEASURE_STATUS_UNSPECIFIED, 4'000'000'000u), "page_size"),
      grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorOf(Request("", "", "", v1::MEASURE_STATUS_UNSPECIFIED, 500), ""),
            grpc::StatusCode::OK);
}

TEST_F(ListMeasuresTest, MalformedPageTokensAreInvalid) {
  // Not hex, odd length, upper case, no id, another format byte, bad digit, an id too long, a NUL.
  const std::vector<std::string> tokens = {"m0042",
                                           "zz",
                                           "016",
                                           "016D30303432",
                                           "01",
                                           "026d30303432",
                                           "016d3030343g",
                                           "01" + std::string(2 * (kMaxPageTokenIdBytes + 1), '6'),
                                           std::string("01") + '\0' + "6d"};
  for (const std::string& token : tokens) {
    SCOPED_TRACE(token);
    v1::ListMeasuresRequest request = Request();
    request.set_page_token(token);
    EXPECT_EQ(ErrorOf(request, "page_token"), grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_F(ListMeasuresTest, UnknownStatusIsInvalid) {
  v1::ListMeasuresRequest request = Request();
  request.set_status(static_cast<v1::MeasureStatus>(42));
  EXPECT_EQ(ErrorOf(request, "status"), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ListMeasuresTest, ATokenContinuesAfterItsIdEvenUnderOtherFilters) {
  // A token is only "after this id"; reusing one under other filters is harmless.
  domain::Result<v1::ListMeasuresResponse> first = projections_.ListMeasures(
      Request("plan-b", "", "", v1::MEASURE_STATUS_UNSPECIFIED, 2), kToday);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(IdsOf(first->measures()), (std::vector<std::string>{"m0000", "m0005"}));
  v1::ListMeasuresRequest next = Request("", "", "", v1::MEASURE_STATUS_UNSPECIFIED, 2);
  next.set_page_token(first->next_page_token());
  domain::Result<v1::ListMeasuresResponse> second = projections_.ListMeasures(next, kToday);
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(IdsOf(second->measures()), (std::vector<std::string>{"m0006", "m0007"}));
}

TEST(ListExamplePlanTest, AssignedMeasuresCarryTheirOverdueFlag) {
  History history;
  BuildTryggareVarnamo(history);
  Projections projections;
  ASSERT_TRUE(history.ApplyTo(projections));
  domain::Result<v1::ListMeasuresResponse> response =
      projections.ListMeasures(Request(kPlanId, "", "", v1::MEASURE_STATUS_ASSIGNED, 0), kToday);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(IdsOf(response->measures()),
            (std::vector<std::string>{"example-14", "example-2", "example-4", "example-7"}));
  EXPECT_FALSE(response->measures(0).overdue());
  EXPECT_FALSE(response->measures(1).overdue());
  EXPECT_FALSE(response->measures(2).overdue());
  EXPECT_TRUE(response->measures(3).overdue());
  EXPECT_TRUE(response->next_page_token().empty());
}

}  // namespace
}  // namespace trygg::projections::testing
