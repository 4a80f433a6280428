// The JSON forms of a survey definition (documented in docs/surveys.md):
//   - the full definition, as the API accepts and returns it and the store keeps it;
//   - the public view for respondents' browsers (widget, hosted page script): texts resolved
//     to one language, no internal name, settings or invitation texts.
// Parsing accepts any JSON and returns either a valid definition or an Error with one
// FieldError per problem (paths like "questions[2].options"), never a crash; missing ids are
// generated ("q1", "o1", "t1": the first free one). Pure functions; thread-safe.
//
//   auto definition = ParseSurveyDefinitionText(body);
//   if (!definition) return definition.error();   // 400 problem+json with field errors
//   store.Save(SurveyDefinitionToJson(*definition));
#pragma once

#include <boost/json.hpp>

#include <string_view>
#include <vector>

#include "collect/survey_definition.hpp"
#include "core/result.hpp"

namespace voxloop::collect {

// Top-level keys an API envelope may carry next to the definition; read and ignored, so a
// client may send back what it got.
inline constexpr std::string_view kEnvelopeKeys[] = {
    "id", "workspace_id", "status", "version", "created_at", "updated_at", "published_at"};

// Reads and validates a definition. Errors: kInvalidArgument with field errors.
core::Result<SurveyDefinition> ParseSurveyDefinition(const boost::json::value& json);
// The same from JSON text; malformed JSON or UTF-8 is an error naming the offset.
core::Result<SurveyDefinition> ParseSurveyDefinitionText(std::string_view json_text);

// Every rule a definition must keep (ids, texts in the default language, ranges, logic
// references and forward-only jumps, …), one FieldError per broken rule. Empty when valid.
// ParseSurveyDefinition runs it; call it too on definitions built in code.
std::vector<core::FieldError> ValidateSurveyDefinition(const SurveyDefinition& definition);

// Texts not given in every language of the survey (code "missing_translation"): not errors —
// respondents then see the default language — but worth showing in an editor.
std::vector<core::FieldError> MissingTranslations(const SurveyDefinition& definition);

// The full JSON form; ParseSurveyDefinition(SurveyDefinitionToJson(d)) == d for valid `d`.
boost::json::object SurveyDefinitionToJson(const SurveyDefinition& definition);

// What a respondent's browser needs to show the survey in `language` (which should be one of
// the survey's; texts fall back to the default language):
//   {"id", "language", "languages": [{"tag","name"}], "title", "description", "questions":
//    [{"id","type","text","help","required","show_if","jumps", per-type fields}],
//    "hidden_fields", "thank_you": [{"id","when","title","message","link"}], "ui": {…}}
// `survey_id` is the store's id as a decimal string.
boost::json::object PublicSurveyJson(const SurveyDefinition& definition,
                                     std::string_view survey_id, std::string_view language);

}  // namespace voxloop::collect
