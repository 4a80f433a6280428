// FeedbackItem: one piece of text a customer gave us, whatever the channel, with what the
// analysis engine made of it. Survey free-text answers become FeedbackItems linked to their
// response. Plain value types; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/channel.hpp"
#include "core/id.hpp"
#include "core/time.hpp"

namespace voxloop::core {

enum class SentimentLabel { kNone, kNegative, kNeutral, kPositive };

std::string_view SentimentLabelName(SentimentLabel label);  // "" for kNone
std::optional<SentimentLabel> ParseSentimentLabel(std::string_view name);

// What the analysis engine (or a person's correction) says about a feedback item's text.
struct FeedbackAnalysis {
  std::string language;  // ISO 639-1 where known ("vi", "zh", "en"), "und" when unknown
  SentimentLabel sentiment = SentimentLabel::kNone;
  double sentiment_score = 0.0;  // in [-1, 1]
  std::string sentiment_source;  // "builtin", "model:<version>", "manual"
  std::vector<std::string> topics;  // taxonomy category paths, e.g. "delivery/late"
  bool topics_manual = false;       // set by a person; re-analysis keeps it
  std::vector<std::string> key_phrases;
  std::string redacted_text;     // text with PII replaced by placeholders
  std::vector<std::string> pii_kinds;  // kinds found, e.g. "email", "phone"
  std::string search_text;       // folded text for case/diacritic-insensitive search
  int version = 0;               // analysis version that produced it
};

struct FeedbackItem {
  Id id = 0;
  Id workspace_id = 0;
  Channel channel = Channel::kApi;
  std::string text;
  std::optional<double> rating;
  std::optional<Id> customer_id;
  std::string external_id;   // the caller's id, unique per workspace when given
  TimeMs received_at = 0;    // when the customer gave it (caller-supplied or now)
  TimeMs created_at = 0;     // when Voxloop stored it
  std::string metadata_json = "{}";  // a JSON object, stored verbatim
  std::optional<Id> survey_id;
  std::optional<Id> response_id;
  std::vector<std::string> tags;
  FeedbackAnalysis analysis;
};

}  // namespace voxloop::core
