// The life of a survey: draft -> active <-> paused -> closed (and draft/active/paused ->
// closed). Only an active survey inside its dates and under its response limit takes
// responses. Editing a draft changes it in place; editing an active or paused survey makes
// a new version (responses keep the version they answered). The store owns the status and
// version columns and calls these rules. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "collect/survey_definition.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace voxloop::collect {

enum class SurveyStatus { kDraft, kActive, kPaused, kClosed };

std::string_view SurveyStatusName(SurveyStatus status);  // "draft", "active", …
std::optional<SurveyStatus> ParseSurveyStatus(std::string_view name);

// Errors: kConflict naming both states when the move is not allowed (e.g. closed -> active).
core::Status CheckTransition(SurveyStatus from, SurveyStatus to);

// True when an edit of a survey in `status` must create a new version.
bool EditCreatesVersion(SurveyStatus status);

// Whether a new response is taken now. Errors: kConflict with a message for the respondent's
// page: not active, not started yet, ended, or the response limit reached.
core::Status CheckAcceptsResponses(SurveyStatus status, const SurveySettings& settings,
                                   core::TimeMs now, std::int64_t responses_so_far);

}  // namespace voxloop::collect
