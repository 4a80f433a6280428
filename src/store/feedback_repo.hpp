// FeedbackRepo: feedback items in the database. Borrows a Connection for its lifetime; use
// it on the writer thread for writes (inside a write job) and on a reader for reads.
// Not thread-safe (like the Connection).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/feedback.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

// Position after the last item of a page, in (received_at DESC, id DESC) order.
struct FeedbackCursor {
  core::TimeMs received_at = 0;
  core::Id id = 0;
};

struct FeedbackFilter {
  core::Id workspace_id = 0;
  std::optional<core::Channel> channel;
  std::optional<core::TimeMs> received_from;  // inclusive
  std::optional<core::TimeMs> received_to;    // exclusive
  std::optional<core::Id> customer_id;
  std::optional<core::Id> survey_id;
  std::optional<core::SentimentLabel> sentiment;
  std::string language;
  std::string topic;          // matches the category and its sub-categories
  std::string search_folded;  // substring of the item's folded search text
  std::optional<FeedbackCursor> after;
  int limit = 50;
};

struct FeedbackPage {
  std::vector<core::FeedbackItem> items;
  std::optional<FeedbackCursor> next;  // set when more items may follow
};

class FeedbackRepo {
 public:
  explicit FeedbackRepo(Connection& db) : db_(db) {}

  // Inserts the item and its topic rows. kConflict when its external_id is taken.
  Status Insert(const core::FeedbackItem& item);
  Result<std::optional<core::FeedbackItem>> Get(core::Id workspace_id, core::Id id);
  Result<std::optional<core::FeedbackItem>> FindByExternalId(core::Id workspace_id,
                                                             std::string_view external_id);
  Result<std::vector<core::FeedbackItem>> GetMany(core::Id workspace_id,
                                                  const std::vector<core::Id>& ids);
  Result<FeedbackPage> List(const FeedbackFilter& filter);
  // Replaces the analysis fields (and topic rows). kNotFound when there is no such item.
  Status UpdateAnalysis(core::Id workspace_id, core::Id id, const core::FeedbackAnalysis& analysis,
                        core::TimeMs now);
  Status UpdateTags(core::Id workspace_id, core::Id id, const std::vector<std::string>& tags,
                    core::TimeMs now);
  // Deletes the item and its topic rows. kNotFound when there is no such item.
  Status Delete(core::Id workspace_id, core::Id id);
  Result<std::int64_t> CountInWorkspace(core::Id workspace_id);
  // Ids of a customer's items, oldest first.
  Result<std::vector<core::Id>> IdsForCustomer(core::Id workspace_id, core::Id customer_id);

 private:
  Status ReplaceTopics(core::Id workspace_id, core::Id id, const std::vector<std::string>& topics);
  Connection& db_;
};

}  // namespace voxloop::store
