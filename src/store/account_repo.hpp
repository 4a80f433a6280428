// Records and repositories for who may get in: staff users, their workspace memberships,
// API tokens and login sessions. Roles are stored as their names ("owner", "agent", …); the
// auth subsystem gives them meaning. Each repo borrows a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct User {
  core::Id id = 0;
  std::string email;  // lower-cased
  std::string name;
  std::string password_hash;  // argon2id encoded string
  std::string locale = "en";
  core::TimeMs created_at = 0;
  bool disabled = false;
};

struct Membership {
  core::Id workspace_id = 0;
  core::Id user_id = 0;
  std::string role;
  core::TimeMs created_at = 0;
  // Filled by ListMembers for display:
  std::string email;
  std::string name;
};

struct ApiToken {
  core::Id id = 0;
  core::Id workspace_id = 0;
  std::string name;
  std::string role;
  std::string token_hash;
  std::string prefix;  // the first characters of the token, to recognise it in lists
  std::optional<core::Id> created_by;
  core::TimeMs created_at = 0;
  std::optional<core::TimeMs> revoked_at;
};

struct Session {
  std::string id_hash;
  core::Id user_id = 0;
  std::string csrf_token;
  core::TimeMs created_at = 0;
  core::TimeMs expires_at = 0;
};

class UserRepo {
 public:
  explicit UserRepo(Connection& db) : db_(db) {}
  Status Insert(const User& user);  // kConflict when the e-mail is taken
  Result<std::optional<User>> Get(core::Id id);
  Result<std::optional<User>> FindByEmail(std::string_view email);
  Status Update(const User& user);

 private:
  Connection& db_;
};

class MembershipRepo {
 public:
  explicit MembershipRepo(Connection& db) : db_(db) {}
  // Inserts or changes the role of an existing membership.
  Status Upsert(const Membership& membership);
  Result<std::optional<Membership>> Get(core::Id workspace_id, core::Id user_id);
  Result<std::vector<Membership>> ListMembers(core::Id workspace_id);
  Result<int> CountWithRole(core::Id workspace_id, std::string_view role);
  Status Remove(core::Id workspace_id, core::Id user_id);

 private:
  Connection& db_;
};

class ApiTokenRepo {
 public:
  explicit ApiTokenRepo(Connection& db) : db_(db) {}
  Status Insert(const ApiToken& token);
  // Only tokens that are not revoked are found.
  Result<std::optional<ApiToken>> FindActiveByHash(std::string_view token_hash);
  Result<std::vector<ApiToken>> ListForWorkspace(core::Id workspace_id);
  Status Revoke(core::Id workspace_id, core::Id token_id, core::TimeMs now);

 private:
  Connection& db_;
};

class SessionRepo {
 public:
  explicit SessionRepo(Connection& db) : db_(db) {}
  Status Insert(const Session& session);
  // Only sessions not expired at `now` are found.
  Result<std::optional<Session>> Find(std::string_view id_hash, core::TimeMs now);
  Status Delete(std::string_view id_hash);
  Status DeleteForUser(core::Id user_id);
  Status DeleteExpired(core::TimeMs now);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
