// AuditRepo: the append-only log of changes people and tokens make, and the idempotency
// records that let a client safely retry a write. Borrows a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct AuditEntry {
  core::Id id = 0;
  std::optional<core::Id> workspace_id;
  std::string actor_type;  // "user", "token", "system"
  std::optional<core::Id> actor_id;
  std::string action;      // e.g. "feedback.create", "member.update"
  std::string target_type;
  std::string target_id;
  std::string details_json = "{}";  // never secrets or customer PII
  std::string ip;
  core::TimeMs created_at = 0;
};

class AuditRepo {
 public:
  explicit AuditRepo(Connection& db) : db_(db) {}
  Status Append(const AuditEntry& entry);
  // Newest first, ids below `before_id` when given.
  Result<std::vector<AuditEntry>> List(core::Id workspace_id, std::optional<core::Id> before_id,
                                       int limit);

 private:
  Connection& db_;
};

struct IdempotencyRecord {
  core::Id workspace_id = 0;
  std::string key;
  std::string request_hash;  // so a different body under the same key is refused
  int status = 0;
  std::vector<core::Id> resource_ids;
  core::TimeMs created_at = 0;
};

class IdempotencyRepo {
 public:
  explicit IdempotencyRepo(Connection& db) : db_(db) {}
  Result<std::optional<IdempotencyRecord>> Find(core::Id workspace_id, std::string_view key);
  // kConflict when the key is already recorded.
  Status Insert(const IdempotencyRecord& record);
  Status DeleteOlderThan(core::TimeMs cutoff);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
