// WorkspaceModelCache: each workspace's analysis setup — its current taxonomy and its active
// trained models — loaded from the store on first use and kept until Invalidate() (called
// when a taxonomy is saved or a model activated). A workspace with nothing of its own shares
// the built-in setup. Thread-safe; the returned setups are immutable and may outlive an
// invalidation (an analysis in flight finishes with the setup it started with).
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "analysis/engine.hpp"
#include "core/id.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace voxloop::learning {

using ModelsPtr = std::shared_ptr<const analysis::WorkspaceModels>;

class WorkspaceModelCache {
 public:
  explicit WorkspaceModelCache(store::Database& database);

  // The workspace's setup. When the store cannot be read, the built-in setup (logged; not
  // cached, so the next call tries again).
  ModelsPtr Get(core::Id workspace_id);
  void Invalidate(core::Id workspace_id);
  const ModelsPtr& built_in() const { return built_in_; }

 private:
  core::Result<ModelsPtr> Load(core::Id workspace_id);

  store::Database& database_;
  const ModelsPtr built_in_;

  // Guarded by mutex_:
  std::mutex mutex_;
  std::map<core::Id, ModelsPtr> models_;
};

}  // namespace voxloop::learning
