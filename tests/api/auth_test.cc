// The role table: which role may call which RPC (issue: "Access control"), for every RPC the
// .proto files define.
#include "api/auth.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "testutil/status_matchers.h"
#include "trygg/v1/action_plan.pb.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

using ::trygg::testing::IsOk;

namespace trygg::api {
namespace {

// The RPCs trygg serves, read from the generated descriptors of every proto file that defines a
// service, so that an RPC added to a .proto is checked here without being listed by hand.
std::vector<const google::protobuf::MethodDescriptor*> EveryRpc() {
  const google::protobuf::FileDescriptor* files[] = {
      v1::PlanCreated::descriptor()->file(), v1::CreatePlanRequest::descriptor()->file(),
      v1::GetMeasureRequest::descriptor()->file(), v1::ReadAllRequest::descriptor()->file()};
  std::vector<const google::protobuf::MethodDescriptor*> methods;
  for (const google::protobuf::FileDescriptor* file : files) {
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) methods.push_back(service->method(m));
    }
  }
  return methods;
}

// The rows of kRoleTable that cover `method`.
std::vector<const RpcRule*> RulesFor(const google::protobuf::MethodDescriptor& method) {
  std::vector<const RpcRule*> rules;
  for (const RpcRule& rule : kRoleTable) {
    if (rule.service == method.service()->full_name() &&
        (rule.method.empty() || rule.method == method.name())) {
      rules.push_back(&rule);
    }
  }
  return rules;
}

TEST(Authorize, FollowsTheRoleTable) {
  using R = Rpc;
  // The oracle, written out by hand from DESIGN.md's "Security" and issue 12's "Roles", not read
  // from kRoleTable.
  const std::map<Role, std::vector<Rpc>> allowed = {
      {Role::kCoordinator,
       {R::kCreatePlan,
        R::kRegisterAgency,
        R::kProposeMeasure,
        R::kPrioritiseMeasure,
        R::kAssignMeasure,
        R::kWithdrawMeasure,
        R::kRecordResidentInput,
        R::kRecordFinding,
        R::kReviseFinding,
        R::kRetireFinding,
        R::kIdentifyCause,
        R::kReviseCause,
        R::kRetireCause,
        R::kLinkMeasureToCause,
        R::kUnlinkMeasureFromCause,
        R::kSetOperationalGoal,
        R::kRetireOperationalGoal,
        R::kAddPartner,
        R::kRemovePartner,
        R::kRecordFollowUp,
        R::kFormWorkingGroup,
        R::kChangeWorkingGroup,
        R::kMakeCitizenPromise,
        R::kEndCitizenPromise,
        R::kAdoptPlan,
        R::kStatusRead,
        R::kEventLogRead}},
      // Agencies propose, record residents' input and findings from their own sources, and act on
      // (and follow up) their own part of measures.
      {Role::kAgency,
       {R::kProposeMeasure, R::kStartMeasure, R::kReportProgress, R::kCompleteMeasure,
        R::kRecordResidentInput, R::kRecordFinding, R::kRecordFollowUp, R::kStatusRead,
        R::kEventLogRead}},
      {Role::kAuditor, {R::kStatusRead, R::kEventLogRead}},
      {Role::kReader, {R::kStatusRead}},
  };
  const std::vector<const google::protobuf::MethodDescriptor*> rpcs = EveryRpc();
  std::set<Rpc> covered;
  for (const google::protobuf::MethodDescriptor* method : rpcs) {
    const std::vector<const RpcRule*> rules = RulesFor(*method);
    ASSERT_EQ(rules.size(), 1u) << method->full_name() << " needs exactly one row in kRoleTable";
    const Rpc rpc = rules.front()->rpc;
    covered.insert(rpc);
    for (const auto& [role, rpcs_of_role] : allowed) {
      const Principal p{"p", role, role == Role::kAgency ? "a" : ""};
      const bool expect =
          std::find(rpcs_of_role.begin(), rpcs_of_role.end(), rpc) != rpcs_of_role.end();
      const grpc::Status s = Authorize(p, rpc);
      EXPECT_EQ(s.ok(), expect) << RoleName(role) << " calling " << method->full_name();
      if (!expect) {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        EXPECT_NE(s.error_message().find(std::string(RoleName(role))), std::string::npos);
      }
    }
  }
  // And no row stands for an RPC that no longer exists.
  EXPECT_EQ(covered.size(), std::size(kRoleTable));
}

TEST(Authorize, RefusalSaysWhatTheRoleMayDo) {
  const grpc::Status reader = Authorize(Principal{"läsare", Role::kReader, ""}, Rpc::kEventLogRead);
  EXPECT_EQ(reader.error_message(),
            "principal 'läsare' has role reader, which may only read status");
  const grpc::Status auditor =
      Authorize(Principal{"revisor", Role::kAuditor, ""}, Rpc::kCreatePlan);
  EXPECT_EQ(auditor.error_message(),
            "principal 'revisor' has role auditor, which may only read status and read the event "
            "log");
  const grpc::Status agency =
      Authorize(Principal{"polis", Role::kAgency, "polisen"}, Rpc::kAssignMeasure);
  EXPECT_EQ(agency.error_message(),
            "principal 'polis' has role agency, which may only propose measures, start its own "
            "agency's measures, report progress on its own agency's measures, complete its own "
            "agency's measures, record residents' input, record findings, record follow-up on "
            "its own agency's part of measures, read status and read the event log");
}

TEST(Authorize, AnonymousIsACoordinatorWithoutAgency) {
  const Principal anonymous = AnonymousPrincipal();
  EXPECT_EQ(anonymous.role, Role::kCoordinator);
  EXPECT_TRUE(anonymous.agency.empty());
  EXPECT_THAT(Authorize(anonymous, Rpc::kCreatePlan), IsOk());
}

}  // namespace
}  // namespace trygg::api
