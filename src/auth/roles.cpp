#include "auth/roles.hpp"

#include <array>
#include <utility>

namespace voxloop::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoleNames = {{
    {Role::kOwner, "owner"},
    {Role::kAdmin, "admin"},
    {Role::kAnalyst, "analyst"},
    {Role::kAgent, "agent"},
    {Role::kViewer, "viewer"},
}};

constexpr std::array<Role, 5> kRoles = {Role::kOwner, Role::kAdmin, Role::kAnalyst, Role::kAgent,
                                        Role::kViewer};

// One row per permission: its name and the roles that have it, as letters
// (O)wner (A)dmin a(N)alyst a(G)ent (V)iewer.
struct PermissionRow {
  Permission permission;
  std::string_view name;
  std::string_view roles;
};

constexpr std::array<PermissionRow, 25> kMatrix = {{
    {Permission::kWorkspaceRead, "workspace.read", "OANGV"},
    {Permission::kWorkspaceManage, "workspace.manage", "OA"},
    {Permission::kWorkspaceDelete, "workspace.delete", "O"},
    {Permission::kMembersRead, "members.read", "OANGV"},
    {Permission::kMembersManage, "members.manage", "OA"},
    {Permission::kTokensManage, "tokens.manage", "OA"},
    {Permission::kFeedbackRead, "feedback.read", "OANGV"},
    {Permission::kFeedbackWrite, "feedback.write", "OANG"},
    {Permission::kFeedbackCorrect, "feedback.correct", "OANG"},
    {Permission::kFeedbackErase, "feedback.erase", "OA"},
    {Permission::kCustomersRead, "customers.read", "OANG"},
    {Permission::kCustomersWrite, "customers.write", "OAG"},
    {Permission::kPiiRead, "pii.read", "OAG"},
    {Permission::kMetricsRead, "metrics.read", "OANGV"},
    {Permission::kExport, "export", "OAN"},
    {Permission::kSurveysRead, "surveys.read", "OANGV"},
    {Permission::kSurveysManage, "surveys.manage", "OAN"},
    {Permission::kTaxonomyManage, "taxonomy.manage", "OAN"},
    {Permission::kModelsManage, "models.manage", "OAN"},
    {Permission::kCasesRead, "cases.read", "OANG"},
    {Permission::kCasesWork, "cases.work", "OAG"},
    {Permission::kRulesRead, "rules.read", "OAN"},
    {Permission::kRulesManage, "rules.manage", "OA"},
    {Permission::kWebhooksManage, "webhooks.manage", "OA"},
    {Permission::kAuditRead, "audit.read", "OA"},
}};

constexpr std::array<Permission, kMatrix.size()> kPermissions = [] {
  std::array<Permission, kMatrix.size()> all{};
  for (std::size_t i = 0; i < kMatrix.size(); ++i) all[i] = kMatrix[i].permission;
  return all;
}();

char RoleLetter(Role role) {
  switch (role) {
    case Role::kOwner: return 'O';
    case Role::kAdmin: return 'A';
    case Role::kAnalyst: return 'N';
    case Role::kAgent: return 'G';
    case Role::kViewer: return 'V';
  }
  return '?';
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [value, role_name] : kRoleNames) {
    if (role_name == name) return value;
  }
  return std::nullopt;
}

std::span<const Role> AllRoles() { return kRoles; }

std::string_view PermissionName(Permission permission) {
  for (const auto& row : kMatrix) {
    if (row.permission == permission) return row.name;
  }
  return "";
}

std::span<const Permission> AllPermissions() { return kPermissions; }

bool RoleAllows(Role role, Permission permission) {
  for (const auto& row : kMatrix) {
    if (row.permission == permission) return row.roles.find(RoleLetter(role)) != std::string_view::npos;
  }
  return false;
}

bool RoleMayAssign(Role actor, Role target) {
  if (actor == Role::kOwner) return true;
  return actor == Role::kAdmin && target != Role::kOwner;
}

}  // namespace voxloop::auth
