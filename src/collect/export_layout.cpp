// ExportLayout: the columns of a response export and the cells of one response.
#include <algorithm>
#include <set>

#include "collect/response_export.hpp"
#include "collect/json_fields.hpp"
#include "collect/ui_text.hpp"

namespace voxloop::collect {
namespace {

std::string ChoiceLabels(const Question& question, const boost::json::value& answer,
                         std::string_view language) {
  std::string text;
  const auto add = [&](const boost::json::value& item) {
    if (!item.is_string()) return;
    if (!text.empty()) text += "; ";
    const ChoiceOption* option = question.FindOption(item.get_string());
    text += option ? std::string(option->label.Get(language, language)) : std::string(item.get_string());
  };
  if (answer.is_array()) {
    for (const auto& item : answer.get_array()) add(item);
  } else {
    add(answer);
  }
  return text;
}

ExportCell AnswerCell(const Question& question, const boost::json::value* answer,
                      std::string_view language) {
  if (answer == nullptr || answer->is_null()) return std::monostate{};
  switch (question.type) {
    case QuestionType::kNps:
    case QuestionType::kCsat:
    case QuestionType::kCes:
    case QuestionType::kRating:
      if (answer->is_number()) return answer->to_number<double>();
      break;
    case QuestionType::kSingleChoice:
    case QuestionType::kMultipleChoice:
      return ChoiceLabels(question, *answer, language);
    case QuestionType::kYesNo:
    case QuestionType::kConsent:
      if (answer->is_bool()) return std::string(UiText(language, answer->get_bool() ? "yes" : "no"));
      break;
    default:
      break;
  }
  if (answer->is_string()) return std::string(answer->get_string());
  return boost::json::serialize(*answer);
}

}  // namespace

ExportLayout::ExportLayout(const std::vector<const SurveyDefinition*>& versions) {
  std::vector<const SurveyDefinition*> present;
  for (const auto* definition : versions) {
    if (definition != nullptr) present.push_back(definition);
  }
  language_ = present.empty() ? "en" : present.front()->default_language;
  for (const char* key : {"export_response_id", "export_submitted_at", "export_status",
                          "export_language", "export_version", "export_customer"}) {
    headers_.emplace_back(UiText(language_, key));
  }
  std::set<std::string, std::less<>> seen_questions;
  std::set<std::string, std::less<>> seen_headers(headers_.begin(), headers_.end());
  for (const auto* definition : present) {
    for (const auto& question : definition->questions) {
      if (!seen_questions.insert(question.id).second) continue;
      questions_.push_back({&question});
      std::string header(question.text.Get(language_, definition->default_language));
      if (!seen_headers.insert(header).second) header += " (" + question.id + ")";
      headers_.push_back(std::move(header));
    }
    for (const auto& name : definition->hidden_fields) {
      if (std::find(hidden_fields_.begin(), hidden_fields_.end(), name) == hidden_fields_.end()) {
        hidden_fields_.push_back(name);
      }
    }
  }
  for (const auto& name : hidden_fields_) headers_.push_back(name);
}

std::vector<ExportCell> ExportLayout::Cells(const ExportResponse& response) const {
  std::vector<ExportCell> cells;
  cells.reserve(headers_.size());
  cells.emplace_back(response.id);
  cells.emplace_back(response.submitted_at);
  cells.emplace_back(std::string(response.completed ? "completed" : "partial"));
  cells.emplace_back(response.language);
  cells.emplace_back(static_cast<double>(response.version));
  cells.emplace_back(response.customer);
  for (const auto& column : questions_) {
    cells.push_back(AnswerCell(*column.question, response.answers.if_contains(column.question->id),
                               language_));
  }
  for (const auto& name : hidden_fields_) {
    const auto* value = response.hidden.if_contains(name);
    if (value != nullptr && value->is_string()) {
      cells.emplace_back(std::string(value->get_string()));
    } else {
      cells.emplace_back(std::monostate{});
    }
  }
  return cells;
}

std::string NeutralizeFormula(std::string text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    text.insert(text.begin(), '\'');
  }
  return text;
}

}  // namespace voxloop::collect
