// Principal: who is making a request — a staff user (by session cookie) or an API token —
// and Actor: who made a change, as the audit log records it. Plain values.
#pragma once

#include <optional>
#include <string>

#include "auth/roles.hpp"
#include "core/id.hpp"

namespace voxloop::auth {

struct Principal {
  enum class Kind { kUser, kToken };
  Kind kind = Kind::kUser;
  core::Id id = 0;       // user id or token id
  std::string display;   // user e-mail or token name (for logs without PII: use the id)
  std::string locale = "en";
  // An API token acts in exactly one workspace, with one role.
  core::Id token_workspace_id = 0;
  Role token_role = Role::kViewer;
  // A session carries the CSRF token that cookie-authenticated writes must echo.
  std::string session_hash;
  std::string csrf_token;
};

struct Actor {
  std::string type = "system";  // "user", "token", "system"
  std::optional<core::Id> id;
  std::string ip;

  static Actor System() { return Actor{}; }
  static Actor Of(const Principal& principal, std::string ip) {
    return Actor{principal.kind == Principal::Kind::kUser ? "user" : "token", principal.id,
                 std::move(ip)};
  }
};

}  // namespace voxloop::auth
