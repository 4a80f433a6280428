#include "auth/accounts.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <boost/json.hpp>

#include "auth/audit.hpp"
#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/pii_vault.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::auth {
namespace {

core::Status CheckName(const std::string& name, const std::string& field) {
  if (!core::IsValidUtf8(name)) return core::Error::Field(field, "invalid", "Not valid UTF-8");
  const std::size_t length = core::Utf8Length(name);
  if (length == 0 || length > 200) {
    return core::Error::Field(field, "invalid", "Give 1 to 200 characters");
  }
  return core::Ok();
}

bool IsLanguageTag(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 35) return false;
  for (const char c : tag) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

}  // namespace

bool LooksLikeEmail(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const std::size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (const char c : email) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',') return false;
  }
  return core::IsValidUtf8(email);
}

bool IsKnownTimeZone(std::string_view zone) {
  if (zone.empty() || zone.size() > 64) return false;
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), zone.size()));
  icu::UnicodeString canonical;
  UErrorCode status = U_ZERO_ERROR;
  UBool is_system = false;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
  return U_SUCCESS(status) && is_system;
}

Accounts::Accounts(store::Database& database, Authenticator& authenticator)
    : database_(database), authenticator_(authenticator) {}

core::Status Accounts::CheckWorkspaceInput(const WorkspaceInput& input, bool creating) const {
  std::vector<core::FieldError> errors;
  if (input.name || creating) {
    if (auto status = CheckName(input.name.value_or(""), "name"); !status) {
      errors.push_back(status.error().fields.front());
    }
  }
  if (input.timezone && !IsKnownTimeZone(*input.timezone)) {
    errors.push_back({"timezone", "invalid", "Give an IANA time zone such as Asia/Ho_Chi_Minh"});
  }
  if (input.default_language && !IsLanguageTag(*input.default_language)) {
    errors.push_back({"default_language", "invalid", "Give a language tag such as vi, zh or en"});
  }
  if (input.settings_json) {
    boost::system::error_code error;
    const auto parsed = boost::json::parse(*input.settings_json, error);
    if (error || !parsed.is_object()) {
      errors.push_back({"settings", "type", "Settings must be a JSON object"});
    }
  }
  if (!errors.empty()) return core::Error::InvalidArgument("The workspace is invalid", errors);
  return core::Ok();
}

core::Result<core::Workspace> Accounts::CreateWorkspace(const WorkspaceInput& input,
                                                        std::optional<core::Id> owner_user_id,
                                                        const Actor& actor) {
  VOXLOOP_TRY(CheckWorkspaceInput(input, /*creating=*/true));
  core::Workspace workspace{core::NewId(), *input.name, input.timezone.value_or("UTC"),
                            input.default_language.value_or("en"),
                            input.settings_json.value_or("{}"), core::NowMs()};
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::WorkspaceRepo(context.db).Insert(workspace));
    if (owner_user_id) {
      VOXLOOP_TRY(store::MembershipRepo(context.db)
                      .Upsert({workspace.id, *owner_user_id, "owner", workspace.created_at, "", ""}));
    }
    return RecordAudit(context.db, actor,
                       {workspace.id, "workspace.create", "workspace",
                        core::IdToString(workspace.id), "{}"});
  }));
  authenticator_.ForgetMemberships();
  return workspace;
}

core::Result<core::Workspace> Accounts::UpdateWorkspace(core::Id workspace_id,
                                                        const WorkspaceInput& input,
                                                        const Actor& actor) {
  VOXLOOP_TRY(CheckWorkspaceInput(input, /*creating=*/false));
  core::Workspace updated;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::WorkspaceRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto current, repo.Get(workspace_id));
    if (!current) return core::Error::NotFound("No such workspace");
    updated = *current;
    if (input.name) updated.name = *input.name;
    if (input.timezone) updated.timezone = *input.timezone;
    if (input.default_language) updated.default_language = *input.default_language;
    if (input.settings_json) updated.settings_json = *input.settings_json;
    VOXLOOP_TRY(repo.Update(updated));
    return RecordAudit(context.db, actor,
                       {workspace_id, "workspace.update", "workspace",
                        core::IdToString(workspace_id), "{}"});
  }));
  return updated;
}

