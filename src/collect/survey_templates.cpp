#include "collect/survey_templates.hpp"

#include <algorithm>

#include "collect/assets.hpp"
#include "collect/json_fields.hpp"
#include "collect/language.hpp"
#include "collect/survey_json.hpp"

namespace voxloop::collect {

std::vector<std::string_view> SurveyTemplateIds() { return {"nps", "csat", "ces", "product"}; }

core::Result<SurveyDefinition> SurveyFromTemplate(std::string_view template_id,
                                                  std::string_view name,
                                                  std::string_view default_language) {
  const auto ids = SurveyTemplateIds();
  if (std::find(ids.begin(), ids.end(), template_id) == ids.end()) {
    return core::Error::Field("template", "unknown",
                              "Unknown template; use nps, csat, ces or product");
  }
  const auto text = assets::EmbeddedFile("templates/" + std::string(template_id) + ".json");
  if (!text) return core::Error::Internal("survey template missing from the binary");
  auto definition = ParseSurveyDefinitionText(*text);
  if (!definition) {
    return core::Error::Internal("survey template does not parse: " + definition.error().message);
  }
  if (!name.empty()) definition->name = std::string(name);
  if (!default_language.empty()) {
    const auto language = CanonicalLanguageTag(default_language);
    auto& languages = definition->languages;
    const auto position =
        language ? std::find(languages.begin(), languages.end(), *language) : languages.end();
    if (position == languages.end()) {
      return core::Error::Field("default_language", "invalid",
                                "The template is available in en, vi and zh");
    }
    std::rotate(languages.begin(), position, position + 1);
    definition->default_language = *language;
  }
  auto errors = ValidateSurveyDefinition(*definition);
  if (!errors.empty()) return core::Error::InvalidArgument("Invalid survey", std::move(errors));
  return definition;
}

}  // namespace voxloop::collect
