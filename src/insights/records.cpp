#include "insights/records.hpp"

#include <boost/json.hpp>

#include <cmath>

#include "store/json_columns.hpp"

namespace voxloop::insights {
namespace {

metrics::ScoreKind KindOf(collect::QuestionType type) {
  switch (type) {
    case collect::QuestionType::kNps: return metrics::ScoreKind::kNps;
    case collect::QuestionType::kCsat: return metrics::ScoreKind::kCsat;
    case collect::QuestionType::kCes: return metrics::ScoreKind::kCes;
    default: return metrics::ScoreKind::kRating;
  }
}

void AddRatingScores(std::optional<double> rating, metrics::ResponseRecord& record) {
  if (!rating || !std::isfinite(*rating)) return;
  record.scores.push_back({"", metrics::ScoreKind::kRating, *rating});
  if (auto nps = RatingAsNps(rating)) {
    record.scores.push_back({"", metrics::ScoreKind::kNps, static_cast<double>(*nps)});
  }
}

}  // namespace

std::optional<int> RatingAsNps(std::optional<double> rating) {
  if (!rating || !std::isfinite(*rating)) return std::nullopt;
  if (*rating < 0 || *rating > 10 || std::trunc(*rating) != *rating) return std::nullopt;
  return static_cast<int>(*rating);
}

metrics::ResponseRecord RecordFromItem(const core::FeedbackItem& item) {
  store::FeedbackFacts facts;
  facts.id = item.id;
  facts.channel = core::ChannelName(item.channel);
  facts.rating = item.rating;
  facts.customer_id = item.customer_id.value_or(0);
  facts.received_at = item.received_at;
  facts.survey_id = item.survey_id.value_or(0);
  facts.response_id = item.response_id.value_or(0);
  facts.language = item.analysis.language;
  facts.sentiment = core::SentimentLabelName(item.analysis.sentiment);
  facts.sentiment_score = item.analysis.sentiment_score;
  metrics::ResponseRecord record = RecordFromFacts(facts);
  record.topics = item.analysis.topics;
  record.key_phrases = item.analysis.key_phrases;
  return record;
}

metrics::ResponseRecord RecordFromFacts(const store::FeedbackFacts& facts) {
  metrics::ResponseRecord record;
  record.has_text = true;
  record.item_id = facts.id;
  record.text_language = std::string(facts.language);
  record.sentiment = core::ParseSentimentLabel(facts.sentiment).value_or(core::SentimentLabel::kNone);
  record.sentiment_score = facts.sentiment_score;
  if (!facts.topics_json.empty()) record.topics = store::DecodeStringList(facts.topics_json);
  if (!facts.key_phrases_json.empty()) record.key_phrases = store::DecodeStringList(facts.key_phrases_json);
  if (facts.response_id != 0) {
    record.key = facts.response_id;  // the text part of the survey response's row
    return record;
  }
  record.key = facts.id;
  record.has_response = true;
  record.at = facts.received_at;
  record.channel = std::string(facts.channel);
  record.survey_id = facts.survey_id;
  record.customer_id = facts.customer_id;
  record.language = std::string(facts.language);
  AddRatingScores(facts.rating, record);
  return record;
}

metrics::ResponseRecord RecordFromResponse(core::Id response_id, core::Id survey_id,
                                           std::string_view language,
                                           core::Id customer_id, core::TimeMs completed_at,
                                           const std::vector<collect::ScoreAnswer>& scores) {
  metrics::ResponseRecord record;
  record.key = response_id;
  record.has_response = true;
  record.at = completed_at;
  record.channel = std::string(core::ChannelName(core::Channel::kSurvey));
  record.survey_id = survey_id;
  record.customer_id = customer_id;
  record.language = std::string(language);
  for (const collect::ScoreAnswer& score : scores) {
    record.scores.push_back({score.question_id, KindOf(score.type), static_cast<double>(score.value)});
  }
  return record;
}

metrics::CustomerAttributes ParseAttributes(std::string_view attributes_json) {
  metrics::CustomerAttributes attributes;
  if (attributes_json.empty() || attributes_json == "{}") return attributes;
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(attributes_json, error);
  if (error || !parsed.is_object()) return attributes;
  for (const auto& [key, value] : parsed.as_object()) {
    std::string text;
    if (value.is_string()) {
      text = std::string(value.as_string());
    } else if (value.is_int64() || value.is_uint64() || value.is_double() || value.is_bool()) {
      text = boost::json::serialize(value);
    } else {
      continue;
    }
    attributes.emplace_back(std::string(key), std::move(text));
  }
  return attributes;
}

}  // namespace voxloop::insights
