// Saved views: list the caller's and the workspace's shared views, save one, change or
// delete one's own. The rules live in auth::SavedViews.
#include <algorithm>
#include <charconv>

#include "auth/saved_views.hpp"
#include "http/async.hpp"
#include "http/cursor.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::size_t kMaxFilters = 30;

bool IsSlug(std::string_view text, std::size_t max_chars) {
  if (text.empty() || text.size() > max_chars || !(text[0] >= 'a' && text[0] <= 'z')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
}

std::optional<std::map<std::string, std::string>> ReadFilters(FieldReader& reader) {
  const boost::json::object* object = reader.Object("filters", Presence::kOptional);
  if (object == nullptr) return std::nullopt;
  if (object->size() > kMaxFilters) {
    reader.AddError("filters", "too_long", "At most " + std::to_string(kMaxFilters) + " filters");
    return std::nullopt;
  }
  FieldReader nested = reader.Nested(*object, "filters");
  std::map<std::string, std::string> filters;
  for (const auto& [key, value] : *object) {
    if (!IsSlug(key, 40)) {
      nested.AddError(key, "invalid", "Use lowercase letters, digits, '_', '-' or '.'");
    } else if (auto text = nested.String(key, Presence::kRequired, 1000)) {
      filters.emplace(std::string(key), std::move(*text));
    }
  }
  return filters;
}

// Reads {name, page, filters, shared[, version]}; creating needs name and page.
auth::SavedViewChange ReadChange(FieldReader& reader, bool creating) {
  if (creating) reader.RejectUnknown({"name", "page", "filters", "shared"});
  else reader.RejectUnknown({"name", "page", "filters", "shared", "version"});
  const Presence needed = creating ? Presence::kRequired : Presence::kOptional;
  auth::SavedViewChange change;
  change.name = reader.String("name", needed, 100);
  if (change.name && change.name->find_first_not_of(" \t\r\n") == std::string::npos) {
    reader.AddError("name", "required", "This field must not be empty");
  }
  change.page = reader.String("page", needed, 40);
  if (change.page && !IsSlug(*change.page, 40)) {
    reader.AddError("page", "invalid", "A dashboard screen name, e.g. \"explorer\"");
  }
  change.filters = ReadFilters(reader);
  change.shared = reader.Bool("shared", Presence::kOptional);
  if (!creating) {
    change.expected_version = reader.Integer("version", Presence::kOptional, 1, INT64_MAX);
  }
  return change;
}

boost::json::object SavedViewView(const store::SavedView& view, const auth::ViewOwner& caller) {
  return {{"id", core::IdToString(view.id)},
          {"name", view.name},
          {"page", view.page},
          {"filters", ParseJsonOrEmptyObject(view.filters_json)},
          {"shared", view.shared},
          {"owner_type", view.owner_type},
          {"owner_id", core::IdToString(view.owner_id)},
          {"mine", view.owner_type == caller.type && view.owner_id == caller.id},
          {"version", view.version},
          {"created_at", core::FormatRfc3339(view.created_at)},
          {"updated_at", core::FormatRfc3339(view.updated_at)}};
}

core::Result<int> ReadLimit(std::string_view text) {
  int limit = 50;
  if (text.empty()) return limit;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (ec != std::errc() || end != text.data() + text.size() || limit < 1 || limit > 200) {
    return core::Error::Field("limit", "out_of_range", "Between 1 and 200");
  }
  return limit;
}

}  // namespace

Reply ListSavedViews(RequestContext& context) {
  auto limit = ReadLimit(context.Query("limit"));
  if (!limit) co_return ErrorResponse(context, limit.error());
  std::optional<core::Id> after;
  if (auto cursor = context.Query("cursor"); !cursor.empty()) {
    auto numbers = DecodeCursor(cursor, 1);
    if (!numbers) {
      co_return ErrorResponse(context, core::Error::Field("cursor", "invalid",
                                                          "Use the next_cursor of a previous page"));
    }
    after = (*numbers)[0];
  }
  const auto owner = auth::ViewOwner::Of(*context.principal);
  auto page = co_await Offload(context.services.blocking_pool, [&] {
    return auth::SavedViews(context.services.database).List(context.workspace_id, owner, after, *limit);
  });
  if (!page) co_return ErrorResponse(context, page.error());
  boost::json::array items;
  for (const auto& view : page->views) items.push_back(SavedViewView(view, owner));
  const std::string next = page->next_after_id ? EncodeCursor({*page->next_after_id}) : std::string();
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), next));
}

Reply CreateSavedView(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  const auth::SavedViewChange change = ReadChange(reader, /*creating=*/true);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The view is invalid"));
  const auto owner = auth::ViewOwner::Of(*context.principal);
  auto view = co_await Offload(context.services.blocking_pool, [&] {
    return auth::SavedViews(context.services.database)
        .Create(context.workspace_id, owner, change, context.actor());
  });
  if (!view) co_return ErrorResponse(context, view.error());
  co_return JsonResponse(context, Status::created, SavedViewView(*view, owner));
}

Reply UpdateSavedView(RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such saved view"));
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  const auth::SavedViewChange change = ReadChange(reader, /*creating=*/false);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The view is invalid"));
  const auto owner = auth::ViewOwner::Of(*context.principal);
  auto view = co_await Offload(context.services.blocking_pool, [&] {
    return auth::SavedViews(context.services.database)
        .Update(context.workspace_id, owner, *id, change, context.actor());
  });
  if (!view) co_return ErrorResponse(context, view.error());
  co_return JsonResponse(context, Status::ok, SavedViewView(*view, owner));
}

Reply DeleteSavedView(RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such saved view"));
  const auto owner = auth::ViewOwner::Of(*context.principal);
  auto status = co_await Offload(context.services.blocking_pool, [&] {
    return auth::SavedViews(context.services.database)
        .Delete(context.workspace_id, owner, *id, context.actor());
  });
  if (!status) co_return ErrorResponse(context, status.error());
  co_return EmptyResponse(context, Status::no_content);
}

}  // namespace voxloop::http::handlers
