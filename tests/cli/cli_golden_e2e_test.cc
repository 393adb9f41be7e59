// Golden-output tests of trygg's tables: a fixed plan (long titles, Swedish characters precomposed
// and decomposed, a title with a comma and quotes, one overdue measure) printed at fixed widths
// (COLUMNS) and compared byte for byte with tests/cli/golden/. Nothing in these outputs depends on
// the clock: due dates are long past or far ahead, and no timestamps are printed.
//
// After a deliberate change of layout, regenerate with TRYGG_UPDATE_GOLDEN=1 and review the diff.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.h"

#ifndef TRYGG_CLI_GOLDEN_DIR
#error "TRYGG_CLI_GOLDEN_DIR must name tests/cli/golden"
#endif

namespace trygg::testing {
namespace {

class CliGolden : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    if (HasFatalFailure()) return;
    CreatePlanAndAgencies();
    ProposeAndAssign("m-01", "narkotika", "SSPF-samverkan för unga i riskzon", "high", kSocial,
                     "2099-06-30");
    TryggOk(social_, {"measure", "start", "m-01"});
    TryggOk(social_, {"measure", "progress", "m-01", "--percent", "40"});
    ProposeAndAssign("m-02", "otrygghet",
                     "Bättre belysning längs gång- och cykelvägar vid skolor, idrottsplatser och "
                     "resecentrum i hela kommunen",
                     "high", kPolice, "2020-09-30");  // overdue
    ProposeAndAssign("m-03", "otillaten-paverkan",
                     "Rutin för att rapportera hot och påtryckningar, \"särskilt\" vid "
                     "myndighetsutövning",
                     "medium", kPolice, "2099-03-31");
    TryggOk(police_, {"measure", "complete", "m-03", "--outcome", "Rutinen är antagen"});
    ProposeAndAssign("m-04", "otrygghet", "Trygghetsvandringar i bostadsområden", "low", kPolice,
                     "2099-05-31");
    ProposeAndAssign("m-05", "narkotika", "Föräldrautbildning om narkotika och tidiga tecken", "",
                     "", "");
    ProposeAndAssign("m-06", "narkotika", "Kamerabevakning vid resecentrum", "medium", "", "");
    TryggOk(coordinator_, {"measure", "withdraw", "m-06", "--reason", "Ersätts av m-02"});
    // "Åtgärder mot öppen narkotikahandel" with Å, ä and ö decomposed (letter + combining mark).
    ProposeAndAssign("m-07", "narkotika",
                     "A\xCC\x8Atga\xCC\x88rder mot o\xCC\x88ppen narkotikahandel i centrum",
                     "medium", kPolice, "2099-12-31");
    TryggOk(police_, {"measure", "start", "m-07"});
  }

  // Runs trygg with COLUMNS=`columns` and compares stdout with golden/`name`.
  void ExpectGolden(const std::string& name, const std::string& token,
                    std::vector<std::string> args, int columns) {
    CliEnv env = Env();
    env.set["COLUMNS"] = std::to_string(columns);
    const std::string out = TryggOk(token, args, env);
    const std::filesystem::path path = std::filesystem::path(TRYGG_CLI_GOLDEN_DIR) / name;
    const char* update = std::getenv("TRYGG_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
      std::ofstream(path, std::ios::binary) << out;
      return;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "missing golden file " << path << "; run with TRYGG_UPDATE_GOLDEN=1";
    std::stringstream golden;
    golden << in.rdbuf();
    EXPECT_EQ(out, golden.str()) << "differs from " << path << "; output was:\n" << out;
  }
};

TEST_F(CliGolden, StatusTableFitsEightyColumns) {
  ExpectGolden("status_polisen_80.txt", police_, {"status"}, 80);
}

TEST_F(CliGolden, StatusTableAtOneHundredTwentyColumnsShortensOnlyTheLongestTitles) {
  ExpectGolden("status_polisen_120.txt", police_, {"status"}, 120);
}

TEST_F(CliGolden, MeasuresListTableAtOneHundredColumns) {
  ExpectGolden("measures_list_100.txt", reader_, {"measures", "list", "--plan", kPlan}, 100);
}

TEST_F(CliGolden, MeasuresListTableKeepsItsMinimumTitleWidthWhenTooNarrow) {
  ExpectGolden("measures_list_60.txt", reader_, {"measures", "list"}, 60);
}

TEST_F(CliGolden, SocialServicesStatusTable) {
  ExpectGolden("status_socialtjansten_100.txt", reader_, {"status", "--agency", kSocial}, 100);
}

TEST_F(CliGolden, PlanShowTable) {
  ExpectGolden("plan_show_100.txt", reader_, {"plan", "show", kPlan}, 100);
}

TEST_F(CliGolden, MeasuresListCsv) {
  ExpectGolden("measures_list.csv", reader_, {"measures", "list", "-o", "csv"}, 100);
}

}  // namespace
}  // namespace trygg::testing
