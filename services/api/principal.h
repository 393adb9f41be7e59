// Who is calling: a principal authenticated by its bearer token, with the role that decides what
// it may do (../shared/DESIGN.md, "Security").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trygg::api {

enum class Role {
  kCoordinator,  // plans, agencies, propose, prioritise, assign, withdraw; reads
  kAgency,       // propose; start, report on and complete its own agency's measures; reads
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
