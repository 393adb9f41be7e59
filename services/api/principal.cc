#include "principal.h"

#include <array>
#include <utility>

namespace trygg::api {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles = {{
    {Role::kCoordinator, "coordinator"},
    {Role::kAgency, "agency"},
    {Role::kAuditor, "auditor"},
    {Role::kReader, "reader"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, role_name] : kRoles) {
    if (role_name == name) return r;
  }
  return std::nullopt;
}

}  // namespace trygg::api
