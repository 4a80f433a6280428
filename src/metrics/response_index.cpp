#include "metrics/response_index.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <type_traits>

namespace voxloop::metrics {
namespace {

constexpr std::size_t kNpos = static_cast<std::size_t>(-1);

std::uint8_t SentimentCode(core::SentimentLabel label) {
  switch (label) {
    case core::SentimentLabel::kNegative: return 1;
    case core::SentimentLabel::kNeutral: return 2;
    case core::SentimentLabel::kPositive: return 3;
    case core::SentimentLabel::kNone: return 0;
  }
  return 0;
}

template <typename T>
std::size_t VectorBytes(const std::vector<T>& values) {
  return values.capacity() * sizeof(T);
}

std::int8_t ClampScore(double value) {
  return static_cast<std::int8_t>(std::clamp(std::lround(value), -128L, 127L));
}

}  // namespace

std::size_t Columns::MemoryBytes() const {
  std::size_t bytes = 0;
  VisitRowColumns(*this, [&bytes](const auto& column) { bytes += VectorBytes(column); });
  bytes += VectorBytes(topic_pool) + VectorBytes(phrase_pool) + VectorBytes(score_pool) +
           VectorBytes(block_min_at) + VectorBytes(block_max_at);
  for (const Dictionary* dictionary :
       {&channels, &languages, &surveys, &topics, &phrases, &questions, &attribute_keys}) {
    bytes += dictionary->MemoryBytes();
  }
  for (const auto& column : attribute_values) bytes += VectorBytes(column);
  for (const auto& dictionary : attribute_dictionaries) bytes += dictionary.MemoryBytes();
  return bytes;
}

const std::vector<std::uint32_t>* Columns::AttributeColumn(std::string_view key_name) const {
  auto code = attribute_keys.Find(key_name);
  return code ? &attribute_values[*code] : nullptr;
}

ResponseIndex::ResponseIndex(std::string time_zone)
    : calendar_(time_zone), requested_zone_(std::move(time_zone)) {
  // Code 0 of these columns means "no value".
  columns_.surveys.Code("");
  columns_.channels.Code("");
  columns_.languages.Code("");
}

void ResponseIndex::Enqueue(std::vector<ResponseRecord> records) {
  std::lock_guard lock(pending_mutex_);
  for (ResponseRecord& record : records) pending_.push_back(std::move(record));
}

void ResponseIndex::EnqueueErasure(std::vector<core::Id> ids) {
  std::lock_guard lock(pending_mutex_);
  pending_erasures_.insert(pending_erasures_.end(), ids.begin(), ids.end());
}

void ResponseIndex::EnqueueCustomerErasure(core::Id customer_id) {
  std::lock_guard lock(pending_mutex_);
  pending_customer_erasures_.push_back(customer_id);
}

void ResponseIndex::EnqueueCustomer(core::Id customer_id, CustomerAttributes attributes) {
  std::lock_guard lock(pending_mutex_);
  pending_customers_.emplace_back(customer_id, std::move(attributes));
}

std::vector<core::Id> ResponseIndex::PendingCustomers() const {
  std::lock_guard lock(pending_mutex_);
  std::vector<core::Id> ids;
  for (const ResponseRecord& record : pending_) {
    if (record.has_response && record.customer_id != 0) ids.push_back(record.customer_id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void ResponseIndex::ApplyPending(const std::string& time_zone) {
  std::vector<ResponseRecord> records;
  std::vector<core::Id> erasures;
  std::vector<std::pair<core::Id, CustomerAttributes>> customers;
  std::vector<core::Id> erased_customers;
  auto nothing_to_do = [&] {
    return pending_.empty() && pending_erasures_.empty() && pending_customers_.empty() &&
           pending_customer_erasures_.empty() && (time_zone.empty() || time_zone == requested_zone_);
  };
  {
    std::lock_guard pending_lock(pending_mutex_);
    if (nothing_to_do()) return;
  }
  // The exclusive lock is taken before the queue is emptied, so a concurrent reader that finds
  // the queue empty waits in Read() until these records are in the columns.
  std::unique_lock lock(mutex_);
  bool zone_changed = false;
  {
    std::lock_guard pending_lock(pending_mutex_);
    if (nothing_to_do()) return;
    records.swap(pending_);
    erasures.swap(pending_erasures_);
    customers.swap(pending_customers_);
    erased_customers.swap(pending_customer_erasures_);
    if (!time_zone.empty() && time_zone != requested_zone_) {
      requested_zone_ = time_zone;
      zone_changed = true;
    }
  }
  if (zone_changed && ZoneCalendar(time_zone).time_zone() != calendar_.time_zone()) {
    calendar_ = ZoneCalendar(time_zone);
    RecomputeDays();
  }
  for (const auto& [customer_id, attributes] : customers) SetCustomer(customer_id, attributes);
  for (ResponseRecord& record : records) ApplyRecord(record);
  if (!erasures.empty()) {
    std::sort(erasures.begin(), erasures.end());
    for (std::size_t row = 0; row < columns_.rows(); ++row) {
      if (std::binary_search(erasures.begin(), erasures.end(), columns_.key[row]) ||
          (columns_.item[row] != 0 &&
           std::binary_search(erasures.begin(), erasures.end(), columns_.item[row]))) {
        columns_.flags[row] |= kFlagErased;
      }
    }
  }
  for (const core::Id customer_id : erased_customers) {
    const auto found = customer_index_.find(customer_id);
    if (found == customer_index_.end()) continue;
    for (std::size_t row = 0; row < columns_.rows(); ++row) {
      if (columns_.customer[row] == found->second) columns_.flags[row] |= kFlagErased;
    }
  }
}

void ResponseIndex::Load(std::vector<ResponseRecord> records,
                         const std::vector<std::pair<core::Id, CustomerAttributes>>& customers) {
  std::unique_lock lock(mutex_);
  for (const auto& [customer_id, attributes] : customers) SetCustomer(customer_id, attributes);
  // Merge the parts of each key first, then append in time order.
  std::sort(records.begin(), records.end(), [](const ResponseRecord& a, const ResponseRecord& b) {
    return a.key != b.key ? a.key < b.key : a.has_response > b.has_response;
  });
  std::vector<ResponseRecord> merged;
  merged.reserve(records.size());
  for (ResponseRecord& record : records) {
    if (!merged.empty() && merged.back().key == record.key) {
      ResponseRecord& into = merged.back();
      if (record.has_text && !into.has_text) {
        into.has_text = true;
        into.item_id = record.item_id;
        into.text_language = std::move(record.text_language);
        into.sentiment = record.sentiment;
        into.sentiment_score = record.sentiment_score;
        into.topics = std::move(record.topics);
        into.key_phrases = std::move(record.key_phrases);
      }
      continue;
    }
    merged.push_back(std::move(record));
  }
  records.clear();
  std::stable_sort(merged.begin(), merged.end(),
                   [](const ResponseRecord& a, const ResponseRecord& b) { return a.at < b.at; });
  for (const ResponseRecord& record : merged) AppendRow(record);
  RebuildKeys();
  RebuildBlocks();
}

void ResponseIndex::FinishLoad() {
  std::unique_lock lock(mutex_);
  Columns& c = columns_;
  if (!std::is_sorted(c.at.begin(), c.at.end())) {
    std::vector<std::uint32_t> order(c.rows());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&c](std::uint32_t a, std::uint32_t b) { return c.at[a] < c.at[b]; });
    Columns::VisitRowColumns(c, [&order](auto& column) {
      std::remove_reference_t<decltype(column)> permuted;
      permuted.reserve(order.size());
      for (std::uint32_t row : order) permuted.push_back(column[row]);
      column.swap(permuted);
    });
  }
  Columns::VisitRowColumns(c, [](auto& column) { column.shrink_to_fit(); });
  c.topic_pool.shrink_to_fit();
  c.phrase_pool.shrink_to_fit();
  c.score_pool.shrink_to_fit();
  RebuildKeys();
  RebuildBlocks();
}

std::size_t ResponseIndex::MemoryBytes() const {
  std::shared_lock lock(mutex_);
  return columns_.MemoryBytes() + VectorBytes(sorted_keys_) +
         late_keys_.size() * (sizeof(core::Id) + sizeof(std::uint32_t) + 2 * sizeof(void*)) +
         customer_index_.size() * (sizeof(core::Id) + sizeof(std::uint32_t) + 2 * sizeof(void*));
}

void ResponseIndex::RebuildKeys() {
  const std::vector<core::Id>& keys = columns_.key;
  sorted_keys_.resize(keys.size());
  std::iota(sorted_keys_.begin(), sorted_keys_.end(), 0U);
  std::sort(sorted_keys_.begin(), sorted_keys_.end(), [&keys](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  sorted_keys_.shrink_to_fit();
  late_keys_.clear();
}

void ResponseIndex::AddLoaded(std::vector<ResponseRecord>& records) {
  std::unique_lock lock(mutex_);
  for (ResponseRecord& record : records) ApplyRecord(record);
  records.clear();
}

void ResponseIndex::ApplyRecord(ResponseRecord& record) {
  const std::size_t row = FindRow(record.key);
  if (row == kNpos) {
    AppendRow(record);
    const auto new_row = static_cast<std::uint32_t>(columns_.rows() - 1);
    if (sorted_keys_.empty() || record.key > columns_.key[sorted_keys_.back()]) {
      sorted_keys_.push_back(new_row);
    } else {
      late_keys_[record.key] = new_row;
    }
    const std::size_t block = new_row / kBlockRows;
    if (block >= columns_.block_min_at.size()) {
      columns_.block_min_at.push_back(columns_.at[new_row]);
      columns_.block_max_at.push_back(columns_.at[new_row]);
    }
    columns_.block_min_at[block] = std::min(columns_.block_min_at[block], columns_.at[new_row]);
    columns_.block_max_at[block] = std::max(columns_.block_max_at[block], columns_.at[new_row]);
    return;
  }
  if (record.has_response) {
    SetResponsePart(row, record);
    const std::size_t block = row / kBlockRows;
    columns_.block_min_at[block] = std::min(columns_.block_min_at[block], columns_.at[row]);
    columns_.block_max_at[block] = std::max(columns_.block_max_at[block], columns_.at[row]);
  }
  if (record.has_text) SetTextPart(row, record);
}

void ResponseIndex::AppendRow(const ResponseRecord& record) {
  Columns& c = columns_;
  c.key.push_back(record.key);
  c.item.push_back(0);
  c.at.push_back(record.at);
  c.day.push_back(calendar_.LocalDay(record.at));
  c.flags.push_back(0);
  c.channel.push_back(0);
  c.language.push_back(0);
  c.sentiment.push_back(0);
  c.survey.push_back(0);
  c.sentiment_score.push_back(0.0F);
  c.rating.push_back(std::numeric_limits<float>::quiet_NaN());
  c.nps.push_back(kNoScore);
  c.csat.push_back(kNoScore);
  c.ces.push_back(kNoScore);
  c.customer.push_back(kNone32);
  c.topic_begin.push_back(0);
  c.topic_count.push_back(0);
  c.phrase_begin.push_back(0);
  c.phrase_count.push_back(0);
  c.score_begin.push_back(0);
  c.score_count.push_back(0);
  const std::size_t row = c.rows() - 1;
  if (record.has_response) SetResponsePart(row, record);
  if (record.has_text) SetTextPart(row, record);
}

void ResponseIndex::SetResponsePart(std::size_t row, const ResponseRecord& record) {
  Columns& c = columns_;
  c.at[row] = record.at;
  c.day[row] = calendar_.LocalDay(record.at);
  c.channel[row] = static_cast<std::uint8_t>(std::min<std::uint32_t>(c.channels.Code(record.channel), 255));
  if (!record.language.empty()) {
    c.language[row] = static_cast<std::uint8_t>(std::min<std::uint32_t>(c.languages.Code(record.language), 255));
  }
  c.survey[row] = record.survey_id == 0
                      ? 0
                      : static_cast<std::uint16_t>(std::min<std::uint32_t>(
                            c.surveys.Code(core::IdToString(record.survey_id)), 65535));
  c.customer[row] = record.customer_id == 0 ? kNone32 : CustomerIndex(record.customer_id);
  c.nps[row] = c.csat[row] = c.ces[row] = kNoScore;
  c.rating[row] = std::numeric_limits<float>::quiet_NaN();
  c.score_begin[row] = static_cast<std::uint32_t>(c.score_pool.size());
  c.score_count[row] = 0;
  for (const ScoreAnswerValue& score : record.scores) {
    const std::int8_t value = ClampScore(score.value);
    switch (score.kind) {
      case ScoreKind::kNps: if (c.nps[row] == kNoScore) c.nps[row] = value; break;
      case ScoreKind::kCsat: if (c.csat[row] == kNoScore) c.csat[row] = value; break;
      case ScoreKind::kCes: if (c.ces[row] == kNoScore) c.ces[row] = value; break;
      case ScoreKind::kRating:
        if (std::isnan(c.rating[row])) c.rating[row] = static_cast<float>(score.value);
        break;
    }
    if (!score.question.empty() && c.score_count[row] < 255) {
      c.score_pool.push_back({static_cast<std::uint16_t>(std::min<std::uint32_t>(
                                  c.questions.Code(score.question), 65535)),
                              score.kind, value});
      ++c.score_count[row];
    }
  }
}

void ResponseIndex::SetTextPart(std::size_t row, const ResponseRecord& record) {
  Columns& c = columns_;
  c.item[row] = record.item_id;
  c.flags[row] |= kFlagHasText;
  if (!record.text_language.empty() && (c.language[row] == 0 || c.languages.Value(c.language[row]).empty())) {
    c.language[row] = static_cast<std::uint8_t>(std::min<std::uint32_t>(c.languages.Code(record.text_language), 255));
  }
  c.sentiment[row] = SentimentCode(record.sentiment);
  c.sentiment_score[row] = static_cast<float>(record.sentiment_score);
  c.topic_begin[row] = static_cast<std::uint32_t>(c.topic_pool.size());
  c.topic_count[row] = static_cast<std::uint8_t>(std::min<std::size_t>(record.topics.size(), 255));
  for (std::size_t idx = 0; idx < c.topic_count[row]; ++idx) {
    c.topic_pool.push_back(static_cast<std::uint16_t>(
        std::min<std::uint32_t>(c.topics.Code(record.topics[idx]), 65535)));
  }
  c.phrase_begin[row] = static_cast<std::uint32_t>(c.phrase_pool.size());
  c.phrase_count[row] = static_cast<std::uint8_t>(std::min<std::size_t>(record.key_phrases.size(), 255));
  for (std::size_t idx = 0; idx < c.phrase_count[row]; ++idx) {
    c.phrase_pool.push_back(c.phrases.Code(record.key_phrases[idx]));
  }
}

std::uint32_t ResponseIndex::CustomerIndex(core::Id customer_id) {
  auto [found, inserted] =
      customer_index_.emplace(customer_id, static_cast<std::uint32_t>(columns_.customer_count));
  if (inserted) {
    ++columns_.customer_count;
    for (auto& column : columns_.attribute_values) column.push_back(0);
  }
  return found->second;
}

void ResponseIndex::SetCustomer(core::Id customer_id, const CustomerAttributes& attributes) {
  const std::uint32_t customer = CustomerIndex(customer_id);
  Columns& c = columns_;
  for (auto& column : c.attribute_values) column[customer] = 0;
  for (const auto& [name, value] : attributes) {
    const std::uint32_t key_code = c.attribute_keys.Code(name);
    if (key_code >= c.attribute_values.size()) {
      c.attribute_values.emplace_back(c.customer_count, 0);
      c.attribute_dictionaries.emplace_back();
    }
    c.attribute_values[key_code][customer] = c.attribute_dictionaries[key_code].Code(value) + 1;
  }
}

std::size_t ResponseIndex::FindRow(core::Id key) const {
  const std::vector<core::Id>& keys = columns_.key;
  auto found = std::lower_bound(sorted_keys_.begin(), sorted_keys_.end(), key,
                                [&keys](std::uint32_t row, core::Id wanted) { return keys[row] < wanted; });
  if (found != sorted_keys_.end() && keys[*found] == key) return *found;
  auto late = late_keys_.find(key);
  return late == late_keys_.end() ? kNpos : late->second;
}

void ResponseIndex::RebuildBlocks() {
  Columns& c = columns_;
  c.block_min_at.clear();
  c.block_max_at.clear();
  for (std::size_t begin = 0; begin < c.rows(); begin += kBlockRows) {
    const std::size_t end = std::min(c.rows(), begin + kBlockRows);
    const auto [lowest, highest] = std::minmax_element(c.at.begin() + begin, c.at.begin() + end);
    c.block_min_at.push_back(*lowest);
    c.block_max_at.push_back(*highest);
  }
}

void ResponseIndex::RecomputeDays() {
  for (std::size_t row = 0; row < columns_.rows(); ++row) {
    columns_.day[row] = calendar_.LocalDay(columns_.at[row]);
  }
}

}  // namespace voxloop::metrics
