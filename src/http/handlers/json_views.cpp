#include "http/handlers/json_views.hpp"

#include "core/text.hpp"
#include "core/time.hpp"

namespace voxloop::http {
namespace {

boost::json::array StringArray(const std::vector<std::string>& values) {
  boost::json::array array;
  for (const auto& value : values) array.emplace_back(value);
  return array;
}

boost::json::value OptionalId(const std::optional<core::Id>& id) {
  if (!id) return nullptr;
  return boost::json::value(core::IdToString(*id));
}

}  // namespace

boost::json::value ParseJsonOrEmptyObject(std::string_view text) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error) return boost::json::object();
  return value;
}

std::string MaskEmail(std::string_view email) {
  const std::size_t at = email.find('@');
  if (email.empty() || at == std::string_view::npos || at == 0) return email.empty() ? "" : "***";
  return std::string(core::Utf8Prefix(email, 1)) + "***" + std::string(email.substr(at));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 4) return std::string(phone.size(), '*');
  const std::size_t keep_front = phone.front() == '+' ? 3 : 0;
  return std::string(phone.substr(0, keep_front)) +
         std::string(phone.size() - keep_front - 3, '*') + std::string(phone.substr(phone.size() - 3));
}

std::string MaskName(std::string_view name) {
  std::string masked;
  bool at_word_start = true;
  for (std::size_t pos = 0; pos < name.size();) {
    const std::string_view rest = name.substr(pos);
    const std::string_view first = core::Utf8Prefix(rest, 1);
    if (first == " ") {
      at_word_start = true;
    } else if (at_word_start) {
      if (!masked.empty()) masked += ' ';
      masked += std::string(first) + ".";
      at_word_start = false;
    }
    pos += first.empty() ? 1 : first.size();
  }
  return masked;
}

boost::json::object FeedbackView(const core::FeedbackItem& item, bool show_pii) {
  const core::FeedbackAnalysis& analysis = item.analysis;
  const bool has_pii = !analysis.pii_kinds.empty();
  boost::json::object view;
  view["id"] = core::IdToString(item.id);
  view["workspace_id"] = core::IdToString(item.workspace_id);
  view["channel"] = core::ChannelName(item.channel);
  view["text"] = show_pii || !has_pii ? item.text : analysis.redacted_text;
  view["text_redacted"] = !show_pii && has_pii;
  if (item.rating) {
    view["rating"] = *item.rating;
  } else {
    view["rating"] = nullptr;
  }
  view["customer_id"] = OptionalId(item.customer_id);
  view["external_id"] = item.external_id.empty() ? boost::json::value(nullptr)
                                                 : boost::json::value(item.external_id);
  view["received_at"] = core::FormatRfc3339(item.received_at);
  view["created_at"] = core::FormatRfc3339(item.created_at);
  view["metadata"] = ParseJsonOrEmptyObject(item.metadata_json);
  view["tags"] = StringArray(item.tags);
  view["survey_id"] = OptionalId(item.survey_id);
  view["response_id"] = OptionalId(item.response_id);
  boost::json::object sentiment;
  const std::string_view label = core::SentimentLabelName(analysis.sentiment);
  sentiment["label"] = label.empty() ? boost::json::value(nullptr) : boost::json::value(label);
  sentiment["score"] = analysis.sentiment_score;
  sentiment["source"] = analysis.sentiment_source;
  boost::json::object analysis_view;
  analysis_view["language"] = analysis.language;
  analysis_view["sentiment"] = std::move(sentiment);
  analysis_view["topics"] = StringArray(analysis.topics);
  analysis_view["topics_source"] = analysis.topics_manual ? "manual" : "auto";
  analysis_view["key_phrases"] = StringArray(analysis.key_phrases);
  analysis_view["pii"] = StringArray(analysis.pii_kinds);
  analysis_view["redacted_text"] = analysis.redacted_text;
  analysis_view["version"] = analysis.version;
  view["analysis"] = std::move(analysis_view);
  return view;
}

boost::json::object CustomerView(const core::Customer& customer, bool show_pii) {
  auto text_or_null = [](const std::string& text) {
    return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
  };
  boost::json::object view;
  view["id"] = core::IdToString(customer.id);
  view["external_id"] = text_or_null(customer.external_id);
  view["email"] = text_or_null(show_pii ? customer.email : MaskEmail(customer.email));
  view["phone"] = text_or_null(show_pii ? customer.phone : MaskPhone(customer.phone));
  view["name"] = text_or_null(show_pii ? customer.name : MaskName(customer.name));
  view["attributes"] = ParseJsonOrEmptyObject(customer.attributes_json);
  view["pii_masked"] = !show_pii;
  view["created_at"] = core::FormatRfc3339(customer.created_at);
  view["updated_at"] = core::FormatRfc3339(customer.updated_at);
  return view;
}

boost::json::object WorkspaceView(const core::Workspace& workspace) {
  return {{"id", core::IdToString(workspace.id)},
          {"name", workspace.name},
          {"timezone", workspace.timezone},
          {"default_language", workspace.default_language},
          {"settings", ParseJsonOrEmptyObject(workspace.settings_json)},
          {"created_at", core::FormatRfc3339(workspace.created_at)}};
}

boost::json::object UserView(const store::User& user) {
  return {{"id", core::IdToString(user.id)},
          {"email", user.email},
          {"name", user.name},
          {"locale", user.locale},
          {"created_at", core::FormatRfc3339(user.created_at)}};
}

boost::json::object MemberView(const store::Membership& member) {
  return {{"user_id", core::IdToString(member.user_id)},
          {"email", member.email},
          {"name", member.name},
          {"role", member.role},
          {"since", core::FormatRfc3339(member.created_at)}};
}

boost::json::object TokenView(const store::ApiToken& token) {
  boost::json::object view{{"id", core::IdToString(token.id)},
                           {"name", token.name},
                           {"role", token.role},
                           {"prefix", token.prefix},
                           {"created_at", core::FormatRfc3339(token.created_at)}};
  view["created_by"] = OptionalId(token.created_by);
  view["revoked_at"] = token.revoked_at ? boost::json::value(core::FormatRfc3339(*token.revoked_at))
                                        : boost::json::value(nullptr);
  return view;
}

boost::json::object AuditView(const store::AuditEntry& entry) {
  boost::json::object view{{"id", core::IdToString(entry.id)},
                           {"actor_type", entry.actor_type},
                           {"action", entry.action},
                           {"target_type", entry.target_type},
                           {"target_id", entry.target_id},
                           {"details", ParseJsonOrEmptyObject(entry.details_json)},
                           {"ip", entry.ip},
                           {"at", core::FormatRfc3339(entry.created_at)}};
  view["actor_id"] = OptionalId(entry.actor_id);
  return view;
}

boost::json::object RoleView(auth::Role role) {
  boost::json::array permissions;
  for (const auth::Permission permission : auth::AllPermissions()) {
    if (auth::RoleAllows(role, permission)) permissions.emplace_back(auth::PermissionName(permission));
  }
  return {{"role", auth::RoleName(role)}, {"permissions", std::move(permissions)}};
}

boost::json::object NotificationView(const store::NotificationRow& row) {
  return {{"id", core::IdToString(row.id)},
          {"kind", row.kind},
          {"title", row.title},
          {"body", row.body},
          {"link", row.link},
          {"created_at", core::FormatRfc3339(row.created_at)},
          {"read_at", row.read_at ? boost::json::value(core::FormatRfc3339(*row.read_at)) : boost::json::value(nullptr)}};
}

}  // namespace voxloop::http
