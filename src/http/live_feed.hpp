// LiveFeed: pushes newly committed feedback to connected dashboards (Server-Sent Events),
// and each member's in-app notifications to that member's own dashboards.
//
// It observes ingestion and notifications; on each commit (writer thread) it appends the new
// items to the queue of every subscriber of that workspace (a notification: of its member)
// and wakes the subscriber's connection, which
// renders and writes the events on its own I/O strand — so the writer thread never formats
// JSON or touches a socket. A subscriber that falls more than kMaxQueued events behind loses
// the oldest and is told to reload ("event: overflow").
//
// Scope: events from writes on this node. Thread-safe.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/feedback.hpp"
#include "ingest/feedback_observer.hpp"
#include "store/notification_repo.hpp"
#include "workflow/notifications.hpp"

namespace voxloop::http {

using LiveEvent = std::variant<core::FeedbackItem, store::NotificationRow>;

class LiveFeed final : public ingest::FeedbackObserver, public workflow::NotificationListener {
 public:
  static constexpr std::size_t kMaxQueued = 1000;

  // One connection's view of the feed. Created and read on the connection's strand.
  class Subscription {
   public:
    Subscription(boost::asio::any_io_executor executor, core::Id workspace_id, std::optional<core::Id> user_id)
        : workspace_id(workspace_id), user_id(user_id), wake(executor) {}
    const core::Id workspace_id;
    const std::optional<core::Id> user_id;  // whose notifications it gets (none for a token)
    boost::asio::steady_timer wake;  // cancelled when events arrive

    // Takes the queued events; `overflowed` tells that some were dropped.
    std::vector<LiveEvent> Take(bool& overflowed);

   private:
    friend class LiveFeed;
    void Push(LiveEvent event);  // with the feed's mutex held
    std::mutex mutex_;
    std::deque<LiveEvent> queued_;  // guarded by mutex_
    bool overflowed_ = false;                // guarded by mutex_
  };

  std::shared_ptr<Subscription> Subscribe(boost::asio::any_io_executor executor, core::Id workspace_id,
                                          std::optional<core::Id> user_id);
  void Unsubscribe(const std::shared_ptr<Subscription>& subscription);
  std::size_t subscriber_count() const;
  // Wakes every subscriber (on drain, so streams notice and end).
  void WakeAll();

  void OnFeedbackCreated(const std::vector<core::FeedbackItem>& items) override;
  void OnNotification(const store::NotificationRow& notification) override;

 private:
  mutable std::mutex mutex_;
  // Guarded by mutex_:
  std::unordered_map<core::Id, std::vector<std::shared_ptr<Subscription>>> by_workspace_;
};

}  // namespace voxloop::http
