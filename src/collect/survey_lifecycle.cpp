#include "collect/survey_lifecycle.hpp"

#include <string>

namespace voxloop::collect {

std::string_view SurveyStatusName(SurveyStatus status) {
  switch (status) {
    case SurveyStatus::kDraft: return "draft";
    case SurveyStatus::kActive: return "active";
    case SurveyStatus::kPaused: return "paused";
    case SurveyStatus::kClosed: return "closed";
  }
  return "draft";
}

std::optional<SurveyStatus> ParseSurveyStatus(std::string_view name) {
  for (auto status : {SurveyStatus::kDraft, SurveyStatus::kActive, SurveyStatus::kPaused,
                      SurveyStatus::kClosed}) {
    if (SurveyStatusName(status) == name) return status;
  }
  return std::nullopt;
}

core::Status CheckTransition(SurveyStatus from, SurveyStatus to) {
  bool allowed = false;
  switch (from) {
    case SurveyStatus::kDraft: allowed = to == SurveyStatus::kActive || to == SurveyStatus::kClosed; break;
    case SurveyStatus::kActive: allowed = to == SurveyStatus::kPaused || to == SurveyStatus::kClosed; break;
    case SurveyStatus::kPaused: allowed = to == SurveyStatus::kActive || to == SurveyStatus::kClosed; break;
    case SurveyStatus::kClosed: allowed = false; break;
  }
  if (allowed) return core::Ok();
  return core::Error::Conflict("A " + std::string(SurveyStatusName(from)) + " survey cannot become " +
                               std::string(SurveyStatusName(to)));
}

bool EditCreatesVersion(SurveyStatus status) { return status != SurveyStatus::kDraft; }

core::Status CheckAcceptsResponses(SurveyStatus status, const SurveySettings& settings,
                                   core::TimeMs now, std::int64_t responses_so_far) {
  if (status != SurveyStatus::kActive) {
    return core::Error::Conflict("The survey is " + std::string(SurveyStatusName(status)));
  }
  if (settings.starts_at && now < *settings.starts_at) {
    return core::Error::Conflict("The survey has not started yet");
  }
  if (settings.ends_at && now >= *settings.ends_at) return core::Error::Conflict("The survey has ended");
  if (settings.response_limit && responses_so_far >= *settings.response_limit) {
    return core::Error::Conflict("The survey has all the responses it asked for");
  }
  return core::Ok();
}

}  // namespace voxloop::collect
