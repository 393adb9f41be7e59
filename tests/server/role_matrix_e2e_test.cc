// The role matrix against a real trygg-server: every RPC of every service (every_rpc.h) called as
// every role — and as an agency acting on another agency's measure, without a token and with a
// token nobody has — and each answer checked against the server's own role table (api::kRoleTable,
// the table Authorize reads, not a copy): refused callers get UNAUTHENTICATED or
// PERMISSION_DENIED and append nothing (the log's head is unchanged), admitted ones get past
// authorisation (whatever the domain then answers).
#include <google/protobuf/descriptor.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/auth.h"
#include "every_rpc.h"
#include "server_process.h"

namespace trygg::testing {
namespace {

using every_rpc::Rpc;
using grpc::StatusCode;

// The row of the role table that decides `rpc`.
const api::RpcRule* RuleFor(const Rpc& rpc) {
  for (const api::RpcRule& rule : api::kRoleTable) {
    if (rule.service == rpc.service && (rule.method.empty() || rule.method == rpc.method)) {
      return &rule;
    }
  }
  return nullptr;
}

// Every RPC the services declare has exactly one row in every_rpc.h, and the role table has a
// row for it: an RPC added to a .proto without either fails here.
TEST(RoleMatrix, EveryRpcOfEveryServiceIsInTheTableOnce) {
  std::set<std::string> declared;
  for (const char* service :
       {"trygg.v1.ActionPlanService", "trygg.v1.StatusService", "trygg.v1.EventLogService"}) {
    const google::protobuf::ServiceDescriptor* d =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    ASSERT_NE(d, nullptr) << service;
    for (int i = 0; i < d->method_count(); ++i) {
      declared.insert("/" + std::string(service) + "/" + std::string(d->method(i)->name()));
    }
  }
  std::set<std::string> listed;
  for (const Rpc& rpc : every_rpc::EveryRpc()) {
    EXPECT_TRUE(listed.insert(rpc.path()).second) << rpc.path() << " twice";
    EXPECT_NE(RuleFor(rpc), nullptr) << rpc.path() << " has no row in kRoleTable";
  }
  EXPECT_EQ(listed, declared);
}

struct Caller {
  std::string name;
  std::optional<api::Role> role;  // none: not authenticated
  std::string authorization;      // the whole metadata value; "" sends none
  bool other_agency = false;      // an agency whose measure kMeasure is not
};

// What `caller` must get from `rpc`: UNAUTHENTICATED, PERMISSION_DENIED, or OK for "admitted".
StatusCode Expected(const Caller& caller, const Rpc& rpc) {
  if (!caller.role) return StatusCode::UNAUTHENTICATED;
  if (!RuleFor(rpc)->roles.Contains(*caller.role)) return StatusCode::PERMISSION_DENIED;
  if (caller.other_agency && rpc.on_measure) return StatusCode::PERMISSION_DENIED;
  return StatusCode::OK;
}

TEST(RoleMatrix, EveryRpcAsEveryRoleIsAdmittedOrRefusedAsTheRoleTableSays) {
  TempDir dir;
  const std::string coordinator = AddToken(dir, "samordnare", "coordinator", "varnamo-kommun");
  const std::string agency = AddToken(dir, "kommunpolis", "agency", every_rpc::kAgency);
  const std::string other = AddToken(dir, "brandman", "agency", every_rpc::kOtherAgency);
  const std::string auditor = AddToken(dir, "revisor", "auditor");
  const std::string reader = AddToken(dir, "lasare", "reader");
  RunningServer server(dir, {"--tokens", dir.Sub("tokens").string()});
  ASSERT_FALSE(server.address().empty());
  every_rpc::SeedPlan(server.address(), coordinator);

  // Refused callers first: each RPC meets the seeded state before an admitted call changes it.
  const std::vector<Caller> callers = {
      {"anonymous", std::nullopt, ""},
      {"a token nobody has", std::nullopt, "Bearer trygg_" + std::string(64, '0')},
      {"not a bearer token", std::nullopt, "Basic " + coordinator},
      {"reader", api::Role::kReader, "Bearer " + reader},
      {"auditor", api::Role::kAuditor, "Bearer " + auditor},
      {"agency on another agency's measure", api::Role::kAgency, "Bearer " + other, true},
      {"agency on its own measure", api::Role::kAgency, "Bearer " + agency},
      {"coordinator", api::Role::kCoordinator, "Bearer " + coordinator},
  };
  int refused = 0;
  int admitted = 0;
  for (const Rpc& rpc : every_rpc::EveryRpc()) {
    for (std::size_t i = 0; i < callers.size(); ++i) {
      const Caller& caller = callers[i];
      SCOPED_TRACE(rpc.path() + " as " + caller.name);
      const uint64_t head = every_rpc::HeadPosition(server.address(), auditor);
      const RawReply reply = every_rpc::Call(server.address(), rpc, caller.authorization,
                                             "matrix-" + rpc.method + "-" + std::to_string(i),
                                             "Nattvandring i centrum");
      const StatusCode expected = Expected(caller, rpc);
      if (expected == StatusCode::OK) {
        ++admitted;
        EXPECT_NE(reply.status.error_code(), StatusCode::UNAUTHENTICATED)
            << reply.status.error_message();
        EXPECT_NE(reply.status.error_code(), StatusCode::PERMISSION_DENIED)
            << reply.status.error_message();
        if (rpc.endless) {
          EXPECT_EQ(reply.status.error_code(), StatusCode::DEADLINE_EXCEEDED);
        }
      } else {
        ++refused;
        EXPECT_EQ(reply.status.error_code(), expected) << reply.status.error_message();
        EXPECT_TRUE(reply.messages.empty());
        EXPECT_EQ(every_rpc::HeadPosition(server.address(), auditor), head)
            << "a refused call appended";
      }
    }
  }
  // Both kinds are exercised (42 RPCs × 8 callers).
  EXPECT_GT(refused, 0);
  EXPECT_GT(admitted, 0);
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace trygg::testing
