// FeedbackObserver: told about feedback once it is durable — the metrics index, rules,
// live streams and webhooks subscribe here. Called on the writer thread right after the
// commit: implementations must be quick and must not block (queue work elsewhere).
#pragma once

#include <vector>

#include "core/feedback.hpp"

namespace voxloop::ingest {

class FeedbackObserver {
 public:
  virtual ~FeedbackObserver() = default;
  virtual void OnFeedbackCreated(const std::vector<core::FeedbackItem>& items) = 0;
  virtual void OnFeedbackUpdated(const core::FeedbackItem& item) { (void)item; }
  virtual void OnFeedbackErased(core::Id workspace_id, const std::vector<core::Id>& ids) {
    (void)workspace_id;
    (void)ids;
  }
};

}  // namespace voxloop::ingest
