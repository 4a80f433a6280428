// Authenticator: turns a bearer token or a session cookie into a Principal, and tells the
// Principal's role in a workspace. Results are cached for a few seconds, so the hot path
// (a token posting feedback) costs one hash and one map lookup; revoking a token, ending a
// session or changing a membership on this node evicts at once, on other nodes within the
// cache lifetime. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/principal.hpp"
#include "auth/roles.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace voxloop::auth {

struct AuthenticatorOptions {
  std::chrono::milliseconds cache_lifetime{5000};
};

class Authenticator {
 public:
  Authenticator(store::Database& database, AuthenticatorOptions options = {});

  // Cache-only lookups: never block. nullopt means "not cached", not "invalid".
  std::optional<Principal> CachedBearer(std::string_view token);
  std::optional<Principal> CachedSession(std::string_view session_id);
  std::optional<std::optional<Role>> CachedRole(const Principal& principal, core::Id workspace_id);

  // Full lookups; may read the database (call them off the I/O threads).
  // kUnauthenticated for unknown, revoked or expired credentials.
  core::Result<Principal> FromBearer(std::string_view token);
  core::Result<Principal> FromSession(std::string_view session_id);
  // The principal's role in the workspace; nullopt when not a member (or the workspace is
  // deleted or does not exist).
  core::Result<std::optional<Role>> RoleIn(const Principal& principal, core::Id workspace_id);

  void ForgetToken(std::string_view token_hash);
  void ForgetSession(std::string_view session_hash);
  void ForgetMemberships();

 private:
  using Clock = std::chrono::steady_clock;
  template <typename T>
  struct Cached {
    T value;
    Clock::time_point expires;
  };

  store::Database& database_;
  const AuthenticatorOptions options_;

  // Guarded by mutex_:
  std::mutex mutex_;
  std::unordered_map<std::string, Cached<Principal>> tokens_;    // by token hash
  std::unordered_map<std::string, Cached<Principal>> sessions_;  // by session hash
  std::unordered_map<std::string, Cached<std::optional<Role>>> roles_;  // "user:workspace"
};

}  // namespace voxloop::auth