core::Status Accounts::DeleteWorkspace(core::Id workspace_id, const Actor& actor) {
  std::vector<store::ApiToken> tokens;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    const core::TimeMs now = core::NowMs();
    VOXLOOP_TRY(store::WorkspaceRepo(context.db).MarkDeleted(workspace_id, now));
    VOXLOOP_ASSIGN_OR_RETURN(tokens, store::ApiTokenRepo(context.db).ListForWorkspace(workspace_id));
    for (const auto& token : tokens) {
      if (!token.revoked_at) {
        VOXLOOP_TRY(store::ApiTokenRepo(context.db).Revoke(workspace_id, token.id, now));
      }
    }
    return RecordAudit(context.db, actor,
                       {workspace_id, "workspace.delete", "workspace",
                        core::IdToString(workspace_id), "{}"});
  }));
  for (const auto& token : tokens) authenticator_.ForgetToken(token.token_hash);
  authenticator_.ForgetMemberships();
  return core::Ok();
}

core::Result<std::vector<core::Workspace>> Accounts::ListWorkspaces(const Principal& principal) {
  return database_.Read<std::vector<core::Workspace>>(
      [&](store::Connection& db) -> core::Result<std::vector<core::Workspace>> {
        store::WorkspaceRepo repo(db);
        if (principal.kind == Principal::Kind::kUser) return repo.ListForUser(principal.id);
        VOXLOOP_ASSIGN_OR_RETURN(auto workspace, repo.Get(principal.token_workspace_id));
        std::vector<core::Workspace> workspaces;
        if (workspace) workspaces.push_back(std::move(*workspace));
        return workspaces;
      });
}

core::Result<store::User> Accounts::CreateUser(const NewUser& input, const Actor& actor) {
  std::vector<core::FieldError> errors;
  const std::string email = store::NormaliseEmail(input.email);
  if (!LooksLikeEmail(email)) errors.push_back({"email", "invalid", "Give a valid e-mail address"});
  if (auto policy = CheckPasswordPolicy(input.password); !policy) {
    errors.push_back(policy.error().fields.front());
  }
  if (!input.name.empty()) {
    if (auto status = CheckName(input.name, "name"); !status) {
      errors.push_back(status.error().fields.front());
    }
  }
  if (!IsLanguageTag(input.locale)) errors.push_back({"locale", "invalid", "Give en, vi or zh"});
  if (!errors.empty()) return core::Error::InvalidArgument("The user is invalid", errors);
  VOXLOOP_ASSIGN_OR_RETURN(std::string hash, HashPassword(input.password));
  store::User user{core::NewId(), email, input.name, hash, input.locale, core::NowMs(), false};
  core::Status status = database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::UserRepo(context.db).Insert(user));
    return RecordAudit(context.db, actor,
                       {std::nullopt, "user.create", "user", core::IdToString(user.id), "{}"});
  });
  if (!status && status.error().code == core::ErrorCode::kConflict) {
    return core::Error::Conflict("A user with this e-mail already exists");
  }
  VOXLOOP_TRY(status);
  return user;
}

core::Result<std::optional<store::User>> Accounts::FindUserByEmail(std::string_view email) {
  const std::string normalised = store::NormaliseEmail(email);
  return database_.Read<std::optional<store::User>>(
      [&](store::Connection& db) { return store::UserRepo(db).FindByEmail(normalised); });
}

core::Result<store::User> Accounts::GetUser(core::Id user_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto user, database_.Read<std::optional<store::User>>(
                                          [&](store::Connection& db) {
                                            return store::UserRepo(db).Get(user_id);
                                          }));
  if (!user) return core::Error::NotFound("No such user");
  return *user;
}

core::Result<store::User> Accounts::UpdateProfile(core::Id user_id, std::optional<std::string> name,
                                                  std::optional<std::string> locale,
                                                  std::optional<std::string> current_password,
                                                  std::optional<std::string> new_password) {
  VOXLOOP_ASSIGN_OR_RETURN(store::User user, GetUser(user_id));
  if (name) {
    VOXLOOP_TRY(CheckName(*name, "name"));
    user.name = *name;
  }
  if (locale) {
    if (!IsLanguageTag(*locale)) return core::Error::Field("locale", "invalid", "Give en, vi or zh");
    user.locale = *locale;
  }
  if (new_password) {
    if (!current_password || !VerifyPassword(*current_password, user.password_hash)) {
      return core::Error::Field("current_password", "invalid", "The current password is wrong");
    }
    VOXLOOP_TRY(CheckPasswordPolicy(*new_password));
    VOXLOOP_ASSIGN_OR_RETURN(user.password_hash, HashPassword(*new_password));
  }
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::UserRepo(context.db).Update(user));
    return RecordAudit(context.db, Actor{"user", user_id, ""},
                       {std::nullopt, "user.update", "user", core::IdToString(user_id), "{}"});
  }));
  return user;
}

}  // namespace voxloop::auth
