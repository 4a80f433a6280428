// Audit: one helper that writes an audit entry for a change, inside the change's own write
// job, so a change and its audit record commit (or fail) together.
#pragma once

#include <string>

#include "auth/principal.hpp"
#include "store/audit_repo.hpp"
#include "store/connection.hpp"

namespace voxloop::auth {

struct AuditEvent {
  std::optional<core::Id> workspace_id;
  std::string action;       // "<object>.<verb>", e.g. "member.update"
  std::string target_type;  // "member", "token", "feedback", …
  std::string target_id;
  std::string details_json = "{}";  // never secrets or customer PII
};

core::Status RecordAudit(store::Connection& db, const Actor& actor, const AuditEvent& event);

}  // namespace voxloop::auth
