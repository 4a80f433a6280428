// Ready-made surveys to start from, in English, Vietnamese and Chinese:
//   nps      NPS relationship survey (reason, improvement for non-promoters, consent for
//            detractors; promoter and detractor thank-you screens)
//   csat     post-purchase CSAT (what they liked or what went wrong; order_id hidden field)
//   ces      support CES (resolved?, what was hard; ticket_id and agent hidden fields)
//   product  product feedback (star rating, usage, priorities, ideas, early-access sign-up)
// The definitions are embedded JSON (assets/templates/) read by the same parser as any other.
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "collect/survey_definition.hpp"
#include "core/result.hpp"

namespace voxloop::collect {

std::vector<std::string_view> SurveyTemplateIds();

// A new definition from template `template_id`, named `name` (the template's own name when
// empty), with `default_language` as its default when given (one of en, vi, zh).
// Errors: kInvalidArgument naming "template" or "default_language".
core::Result<SurveyDefinition> SurveyFromTemplate(std::string_view template_id,
                                                  std::string_view name,
                                                  std::string_view default_language = {});

}  // namespace voxloop::collect
