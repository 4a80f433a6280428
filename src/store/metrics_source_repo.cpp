#include "store/metrics_source_repo.hpp"

#include <algorithm>

namespace voxloop::store {

Status MetricsSourceRepo::ForEachFeedback(core::Id workspace_id,
                                          const std::function<void(const FeedbackFacts&)>& on_item) {
  return db_.ForEach(
      "SELECT id, channel, rating, customer_id, received_at, survey_id, response_id, language, "
      "sentiment, sentiment_score, topics, key_phrases FROM feedback WHERE workspace_id = ?",
      {workspace_id}, [&](const RowView& row) {
        FeedbackFacts facts;
        facts.id = row.Int(0);
        facts.channel = row.Text(1);
        facts.rating = row.OptReal(2);
        facts.customer_id = row.Int(3);
        facts.received_at = row.Int(4);
        facts.survey_id = row.Int(5);
        facts.response_id = row.Int(6);
        facts.language = row.Text(7);
        facts.sentiment = row.Text(8);
        facts.sentiment_score = row.Real(9);
        facts.topics_json = row.Text(10);
        facts.key_phrases_json = row.Text(11);
        on_item(facts);
      });
}

Status MetricsSourceRepo::ForEachCompletedResponse(
    core::Id workspace_id, const std::function<void(const ResponseFacts&)>& on_response) {
  return db_.ForEach(
      "SELECT id, survey_id, version, channel, language, customer_id, answers, completed_at "
      "FROM survey_responses WHERE workspace_id = ? AND status = 'completed'",
      {workspace_id}, [&](const RowView& row) {
        ResponseFacts facts;
        facts.id = row.Int(0);
        facts.survey_id = row.Int(1);
        facts.version = static_cast<int>(row.Int(2));
        facts.channel = row.Text(3);
        facts.language = row.Text(4);
        facts.customer_id = row.Int(5);
        facts.answers_json = row.Text(6);
        facts.completed_at = row.Int(7);
        on_response(facts);
      });
}

Status MetricsSourceRepo::ForEachCustomer(
    core::Id workspace_id, const std::function<void(core::Id, std::string_view)>& on_customer) {
  return db_.ForEach("SELECT id, attributes FROM customers WHERE workspace_id = ? AND attributes <> '{}'",
                     {workspace_id},
                     [&](const RowView& row) { on_customer(row.Int(0), row.Text(1)); });
}

Result<std::pair<std::int64_t, std::int64_t>> MetricsSourceRepo::InvitationsSent(
    core::Id workspace_id, core::Id survey_id, core::TimeMs from, core::TimeMs to) {
  std::pair<std::int64_t, std::int64_t> counts{0, 0};
  VOXLOOP_TRY(db_.ForEach(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN responded_at IS NOT NULL THEN 1 ELSE 0 END), 0) "
      "FROM survey_invitations WHERE workspace_id = ? AND survey_id = ? AND sent_at IS NOT NULL "
      "AND sent_at >= ? AND sent_at < ?",
      {workspace_id, survey_id, from, to}, [&counts](const RowView& row) {
        counts = {row.Int(0), row.Int(1)};
      }));
  return counts;
}

Result<std::vector<std::pair<core::Id, std::string>>> MetricsSourceRepo::CustomerAttributes(
    core::Id workspace_id, const std::vector<core::Id>& customer_ids) {
  std::vector<std::pair<core::Id, std::string>> out;
  constexpr std::size_t kChunk = 200;
  for (std::size_t begin = 0; begin < customer_ids.size(); begin += kChunk) {
    const std::size_t end = std::min(customer_ids.size(), begin + kChunk);
    std::string sql = "SELECT id, attributes FROM customers WHERE workspace_id = ? AND id IN (";
    Params params{workspace_id};
    for (std::size_t i = begin; i < end; ++i) {
      sql += i == begin ? "?" : ", ?";
      params.emplace_back(customer_ids[i]);
    }
    sql += ")";
    VOXLOOP_TRY(db_.ForEach(sql, params, [&out](const RowView& row) {
      out.emplace_back(row.Int(0), row.String(1));
    }));
  }
  return out;
}

}  // namespace voxloop::store
