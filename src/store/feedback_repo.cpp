#include "store/feedback_repo.hpp"

#include "store/json_columns.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kColumns =
    "id, workspace_id, channel, text, rating, customer_id, external_id, received_at, "
    "created_at, metadata, survey_id, response_id, tags, language, sentiment, sentiment_score, "
    "sentiment_source, topics, topics_manual, key_phrases, redacted_text, pii_kinds, "
    "search_text, analysis_version";

core::FeedbackItem ItemFromRow(const RowView& row) {
  core::FeedbackItem item;
  item.id = row.Int(0);
  item.workspace_id = row.Int(1);
  item.channel = core::ParseChannel(row.Text(2)).value_or(core::Channel::kApi);
  item.text = row.String(3);
  item.rating = row.OptReal(4);
  item.customer_id = row.OptInt(5);
  item.external_id = row.String(6);
  item.received_at = row.Int(7);
  item.created_at = row.Int(8);
  item.metadata_json = row.String(9);
  item.survey_id = row.OptInt(10);
  item.response_id = row.OptInt(11);
  item.tags = DecodeStringList(row.Text(12));
  core::FeedbackAnalysis& analysis = item.analysis;
  analysis.language = row.String(13);
  analysis.sentiment = core::ParseSentimentLabel(row.Text(14)).value_or(core::SentimentLabel::kNone);
  analysis.sentiment_score = row.Real(15);
  analysis.sentiment_source = row.String(16);
  analysis.topics = DecodeStringList(row.Text(17));
  analysis.topics_manual = row.Int(18) != 0;
  analysis.key_phrases = DecodeStringList(row.Text(19));
  analysis.redacted_text = row.String(20);
  analysis.pii_kinds = DecodeStringList(row.Text(21));
  analysis.search_text = row.String(22);
  analysis.version = static_cast<int>(row.Int(23));
  return item;
}

Value TextOrNull(const std::string& text) { return text.empty() ? Null() : Value(text); }

}  // namespace

Status FeedbackRepo::Insert(const core::FeedbackItem& item) {
  const core::FeedbackAnalysis& analysis = item.analysis;
  auto inserted = db_.Execute(
      "INSERT INTO feedback (id, workspace_id, channel, text, rating, customer_id, external_id, "
      "received_at, created_at, updated_at, metadata, survey_id, response_id, tags, language, "
      "sentiment, sentiment_score, sentiment_source, topics, topics_manual, key_phrases, "
      "redacted_text, pii_kinds, search_text, analysis_version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {item.id, item.workspace_id, std::string(core::ChannelName(item.channel)), item.text,
       Optional(item.rating), Optional(item.customer_id), TextOrNull(item.external_id),
       item.received_at, item.created_at, item.created_at, item.metadata_json,
       Optional(item.survey_id), Optional(item.response_id), EncodeStringList(item.tags),
       analysis.language, std::string(core::SentimentLabelName(analysis.sentiment)),
       analysis.sentiment_score, analysis.sentiment_source, EncodeStringList(analysis.topics),
       std::int64_t{analysis.topics_manual}, EncodeStringList(analysis.key_phrases),
       analysis.redacted_text, EncodeStringList(analysis.pii_kinds), analysis.search_text,
       std::int64_t{analysis.version}});
  if (!inserted) return std::move(inserted).error();
  for (const std::string& topic : analysis.topics) {
    auto added = db_.Execute(
        "INSERT INTO feedback_topics (feedback_id, workspace_id, topic) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        {item.id, item.workspace_id, topic});
    if (!added) return std::move(added).error();
  }
  return core::Ok();
}

Result<std::optional<core::FeedbackItem>> FeedbackRepo::Get(core::Id workspace_id, core::Id id) {
  std::optional<core::FeedbackItem> item;
  VOXLOOP_TRY(db_.ForEach(
      std::string("SELECT ").append(kColumns).append(
          " FROM feedback WHERE workspace_id = ? AND id = ?"),
      {workspace_id, id}, [&item](const RowView& row) { item = ItemFromRow(row); }));
  return item;
}

Result<std::optional<core::FeedbackItem>> FeedbackRepo::FindByExternalId(
    core::Id workspace_id, std::string_view external_id) {
  std::optional<core::FeedbackItem> item;
  VOXLOOP_TRY(db_.ForEach(
      std::string("SELECT ").append(kColumns).append(
          " FROM feedback WHERE workspace_id = ? AND external_id = ?"),
      {workspace_id, std::string(external_id)},
      [&item](const RowView& row) { item = ItemFromRow(row); }));
  return item;
}

Result<std::vector<core::FeedbackItem>> FeedbackRepo::GetMany(core::Id workspace_id,
                                                              const std::vector<core::Id>& ids) {
  std::vector<core::FeedbackItem> items;
  items.reserve(ids.size());
  for (const core::Id id : ids) {
    VOXLOOP_ASSIGN_OR_RETURN(auto item, Get(workspace_id, id));
    if (item) items.push_back(std::move(*item));
  }
  return items;
}

