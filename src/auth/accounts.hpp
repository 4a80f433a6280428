// Accounts: provisioning and sign-in — workspaces, staff users, memberships, API tokens,
// sessions. Every change is written with its audit entry in one transaction and evicts the
// Authenticator's caches. Methods block (they wait for the group-commit writer, and Login
// runs Argon2id), so HTTP handlers call them off the I/O threads. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/authenticator.hpp"
#include "auth/principal.hpp"
#include "core/workspace.hpp"
#include "store/account_repo.hpp"
#include "store/database.hpp"

namespace voxloop::auth {

struct WorkspaceInput {
  std::optional<std::string> name;
  std::optional<std::string> timezone;          // IANA, checked with ICU
  std::optional<std::string> default_language;  // BCP 47 primary tag, e.g. "vi"
  std::optional<std::string> settings_json;     // replaces the settings object
};

struct NewUser {
  std::string email;
  std::string password;
  std::string name;
  std::string locale = "en";
};

struct CreatedToken {
  store::ApiToken record;
  std::string token;  // shown once; only its hash is stored
};

struct LoginResult {
  store::User user;
  std::string session_id;  // goes into the cookie
  std::string csrf_token;
  core::TimeMs expires_at = 0;
};

class Accounts {
 public:
  Accounts(store::Database& database, Authenticator& authenticator);

  // `owner_user_id`, when given, becomes the workspace's first owner.
  core::Result<core::Workspace> CreateWorkspace(const WorkspaceInput& input,
                                                std::optional<core::Id> owner_user_id,
                                                const Actor& actor);
  core::Result<core::Workspace> UpdateWorkspace(core::Id workspace_id, const WorkspaceInput& input,
                                                const Actor& actor);
  // Soft-deletes the workspace and revokes its tokens.
  core::Status DeleteWorkspace(core::Id workspace_id, const Actor& actor);
  core::Result<std::vector<core::Workspace>> ListWorkspaces(const Principal& principal);

  core::Result<store::User> CreateUser(const NewUser& input, const Actor& actor);
  core::Result<std::optional<store::User>> FindUserByEmail(std::string_view email);
  core::Result<store::User> GetUser(core::Id user_id);
  // Changes the caller's own name, locale or password (the password needs the current one).
  core::Result<store::User> UpdateProfile(core::Id user_id, std::optional<std::string> name,
                                          std::optional<std::string> locale,
                                          std::optional<std::string> current_password,
                                          std::optional<std::string> new_password);

  // Adds or changes a member's role. `actor_role` must be allowed to assign `role` (and to
  // change the member's current role); the last owner cannot be demoted.
  core::Result<store::Membership> SetMember(core::Id workspace_id, core::Id user_id, Role role,
                                            Role actor_role, const Actor& actor);
  core::Status RemoveMember(core::Id workspace_id, core::Id user_id, Role actor_role,
                            const Actor& actor);
  core::Result<std::vector<store::Membership>> ListMembers(core::Id workspace_id);

  core::Result<CreatedToken> CreateToken(core::Id workspace_id, Role role, std::string name,
                                         Role actor_role, const Actor& actor);
  core::Result<std::vector<store::ApiToken>> ListTokens(core::Id workspace_id);
  core::Status RevokeToken(core::Id workspace_id, core::Id token_id, const Actor& actor);

  // kUnauthenticated with one message for unknown e-mail, wrong password or disabled user.
  core::Result<LoginResult> Login(std::string_view email, std::string_view password,
                                  const std::string& ip);
  core::Status Logout(const Principal& principal);

 private:
  core::Status CheckWorkspaceInput(const WorkspaceInput& input, bool creating) const;

  store::Database& database_;
  Authenticator& authenticator_;
};

// Validates an e-mail address's shape (local@domain.tld, no spaces, ≤ 254 bytes).
bool LooksLikeEmail(std::string_view email);
// True for IANA zone ids that ICU knows ("Asia/Ho_Chi_Minh", "UTC").
bool IsKnownTimeZone(std::string_view zone);

}  // namespace voxloop::auth
