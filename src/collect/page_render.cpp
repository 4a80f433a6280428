#include "collect/page_render.hpp"

#include <boost/json.hpp>

#include "collect/answers.hpp"
#include "collect/language.hpp"
#include "collect/mustache_view.hpp"
#include "collect/question_view.hpp"
#include "collect/ui_text.hpp"

namespace voxloop::collect {
namespace {

std::string WithLanguage(std::string_view url, std::string_view language) {
  std::string result(url);
  result += url.find('?') == std::string_view::npos ? '?' : '&';
  result += "lang=";
  result += language;
  return result;
}

std::string Localized(const SurveyDefinition& definition, const LocalizedText& text,
                      std::string_view language) {
  return std::string(text.Get(language, definition.default_language));
}

// The layout around `content`: head, language switcher, kiosk attributes.
core::Result<std::string> RenderLayout(const SurveyDefinition& definition,
                                       const PageContext& context, std::string page_title,
                                       std::string content, std::string refresh = {}) {
  boost::json::array languages;
  for (const auto& tag : definition.languages) {
    languages.push_back({{"tag", tag},
                         {"name", LanguageNativeName(tag)},
                         {"href", WithLanguage(context.page_url, tag)},
                         {"current", tag == context.language}});
  }
  const boost::json::object view{
      {"lang", context.language},
      {"page_title", std::move(page_title)},
      {"asset_base", context.asset_base},
      {"kiosk", context.kiosk},
      {"kiosk_idle_seconds", std::max(30, context.kiosk_reset_seconds * 6)},
      {"home_url", WithLanguage(context.page_url, context.language)},
      {"refresh", std::move(refresh)},
      {"has_languages", definition.languages.size() > 1},
      {"languages", std::move(languages)},
      {"ui_language", UiText(context.language, "language")},
      {"content", std::move(content)}};
  return RenderMustache("page/layout.mustache", view);
}

boost::json::array ErrorList(const Question& question, const std::vector<core::FieldError>& errors,
                             std::string_view language) {
  boost::json::array list;
  for (const auto& error : errors) {
    list.push_back({{"target", "vx-q-" + question.id},
                    {"message", AnswerErrorMessage(question, error.code, language)}});
  }
  return list;
}

boost::json::object StepView(const SurveyDefinition& definition, const PageContext& context,
                             const AnswerSet& answers, const Question& question,
                             const std::vector<core::FieldError>& errors,
                             const std::vector<std::string>& submitted_values) {
  const std::string_view language = context.language;
  const core::FieldError* error = errors.empty() ? nullptr : &errors.front();
  const QuestionViewInput input{question, language, definition.default_language,
                                answers.answers.if_contains(question.id), &submitted_values, error};
  const StepProgress progress = ProgressOf(definition, answers, question.id);
  const bool is_first = !PreviousQuestion(definition, answers, question.id).has_value();
  const bool is_last = !NextQuestion(definition, answers, question.id).has_value();
  boost::json::object view{
      {"title", Localized(definition, definition.title, language)},
      {"description", is_first ? Localized(definition, definition.description, language) : ""},
      {"progress", definition.settings.show_progress},
      {"progress_text", UiTextFormat(language, "progress",
                                     {{"n", std::to_string(progress.number)},
                                      {"total", std::to_string(progress.total)}})},
      {"progress_value", progress.number - 1},
      {"progress_max", progress.total},
      {"has_errors", !errors.empty()},
      {"errors", ErrorList(question, errors, language)},
      {"error_summary", UiText(language, "error_summary")},
      {"action", context.form_action},
      {"partial_save_url", context.partial_save_url},
      {"session", context.session_token},
      {"csrf", context.csrf_token},
      {"step_id", question.id},
      {"lang", context.language},
      {"honeypot", context.honeypot_field},
      {"honeypot_label", UiText(language, "honeypot_label")},
      {"step_question", QuestionView(input)},
      {"next_label", UiText(language, is_last ? "submit" : "next")},
      {"has_back", !is_first},
      {"back_label", UiText(language, "back")}};
  return view;
}

}  // namespace

core::Result<std::string> RenderStepPage(const SurveyDefinition& definition,
                                         const PageContext& context, const AnswerSet& answers,
                                         std::string_view question_id,
                                         const std::vector<core::FieldError>& errors,
                                         const std::vector<std::string>& submitted_values) {
  const Question* question = definition.FindQuestion(question_id);
  if (question == nullptr) return core::Error::NotFound("The survey has no such question");
  auto view = StepView(definition, context, answers, *question, errors, submitted_values);
  // Rendered apart (a cached template) rather than as a partial, which kainjow re-parses.
  VOXLOOP_ASSIGN_OR_RETURN(std::string question_html,
                           RenderMustache("page/question.mustache", view["step_question"]));
  view["question_html"] = std::move(question_html);
  VOXLOOP_ASSIGN_OR_RETURN(std::string content, RenderMustache("page/step.mustache", view));
  std::string title = Localized(definition, definition.title, context.language);
  if (!errors.empty()) title = std::string(UiText(context.language, "error_summary")) + " – " + title;
  return RenderLayout(definition, context, std::move(title), std::move(content));
}

core::Result<std::string> RenderThankYouPage(const SurveyDefinition& definition,
                                             const PageContext& context,
                                             std::string_view thank_you_id) {
  const std::string_view language = context.language;
  const ThankYouScreen* screen = nullptr;
  for (const auto& candidate : definition.thank_you) {
    if (candidate.id == thank_you_id) screen = &candidate;
  }
  boost::json::object view{
      {"title", screen ? Localized(definition, screen->title, language)
                       : std::string(UiText(language, "thank_you_title"))},
      {"message", screen ? Localized(definition, screen->message, language)
                         : std::string(UiText(language, "thank_you_message"))},
      {"kiosk", context.kiosk},
      {"kiosk_notice", UiTextFormat(language, "kiosk_reset_notice",
                                    {{"seconds", std::to_string(context.kiosk_reset_seconds)}})},
      {"home_url", WithLanguage(context.page_url, language)},
      {"restart_label", UiText(language, "kiosk_restart")}};
  if (screen != nullptr && screen->link) {
    view["link"] = {{"url", screen->link->url},
                    {"label", Localized(definition, screen->link->label, language)}};
  }
  VOXLOOP_ASSIGN_OR_RETURN(std::string content, RenderMustache("page/thank_you.mustache", view));
  const std::string refresh =
      context.kiosk ? std::to_string(context.kiosk_reset_seconds) + ";url=" +
                          WithLanguage(context.page_url, language)
                    : std::string();
  return RenderLayout(definition, context, boost::json::value_to<std::string>(view["title"]),
                      std::move(content), refresh);
}

core::Result<std::string> RenderUnavailablePage(const SurveyDefinition& definition,
                                                const PageContext& context,
                                                UnavailableReason reason) {
  const std::string_view language = context.language;
  std::string heading(UiText(language, "closed_title"));
  std::string message(UiText(language, "closed_message"));
  if (reason == UnavailableReason::kNotStarted) {
    heading = Localized(definition, definition.title, language);
    message = UiText(language, "not_started_message");
  } else if (reason == UnavailableReason::kAlreadyAnswered) {
    heading = UiText(language, "already_answered_title");
    message = UiText(language, "already_answered_message");
  }
  const boost::json::object view{{"heading", heading}, {"message", message}};
  VOXLOOP_ASSIGN_OR_RETURN(std::string content, RenderMustache("page/unavailable.mustache", view));
  return RenderLayout(definition, context, heading, std::move(content));
}

}  // namespace voxloop::collect
