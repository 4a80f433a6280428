// ResponseIndex: the in-memory columnar index of one workspace's responses, the source of every
// metric. One row per response — a completed survey response (its scores and the analysis of
// its free texts) or a feedback item outside any survey response — stored column by column
// (struct of arrays, dictionary-encoded strings), in blocks with time zone maps so that a
// query over a time range reads only the blocks it needs.
//
// Writes: records arrive from the commit path through Enqueue() (cheap, never blocks on a
// query) and are folded into the columns by ApplyPending(), which a reader calls before it
// reads; so a query sees every write acknowledged before it started. Rows are never removed:
// an erased response is flagged and no longer counted.
//
// Thread-safety: Enqueue() from any thread; ApplyPending(), Rebuild* and Read() from any
// thread (a shared mutex: many readers, one writer).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/feedback.hpp"
#include "core/id.hpp"
#include "core/time.hpp"
#include "metrics/calendar.hpp"
#include "metrics/dictionary.hpp"

namespace voxloop::metrics {

enum class ScoreKind : std::uint8_t { kNps, kCsat, kCes, kRating };

struct ScoreAnswerValue {
  std::string question;  // the survey question id; "" for a feedback item's rating
  ScoreKind kind = ScoreKind::kNps;
  double value = 0.0;
};

// One response as the index takes it in. A record carries the response part (time, channel,
// survey, customer, scores), the text part (analysis of its free texts), or both; records with
// the same key merge (the parts of a survey response may arrive in either order).
struct ResponseRecord {
  core::Id key = 0;  // the survey response id, or the feedback item id

  bool has_response = false;
  core::TimeMs at = 0;
  std::string channel;
  core::Id survey_id = 0;
  core::Id customer_id = 0;
  std::string language;
  std::vector<ScoreAnswerValue> scores;

  bool has_text = false;
  core::Id item_id = 0;  // the (first) feedback item behind the response, for drill-down
  std::string text_language;
  core::SentimentLabel sentiment = core::SentimentLabel::kNone;
  double sentiment_score = 0.0;
  std::vector<std::string> topics;
  std::vector<std::string> key_phrases;
};

// A customer's attributes as (key, value) strings; values of other JSON types are rendered.
using CustomerAttributes = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::int8_t kNoScore = -1;
inline constexpr std::uint32_t kNone32 = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::size_t kBlockRows = 8192;

// A score answer of a survey question, kept for queries on one question.
struct PackedScore {
  std::uint16_t question;  // code in Columns::questions
  ScoreKind kind;
  std::int8_t value;  // nps 0–10, csat 1–5, ces 1–7; rating scores are clamped to −128…127
};

// The columns, read by the query engine under Read(). Row r's value of column c is c[r].
struct Columns {
  std::vector<core::Id> key;
  std::vector<core::Id> item;        // 0 = no feedback item (a score-only response)
  std::vector<core::TimeMs> at;
  std::vector<std::int32_t> day;     // local day in the workspace's time zone
  std::vector<std::uint8_t> flags;   // kFlag*
  std::vector<std::uint8_t> channel;
  std::vector<std::uint8_t> language;
  std::vector<std::uint8_t> sentiment;  // 0 none, 1 negative, 2 neutral, 3 positive
  std::vector<std::uint16_t> survey;    // code in surveys; 0 = none
  std::vector<float> sentiment_score;
  std::vector<float> rating;            // NaN = none
  std::vector<std::int8_t> nps, csat, ces;  // kNoScore = none
  std::vector<std::uint32_t> customer;  // index into customer attributes; kNone32 = none
  std::vector<std::uint32_t> topic_begin;
  std::vector<std::uint8_t> topic_count;
  std::vector<std::uint16_t> topic_pool;
  std::vector<std::uint32_t> phrase_begin;
  std::vector<std::uint8_t> phrase_count;
  std::vector<std::uint32_t> phrase_pool;
  std::vector<std::uint32_t> score_begin;
  std::vector<std::uint8_t> score_count;
  std::vector<PackedScore> score_pool;
  // Per block of kBlockRows rows: the smallest and largest `at`.
  std::vector<core::TimeMs> block_min_at, block_max_at;

  Dictionary channels, languages, surveys /* decimal ids; code 0 = "" */, topics, phrases,
      questions, attribute_keys;
  // attribute_values[key code][customer index] = value code + 1 (0 = not set)
  std::vector<std::vector<std::uint32_t>> attribute_values;
  std::vector<Dictionary> attribute_dictionaries;  // per key code
  std::size_t customer_count = 0;

