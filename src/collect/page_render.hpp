// The hosted survey page (/s/{survey}): HTML rendered on the server from embedded mustache
// templates, one question per step, that works without JavaScript (each step is a form POST;
// see step_flow.hpp) and is mobile-first and accessible: lang attribute, a label or legend
// for every input, fieldsets for groups, an error summary with links, visible focus, WCAG AA
// colours, a language switcher. With JavaScript (assets/static/survey.js) steps change
// without reloading and answers are saved as the respondent goes. No inline script, style or
// event handler, so the page runs under `default-src 'self'` (see kContentSecurityPolicy).
// Kiosk mode: bigger touch targets; the thank-you page returns to the first question after
// a few seconds (meta refresh, no script needed).
//
// Every text from the survey or respondent is HTML-escaped. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "collect/survey_definition.hpp"
#include "collect/survey_logic.hpp"
#include "core/error.hpp"
#include "core/result.hpp"

namespace voxloop::collect {

// The Content-Security-Policy the HTTP layer should send with these pages.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

struct PageContext {
  std::string language;        // from ResolveLanguage; one of the survey's languages
  std::string form_action;     // where the step form posts, e.g. "/s/123"
  std::string page_url;        // this page without lang=, e.g. "/s/123?t=abc"; the language
                               // links and the kiosk restart add lang=
  std::string asset_base = "/assets/collect/";  // serves FindPublicAsset's files
  std::string session_token;   // opaque id of the partial response
  std::string csrf_token;      // optional
  std::string honeypot_field = "website";  // name of the invisible field bots fill in
  std::string partial_save_url;  // JSON endpoint for answers in progress; "" = none
  bool kiosk = false;
  int kiosk_reset_seconds = 8;
};

// One step: the question `question_id` with the answers so far (to pre-fill it and decide on
// the Back button), the field errors of the last submission and the values it sent.
// Errors: kNotFound when the survey has no such question; kInternal for a broken template.
core::Result<std::string> RenderStepPage(const SurveyDefinition& definition,
                                         const PageContext& context, const AnswerSet& answers,
                                         std::string_view question_id,
                                         const std::vector<core::FieldError>& errors = {},
                                         const std::vector<std::string>& submitted_values = {});

// The closing page: the screen `thank_you_id` (from StepOutcome or SelectThankYou), or the
// built-in one when empty or unknown.
core::Result<std::string> RenderThankYouPage(const SurveyDefinition& definition,
                                             const PageContext& context,
                                             std::string_view thank_you_id);

enum class UnavailableReason { kClosed, kNotStarted, kAlreadyAnswered };

// What a respondent sees when the survey does not take their response.
core::Result<std::string> RenderUnavailablePage(const SurveyDefinition& definition,
                                                const PageContext& context,
                                                UnavailableReason reason);

}  // namespace voxloop::collect
