// SavedViewRepo: the saved_views table — members' named dashboard screens with their
// filters. Holds no access rules beyond what the SQL filters by (auth::SavedViews decides
// who may see and change a view). Borrows a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct SavedView {
  core::Id id = 0;
  core::Id workspace_id = 0;
  std::string owner_type;  // "user" or "token"
  core::Id owner_id = 0;
  std::string name;
  std::string page;                 // the dashboard screen, e.g. "explorer"
  std::string filters_json = "{}";  // a JSON object of string values
  bool shared = false;
  std::int64_t version = 1;  // 1 at creation, +1 on every update
  core::TimeMs created_at = 0;
  core::TimeMs updated_at = 0;
};

struct SavedViewPage {
  std::vector<SavedView> views;
  std::optional<core::Id> next_after_id;  // pass as `after_id` for the next page
};

class SavedViewRepo {
 public:
  explicit SavedViewRepo(Connection& db) : db_(db) {}

  Status Insert(const SavedView& view);
  Result<std::optional<SavedView>> Get(core::Id workspace_id, core::Id id);
  // The views `owner` may see in the workspace — their own and the shared ones — newest
  // first, `limit` at a time after `after_id`.
  Result<SavedViewPage> ListVisible(core::Id workspace_id, const std::string& owner_type,
                                    core::Id owner_id, std::optional<core::Id> after_id,
                                    int limit);
  // Writes name, page, filters, shared, updated_at and version = expected_version + 1, when
  // the stored version is still `expected_version`. kConflict when it moved on, kNotFound
  // when the view is gone.
  Status Update(const SavedView& view, std::int64_t expected_version);
  // kNotFound when there is no such view.
  Status Delete(core::Id workspace_id, core::Id id);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
