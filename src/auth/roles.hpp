// Roles and permissions: who may do what in a workspace. The matrix is written once here and
// documented in docs/permissions.md; http/routes.cpp names a Permission for every route and
// the router refuses callers whose role lacks it. Pure data; thread-safe.
//
//   owner   — everything, including deleting the workspace and managing owners
//   admin   — members, tokens, settings, rules, webhooks, audit log; not owners or deletion
//   analyst — surveys, taxonomies, models, exports, rules (read); sees PII redacted
//   agent   — works feedback and cases, corrects analysis, sees and contacts customers
//   viewer  — reads dashboards, feedback (PII redacted) and surveys
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace voxloop::auth {

enum class Role { kOwner, kAdmin, kAnalyst, kAgent, kViewer };

enum class Permission {
  kWorkspaceRead,
  kWorkspaceManage,
  kWorkspaceDelete,
  kMembersRead,
  kMembersManage,
  kTokensManage,
  kFeedbackRead,
  kFeedbackWrite,
  kFeedbackCorrect,
  kFeedbackErase,
  kCustomersRead,
  kCustomersWrite,
  kPiiRead,
  kMetricsRead,
  kExport,
  kSurveysRead,
  kSurveysManage,
  kTaxonomyManage,
  kModelsManage,
  kCasesRead,
  kCasesWork,
  kRulesRead,
  kRulesManage,
  kWebhooksManage,
  kAuditRead,
};

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
std::span<const Role> AllRoles();

std::string_view PermissionName(Permission permission);  // e.g. "feedback.write"
std::span<const Permission> AllPermissions();

bool RoleAllows(Role role, Permission permission);

// Whether `actor` may give `target` to someone or change someone who has it: only owners
// grant or touch the owner role; admins manage every other role.
bool RoleMayAssign(Role actor, Role target);

}  // namespace voxloop::auth
