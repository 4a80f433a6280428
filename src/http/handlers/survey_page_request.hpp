// What a hosted survey page's URL says — which survey, a personal link, kiosk or QR origin,
// hidden field values — and the page context and HTML responses built from it. Shared by the
// page's GET and POST handlers (survey_page_handlers.cpp); pure functions over the request.
//
// The page keeps no cookie: the partial response is named by an unguessable session token
// (192 random bits) carried in the form's `_session` field, and the URL's own parameters
// (t, kiosk, src, hidden fields) are kept in the form's action. With no ambient credential a
// cross-site form post cannot act for a respondent, so there is no `_csrf` field.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "collect/page_render.hpp"
#include "collect/surveys.hpp"
#include "core/result.hpp"
#include "http/request_context.hpp"
#include "http/types.hpp"

namespace voxloop::http::handlers {

inline constexpr std::string_view kSurveyHoneypotField = "website";

struct SurveyPageRequest {
  core::Id survey_id = 0;
  std::string invitation_token;  // ?t=
  bool kiosk = false;            // ?kiosk=1
  bool from_qr = false;          // ?src=qr
  boost::json::object hidden;    // ?<hidden field name>=<value>, valid values only
  std::string channel;           // kiosk, qr, email (personal link) or link
  std::string page_url;          // "/s/{id}" plus the parameters above; no lang=
};

// The {survey} path parameter. kNotFound when it is not an id.
core::Result<core::Id> SurveyPathId(const RequestContext& context);

SurveyPageRequest ReadSurveyPageRequest(const RequestContext& context, core::Id survey_id,
                                        const collect::SurveyDefinition& definition);

// A fresh session token, and whether a form's `_session` looks like one (else a new one is
// started: a tampered or empty field never reaches the store).
std::string NewSurveySessionToken();
bool IsSurveySessionToken(std::string_view token);

// `partial_saves`: the session's partial response exists, so the page's script may save
// answers in progress to the public partial endpoint.
collect::PageContext SurveyPageContext(const SurveyPageRequest& request, std::string language,
                                       std::string session_token, bool partial_saves);

// Why a survey shows the unavailable page, with the status the page is sent with: 410 Gone
// when closed or ended (or full), 403 while paused or not started; nullopt when it is open.
struct SurveyUnavailability {
  collect::UnavailableReason reason;
  Status status;
};
std::optional<SurveyUnavailability> SurveyUnavailable(const collect::Survey& survey);

// An HTML page with the survey pages' headers: the collect CSP, no caching (the page holds
// the session token), no referrer. A render error becomes a problem response.
Response SurveyHtml(const RequestContext& context, Status status,
                    const core::Result<std::string>& html);

}  // namespace voxloop::http::handlers
