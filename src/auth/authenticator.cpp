#include "auth/authenticator.hpp"

#include "auth/secrets.hpp"
#include "core/time.hpp"
#include "store/account_repo.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::auth {
namespace {

std::string RoleKey(core::Id user_id, core::Id workspace_id) {
  return std::to_string(user_id) + ":" + std::to_string(workspace_id);
}

core::Error BadCredentials() {
  return core::Error::Unauthenticated("The credentials are invalid, expired or revoked");
}

template <typename Map>
auto FindFresh(Map& map, const std::string& key, std::chrono::steady_clock::time_point now)
    -> std::optional<decltype(map.begin()->second.value)> {
  auto found = map.find(key);
  if (found == map.end()) return std::nullopt;
  if (found->second.expires < now) {
    map.erase(found);
    return std::nullopt;
  }
  return found->second.value;
}

}  // namespace

Authenticator::Authenticator(store::Database& database, AuthenticatorOptions options)
    : database_(database), options_(options) {}

std::optional<Principal> Authenticator::CachedBearer(std::string_view token) {
  const std::string hash = HashSecret(token);
  std::lock_guard lock(mutex_);
  return FindFresh(tokens_, hash, Clock::now());
}

std::optional<Principal> Authenticator::CachedSession(std::string_view session_id) {
  const std::string hash = HashSecret(session_id);
  std::lock_guard lock(mutex_);
  return FindFresh(sessions_, hash, Clock::now());
}

std::optional<std::optional<Role>> Authenticator::CachedRole(const Principal& principal,
                                                             core::Id workspace_id) {
  if (principal.kind == Principal::Kind::kToken) {
    if (principal.token_workspace_id != workspace_id) return std::optional<Role>();
    return std::optional<Role>(principal.token_role);
  }
  std::lock_guard lock(mutex_);
  return FindFresh(roles_, RoleKey(principal.id, workspace_id), Clock::now());
}

core::Result<Principal> Authenticator::FromBearer(std::string_view token) {
  if (auto cached = CachedBearer(token)) return *cached;
  const std::string hash = HashSecret(token);
  VOXLOOP_ASSIGN_OR_RETURN(
      auto found, database_.Read<std::optional<store::ApiToken>>([&](store::Connection& db) {
        return store::ApiTokenRepo(db).FindActiveByHash(hash);
      }));
  if (!found) return BadCredentials();
  auto role = ParseRole(found->role);
  if (!role) return BadCredentials();
  Principal principal;
  principal.kind = Principal::Kind::kToken;
  principal.id = found->id;
  principal.display = found->name;
  principal.token_workspace_id = found->workspace_id;
  principal.token_role = *role;
  std::lock_guard lock(mutex_);
  tokens_[hash] = {principal, Clock::now() + options_.cache_lifetime};
  return principal;
}

core::Result<Principal> Authenticator::FromSession(std::string_view session_id) {
  if (auto cached = CachedSession(session_id)) return *cached;
  const std::string hash = HashSecret(session_id);
  struct Found {
    store::Session session;
    store::User user;
  };
  VOXLOOP_ASSIGN_OR_RETURN(
      auto found, database_.Read<std::optional<Found>>(
                      [&](store::Connection& db) -> core::Result<std::optional<Found>> {
                        VOXLOOP_ASSIGN_OR_RETURN(auto session,
                                                 store::SessionRepo(db).Find(hash, core::NowMs()));
                        if (!session) return std::optional<Found>();
                        VOXLOOP_ASSIGN_OR_RETURN(auto user, store::UserRepo(db).Get(session->user_id));
                        if (!user || user->disabled) return std::optional<Found>();
                        return std::optional<Found>(Found{*session, *user});
                      }));
  if (!found) return BadCredentials();
  Principal principal;
  principal.kind = Principal::Kind::kUser;
  principal.id = found->user.id;
  principal.display = found->user.email;
  principal.locale = found->user.locale;
  principal.session_hash = hash;
  principal.csrf_token = found->session.csrf_token;
  std::lock_guard lock(mutex_);
  sessions_[hash] = {principal, Clock::now() + options_.cache_lifetime};
  return principal;
}

core::Result<std::optional<Role>> Authenticator::RoleIn(const Principal& principal,
                                                        core::Id workspace_id) {
  // A token's role needs no lookup: deleting a workspace revokes its tokens.
  if (auto cached = CachedRole(principal, workspace_id)) return *cached;
  VOXLOOP_ASSIGN_OR_RETURN(
      std::optional<Role> role,
      database_.Read<std::optional<Role>>(
          [&](store::Connection& db) -> core::Result<std::optional<Role>> {
            VOXLOOP_ASSIGN_OR_RETURN(auto workspace, store::WorkspaceRepo(db).Get(workspace_id));
            if (!workspace) return std::optional<Role>();
            VOXLOOP_ASSIGN_OR_RETURN(auto membership,
                                     store::MembershipRepo(db).Get(workspace_id, principal.id));
            if (!membership) return std::optional<Role>();
            return ParseRole(membership->role);
          }));
  std::lock_guard lock(mutex_);
  roles_[RoleKey(principal.id, workspace_id)] = {role, Clock::now() + options_.cache_lifetime};
  return role;
}

void Authenticator::ForgetToken(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  tokens_.erase(std::string(token_hash));
}

void Authenticator::ForgetSession(std::string_view session_hash) {
  std::lock_guard lock(mutex_);
  sessions_.erase(std::string(session_hash));
}

void Authenticator::ForgetMemberships() {
  std::lock_guard lock(mutex_);
  roles_.clear();
}

}  // namespace voxloop::auth