Result<FeedbackPage> FeedbackRepo::List(const FeedbackFilter& filter) {
  std::string sql = std::string("SELECT ").append(kColumns).append(
      " FROM feedback WHERE workspace_id = ?");
  Params params{filter.workspace_id};
  if (filter.channel) {
    sql += " AND channel = ?";
    params.emplace_back(std::string(core::ChannelName(*filter.channel)));
  }
  if (filter.received_from) {
    sql += " AND received_at >= ?";
    params.emplace_back(*filter.received_from);
  }
  if (filter.received_to) {
    sql += " AND received_at < ?";
    params.emplace_back(*filter.received_to);
  }
  if (filter.customer_id) {
    sql += " AND customer_id = ?";
    params.emplace_back(*filter.customer_id);
  }
  if (filter.survey_id) {
    sql += " AND survey_id = ?";
    params.emplace_back(*filter.survey_id);
  }
  if (filter.sentiment) {
    sql += " AND sentiment = ?";
    params.emplace_back(std::string(core::SentimentLabelName(*filter.sentiment)));
  }
  if (!filter.language.empty()) {
    sql += " AND language = ?";
    params.emplace_back(filter.language);
  }
  if (!filter.topic.empty()) {
    sql += " AND id IN (SELECT feedback_id FROM feedback_topics WHERE workspace_id = ? AND "
           "(topic = ? OR topic LIKE ? ESCAPE '\\'))";
    params.emplace_back(filter.workspace_id);
    params.emplace_back(filter.topic);
    std::string prefix = LikeContains(filter.topic + "/");
    params.emplace_back(prefix.substr(1));  // "topic/%": drop the leading wildcard
  }
  if (!filter.search_folded.empty()) {
    sql += " AND search_text LIKE ? ESCAPE '\\'";
    params.emplace_back(LikeContains(filter.search_folded));
  }
  if (filter.after) {
    sql += " AND (received_at, id) < (?, ?)";
    params.emplace_back(filter.after->received_at);
    params.emplace_back(filter.after->id);
  }
  sql += " ORDER BY received_at DESC, id DESC LIMIT ?";
  params.emplace_back(std::int64_t{filter.limit} + 1);
  FeedbackPage page;
  VOXLOOP_TRY(db_.ForEach(sql, params, [&page](const RowView& row) {
    page.items.push_back(ItemFromRow(row));
  }));
  if (static_cast<int>(page.items.size()) > filter.limit) {
    page.items.pop_back();
    const core::FeedbackItem& last = page.items.back();
    page.next = FeedbackCursor{last.received_at, last.id};
  }
  return page;
}

Status FeedbackRepo::ReplaceTopics(core::Id workspace_id, core::Id id,
                                   const std::vector<std::string>& topics) {
  auto removed = db_.Execute("DELETE FROM feedback_topics WHERE feedback_id = ?", {id});
  if (!removed) return std::move(removed).error();
  for (const std::string& topic : topics) {
    auto added = db_.Execute(
        "INSERT INTO feedback_topics (feedback_id, workspace_id, topic) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        {id, workspace_id, topic});
    if (!added) return std::move(added).error();
  }
  return core::Ok();
}

Status FeedbackRepo::UpdateAnalysis(core::Id workspace_id, core::Id id,
                                    const core::FeedbackAnalysis& analysis, core::TimeMs now) {
  auto updated = db_.Execute(
      "UPDATE feedback SET language = ?, sentiment = ?, sentiment_score = ?, "
      "sentiment_source = ?, topics = ?, topics_manual = ?, key_phrases = ?, redacted_text = ?, "
      "pii_kinds = ?, search_text = ?, analysis_version = ?, updated_at = ? "
      "WHERE workspace_id = ? AND id = ?",
      {analysis.language, std::string(core::SentimentLabelName(analysis.sentiment)),
       analysis.sentiment_score, analysis.sentiment_source, EncodeStringList(analysis.topics),
       std::int64_t{analysis.topics_manual}, EncodeStringList(analysis.key_phrases),
       analysis.redacted_text, EncodeStringList(analysis.pii_kinds), analysis.search_text,
       std::int64_t{analysis.version}, now, workspace_id, id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such feedback item");
  return ReplaceTopics(workspace_id, id, analysis.topics);
}

Status FeedbackRepo::Delete(core::Id workspace_id, core::Id id) {
  auto topics = db_.Execute("DELETE FROM feedback_topics WHERE feedback_id = ?", {id});
  if (!topics) return std::move(topics).error();
  auto deleted = db_.Execute("DELETE FROM feedback WHERE workspace_id = ? AND id = ?", {workspace_id, id});
  if (!deleted) return std::move(deleted).error();
  if (*deleted == 0) return core::Error::NotFound("No such feedback item");
  return core::Ok();
}

Result<std::vector<core::Id>> FeedbackRepo::IdsForCustomer(core::Id workspace_id, core::Id customer_id) {
  std::vector<core::Id> ids;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT id FROM feedback WHERE workspace_id = ? AND customer_id = ? ORDER BY received_at, id",
      {workspace_id, customer_id}, [&](const RowView& row) { ids.push_back(row.Int(0)); }));
  return ids;
}

Status FeedbackRepo::UpdateTags(core::Id workspace_id, core::Id id,
                                const std::vector<std::string>& tags, core::TimeMs now) {
  auto updated = db_.Execute(
      "UPDATE feedback SET tags = ?, updated_at = ? WHERE workspace_id = ? AND id = ?",
      {EncodeStringList(tags), now, workspace_id, id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such feedback item");
  return core::Ok();
}

Result<std::int64_t> FeedbackRepo::CountInWorkspace(core::Id workspace_id) {
  VOXLOOP_ASSIGN_OR_RETURN(
      auto row, db_.QueryOne("SELECT COUNT(*) FROM feedback WHERE workspace_id = ?", {workspace_id}));
  return row ? row->Int(0) : 0;
}

}  // namespace voxloop::store
