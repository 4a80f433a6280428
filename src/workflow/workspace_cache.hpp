// WorkspaceCache<T>: a per-workspace cache of something read from the database (webhook
// subscriptions, parsed rules) that write jobs change, safe against uncommitted reads.
//
// A write job that changes a workspace's entries calls ForgetAround(context, workspace):
// the entry is dropped at once, and until that transaction commits (or a minute passes, if
// it never does) loads are not kept — a load inside the changing transaction sees
// uncommitted rows, and must not outlive a rollback. After the commit the entry is dropped
// again and the next Get loads the committed state.
//
//   WorkspaceCache<const std::vector<Row>> cache;
//   VOXLOOP_ASSIGN_OR_RETURN(auto rows, cache.Get(workspace_id, [&] { return LoadRows(db); }));
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "core/id.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "store/writer.hpp"

namespace voxloop::workflow {

template <typename T>
class WorkspaceCache {
 public:
  using Entry = std::shared_ptr<T>;

  // The cached entry, or `load()` (a core::Result<Entry>), kept unless a change is in flight.
  template <typename Load>
  core::Result<Entry> Get(core::Id workspace_id, Load&& load) {
    {
      std::lock_guard lock(mutex_);
      if (auto found = entries_.find(workspace_id); found != entries_.end()) return found->second;
    }
    VOXLOOP_ASSIGN_OR_RETURN(Entry loaded, load());
    std::lock_guard lock(mutex_);
    auto changing = changing_until_.find(workspace_id);
    if (changing != changing_until_.end() && changing->second > core::NowMs()) return loaded;
    if (changing != changing_until_.end()) changing_until_.erase(changing);
    entries_[workspace_id] = loaded;
    return loaded;
  }

  void ForgetAround(store::WriteContext& context, core::Id workspace_id) {
    {
      std::lock_guard lock(mutex_);
      entries_.erase(workspace_id);
      changing_until_[workspace_id] = core::NowMs() + kChangeWindowMs;
    }
    context.AfterCommit([this, workspace_id] {
      std::lock_guard lock(mutex_);
      entries_.erase(workspace_id);
      changing_until_.erase(workspace_id);
    });
  }

 private:
  static constexpr core::TimeMs kChangeWindowMs = 60'000;

  std::mutex mutex_;
  std::map<core::Id, Entry> entries_;               // guarded by mutex_
  std::map<core::Id, core::TimeMs> changing_until_;  // guarded by mutex_: changes in flight
};

}  // namespace voxloop::workflow
