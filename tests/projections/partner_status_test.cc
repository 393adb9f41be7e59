// Partner agencies in the agency and measure queries: GetAgencyStatus lists the measures an agency
// is a partner in (in the same order as its own, refiled as they change), in both its paths, and
// ListMeasures filters by partner.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "history.h"
#include "testutil/status_matchers.h"
#include "trygg/projections/projections.h"

using ::trygg::testing::IsOk;

namespace trygg::projections::testing {
namespace {

constexpr std::string_view kPlan = "tryggare-varnamo-2026";
constexpr std::string_view kToday = "2026-06-15";
constexpr std::string_view kPolice = "polisen-lpo-varnamo";
constexpr std::string_view kSchool = "varnamo-kommun-utbildning";
constexpr std::string_view kHousing = "allmannyttan-varnamo";

class PartnerStatusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    history_.CreatePlan(kPlan, "Tryggare Värnamo 2026", "Värnamo kommun",
                        {{"otrygghet", "Otrygghet"}});
    for (std::string_view agency : {kPolice, kSchool, kHousing}) {
      history_.RegisterAgency(agency, agency, "test");
    }
    // The school is a partner in four measures of the police and the housing company, and
    // responsible for one of its own.
    Measure("low", kPolice, v1::PRIORITY_LOW, "2026-09-30");
    Measure("high-late", kHousing, v1::PRIORITY_HIGH, "2026-10-31");
    Measure("high-early", kPolice, v1::PRIORITY_HIGH, "2026-05-31");  // overdue
    Measure("done", kPolice, v1::PRIORITY_HIGH, "2026-03-31");
    history_.Complete("done", "klart");
    Measure("own", kSchool, v1::PRIORITY_MEDIUM, "2026-08-31");
    for (std::string_view id : {"low", "high-late", "high-early", "done"}) {
      history_.AddPartner(id, kSchool, "deltar");
    }
    history_.AddPartner("own", kHousing, "lokaler");
    ASSERT_TRUE(history_.ApplyTo(projections_));
  }

  void Measure(std::string_view id, std::string_view agency, v1::Priority priority,
               std::string_view due) {
    history_.Propose(id, kPlan, "otrygghet", "Åtgärd " + std::string(id));
    history_.Prioritise(id, priority);
    history_.Assign(id, agency, due);
  }

  v1::AgencyStatus Status(std::string_view agency, uint32_t page_size = 0) {
    EXPECT_TRUE(history_.ApplyTo(projections_));
    domain::Result<v1::AgencyStatus> status =
        projections_.GetAgencyStatus(agency, page_size, kToday);
    EXPECT_TRUE(status.ok()) << Describe(status.status());
    return status.ok() ? *status : v1::AgencyStatus();
  }

  // Every measure listed in `status` is, byte for byte, what GetMeasure returns for it: the
  // serialised path writes stored bytes plus the unstored fields, which must add up to the view.
  void ExpectListedAsViewed(const v1::AgencyStatus& status) {
    for (const auto* list : {&status.measures(), &status.partner_measures()}) {
      for (const v1::Measure& listed : *list) {
        const std::optional<v1::Measure> viewed =
            projections_.GetMeasure(listed.measure_id(), kToday);
        ASSERT_TRUE(viewed.has_value());
        EXPECT_EQ(listed.SerializeAsString(), viewed->SerializeAsString()) << listed.measure_id();
      }
    }
  }

  std::vector<std::string> ListByPartner(std::string_view partner, uint32_t page_size) {
    EXPECT_TRUE(history_.ApplyTo(projections_));
    v1::ListMeasuresRequest request;
    request.set_partner_agency_id(std::string(partner));
    request.set_page_size(page_size);
    std::vector<std::string> ids;
    for (int page = 0; page < 10; ++page) {
      domain::Result<v1::ListMeasuresResponse> response =
          projections_.ListMeasures(request, kToday);
      EXPECT_TRUE(response.ok()) << Describe(response.status());
      if (!response.ok()) break;
      for (const std::string& id : IdsOf(response->measures())) ids.push_back(id);
      if (response->next_page_token().empty()) break;
      request.set_page_token(response->next_page_token());
    }
    return ids;
  }

  History history_;
  Projections projections_;
};

