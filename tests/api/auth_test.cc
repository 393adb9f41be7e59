// The role table: which role may call which RPC (issue: "Access control").
#include "api/auth.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "testutil/status_matchers.h"

using ::trygg::testing::IsOk;

namespace trygg::api {
namespace {

TEST(Authorize, FollowsTheRoleTable) {
  using R = Rpc;
  const std::map<Role, std::vector<Rpc>> allowed = {
      {Role::kCoordinator,
       {R::kCreatePlan, R::kRegisterAgency, R::kProposeMeasure, R::kPrioritiseMeasure,
        R::kAssignMeasure, R::kWithdrawMeasure, R::kStatusRead, R::kEventLogRead}},
      {Role::kAgency,
       {R::kProposeMeasure, R::kStartMeasure, R::kReportProgress, R::kCompleteMeasure,
        R::kStatusRead, R::kEventLogRead}},
      {Role::kAuditor, {R::kStatusRead, R::kEventLogRead}},
      {Role::kReader, {R::kStatusRead}},
  };
  const std::vector<Rpc> all = {R::kCreatePlan,        R::kRegisterAgency,  R::kProposeMeasure,
                                R::kPrioritiseMeasure, R::kAssignMeasure,   R::kStartMeasure,
                                R::kReportProgress,    R::kCompleteMeasure, R::kWithdrawMeasure,
                                R::kStatusRead,        R::kEventLogRead};
  for (const auto& [role, rpcs] : allowed) {
    const Principal p{"p", role, role == Role::kAgency ? "a" : ""};
    for (Rpc rpc : all) {
      const bool expect = std::find(rpcs.begin(), rpcs.end(), rpc) != rpcs.end();
      const grpc::Status s = Authorize(p, rpc);
      EXPECT_EQ(s.ok(), expect) << RoleName(role) << " rpc " << static_cast<int>(rpc);
      if (!expect) {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        EXPECT_NE(s.error_message().find(std::string(RoleName(role))), std::string::npos);
      }
    }
  }
}

TEST(Authorize, AnonymousIsACoordinatorWithoutAgency) {
  const Principal anonymous = AnonymousPrincipal();
  EXPECT_EQ(anonymous.role, Role::kCoordinator);
  EXPECT_TRUE(anonymous.agency.empty());
  EXPECT_THAT(Authorize(anonymous, Rpc::kCreatePlan), IsOk());
}

}  // namespace
}  // namespace trygg::api