  std::size_t rows() const { return key.size(); }
  std::size_t MemoryBytes() const;

  // Calls visit(column) for every per-row column (each holds rows() values); `self` is a
  // Columns or a const Columns.
  template <typename Self, typename Visit>
  static void VisitRowColumns(Self& self, Visit&& visit) {
    visit(self.key); visit(self.item); visit(self.at); visit(self.day); visit(self.flags);
    visit(self.channel); visit(self.language); visit(self.sentiment); visit(self.survey);
    visit(self.sentiment_score); visit(self.rating); visit(self.nps); visit(self.csat);
    visit(self.ces); visit(self.customer); visit(self.topic_begin); visit(self.topic_count);
    visit(self.phrase_begin); visit(self.phrase_count); visit(self.score_begin); visit(self.score_count);
  }
  // The customer attribute column of `key_name`, or nullptr.
  const std::vector<std::uint32_t>* AttributeColumn(std::string_view key_name) const;
};

inline constexpr std::uint8_t kFlagErased = 1;
inline constexpr std::uint8_t kFlagHasText = 2;

class ResponseIndex {
 public:
  explicit ResponseIndex(std::string time_zone);

  // From the commit path: quick, never waits for a reader.
  void Enqueue(std::vector<ResponseRecord> records);
  void EnqueueErasure(std::vector<core::Id> ids);  // response or feedback item ids
  void EnqueueCustomerErasure(core::Id customer_id);  // every row of that customer
  void EnqueueCustomer(core::Id customer_id, CustomerAttributes attributes);
  // Customers the pending records refer to (to look their attributes up before applying).
  std::vector<core::Id> PendingCustomers() const;

  // Folds pending records into the columns; `time_zone` is the workspace's current zone (the
  // day column is recomputed when it changed).
  void ApplyPending(const std::string& time_zone);

  // Bulk load at start (rows in any order; sorted by time here for the zone maps).
  void Load(std::vector<ResponseRecord> records,
            const std::vector<std::pair<core::Id, CustomerAttributes>>& customers);

  // Bulk load in chunks (after Load() of the customers): each record is folded in as it
  // comes, so a load of millions of rows never holds them all as records.
  void AddLoaded(std::vector<ResponseRecord>& records);
  // Ends a chunked load: rows in time order (so that the zone maps skip well) and no spare
  // capacity left in the columns.
  void FinishLoad();

  // The bytes the index holds: the columns and its key lookup.
  std::size_t MemoryBytes() const;

  // Runs `reader` with the columns and the calendar under the shared lock.
  template <typename Reader>
  auto Read(Reader&& reader) const {
    std::shared_lock lock(mutex_);
    return reader(static_cast<const Columns&>(columns_), static_cast<const ZoneCalendar&>(calendar_));
  }

 private:
  void ApplyRecord(ResponseRecord& record);           // Requires: mutex_ held exclusively
  void AppendRow(const ResponseRecord& record);       // Requires: mutex_ held exclusively
  void SetResponsePart(std::size_t row, const ResponseRecord& record);
  void SetTextPart(std::size_t row, const ResponseRecord& record);
  void SetCustomer(core::Id customer_id, const CustomerAttributes& attributes);
  std::uint32_t CustomerIndex(core::Id customer_id);
  std::size_t FindRow(core::Id key) const;           // npos when absent
  void RebuildKeys();
  void RebuildBlocks();
  void RecomputeDays();

  mutable std::shared_mutex mutex_;
  // Guarded by mutex_:
  Columns columns_;
  ZoneCalendar calendar_;
  std::vector<std::uint32_t> sorted_keys_;                 // rows by ascending key
  std::unordered_map<core::Id, std::uint32_t> late_keys_;  // keys below the sorted tail → row
  std::unordered_map<core::Id, std::uint32_t> customer_index_;

  mutable std::mutex pending_mutex_;
  // Guarded by pending_mutex_:
  std::vector<ResponseRecord> pending_;
  std::vector<core::Id> pending_erasures_;
  std::vector<core::Id> pending_customer_erasures_;
  std::string requested_zone_;  // the zone last asked for (calendar_ may have fallen back to UTC)
  std::vector<std::pair<core::Id, CustomerAttributes>> pending_customers_;
};

}  // namespace voxloop::metrics