TEST_F(PartnerStatusTest, PartnerMeasuresAreListedApartInStatusOrder) {
  const v1::AgencyStatus status = Status(kSchool);
  EXPECT_EQ(IdsOf(status.measures()), std::vector<std::string>{"own"});
  EXPECT_EQ(status.total_measures(), 1u);
  EXPECT_EQ(IdsOf(status.partner_measures()),
            (std::vector<std::string>{"high-early", "high-late", "low", "done"}));
  EXPECT_EQ(status.total_partner_measures(), 4u);
  // Counts and overdue are the agency's own measures'.
  EXPECT_EQ(CountsOf(status.counts()), (Counts{{v1::MEASURE_STATUS_ASSIGNED, 1}}));
  EXPECT_EQ(status.overdue(), 0u);
  EXPECT_TRUE(status.partner_measures(0).overdue());
  ExpectListedAsViewed(status);

  const v1::AgencyStatus housing = Status(kHousing);
  EXPECT_EQ(IdsOf(housing.measures()), std::vector<std::string>{"high-late"});
  EXPECT_EQ(IdsOf(housing.partner_measures()), std::vector<std::string>{"own"});
  EXPECT_EQ(Status(kPolice).total_partner_measures(), 0u);
}

TEST_F(PartnerStatusTest, PageSizeBoundsEachListAndTotalsCountAll) {
  const v1::AgencyStatus status = Status(kSchool, 2);
  EXPECT_EQ(IdsOf(status.partner_measures()),
            (std::vector<std::string>{"high-early", "high-late"}));
  EXPECT_EQ(status.total_partner_measures(), 4u);
  EXPECT_EQ(status.measures_size(), 1);
}

TEST_F(PartnerStatusTest, PartnerMeasuresMoveAsTheyChangeAndLeaveWithThePartner) {
  history_.Prioritise("low", v1::PRIORITY_HIGH);  // now first: high, earliest due
  history_.Assign("high-early", kPolice, "2026-11-30");
  history_.Complete("high-late", "klart");
  EXPECT_EQ(IdsOf(Status(kSchool).partner_measures()),
            (std::vector<std::string>{"low", "high-early", "done", "high-late"}));

  history_.RemovePartner("low", kSchool);
  history_.RemovePartner("done", kSchool);
  history_.RemovePartner("done", kSchool);  // no longer a partner: nothing to remove
  const v1::AgencyStatus status = Status(kSchool);
  EXPECT_EQ(IdsOf(status.partner_measures()),
            (std::vector<std::string>{"high-early", "high-late"}));
  EXPECT_EQ(status.total_partner_measures(), 2u);

  history_.AddPartner("low", kSchool, "igen");
  history_.AddPartner("low", kSchool, "ny överenskommelse");  // once, with the new commitment
  EXPECT_EQ(Status(kSchool).total_partner_measures(), 3u);
  ExpectListedAsViewed(Status(kSchool));
}

TEST_F(PartnerStatusTest, ChangedSinceAdoptionIsWrittenInTheSerialisedPathToo) {
  history_.Adopt(kPlan, 1);
  history_.Report("low", 40, "halvvägs");
  const v1::AgencyStatus status = Status(kSchool);
  ASSERT_EQ(IdsOf(status.partner_measures())[2], "low");
  EXPECT_TRUE(status.partner_measures(2).changed_since_adoption());
  EXPECT_FALSE(status.partner_measures(0).changed_since_adoption());
  ExpectListedAsViewed(status);
  ExpectListedAsViewed(Status(kPolice));
}

TEST_F(PartnerStatusTest, ListMeasuresFiltersByPartner) {
  EXPECT_EQ(ListByPartner(kSchool, 3),
            (std::vector<std::string>{"done", "high-early", "high-late", "low"}));
  EXPECT_EQ(ListByPartner(kHousing, 0), std::vector<std::string>{"own"});
  EXPECT_EQ(ListByPartner(kPolice, 0), std::vector<std::string>{});

  history_.RemovePartner("high-late", kSchool);
  v1::ListMeasuresRequest request;
  request.set_partner_agency_id(std::string(kSchool));
  request.set_agency_id(std::string(kPolice));
  request.set_status(v1::MEASURE_STATUS_ASSIGNED);
  ASSERT_TRUE(history_.ApplyTo(projections_));
  domain::Result<v1::ListMeasuresResponse> response = projections_.ListMeasures(request, kToday);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(IdsOf(response->measures()), (std::vector<std::string>{"high-early", "low"}));
}

}  // namespace
}  // namespace trygg::projections::testing
