#include "collect/invitation_email.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "collect/mustache_view.hpp"
#include "collect/survey_logic.hpp"
#include "collect/ui_text.hpp"

namespace voxloop::collect {
namespace {

std::string Encode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

bool IsWebUrl(std::string_view text) {
  const auto url = boost::urls::parse_absolute_uri(text);
  return url && (url->scheme() == "https" || url->scheme() == "http") && !url->encoded_host().empty();
}

std::string Localized(const SurveyDefinition& definition, const LocalizedText& text,
                      std::string_view language) {
  return std::string(text.Get(language, definition.default_language));
}

// The one-click answers of the first question, or an empty list when it has none.
boost::json::array OneClickAnswers(const Question& question, const InvitationParams& params) {
  boost::json::array answers;
  if (IsScoreType(question.type)) {
    for (int score = question.ScaleMin(); score <= question.ScaleMax(); ++score) {
      const std::string value = std::to_string(score);
      answers.push_back({{"label", value}, {"url", InvitationAnswerUrl(params, question.id, value)}});
    }
  } else if (question.type == QuestionType::kYesNo) {
    for (const char* value : {"yes", "no"}) {
      answers.push_back({{"label", UiText(params.language, value)},
                         {"url", InvitationAnswerUrl(params, question.id, value)}});
    }
  }
  return answers;
}

boost::json::object MailView(const SurveyDefinition& definition, const InvitationParams& params) {
  const std::string_view language = params.language;
  const std::string sender = params.sender_name;
  std::string intro = params.reminder ? UiTextFormat(language, "email_reminder_intro", {{"sender", sender}})
                                      : Localized(definition, definition.invitation.intro, language);
  if (intro.empty()) intro = UiTextFormat(language, "email_intro", {{"sender", sender}});
  boost::json::object view{
      {"lang", params.language},
      {"greeting", params.customer_name.empty()
                       ? std::string(UiText(language, "email_greeting"))
                       : UiTextFormat(language, "email_greeting_named", {{"name", params.customer_name}})},
      {"intro", intro},
      {"title", Localized(definition, definition.title, language)},
      {"start_url", InvitationStartUrl(params)},
      {"start_label", UiText(language, "email_start")},
      {"unsubscribe_url", params.unsubscribe_url},
      {"unsubscribe_label", UiText(language, "email_unsubscribe")},
      {"footer", UiTextFormat(language, "email_footer", {{"sender", sender}})}};
  if (const auto first = FirstQuestion(definition, {})) {
    const Question& question = *definition.FindQuestion(*first);
    boost::json::array answers = OneClickAnswers(question, params);
    if (!answers.empty()) {
      view["question"] = Localized(definition, question.text, language);
      view["hint"] = UiText(language, "email_click_hint");
      view["answers"] = std::move(answers);
      view["cell_width"] = std::to_string(100 / std::max<std::size_t>(1, view["answers"].as_array().size())) + "%";
    }
  }
  return view;
}

std::string Subject(const SurveyDefinition& definition, const InvitationParams& params) {
  const LocalizedText& custom =
      params.reminder ? definition.invitation.reminder_subject : definition.invitation.subject;
  std::string subject = Localized(definition, custom, params.language);
  if (subject.empty()) {
    subject = UiText(params.language, params.reminder ? "email_reminder_subject" : "email_subject");
  }
  return subject;
}

}  // namespace

std::string InvitationAnswerUrl(const InvitationParams& params, std::string_view question_id,
                                std::string_view value) {
  return InvitationStartUrl(params) + "&q=" + Encode(question_id) + "&v=" + Encode(value);
}

std::string InvitationStartUrl(const InvitationParams& params) {
  std::string url = params.survey_url;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "t=" + Encode(params.token) + "&lang=" + Encode(params.language);
  return url;
}

core::Result<InvitationContent> RenderInvitation(const SurveyDefinition& definition,
                                                 const InvitationParams& params) {
  if (!IsWebUrl(params.survey_url)) {
    return core::Error::Field("survey_url", "invalid", "Give an absolute http(s) URL");
  }
  if (!IsWebUrl(params.unsubscribe_url)) {
    return core::Error::Field("unsubscribe_url", "invalid", "Give an absolute http(s) URL");
  }
  const boost::json::object view = MailView(definition, params);
  InvitationContent content;
  content.subject = Subject(definition, params);
  VOXLOOP_ASSIGN_OR_RETURN(content.html, RenderMustache("mail/invitation.html.mustache", view));
  VOXLOOP_ASSIGN_OR_RETURN(content.text, RenderMustacheText("mail/invitation.txt.mustache", view));
  return content;
}

}  // namespace voxloop::collect
