#include "store/audit_repo.hpp"

#include <charconv>

namespace voxloop::store {
namespace {

std::string JoinIds(const std::vector<core::Id>& ids) {
  std::string joined;
  for (const core::Id id : ids) {
    if (!joined.empty()) joined += ',';
    joined += std::to_string(id);
  }
  return joined;
}

std::vector<core::Id> SplitIds(std::string_view text) {
  std::vector<core::Id> ids;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    core::Id id = 0;
    std::from_chars(part.data(), part.data() + part.size(), id);
    if (id != 0) ids.push_back(id);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return ids;
}

}  // namespace

Status AuditRepo::Append(const AuditEntry& entry) {
  auto inserted = db_.Execute(
      "INSERT INTO audit_log (id, workspace_id, actor_type, actor_id, action, target_type, "
      "target_id, details, ip, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.id, Optional(entry.workspace_id), entry.actor_type, Optional(entry.actor_id),
       entry.action, entry.target_type, entry.target_id, entry.details_json, entry.ip,
       entry.created_at});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::vector<AuditEntry>> AuditRepo::List(core::Id workspace_id,
                                                std::optional<core::Id> before_id, int limit) {
  std::vector<AuditEntry> entries;
  std::string sql =
      "SELECT id, workspace_id, actor_type, actor_id, action, target_type, target_id, details, "
      "ip, created_at FROM audit_log WHERE workspace_id = ?";
  Params params{workspace_id};
  if (before_id) {
    sql += " AND id < ?";
    params.emplace_back(*before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit});
  VOXLOOP_TRY(db_.ForEach(sql, params, [&](const RowView& row) {
    entries.push_back(AuditEntry{row.Int(0), row.OptInt(1), row.String(2), row.OptInt(3),
                                 row.String(4), row.String(5), row.String(6), row.String(7),
                                 row.String(8), row.Int(9)});
  }));
  return entries;
}

Result<std::optional<IdempotencyRecord>> IdempotencyRepo::Find(core::Id workspace_id,
                                                                std::string_view key) {
  std::optional<IdempotencyRecord> record;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT workspace_id, idempotency_key, request_hash, status, resource_ids, created_at "
      "FROM idempotency_keys WHERE workspace_id = ? AND idempotency_key = ?",
      {workspace_id, std::string(key)}, [&](const RowView& row) {
        record = IdempotencyRecord{row.Int(0), row.String(1), row.String(2),
                                   static_cast<int>(row.Int(3)), SplitIds(row.Text(4)),
                                   row.Int(5)};
      }));
  return record;
}

Status IdempotencyRepo::Insert(const IdempotencyRecord& record) {
  auto inserted = db_.Execute(
      "INSERT INTO idempotency_keys (workspace_id, idempotency_key, request_hash, status, "
      "resource_ids, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {record.workspace_id, record.key, record.request_hash, std::int64_t{record.status},
       JoinIds(record.resource_ids), record.created_at});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Status IdempotencyRepo::DeleteOlderThan(core::TimeMs cutoff) {
  auto deleted = db_.Execute("DELETE FROM idempotency_keys WHERE created_at < ?", {cutoff});
  if (!deleted) return std::move(deleted).error();
  return core::Ok();
}

}  // namespace voxloop::store
