// WorkflowEvents: turns committed changes into workflow events — feedback.created for every
// new feedback item, response.completed for every completed survey response — inside the
// transaction that makes the change (the commit hooks of ingest and collect), and hands them
// to the webhooks. Event payloads carry ids, scores and analysis; feedback text is sent with
// PII masked (`text` is the redacted text when PII was found) and customers by id only.
// Then it hands them to the rules: each new item on its own, except the free-text answers of a
// survey response, which the rules judge once, with the response.
// Thread-safety: called on the writer thread; holds no state of its own.
#pragma once

#include <boost/json/object.hpp>

#include "collect/response_observer.hpp"
#include "ingest/feedback_observer.hpp"
#include "workflow/rules.hpp"
#include "workflow/webhooks.hpp"

namespace voxloop::workflow {

// The `data` of feedback.created.
boost::json::object FeedbackEventData(const core::FeedbackItem& item);
// The `data` of response.completed.
boost::json::object ResponseEventData(const collect::CompletedResponse& completed);

class WorkflowEvents : public ingest::FeedbackCommitHook, public collect::ResponseCommitHook {
 public:
  WorkflowEvents(Webhooks& webhooks, Rules& rules) : webhooks_(webhooks), rules_(rules) {}

  core::Status OnFeedbackStoring(store::WriteContext& context, const std::vector<core::FeedbackItem>& items) override;
  core::Status OnResponseStoring(store::WriteContext& context, const collect::CompletedResponse& completed) override;

 private:
  Webhooks& webhooks_;
  Rules& rules_;
};

}  // namespace voxloop::workflow
