// MetricsSourceRepo: the lean reads the in-memory metrics index is built from — only the
// columns a metric needs, streamed row by row so that loading ten million responses never
// holds them twice. No PII is read (customer attributes are not PII; contact fields are not
// touched).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feedback.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

// A feedback item's facts for metrics (no text).
struct FeedbackFacts {
  core::Id id = 0;
  std::string_view channel;
  std::optional<double> rating;
  core::Id customer_id = 0;  // 0 = none
  core::TimeMs received_at = 0;
  core::Id survey_id = 0;    // 0 = none
  core::Id response_id = 0;  // 0 = not part of a survey response
  std::string_view language;
  std::string_view sentiment;
  double sentiment_score = 0.0;
  std::string_view topics_json;
  std::string_view key_phrases_json;
};

// A completed survey response's facts for metrics.
struct ResponseFacts {
  core::Id id = 0;
  core::Id survey_id = 0;
  int version = 1;
  std::string_view channel;
  std::string_view language;
  core::Id customer_id = 0;
  std::string_view answers_json;
  core::TimeMs completed_at = 0;
};

class MetricsSourceRepo {
 public:
  explicit MetricsSourceRepo(Connection& db) : db_(db) {}

  // Each view is valid only during the call.
  Status ForEachFeedback(core::Id workspace_id, const std::function<void(const FeedbackFacts&)>& on_item);
  Status ForEachCompletedResponse(core::Id workspace_id,
                                  const std::function<void(const ResponseFacts&)>& on_response);
  // (customer id, attributes JSON object text) of every customer with attributes.
  Status ForEachCustomer(core::Id workspace_id,
                         const std::function<void(core::Id, std::string_view)>& on_customer);
  // E-mail invitations to `survey_id` sent in [from, to): how many, and how many were answered.
  Result<std::pair<std::int64_t, std::int64_t>> InvitationsSent(core::Id workspace_id, core::Id survey_id,
                                                                core::TimeMs from, core::TimeMs to);
  // The attributes of the given customers (absent ones are left out).
  Result<std::vector<std::pair<core::Id, std::string>>> CustomerAttributes(
      core::Id workspace_id, const std::vector<core::Id>& customer_ids);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
