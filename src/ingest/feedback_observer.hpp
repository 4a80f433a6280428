// FeedbackObserver: told about feedback (and customers) once it is durable — the metrics index, rules,
// live streams and webhooks subscribe here. Called on the writer thread right after the
// commit: implementations must be quick and must not block (queue work elsewhere).
#pragma once

#include <vector>

#include "core/customer.hpp"
#include "core/feedback.hpp"
#include "core/result.hpp"
#include "store/writer.hpp"

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
  // A customer was created or changed through the customer directory (attributes may differ).
  virtual void OnCustomerChanged(const core::Customer& customer) { (void)customer; }
  // The customer was erased (after OnFeedbackErased for their items): anything else held
  // about them — their survey responses' scores — must go too.
  virtual void OnCustomerErased(core::Id workspace_id, core::Id customer_id) {
    (void)workspace_id;
    (void)customer_id;
  }
};

// FeedbackCommitHook: runs inside the write transaction that stores new feedback, so that
// what it records (webhook deliveries, rule actions, cases) commits with the items or not at
// all. Called on the writer thread; it writes only through `context` and must be quick. An
// error fails the whole write.
class FeedbackCommitHook {
 public:
  virtual ~FeedbackCommitHook() = default;
  virtual core::Status OnFeedbackStoring(store::WriteContext& context,
                                         const std::vector<core::FeedbackItem>& items) = 0;
};

}  // namespace voxloop::ingest
