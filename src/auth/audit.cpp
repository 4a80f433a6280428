#include "auth/audit.hpp"

#include "core/time.hpp"

namespace voxloop::auth {

core::Status RecordAudit(store::Connection& db, const Actor& actor, const AuditEvent& event) {
  return store::AuditRepo(db).Append(store::AuditEntry{
      core::NewId(), event.workspace_id, actor.type, actor.id, event.action, event.target_type,
      event.target_id, event.details_json, actor.ip, core::NowMs()});
}

}  // namespace voxloop::auth
