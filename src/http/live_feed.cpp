#include "http/live_feed.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>

namespace voxloop::http {

namespace {

void Wake(const std::shared_ptr<LiveFeed::Subscription>& subscription) {
  boost::asio::post(subscription->wake.get_executor(), [subscription] { subscription->wake.cancel(); });
}

}  // namespace

std::vector<LiveEvent> LiveFeed::Subscription::Take(bool& overflowed) {
  std::lock_guard lock(mutex_);
  std::vector<LiveEvent> items(std::make_move_iterator(queued_.begin()),
                                        std::make_move_iterator(queued_.end()));
  queued_.clear();
  overflowed = overflowed_;
  overflowed_ = false;
  return items;
}

void LiveFeed::Subscription::Push(LiveEvent event) {
  std::lock_guard lock(mutex_);
  if (queued_.size() >= kMaxQueued) {
    queued_.pop_front();
    overflowed_ = true;
  }
  queued_.push_back(std::move(event));
}

std::shared_ptr<LiveFeed::Subscription> LiveFeed::Subscribe(boost::asio::any_io_executor executor,
                                                            core::Id workspace_id, std::optional<core::Id> user_id) {
  auto subscription = std::make_shared<Subscription>(std::move(executor), workspace_id, user_id);
  std::lock_guard lock(mutex_);
  by_workspace_[workspace_id].push_back(subscription);
  return subscription;
}

void LiveFeed::Unsubscribe(const std::shared_ptr<Subscription>& subscription) {
  std::lock_guard lock(mutex_);
  auto found = by_workspace_.find(subscription->workspace_id);
  if (found == by_workspace_.end()) return;
  std::erase(found->second, subscription);
  if (found->second.empty()) by_workspace_.erase(found);
}

std::size_t LiveFeed::subscriber_count() const {
  std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const auto& [workspace, subscriptions] : by_workspace_) count += subscriptions.size();
  return count;
}

void LiveFeed::WakeAll() {
  std::lock_guard lock(mutex_);
  for (const auto& [workspace, subscriptions] : by_workspace_) {
    for (const auto& subscription : subscriptions) Wake(subscription);
  }
}

void LiveFeed::OnFeedbackCreated(const std::vector<core::FeedbackItem>& items) {
  std::vector<std::shared_ptr<Subscription>> touched;
  std::lock_guard lock(mutex_);
  if (by_workspace_.empty()) return;
  for (const core::FeedbackItem& item : items) {
    auto found = by_workspace_.find(item.workspace_id);
    if (found == by_workspace_.end()) continue;
    for (const auto& subscription : found->second) {
      if (std::find(touched.begin(), touched.end(), subscription) == touched.end()) {
        touched.push_back(subscription);
      }
      subscription->Push(item);
    }
  }
  for (const auto& subscription : touched) Wake(subscription);
}

void LiveFeed::OnNotification(const store::NotificationRow& notification) {
  std::lock_guard lock(mutex_);
  auto found = by_workspace_.find(notification.workspace_id);
  if (found == by_workspace_.end()) return;
  for (const auto& subscription : found->second) {
    if (subscription->user_id != notification.user_id) continue;
    subscription->Push(notification);
    Wake(subscription);
  }
}

}  // namespace voxloop::http
