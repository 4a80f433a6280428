#include "store/account_repo.hpp"

namespace voxloop::store {
namespace {

Status Changed(Result<std::int64_t> result, std::string_view missing_message) {
  if (!result) return std::move(result).error();
  if (*result == 0) return core::Error::NotFound(std::string(missing_message));
  return core::Ok();
}

Status Done(Result<std::int64_t> result) {
  if (!result) return std::move(result).error();
  return core::Ok();
}

constexpr std::string_view kUserColumns =
    "SELECT id, email, name, password_hash, locale, created_at, disabled_at FROM users ";

User UserFromRow(const RowView& row) {
  return User{row.Int(0), row.String(1), row.String(2), row.String(3),
              row.String(4), row.Int(5), !row.IsNull(6)};
}

constexpr std::string_view kTokenColumns =
    "SELECT id, workspace_id, name, role, token_hash, prefix, created_by, created_at, revoked_at "
    "FROM api_tokens ";

ApiToken TokenFromRow(const RowView& row) {
  return ApiToken{row.Int(0),    row.Int(1),    row.String(2), row.String(3), row.String(4),
                  row.String(5), row.OptInt(6), row.Int(7),    row.OptInt(8)};
}

}  // namespace

Status UserRepo::Insert(const User& user) {
  return Done(db_.Execute(
      "INSERT INTO users (id, email, name, password_hash, locale, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {user.id, user.email, user.name, user.password_hash, user.locale, user.created_at}));
}

Result<std::optional<User>> UserRepo::Get(core::Id id) {
  std::optional<User> user;
  VOXLOOP_TRY(db_.ForEach(std::string(kUserColumns) + "WHERE id = ?", {id},
                          [&](const RowView& row) { user = UserFromRow(row); }));
  return user;
}

Result<std::optional<User>> UserRepo::FindByEmail(std::string_view email) {
  std::optional<User> user;
  VOXLOOP_TRY(db_.ForEach(std::string(kUserColumns) + "WHERE email = ?", {std::string(email)},
                          [&](const RowView& row) { user = UserFromRow(row); }));
  return user;
}

Status UserRepo::Update(const User& user) {
  return Changed(db_.Execute("UPDATE users SET email = ?, name = ?, password_hash = ?, "
                             "locale = ?, disabled_at = ? WHERE id = ?",
                             {user.email, user.name, user.password_hash, user.locale,
                              user.disabled ? Value(core::NowMs()) : Null(), user.id}),
                 "No such user");
}

Status MembershipRepo::Upsert(const Membership& membership) {
  return Done(db_.Execute(
      "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role",
      {membership.workspace_id, membership.user_id, membership.role, membership.created_at}));
}

Result<std::optional<Membership>> MembershipRepo::Get(core::Id workspace_id, core::Id user_id) {
  std::optional<Membership> membership;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT m.workspace_id, m.user_id, m.role, m.created_at, u.email, u.name "
      "FROM memberships m JOIN users u ON u.id = m.user_id "
      "WHERE m.workspace_id = ? AND m.user_id = ?",
      {workspace_id, user_id}, [&](const RowView& row) {
        membership = Membership{row.Int(0), row.Int(1), row.String(2), row.Int(3),
                                row.String(4), row.String(5)};
      }));
  return membership;
}

Result<std::vector<Membership>> MembershipRepo::ListMembers(core::Id workspace_id) {
  std::vector<Membership> members;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT m.workspace_id, m.user_id, m.role, m.created_at, u.email, u.name "
      "FROM memberships m JOIN users u ON u.id = m.user_id "
      "WHERE m.workspace_id = ? ORDER BY m.created_at, m.user_id",
      {workspace_id}, [&](const RowView& row) {
        members.push_back(Membership{row.Int(0), row.Int(1), row.String(2), row.Int(3),
                                     row.String(4), row.String(5)});
      }));
  return members;
}

Result<int> MembershipRepo::CountWithRole(core::Id workspace_id, std::string_view role) {
  VOXLOOP_ASSIGN_OR_RETURN(
      auto row, db_.QueryOne("SELECT COUNT(*) FROM memberships WHERE workspace_id = ? AND role = ?",
                             {workspace_id, std::string(role)}));
  return row ? static_cast<int>(row->Int(0)) : 0;
}

Status MembershipRepo::Remove(core::Id workspace_id, core::Id user_id) {
  return Changed(db_.Execute("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?",
                             {workspace_id, user_id}),
                 "No such member");
}

Status ApiTokenRepo::Insert(const ApiToken& token) {
  return Done(db_.Execute(
      "INSERT INTO api_tokens (id, workspace_id, name, role, token_hash, prefix, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {token.id, token.workspace_id, token.name, token.role, token.token_hash, token.prefix,
       Optional(token.created_by), token.created_at}));
}

Result<std::optional<ApiToken>> ApiTokenRepo::FindActiveByHash(std::string_view token_hash) {
  std::optional<ApiToken> token;
  VOXLOOP_TRY(db_.ForEach(std::string(kTokenColumns) +
                              "WHERE token_hash = ? AND revoked_at IS NULL",
                          {std::string(token_hash)},
                          [&](const RowView& row) { token = TokenFromRow(row); }));
  return token;
}

Result<std::vector<ApiToken>> ApiTokenRepo::ListForWorkspace(core::Id workspace_id) {
  std::vector<ApiToken> tokens;
  VOXLOOP_TRY(db_.ForEach(std::string(kTokenColumns) + "WHERE workspace_id = ? ORDER BY id",
                          {workspace_id},
                          [&](const RowView& row) { tokens.push_back(TokenFromRow(row)); }));
  return tokens;
}

Status ApiTokenRepo::Revoke(core::Id workspace_id, core::Id token_id, core::TimeMs now) {
  return Changed(db_.Execute("UPDATE api_tokens SET revoked_at = ? WHERE workspace_id = ? AND "
                             "id = ? AND revoked_at IS NULL",
                             {now, workspace_id, token_id}),
                 "No such active token");
}

Status SessionRepo::Insert(const Session& session) {
  return Done(db_.Execute(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {session.id_hash, session.user_id, session.csrf_token, session.created_at,
       session.expires_at}));
}

Result<std::optional<Session>> SessionRepo::Find(std::string_view id_hash, core::TimeMs now) {
  std::optional<Session> session;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
      "WHERE id_hash = ? AND expires_at > ?",
      {std::string(id_hash), now}, [&](const RowView& row) {
        session = Session{row.String(0), row.Int(1), row.String(2), row.Int(3), row.Int(4)};
      }));
  return session;
}

Status SessionRepo::Delete(std::string_view id_hash) {
  return Done(db_.Execute("DELETE FROM sessions WHERE id_hash = ?", {std::string(id_hash)}));
}

Status SessionRepo::DeleteForUser(core::Id user_id) {
  return Done(db_.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id}));
}

Status SessionRepo::DeleteExpired(core::TimeMs now) {
  return Done(db_.Execute("DELETE FROM sessions WHERE expires_at <= ?", {now}));
}

}  // namespace voxloop::store
