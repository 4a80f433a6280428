#include "workflow/events.hpp"

#include <boost/json.hpp>

#include "collect/survey_definition.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string>& values) {
  json::array array;
  for (const std::string& value : values) array.emplace_back(value);
  return array;
}

json::value OptionalId(const std::optional<core::Id>& id) {
  return id ? json::value(core::IdToString(*id)) : json::value(nullptr);
}

}  // namespace

json::object FeedbackEventData(const core::FeedbackItem& item) {
  const core::FeedbackAnalysis& analysis = item.analysis;
  const bool masked = !analysis.pii_kinds.empty() && !analysis.redacted_text.empty();
  json::object data;
  data["id"] = core::IdToString(item.id);
  data["channel"] = core::ChannelName(item.channel);
  data["text"] = masked ? analysis.redacted_text : item.text;
  data["pii_masked"] = masked;
  data["rating"] = item.rating ? json::value(*item.rating) : json::value(nullptr);
  data["customer_id"] = OptionalId(item.customer_id);
  data["external_id"] = item.external_id.empty() ? json::value(nullptr) : json::value(item.external_id);
  data["received_at"] = core::FormatRfc3339(item.received_at);
  data["survey_id"] = OptionalId(item.survey_id);
  data["response_id"] = OptionalId(item.response_id);
  data["tags"] = Strings(item.tags);
  json::object analysis_json;
  analysis_json["language"] = analysis.language;
  const std::string_view label = core::SentimentLabelName(analysis.sentiment);
  analysis_json["sentiment"] = json::object{{"label", label.empty() ? json::value(nullptr) : json::value(label)},
                                            {"score", analysis.sentiment_score}};
  analysis_json["topics"] = Strings(analysis.topics);
  analysis_json["key_phrases"] = Strings(analysis.key_phrases);
  analysis_json["pii_kinds"] = Strings(analysis.pii_kinds);
  data["analysis"] = std::move(analysis_json);
  return data;
}

json::object ResponseEventData(const collect::CompletedResponse& completed) {
  const store::SurveyResponseRow& response = completed.response;
  json::array scores;
  for (const collect::ScoreAnswer& score : completed.scores) {
    scores.push_back(json::object{{"question", score.question_id},
                                  {"type", collect::QuestionTypeName(score.type)},
                                  {"value", score.value},
                                  {"min", score.min},
                                  {"max", score.max}});
  }
  json::object data;
  data["id"] = core::IdToString(response.id);
  data["survey_id"] = core::IdToString(response.survey_id);
  data["survey_version"] = response.version;
  data["channel"] = response.channel;
  data["language"] = response.language;
  data["customer_id"] = OptionalId(response.customer_id);
  data["invitation_id"] = OptionalId(response.invitation_id);
  data["completed_at"] = core::FormatRfc3339(response.completed_at.value_or(response.updated_at));
  data["scores"] = std::move(scores);
  return data;
}

core::Status WorkflowEvents::OnFeedbackStoring(store::WriteContext& context,
                                               const std::vector<core::FeedbackItem>& items) {
  for (const core::FeedbackItem& item : items) {
    if (!webhooks_.HasSubscribers(context, item.workspace_id, "feedback.created")) continue;
    VOXLOOP_TRY(webhooks_.Publish(context, Event{item.workspace_id, "feedback.created", FeedbackEventData(item), 0}));
  }
  for (const core::FeedbackItem& item : items) {
    if (item.response_id) continue;
    VOXLOOP_TRY(rules_.Apply(context, item.workspace_id, [&item] { return ItemSubject(item); }));
  }
  return core::Ok();
}

core::Status WorkflowEvents::OnResponseStoring(store::WriteContext& context, const collect::CompletedResponse& completed) {
  VOXLOOP_TRY(webhooks_.Publish(context, Event{completed.response.workspace_id, "response.completed",
                                                ResponseEventData(completed), 0}));
  return rules_.Apply(context, completed.response.workspace_id,
                      [&completed] { return ResponseSubject(completed); });
}

}  // namespace voxloop::workflow
