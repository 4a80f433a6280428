#include "auth/saved_views.hpp"

#include <boost/json.hpp>

#include "auth/audit.hpp"
#include "core/time.hpp"

namespace voxloop::auth {
namespace {

bool IsOwner(const store::SavedView& view, const ViewOwner& owner) {
  return view.owner_type == owner.type && view.owner_id == owner.id;
}

// Loads a view `owner` may change: kNotFound when they cannot see it, kForbidden when it is
// someone else's shared view.
core::Result<store::SavedView> LoadOwned(store::Connection& db, core::Id workspace_id,
                                         const ViewOwner& owner, core::Id view_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto view, store::SavedViewRepo(db).Get(workspace_id, view_id));
  if (!view || (!view->shared && !IsOwner(*view, owner))) {
    return core::Error::NotFound("No such saved view");
  }
  if (!IsOwner(*view, owner)) {
    return core::Error::Forbidden("Only the member who saved a view can change it");
  }
  return std::move(*view);
}

void Apply(const SavedViewChange& change, store::SavedView& view) {
  if (change.name) view.name = *change.name;
  if (change.page) view.page = *change.page;
  if (change.filters) view.filters_json = FiltersToJson(*change.filters);
  if (change.shared) view.shared = *change.shared;
}

}  // namespace

std::string FiltersToJson(const std::map<std::string, std::string>& filters) {
  boost::json::object object;
  for (const auto& [key, value] : filters) object[key] = value;
  return boost::json::serialize(object);
}

core::Result<store::SavedView> SavedViews::Create(core::Id workspace_id, const ViewOwner& owner,
                                                  const SavedViewChange& change,
                                                  const Actor& actor) {
  store::SavedView view;
  view.id = core::NewId();
  view.workspace_id = workspace_id;
  view.owner_type = owner.type;
  view.owner_id = owner.id;
  Apply(change, view);
  view.created_at = view.updated_at = core::NowMs();
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::SavedViewRepo(context.db).Insert(view));
    return RecordAudit(context.db, actor,
                       {workspace_id, "saved_view.create", "saved_view", core::IdToString(view.id)});
  }));
  return view;
}

core::Result<store::SavedViewPage> SavedViews::List(core::Id workspace_id, const ViewOwner& owner,
                                                    std::optional<core::Id> after_id, int limit) {
  return database_.Read<store::SavedViewPage>([&](store::Connection& db) {
    return store::SavedViewRepo(db).ListVisible(workspace_id, owner.type, owner.id, after_id,
                                                limit);
  });
}

core::Result<store::SavedView> SavedViews::Update(core::Id workspace_id, const ViewOwner& owner,
                                                  core::Id view_id, const SavedViewChange& change,
                                                  const Actor& actor) {
  store::SavedView view;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(view, LoadOwned(context.db, workspace_id, owner, view_id));
    const std::int64_t expected = change.expected_version.value_or(view.version);
    if (expected != view.version) {
      return core::Error::Conflict("The saved view was changed meanwhile; reload it");
    }
    Apply(change, view);
    view.updated_at = core::NowMs();
    VOXLOOP_TRY(store::SavedViewRepo(context.db).Update(view, expected));
    view.version = expected + 1;
    return RecordAudit(context.db, actor,
                       {workspace_id, "saved_view.update", "saved_view", core::IdToString(view_id)});
  }));
  return view;
}

core::Status SavedViews::Delete(core::Id workspace_id, const ViewOwner& owner, core::Id view_id,
                                const Actor& actor) {
  return database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(LoadOwned(context.db, workspace_id, owner, view_id));
    VOXLOOP_TRY(store::SavedViewRepo(context.db).Delete(workspace_id, view_id));
    return RecordAudit(context.db, actor,
                       {workspace_id, "saved_view.delete", "saved_view", core::IdToString(view_id)});
  });
}

}  // namespace voxloop::auth
