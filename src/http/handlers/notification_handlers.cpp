// In-app notifications: the signed-in member's list (newest first, with the unread count),
// marking one or all read. Each member sees only their own; an API token has none. They are
// pushed live on the workspace's event stream (live_handlers.cpp). The rules live in
// workflow::Notifications.
#include <boost/json.hpp>

#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/page_params.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "workflow/notifications.hpp"

namespace voxloop::http::handlers {
namespace {

workflow::Notifications* Service(const RequestContext& context) { return context.services.notifications; }

core::Error Unavailable() {
  return core::Error::Unavailable("Notifications are not available on this server");
}

core::Error NoSuchNotification() { return core::Error::NotFound("No such notification"); }

}  // namespace

Reply ListNotifications(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto page_params = ReadPageParams(context);
  if (!page_params) co_return ErrorResponse(context, page_params.error());
  const std::string_view unread = context.Query("unread");
  if (!unread.empty() && unread != "true" && unread != "false") {
    co_return ErrorResponse(context, core::Error::Field("unread", "invalid", "true or false"));
  }
  const auto member = context.user_id();
  if (!member) {
    boost::json::object body = PageBody({}, "");
    body["unread_count"] = 0;
    co_return JsonResponse(context, Status::ok, std::move(body));
  }
  auto list = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->List(context.workspace_id, *member, unread == "true", page_params->after_id,
                                  page_params->limit);
  });
  if (!list) co_return ErrorResponse(context, list.error());
  boost::json::array items;
  for (const auto& row : list->rows) items.push_back(NotificationView(row));
  boost::json::object body = PageBody(std::move(items), NextCursor(list->next_before_id));
  body["unread_count"] = list->unread_count;
  co_return JsonResponse(context, Status::ok, std::move(body));
}

Reply MarkNotificationRead(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  const auto member = context.user_id();
  if (!id || !member) co_return ErrorResponse(context, NoSuchNotification());
  auto marked = co_await Offload(context.services.blocking_pool,
                                 [&] { return Service(context)->MarkRead(context.workspace_id, *member, *id); });
  if (!marked) co_return ErrorResponse(context, marked.error());
  co_return JsonResponse(context, Status::ok, NotificationView(*marked));
}

Reply MarkAllNotificationsRead(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto member = context.user_id();
  std::int64_t marked = 0;
  if (member) {
    auto result = co_await Offload(context.services.blocking_pool,
                                   [&] { return Service(context)->MarkAllRead(context.workspace_id, *member); });
    if (!result) co_return ErrorResponse(context, result.error());
    marked = *result;
  }
  co_return JsonResponse(context, Status::ok, boost::json::object{{"marked", marked}});
}

}  // namespace voxloop::http::handlers
