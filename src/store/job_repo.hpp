// JobRepo: the durable queue of background jobs. Claiming is atomic — on PostgreSQL with
// FOR UPDATE SKIP LOCKED so several nodes never take the same job; on SQLite every claim goes
// through the one writer. Borrows a Connection; use it in write jobs for changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct Job {
  core::Id id = 0;
  std::optional<core::Id> workspace_id;
  std::string kind;
  std::string payload_json = "{}";
  std::string status = "queued";  // queued | running | done | failed | cancelled
  core::TimeMs run_after = 0;
  int attempts = 0;
  int max_attempts = 5;
  std::string lease_owner;
  core::TimeMs lease_until = 0;
  std::int64_t progress_done = 0;
  std::int64_t progress_total = 0;
  std::string result_json = "{}";
  std::string error;
  std::string dedupe_key;  // "" for none
  core::TimeMs created_at = 0;
  core::TimeMs updated_at = 0;
  std::optional<core::TimeMs> finished_at;
};

class JobRepo {
 public:
  explicit JobRepo(Connection& db) : db_(db) {}

  // Inserts a queued job. When an active job with the same (kind, dedupe_key) exists,
  // inserts nothing and returns that job's id.
  Result<core::Id> Enqueue(const Job& job);
  // Leases the next due job (or one whose lease expired) to `owner` until `lease_until`.
  Result<std::optional<Job>> ClaimNext(const std::string& owner, core::TimeMs now,
                                       core::TimeMs lease_until);
  // Ends a job this owner holds. kConflict when the lease was lost.
  Status Finish(core::Id id, const std::string& owner, const std::string& status,
                const std::string& result_json, const std::string& error, core::TimeMs now);
  // Puts a held job back in the queue to run after `run_after`.
  Status Reschedule(core::Id id, const std::string& owner, const std::string& error,
                    core::TimeMs run_after, core::TimeMs now);
  Status Progress(core::Id id, const std::string& owner, std::int64_t done, std::int64_t total,
                  core::TimeMs lease_until, core::TimeMs now);
  Result<std::optional<Job>> Get(core::Id id);
  Result<std::vector<Job>> List(core::Id workspace_id, const std::string& kind, int limit);
  // Claims period `slot` of periodic work `kind` for this node; false when another node (or
  // an earlier run) already did. Forgets slots older than `forget_before`.
  Result<bool> ClaimSlot(const std::string& kind, core::TimeMs slot, core::TimeMs forget_before);
  // Cancels a queued job (a running one stops at its next progress report).
  Status Cancel(core::Id workspace_id, core::Id id, core::TimeMs now);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
