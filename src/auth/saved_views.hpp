// SavedViews: the dashboard views members save — a named screen with its filters — and who
// may see and change them. A view belongs to the principal that saved it (a person or an API
// token); shared views are visible to every member of the workspace, but only their creator
// changes or deletes them. Every change is written with its audit entry. Methods block (reads
// on a reader connection, writes through the group-commit writer), so HTTP handlers call them
// off the I/O threads. Borrows the Database; thread-safe.
//
//   auth::SavedViews views(database);
//   auto saved = views.Create(workspace_id, ViewOwner::Of(principal),
//                             {.name = "Late deliveries", .page = "explorer",
//                              .filters = {{{"topic", "delivery"}}}}, actor);
#pragma once

#include <map>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "store/database.hpp"
#include "store/saved_view_repo.hpp"

namespace voxloop::auth {

struct ViewOwner {
  std::string type;  // "user" or "token"
  core::Id id = 0;

  static ViewOwner Of(const Principal& principal) {
    return {principal.kind == Principal::Kind::kUser ? "user" : "token", principal.id};
  }
};

// What a create or an update sets; nullopt leaves a field as it is (create needs name and
// page). Values are already validated by the caller.
struct SavedViewChange {
  std::optional<std::string> name;
  std::optional<std::string> page;
  std::optional<std::map<std::string, std::string>> filters;
  std::optional<bool> shared;
  // When given, the update applies only to this version (else kConflict).
  std::optional<std::int64_t> expected_version;
};

class SavedViews {
 public:
  explicit SavedViews(store::Database& database) : database_(database) {}

  // Requires: change.name and change.page are set.
  core::Result<store::SavedView> Create(core::Id workspace_id, const ViewOwner& owner,
                                        const SavedViewChange& change, const Actor& actor);
  // The owner's views and the workspace's shared ones, newest first.
  core::Result<store::SavedViewPage> List(core::Id workspace_id, const ViewOwner& owner,
                                          std::optional<core::Id> after_id, int limit);
  // kNotFound for a view the owner cannot see; kForbidden for someone else's shared view;
  // kConflict when expected_version is stale.
  core::Result<store::SavedView> Update(core::Id workspace_id, const ViewOwner& owner,
                                        core::Id view_id, const SavedViewChange& change,
                                        const Actor& actor);
  // Same errors as Update.
  core::Status Delete(core::Id workspace_id, const ViewOwner& owner, core::Id view_id,
                      const Actor& actor);

 private:
  store::Database& database_;
};

// {"a":"1","b":"2"} for {{"a","1"},{"b","2"}}.
std::string FiltersToJson(const std::map<std::string, std::string>& filters);

}  // namespace voxloop::auth
