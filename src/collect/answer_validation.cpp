// NormalizeAnswer and AnswerFromForm: one answer at a time, per question type.
#include <algorithm>
#include <cctype>

#include "collect/answers.hpp"
#include "collect/json_fields.hpp"
#include "core/text.hpp"

namespace voxloop::collect {
namespace {

core::Error AnswerError(const Question& question, std::string code, std::string message) {
  return core::Error::Field(AnswerField(question.id), std::move(code), std::move(message));
}

std::string_view Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n\v\f");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n\v\f") - begin + 1);
}

// Drops control characters (keeping newlines in long texts, as "\n"), so that stored text
// cannot carry terminal escapes or NULs.
std::string CleanText(std::string_view text, bool keep_newlines) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == '\r') {
      if (pos + 1 < text.size() && text[pos + 1] == '\n') continue;
      clean += keep_newlines ? '\n' : ' ';
    } else if (c == '\n') {
      clean += keep_newlines ? '\n' : ' ';
    } else if (c == '\t') {
      clean += ' ';
    } else if (c >= 0x20 && c != 0x7F) {
      clean += static_cast<char>(c);
    }
  }
  return std::string(Trim(clean));
}

bool IsPlausibleEmail(std::string_view text) {
  const auto at = text.find('@');
  if (text.size() > 254 || at == std::string_view::npos || at == 0 ||
      text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = text.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos &&
         std::none_of(text.begin(), text.end(), [](char c) {
           return std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>' || c == ',';
         });
}

bool IsPlausiblePhone(std::string_view text) {
  int digits = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || (c == '+' && pos == 0))) {
      return false;
    }
  }
  return digits >= 6 && digits <= 15;  // E.164 numbers have at most 15 digits
}

core::Result<boost::json::value> NormalizeScore(const Question& question,
                                                const boost::json::value& raw) {
  std::optional<std::int64_t> score = JsonInteger(raw);
  if (!score && raw.is_string()) {
    const std::string_view text = Trim(raw.get_string());
    if (!text.empty() && text.size() <= 3 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      score = std::stoll(std::string(text));
    }
  }
  if (!score) return AnswerError(question, "type", "Expected a whole number");
  if (*score < question.ScaleMin() || *score > question.ScaleMax()) {
    return AnswerError(question, "out_of_range",
                       "Must be between " + std::to_string(question.ScaleMin()) + " and " +
                           std::to_string(question.ScaleMax()));
  }
  return boost::json::value(*score);
}

core::Result<boost::json::value> NormalizeBoolean(const Question& question,
                                                  const boost::json::value& raw) {
  if (raw.is_bool()) return raw;
  if (raw.is_string()) {
    const std::string_view text = Trim(raw.get_string());
    if (text == "yes" || text == "true" || text == "1" || text == "on") return true;
    if (text == "no" || text == "false" || text == "0") return false;
  }
  return AnswerError(question, "type", "Expected true or false");
}

core::Result<boost::json::value> NormalizeChoices(const Question& question,
                                                  const boost::json::value& raw) {
  boost::json::array given;
  if (raw.is_string()) {
    given.push_back(raw);
  } else if (raw.is_array() && raw.get_array().size() <= kMaxOptions) {
    given = raw.get_array();
  } else {
    return AnswerError(question, "type", "Expected a list of option ids");
  }
  for (const auto& item : given) {
    if (!item.is_string() || question.FindOption(item.get_string()) == nullptr) {
      return AnswerError(question, "unknown_option", "Not an option of this question");
    }
  }
  boost::json::array chosen;  // in definition order, without repeats
  for (const auto& option : question.options) {
    if (std::find(given.begin(), given.end(), boost::json::value(option.id)) != given.end()) {
      chosen.emplace_back(option.id);
    }
  }
  if (chosen.empty()) return boost::json::value();
  const int count = static_cast<int>(chosen.size());
  if (question.min_choices > 0 && count < question.min_choices) {
    return AnswerError(question, "too_few",
                       "Choose at least " + std::to_string(question.min_choices));
  }
  if (question.max_choices > 0 && count > question.max_choices) {
    return AnswerError(question, "too_many",
                       "Choose at most " + std::to_string(question.max_choices));
  }
  return boost::json::value(std::move(chosen));
}

core::Result<boost::json::value> NormalizeText(const Question& question,
                                               const boost::json::value& raw) {
  if (!raw.is_string()) return AnswerError(question, "type", "Expected text");
  const std::string_view given = raw.get_string();
  if (!core::IsValidUtf8(given)) return AnswerError(question, "type", "The text is not UTF-8");
  std::string text = CleanText(given, question.type == QuestionType::kLongText);
  if (text.empty()) return boost::json::value();
  if (core::Utf8Length(text) > static_cast<std::size_t>(question.MaxTextLength())) {
    return AnswerError(question, "too_long",
                       "At most " + std::to_string(question.MaxTextLength()) + " characters");
  }
  if (question.format == TextFormat::kEmail && !IsPlausibleEmail(text)) {
    return AnswerError(question, "invalid_email", "Not an e-mail address");
  }
  if (question.format == TextFormat::kPhone && !IsPlausiblePhone(text)) {
    return AnswerError(question, "invalid_phone", "Not a phone number");
  }
  return boost::json::value(std::move(text));
}

}  // namespace

std::string AnswerField(std::string_view question_id) {
  return "answers." + std::string(question_id);
}

core::Result<boost::json::value> NormalizeAnswer(const Question& question,
                                                 const boost::json::value& raw) {
  if (raw.is_null()) return boost::json::value();
  if (raw.is_string() && Trim(raw.get_string()).empty()) return boost::json::value();
  switch (question.type) {
    case QuestionType::kNps:
    case QuestionType::kCsat:
    case QuestionType::kCes:
    case QuestionType::kRating:
      return NormalizeScore(question, raw);
    case QuestionType::kSingleChoice:
      if (!raw.is_string()) return AnswerError(question, "type", "Expected an option id");
      if (question.FindOption(raw.get_string()) == nullptr) {
        return AnswerError(question, "unknown_option", "Not an option of this question");
      }
      return raw;
    case QuestionType::kMultipleChoice:
      return NormalizeChoices(question, raw);
    case QuestionType::kShortText:
    case QuestionType::kLongText:
      return NormalizeText(question, raw);
    case QuestionType::kYesNo:
    case QuestionType::kConsent:
      return NormalizeBoolean(question, raw);
  }
  return AnswerError(question, "type", "Unsupported question type");
}

core::Result<boost::json::value> AnswerFromForm(const Question& question,
                                                const std::vector<std::string>& values) {
  if (question.type == QuestionType::kMultipleChoice) {
    boost::json::array chosen;
    for (const auto& value : values) {
      if (!value.empty()) chosen.emplace_back(value);
    }
    return NormalizeAnswer(question, chosen);
  }
  if (question.type == QuestionType::kConsent && values.empty()) return boost::json::value(false);
  if (values.empty()) return boost::json::value();
  if (values.size() > 1) return AnswerError(question, "type", "Expected one value");
  return NormalizeAnswer(question, boost::json::value(values.front()));
}

}  // namespace voxloop::collect
