#include "auth/roles.hpp"

#include <gtest/gtest.h>

namespace voxloop::auth {
namespace {

TEST(RolesTest, OwnerHasEveryPermission) {
  for (const Permission permission : AllPermissions()) {
    EXPECT_TRUE(RoleAllows(Role::kOwner, permission)) << PermissionName(permission);
  }
}

TEST(RolesTest, EachRoleIsAtMostAsPowerfulAsTheOneAbove) {
  // owner ⊇ admin ⊇ agent and admin ⊇ analyst ⊇ viewer: no role gains what a higher one lacks.
  const std::pair<Role, Role> chains[] = {{Role::kOwner, Role::kAdmin},
                                          {Role::kAdmin, Role::kAnalyst},
                                          {Role::kAdmin, Role::kAgent},
                                          {Role::kAnalyst, Role::kViewer}};
  for (const auto& [higher, lower] : chains) {
    for (const Permission permission : AllPermissions()) {
      if (RoleAllows(lower, permission)) {
        EXPECT_TRUE(RoleAllows(higher, permission))
            << RoleName(higher) << " lacks " << PermissionName(permission);
      }
    }
  }
}

TEST(RolesTest, ViewersOnlyReadAndNeverSeePii) {
  EXPECT_TRUE(RoleAllows(Role::kViewer, Permission::kMetricsRead));
  EXPECT_TRUE(RoleAllows(Role::kViewer, Permission::kFeedbackRead));
  EXPECT_FALSE(RoleAllows(Role::kViewer, Permission::kFeedbackWrite));
  EXPECT_FALSE(RoleAllows(Role::kViewer, Permission::kPiiRead));
  EXPECT_FALSE(RoleAllows(Role::kAnalyst, Permission::kPiiRead));
  EXPECT_TRUE(RoleAllows(Role::kAgent, Permission::kPiiRead));
}

TEST(RolesTest, OnlyOwnersAssignTheOwnerRole) {
  EXPECT_TRUE(RoleMayAssign(Role::kOwner, Role::kOwner));
  EXPECT_FALSE(RoleMayAssign(Role::kAdmin, Role::kOwner));
  EXPECT_TRUE(RoleMayAssign(Role::kAdmin, Role::kAgent));
  EXPECT_FALSE(RoleMayAssign(Role::kAnalyst, Role::kViewer));
}

TEST(RolesTest, NamesRoundTrip) {
  for (const Role role : AllRoles()) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_FALSE(ParseRole("Owner").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

}  // namespace
}  // namespace voxloop::auth
