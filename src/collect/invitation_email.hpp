// The content of survey invitation e-mails (sending is src/mail/'s job): subject, HTML and
// plain-text bodies in the customer's language. When the first question is a score (NPS,
// CSAT, CES, rating) or yes/no, the mail carries it: one link per answer to
//   {survey_url}?t={token}&q={question id}&v={value}&lang={language}
// which records the answer and opens the survey at the next question (see step_flow.hpp).
// Otherwise one "Start the survey" button. Every mail has an unsubscribe link. The HTML uses
// inline styles and tables (mail clients ignore style sheets) and escapes every text.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "collect/survey_definition.hpp"
#include "core/result.hpp"

namespace voxloop::collect {

struct InvitationParams {
  std::string language;         // one of the survey's languages (see ResolveLanguage)
  std::string survey_url;       // absolute URL of the hosted page, "https://host/s/123"
  std::string token;            // the invitation's token
  std::string unsubscribe_url;  // absolute
  std::string customer_name;    // may be empty
  std::string sender_name;      // the business, e.g. "Phở Thìn"
  bool reminder = false;        // the reminder to non-responders
};

struct InvitationContent {
  std::string subject;
  std::string html;
  std::string text;
};

// The link that answers `question_id` with `value` in one click.
std::string InvitationAnswerUrl(const InvitationParams& params, std::string_view question_id,
                                std::string_view value);
// The link that opens the survey.
std::string InvitationStartUrl(const InvitationParams& params);

// Errors: kInvalidArgument when survey_url or unsubscribe_url is not an absolute http(s) URL;
// kInternal for a broken template.
core::Result<InvitationContent> RenderInvitation(const SurveyDefinition& definition,
                                                 const InvitationParams& params);

}  // namespace voxloop::collect
