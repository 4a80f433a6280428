// Live updates: Server-Sent Events of new feedback in a workspace, and of the signed-in
// member's own in-app notifications.
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/as_tuple.hpp>

#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/live_feed.hpp"
#include "http/response.hpp"
#include "http/services.hpp"

namespace voxloop::http::handlers {
namespace {

namespace asio = boost::asio;

constexpr auto kHeartbeat = std::chrono::seconds(15);

std::string EventText(const LiveEvent& event, bool show_pii) {
  if (const auto* item = std::get_if<core::FeedbackItem>(&event)) {
    return "event: feedback.created\nid: " + core::IdToString(item->id) +
           "\ndata: " + boost::json::serialize(FeedbackView(*item, show_pii)) + "\n\n";
  }
  const auto& notification = std::get<store::NotificationRow>(event);
  return "event: notification\nid: " + core::IdToString(notification.id) +
         "\ndata: " + boost::json::serialize(NotificationView(notification)) + "\n\n";
}

// Runs until the client leaves or the server drains: heartbeats keep proxies from closing
// an idle stream; events are written as they are committed.
asio::awaitable<void> StreamFeedback(LiveFeed& feed, core::Id workspace_id, std::optional<core::Id> member,
                                     bool show_pii, StreamWriter& out) {
  auto executor = co_await asio::this_coro::executor;
  auto subscription = feed.Subscribe(executor, workspace_id, member);
  bool open = co_await out.Write("retry: 3000\n: connected\n\n");
  while (open && !out.stopping()) {
    subscription->wake.expires_after(kHeartbeat);
    auto [woken] = co_await subscription->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    bool overflowed = false;
    std::string batch;
    for (const auto& event : subscription->Take(overflowed)) batch += EventText(event, show_pii);
    if (overflowed) batch = "event: overflow\ndata: {}\n\n" + batch;
    if (batch.empty()) batch = ": heartbeat\n\n";
    open = co_await out.Write(batch);
  }
  feed.Unsubscribe(subscription);
}

}  // namespace

Reply StreamEvents(RequestContext& context) {
  Response response{Status::ok, context.request.version()};
  response.set(beast_http::field::content_type, "text/event-stream; charset=utf-8");
  response.set(beast_http::field::cache_control, "no-store");
  response.set("X-Accel-Buffering", "no");
  LiveFeed& feed = context.services.live_feed;
  const core::Id workspace_id = context.workspace_id;
  const bool show_pii = context.Can(auth::Permission::kPiiRead);
  const std::optional<core::Id> member = context.user_id();
  context.stream = [&feed, workspace_id, member, show_pii](StreamWriter& out) {
    return StreamFeedback(feed, workspace_id, member, show_pii, out);
  };
  co_return response;
}

}  // namespace voxloop::http::handlers
