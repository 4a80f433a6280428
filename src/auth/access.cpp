// Accounts: memberships, API tokens and sessions (the access half of accounts.hpp).
#include <boost/json.hpp>

#include "auth/accounts.hpp"
#include "auth/audit.hpp"
#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::auth {
namespace {

constexpr core::TimeMs kSessionLifetimeMs = 14LL * 24 * 3600 * 1000;

std::string RoleDetails(Role role) {
  return boost::json::serialize(boost::json::object{{"role", RoleName(role)}});
}

// The last owner may not be demoted or removed, or nobody could manage the workspace.
core::Status KeepAnOwner(store::Connection& db, core::Id workspace_id,
                         const store::Membership& current, std::optional<Role> new_role) {
  if (current.role != "owner" || new_role == Role::kOwner) return core::Ok();
  VOXLOOP_ASSIGN_OR_RETURN(int owners, store::MembershipRepo(db).CountWithRole(workspace_id, "owner"));
  if (owners <= 1) return core::Error::Conflict("A workspace must keep at least one owner");
  return core::Ok();
}

}  // namespace

core::Result<store::Membership> Accounts::SetMember(core::Id workspace_id, core::Id user_id,
                                                    Role role, Role actor_role,
                                                    const Actor& actor) {
  if (!RoleMayAssign(actor_role, role)) {
    return core::Error::Forbidden("Your role cannot grant the " + std::string(RoleName(role)) +
                                  " role");
  }
  store::Membership membership{workspace_id, user_id, std::string(RoleName(role)), core::NowMs(),
                               "", ""};
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::MembershipRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto user, store::UserRepo(context.db).Get(user_id));
    if (!user) return core::Error::NotFound("No such user");
    VOXLOOP_ASSIGN_OR_RETURN(auto current, repo.Get(workspace_id, user_id));
    if (current) {
      const Role current_role = ParseRole(current->role).value_or(Role::kViewer);
      if (!RoleMayAssign(actor_role, current_role)) {
        return core::Error::Forbidden("Your role cannot change this member");
      }
      VOXLOOP_TRY(KeepAnOwner(context.db, workspace_id, *current, role));
      membership.created_at = current->created_at;
    }
    VOXLOOP_TRY(repo.Upsert(membership));
    membership.email = user->email;
    membership.name = user->name;
    return RecordAudit(context.db, actor,
                       {workspace_id, current ? "member.update" : "member.add", "member",
                        core::IdToString(user_id), RoleDetails(role)});
  }));
  authenticator_.ForgetMemberships();
  return membership;
}

core::Status Accounts::RemoveMember(core::Id workspace_id, core::Id user_id, Role actor_role,
                                    const Actor& actor) {
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::MembershipRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto current, repo.Get(workspace_id, user_id));
    if (!current) return core::Error::NotFound("No such member");
    if (!RoleMayAssign(actor_role, ParseRole(current->role).value_or(Role::kViewer))) {
      return core::Error::Forbidden("Your role cannot remove this member");
    }
    VOXLOOP_TRY(KeepAnOwner(context.db, workspace_id, *current, std::nullopt));
    VOXLOOP_TRY(repo.Remove(workspace_id, user_id));
    return RecordAudit(context.db, actor,
                       {workspace_id, "member.remove", "member", core::IdToString(user_id), "{}"});
  }));
  authenticator_.ForgetMemberships();
  return core::Ok();
}

core::Result<std::vector<store::Membership>> Accounts::ListMembers(core::Id workspace_id) {
  return database_.Read<std::vector<store::Membership>>(
      [&](store::Connection& db) { return store::MembershipRepo(db).ListMembers(workspace_id); });
}

core::Result<CreatedToken> Accounts::CreateToken(core::Id workspace_id, Role role, std::string name,
                                                 Role actor_role, const Actor& actor) {
  if (!core::IsValidUtf8(name) || core::Utf8Length(name) == 0 || core::Utf8Length(name) > 100) {
    return core::Error::Field("name", "invalid", "Give the token a name of 1 to 100 characters");
  }
  if (!RoleMayAssign(actor_role, role)) {
    return core::Error::Forbidden("Your role cannot create a token with the " +
                                  std::string(RoleName(role)) + " role");
  }
  CreatedToken created;
  created.token = NewApiToken();
  created.record = store::ApiToken{core::NewId(), workspace_id, std::move(name),
                                   std::string(RoleName(role)), HashSecret(created.token),
                                   created.token.substr(0, 10), actor.id, core::NowMs(), {}};
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::ApiTokenRepo(context.db).Insert(created.record));
    return RecordAudit(context.db, actor,
                       {workspace_id, "token.create", "token",
                        core::IdToString(created.record.id), RoleDetails(role)});
  }));
  return created;
}

core::Result<std::vector<store::ApiToken>> Accounts::ListTokens(core::Id workspace_id) {
  return database_.Read<std::vector<store::ApiToken>>(
      [&](store::Connection& db) { return store::ApiTokenRepo(db).ListForWorkspace(workspace_id); });
}

core::Status Accounts::RevokeToken(core::Id workspace_id, core::Id token_id, const Actor& actor) {
  std::string token_hash;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::ApiTokenRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto tokens, repo.ListForWorkspace(workspace_id));
    for (const auto& token : tokens) {
      if (token.id == token_id) token_hash = token.token_hash;
    }
    VOXLOOP_TRY(repo.Revoke(workspace_id, token_id, core::NowMs()));
    return RecordAudit(context.db, actor,
                       {workspace_id, "token.revoke", "token", core::IdToString(token_id), "{}"});
  }));
  authenticator_.ForgetToken(token_hash);
  return core::Ok();
}

core::Result<LoginResult> Accounts::Login(std::string_view email, std::string_view password,
                                          const std::string& ip) {
  const core::Error refused = core::Error::Unauthenticated("The e-mail or password is wrong");
  VOXLOOP_ASSIGN_OR_RETURN(auto user, FindUserByEmail(email));
  if (!user || user->disabled) {
    // Spend the same time as a real check so that timing does not reveal which e-mails exist.
    static const std::string dummy_hash = HashPassword(RandomUrlSafe(16)).value();
    (void)VerifyPassword(password, dummy_hash);
    return refused;
  }
  if (!VerifyPassword(password, user->password_hash)) return refused;
  LoginResult result{*user, RandomUrlSafe(32), RandomUrlSafe(24), core::NowMs() + kSessionLifetimeMs};
  const store::Session session{HashSecret(result.session_id), user->id, result.csrf_token,
                               core::NowMs(), result.expires_at};
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::SessionRepo(context.db).Insert(session));
    return RecordAudit(context.db, Actor{"user", user->id, ip},
                       {std::nullopt, "session.create", "user", core::IdToString(user->id), "{}"});
  }));
  return result;
}

core::Status Accounts::Logout(const Principal& principal) {
  if (principal.session_hash.empty()) return core::Ok();
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) {
    return store::SessionRepo(context.db).Delete(principal.session_hash);
  }));
  authenticator_.ForgetSession(principal.session_hash);
  return core::Ok();
}

}  // namespace voxloop::auth
