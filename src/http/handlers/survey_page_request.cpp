#include "http/handlers/survey_page_request.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "auth/secrets.hpp"
#include "collect/survey_lifecycle.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "http/response.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::size_t kSessionBytes = 24;  // 32 URL-safe characters
constexpr std::size_t kMaxHiddenValueChars = 500;
constexpr std::size_t kMaxTokenChars = 100;

void AddParameter(std::string& url, std::string_view name, std::string_view value) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += boost::urls::encode(name, boost::urls::unreserved_chars);
  url += '=';
  url += boost::urls::encode(value, boost::urls::unreserved_chars);
}

}  // namespace

core::Result<core::Id> SurveyPathId(const RequestContext& context) {
  const auto id = core::ParseId(context.Param("survey"));
  if (!id) return core::Error::NotFound("No such survey");
  return *id;
}

SurveyPageRequest ReadSurveyPageRequest(const RequestContext& context, core::Id survey_id,
                                        const collect::SurveyDefinition& definition) {
  SurveyPageRequest request;
  request.survey_id = survey_id;
  request.page_url = "/s/" + core::IdToString(survey_id);
  if (const auto token = context.Query("t"); !token.empty() && token.size() <= kMaxTokenChars) {
    request.invitation_token = std::string(token);
    AddParameter(request.page_url, "t", token);
  }
  request.kiosk = context.Query("kiosk") == "1";
  if (request.kiosk) AddParameter(request.page_url, "kiosk", "1");
  request.from_qr = context.Query("src") == "qr";
  if (request.from_qr) AddParameter(request.page_url, "src", "qr");
  for (const std::string& name : definition.hidden_fields) {
    const auto value = context.Query(name);
    if (value.empty() || !core::IsValidUtf8(value) ||
        core::Utf8Length(value) > kMaxHiddenValueChars) {
      continue;
    }
    request.hidden[name] = std::string(value);
    AddParameter(request.page_url, name, value);
  }
  request.channel = request.kiosk                       ? "kiosk"
                    : request.from_qr                   ? "qr"
                    : !request.invitation_token.empty() ? "email"
                                                        : "link";
  return request;
}

std::string NewSurveySessionToken() { return auth::RandomUrlSafe(kSessionBytes); }

bool IsSurveySessionToken(std::string_view token) {
  if (token.size() < 22 || token.size() > 64) return false;
  for (const char c : token) {
    const bool url_safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!url_safe) return false;
  }
  return true;
}

collect::PageContext SurveyPageContext(const SurveyPageRequest& request, std::string language,
                                       std::string session_token, bool partial_saves) {
  collect::PageContext page;
  page.language = std::move(language);
  page.form_action = request.page_url;
  page.page_url = request.page_url;
  page.session_token = std::move(session_token);
  page.honeypot_field = std::string(kSurveyHoneypotField);
  if (partial_saves) {
    page.partial_save_url = "/api/v1/public/surveys/" + core::IdToString(request.survey_id) + "/partial";
  }
  page.kiosk = request.kiosk;
  return page;
}

std::optional<SurveyUnavailability> SurveyUnavailable(const collect::Survey& survey) {
  const collect::SurveySettings& settings = survey.definition->settings;
  const core::TimeMs now = core::NowMs();
  if (collect::CheckAcceptsResponses(survey.status(), settings, now, survey.row.response_count)) {
    return std::nullopt;
  }
  using collect::UnavailableReason;
  if (survey.status() == collect::SurveyStatus::kPaused) {
    return SurveyUnavailability{UnavailableReason::kClosed, Status::forbidden};
  }
  if (survey.status() == collect::SurveyStatus::kActive && settings.starts_at &&
      now < *settings.starts_at) {
    return SurveyUnavailability{UnavailableReason::kNotStarted, Status::forbidden};
  }
  return SurveyUnavailability{UnavailableReason::kClosed, Status::gone};
}

Response SurveyHtml(const RequestContext& context, Status status,
                    const core::Result<std::string>& html) {
  if (!html) return ErrorResponse(context, html.error());
  Response response = TextResponse(context, status, "text/html; charset=utf-8", *html);
  response.set("Content-Security-Policy", std::string(collect::kContentSecurityPolicy));
  response.set(beast_http::field::cache_control, "no-store");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Robots-Tag", "noindex, nofollow");
  return response;
}

}  // namespace voxloop::http::handlers
