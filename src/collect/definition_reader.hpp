// Readers for the parts of a survey definition's JSON (texts, conditions, questions,
// thank-you screens), shared by survey_json_read.cpp. They check only the JSON shape and the
// types of values; the rules (ranges, references, languages) are checked afterwards on the
// typed result by ValidateSurveyDefinition. Each reports problems into `errors` with paths
// and returns what it could read. Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/json_fields.hpp"
#include "collect/survey_definition.hpp"

namespace voxloop::collect {

struct DefinitionReadContext {
  std::vector<core::FieldError>& errors;
  std::string default_language;  // a plain string where a localized text is due means this
};

// {"en": "…", "vi": "…"} or a plain string (the default language's text). Language keys are
// canonicalised; blank texts are dropped.
LocalizedText ReadLocalizedText(const boost::json::value& json, const std::string& path,
                                DefinitionReadContext& context);
// The member `key` of `fields` as a localized text; empty when absent.
LocalizedText ReadLocalizedMember(JsonFields& fields, std::string_view key, bool required,
                                  DefinitionReadContext& context);

std::optional<Question> ReadQuestion(const boost::json::value& json, const std::string& path,
                                     DefinitionReadContext& context);

std::optional<ThankYouScreen> ReadThankYouScreen(const boost::json::value& json,
                                                 const std::string& path,
                                                 DefinitionReadContext& context);

}  // namespace voxloop::collect
