// WorkspaceRepo: workspaces. Borrows a Connection; not thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "core/workspace.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

class WorkspaceRepo {
 public:
  explicit WorkspaceRepo(Connection& db) : db_(db) {}

  Status Insert(const core::Workspace& workspace);
  // Deleted workspaces are not found.
  Result<std::optional<core::Workspace>> Get(core::Id id);
  // Workspaces the user is a member of, oldest first.
  Result<std::vector<core::Workspace>> ListForUser(core::Id user_id);
  Result<std::vector<core::Workspace>> ListAll();
  Status Update(const core::Workspace& workspace);
  Status MarkDeleted(core::Id id, core::TimeMs now);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
