// Who is calling: a principal authenticated by its bearer token, with the role that decides what
// it may do (../shared/DESIGN.md, "Security").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trygg::api {

// What each role may call is kRoleTable's (auth.h) to say.
enum class Role {
  kCoordinator,  // the municipality's coordination of the plan
  kAgency,       // acts for one agency: its own measures and its own part of shared ones
  kAuditor,      // reads everything, including the raw log
  kReader,       // status queries only
};

// "coordinator", "agency", "auditor", "reader".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct Principal {
  std::string name;  // e.g. "samordnare"; recorded as the principal of every event it writes
  Role role = Role::kReader;
  std::string agency;  // the agency it acts for; required for kAgency, optional otherwise

  friend bool operator==(const Principal&, const Principal&) = default;
};

}  // namespace trygg::api
