#include "store/job_repo.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kColumns =
    "id, workspace_id, kind, payload, status, run_after, attempts, max_attempts, lease_owner, "
    "lease_until, progress_done, progress_total, result, error, dedupe_key, created_at, "
    "updated_at, finished_at";

Job FromRow(const RowView& row) {
  Job job;
  job.id = row.Int(0);
  job.workspace_id = row.OptInt(1);
  job.kind = row.String(2);
  job.payload_json = row.String(3);
  job.status = row.String(4);
  job.run_after = row.Int(5);
  job.attempts = static_cast<int>(row.Int(6));
  job.max_attempts = static_cast<int>(row.Int(7));
  job.lease_owner = row.String(8);
  job.lease_until = row.Int(9);
  job.progress_done = row.Int(10);
  job.progress_total = row.Int(11);
  job.result_json = row.String(12);
  job.error = row.String(13);
  job.dedupe_key = row.String(14);
  job.created_at = row.Int(15);
  job.updated_at = row.Int(16);
  job.finished_at = row.OptInt(17);
  return job;
}

Status Held(Result<std::int64_t> changed) {
  if (!changed) return std::move(changed).error();
  if (*changed == 0) return core::Error::Conflict("The job's lease was lost");
  return core::Ok();
}

}  // namespace

Result<core::Id> JobRepo::Enqueue(const Job& job) {
  if (!job.dedupe_key.empty()) {
    VOXLOOP_ASSIGN_OR_RETURN(
        auto existing,
        db_.QueryOne("SELECT id FROM jobs WHERE kind = ? AND dedupe_key = ? AND status IN "
                     "('queued', 'running')",
                     {job.kind, job.dedupe_key}));
    if (existing) return existing->Int(0);
  }
  auto inserted = db_.Execute(
      "INSERT INTO jobs (id, workspace_id, kind, payload, status, run_after, max_attempts, "
      "dedupe_key, created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
      {job.id, Optional(job.workspace_id), job.kind, job.payload_json, job.run_after,
       std::int64_t{job.max_attempts}, job.dedupe_key.empty() ? Null() : Value(job.dedupe_key),
       job.created_at, job.created_at});
  if (!inserted) return std::move(inserted).error();
  return job.id;
}

Result<std::optional<Job>> JobRepo::ClaimNext(const std::string& owner, core::TimeMs now,
                                              core::TimeMs lease_until) {
  // The one true dialect difference here: PostgreSQL skips rows other nodes are claiming.
  const std::string lock = db_.dialect() == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  const std::string sql =
      std::string("UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, "
                  "attempts = attempts + 1, updated_at = ? WHERE id = (SELECT id FROM jobs "
                  "WHERE (status = 'queued' AND run_after <= ?) OR (status = 'running' AND "
                  "lease_until < ?) ORDER BY run_after, id LIMIT 1") +
      lock + ") RETURNING " + std::string(kColumns);
  std::optional<Job> claimed;
  VOXLOOP_TRY(db_.ForEach(sql, {owner, lease_until, now, now, now},
                          [&](const RowView& row) { claimed = FromRow(row); }));
  return claimed;
}

Status JobRepo::Finish(core::Id id, const std::string& owner, const std::string& status,
                       const std::string& result_json, const std::string& error, core::TimeMs now) {
  return Held(db_.Execute(
      "UPDATE jobs SET status = ?, result = ?, error = ?, lease_owner = NULL, lease_until = NULL, "
      "updated_at = ?, finished_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'",
      {status, result_json, error, now, now, id, owner}));
}

Status JobRepo::Reschedule(core::Id id, const std::string& owner, const std::string& error,
                           core::TimeMs run_after, core::TimeMs now) {
  return Held(db_.Execute(
      "UPDATE jobs SET status = 'queued', error = ?, run_after = ?, lease_owner = NULL, "
      "lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'",
      {error, run_after, now, id, owner}));
}

Status JobRepo::Progress(core::Id id, const std::string& owner, std::int64_t done,
                         std::int64_t total, core::TimeMs lease_until, core::TimeMs now) {
  return Held(db_.Execute(
      "UPDATE jobs SET progress_done = ?, progress_total = ?, lease_until = ?, updated_at = ? "
      "WHERE id = ? AND lease_owner = ? AND status = 'running'",
      {done, total, lease_until, now, id, owner}));
}

Result<std::optional<Job>> JobRepo::Get(core::Id id) {
  std::optional<Job> job;
  VOXLOOP_TRY(db_.ForEach(std::string("SELECT ") + std::string(kColumns) + " FROM jobs WHERE id = ?",
                          {id}, [&](const RowView& row) { job = FromRow(row); }));
  return job;
}

Result<std::vector<Job>> JobRepo::List(core::Id workspace_id, const std::string& kind, int limit) {
  std::string sql = std::string("SELECT ") + std::string(kColumns) + " FROM jobs WHERE workspace_id = ?";
  Params params{workspace_id};
  if (!kind.empty()) {
    sql += " AND kind = ?";
    params.emplace_back(kind);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit});
  std::vector<Job> jobs;
  VOXLOOP_TRY(db_.ForEach(sql, params, [&](const RowView& row) { jobs.push_back(FromRow(row)); }));
  return jobs;
}

Result<bool> JobRepo::ClaimSlot(const std::string& kind, core::TimeMs slot,
                               core::TimeMs forget_before) {
  auto forgotten = db_.Execute("DELETE FROM job_slots WHERE kind = ? AND slot < ?", {kind, forget_before});
  if (!forgotten) return std::move(forgotten).error();
  auto inserted = db_.Execute(
      "INSERT INTO job_slots (kind, slot) VALUES (?, ?) ON CONFLICT DO NOTHING", {kind, slot});
  if (!inserted) return std::move(inserted).error();
  return *inserted == 1;
}

Status JobRepo::Cancel(core::Id workspace_id, core::Id id, core::TimeMs now) {
  auto changed = db_.Execute(
      "UPDATE jobs SET status = 'cancelled', updated_at = ?, finished_at = ? WHERE id = ? AND "
      "workspace_id = ? AND status IN ('queued', 'running')",
      {now, now, id, workspace_id});
  if (!changed) return std::move(changed).error();
  if (*changed == 0) return core::Error::NotFound("No such active job");
  return core::Ok();
}

}  // namespace voxloop::store
