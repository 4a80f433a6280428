// Records: how stored feedback and survey responses become rows of the metrics index — the
// one place that decides what counts as what (docs/api.md "What is counted"):
//   - a completed survey response is one row keyed by its id: its score answers (by question
//     type), and the analysis of its first free-text answer's feedback item;
//   - a feedback item outside any survey response is one row keyed by its own id: its
//     `rating` feeds the rating metric, and when it is a whole number 0–10 it is also an NPS
//     answer.
// Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "collect/answers.hpp"
#include "core/feedback.hpp"
#include "metrics/response_index.hpp"
#include "store/metrics_source_repo.hpp"
#include "store/survey_repo.hpp"

namespace voxloop::insights {

// The rating's NPS answer (0–10), if it is one.
std::optional<int> RatingAsNps(std::optional<double> rating);

// A feedback item as the index takes it: the text part of its survey response's row, or (not
// part of a response) a whole row.
metrics::ResponseRecord RecordFromItem(const core::FeedbackItem& item);
metrics::ResponseRecord RecordFromFacts(const store::FeedbackFacts& facts);

// A completed survey response's row (its response part). It counts under the channel
// "survey", like its feedback items; how it came in (link, widget, kiosk…) is not a channel.
metrics::ResponseRecord RecordFromResponse(core::Id response_id, core::Id survey_id,
                                           std::string_view language,
                                           core::Id customer_id, core::TimeMs completed_at,
                                           const std::vector<collect::ScoreAnswer>& scores);

// A customer's attributes object (JSON text) as (key, value) strings: strings as they are,
// numbers and booleans rendered, nested values and nulls left out.
metrics::CustomerAttributes ParseAttributes(std::string_view attributes_json);

}  // namespace voxloop::insights
