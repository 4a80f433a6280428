#include "collect/definition_reader.hpp"

#include <utility>

#include "collect/condition_json.hpp"
#include "collect/language.hpp"
#include "core/text.hpp"

namespace voxloop::collect {
namespace {

std::string_view TrimSpace(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

const boost::json::object* RequireObject(const boost::json::value& json, const std::string& path,
                                         DefinitionReadContext& context) {
  if (json.is_object()) return &json.get_object();
  AddFieldError(context.errors, path, "type",
                "Expected an object, got " + std::string(JsonKindName(json)));
  return nullptr;
}

std::vector<JumpRule> ReadJumps(JsonFields& fields, DefinitionReadContext& context) {
  std::vector<JumpRule> jumps;
  const auto* array = fields.Array("jumps", false, kMaxJumpsPerQuestion);
  if (array == nullptr) return jumps;
  for (std::size_t jump_idx = 0; jump_idx < array->size(); ++jump_idx) {
    const std::string path = IndexPath(fields.Path("jumps"), jump_idx);
    const auto* object = RequireObject((*array)[jump_idx], path, context);
    if (object == nullptr) continue;
    JsonFields jump_fields(*object, path, context.errors);
    jump_fields.RejectUnknown({"if", "to"});
    JumpRule jump;
    if (const auto* when = jump_fields.Get("if")) {
      jump.when = ReadCondition(*when, jump_fields.Path("if"), context);
    }
    jump.to = jump_fields.String("to", true, kMaxIdLength + 10).value_or("");
    jumps.push_back(std::move(jump));
  }
  return jumps;
}

std::vector<ChoiceOption> ReadOptions(JsonFields& fields, DefinitionReadContext& context) {
  std::vector<ChoiceOption> options;
  const auto* array = fields.Array("options", false, kMaxOptions);
  if (array == nullptr) return options;
  for (std::size_t option_idx = 0; option_idx < array->size(); ++option_idx) {
    const std::string path = IndexPath(fields.Path("options"), option_idx);
    const auto& json = (*array)[option_idx];
    ChoiceOption option;
    if (json.is_string()) {  // shorthand: just the default-language label
      option.label = ReadLocalizedText(json, JoinPath(path, "label"), context);
    } else if (const auto* object = RequireObject(json, path, context)) {
      JsonFields option_fields(*object, path, context.errors);
      option_fields.RejectUnknown({"id", "label"});
      option.id = option_fields.String("id", false, kMaxIdLength + 10).value_or("");
      option.label = ReadLocalizedMember(option_fields, "label", true, context);
    }
    options.push_back(std::move(option));
  }
  return options;
}

void ReadScaleLabels(JsonFields& fields, Question& question, DefinitionReadContext& context) {
  const auto* labels = fields.Object("labels");
  if (labels == nullptr) return;
  JsonFields label_fields(*labels, fields.Path("labels"), context.errors);
  label_fields.RejectUnknown({"low", "high"});
  question.low_label = ReadLocalizedMember(label_fields, "low", false, context);
  question.high_label = ReadLocalizedMember(label_fields, "high", false, context);
}

void ReadTypeSpecific(JsonFields& fields, Question& question, DefinitionReadContext& context) {
  switch (question.type) {
    case QuestionType::kNps:
    case QuestionType::kCsat:
    case QuestionType::kCes:
      ReadScaleLabels(fields, question, context);
      break;
    case QuestionType::kRating: {
      ReadScaleLabels(fields, question, context);
      question.scale = static_cast<int>(fields.Integer("scale", -1000, 1000).value_or(5));
      if (auto style = fields.String("style", false, 20)) {
        if (*style == "stars" || *style == "numbers") {
          question.style = *style == "stars" ? RatingStyle::kStars : RatingStyle::kNumbers;
        } else {
          fields.Fail("style", "invalid", "Use \"stars\" or \"numbers\"");
        }
      }
      break;
    }
    case QuestionType::kMultipleChoice:
      question.min_choices = static_cast<int>(fields.Integer("min", -1000, 1000).value_or(0));
      question.max_choices = static_cast<int>(fields.Integer("max", -1000, 1000).value_or(0));
      [[fallthrough]];
    case QuestionType::kSingleChoice:
      question.options = ReadOptions(fields, context);
      break;
    case QuestionType::kShortText:
      if (auto format = fields.String("format", false, 20)) {
        if (*format == "plain") question.format = TextFormat::kPlain;
        else if (*format == "email") question.format = TextFormat::kEmail;
        else if (*format == "phone") question.format = TextFormat::kPhone;
        else fields.Fail("format", "invalid", "Use \"plain\", \"email\" or \"phone\"");
      }
      [[fallthrough]];
    case QuestionType::kLongText:
      question.max_length = static_cast<int>(fields.Integer("max_length", -1, 100000).value_or(0));
      question.placeholder = ReadLocalizedMember(fields, "placeholder", false, context);
      break;
    case QuestionType::kYesNo:
    case QuestionType::kConsent:
      break;
  }
}

// The keys a question of `type` may carry: the common ones plus its own.
std::vector<std::string_view> AllowedQuestionKeys(QuestionType type) {
  std::vector<std::string_view> keys{"id", "type", "text", "help", "required", "show_if", "jumps"};
  switch (type) {
    case QuestionType::kNps:
    case QuestionType::kCsat:
    case QuestionType::kCes:
      keys.push_back("labels");
      break;
    case QuestionType::kRating:
      keys.insert(keys.end(), {"labels", "scale", "style"});
      break;
    case QuestionType::kSingleChoice:
      keys.push_back("options");
      break;
    case QuestionType::kMultipleChoice:
      keys.insert(keys.end(), {"options", "min", "max"});
      break;
    case QuestionType::kShortText:
      keys.insert(keys.end(), {"max_length", "placeholder", "format"});
      break;
    case QuestionType::kLongText:
      keys.insert(keys.end(), {"max_length", "placeholder"});
      break;
    case QuestionType::kYesNo:
    case QuestionType::kConsent:
      break;
  }
  return keys;
}

}  // namespace

LocalizedText ReadLocalizedText(const boost::json::value& json, const std::string& path,
                                DefinitionReadContext& context) {
  LocalizedText text;
  if (json.is_string()) {
    const std::string_view trimmed = TrimSpace(json.get_string());
    if (core::Utf8Length(trimmed) > kMaxTextLength) {
      AddFieldError(context.errors, path, "too_long",
                    "At most " + std::to_string(kMaxTextLength) + " characters");
    } else if (!trimmed.empty()) {
      text.by_language.emplace(context.default_language, std::string(trimmed));
    }
    return text;
  }
  const auto* object = RequireObject(json, path, context);
  if (object == nullptr) return text;
  if (object->size() > kMaxLanguages) {
    AddFieldError(context.errors, path, "too_many",
                  "At most " + std::to_string(kMaxLanguages) + " languages");
    return text;
  }
  for (const auto& member : *object) {
    const std::string member_path = JoinPath(path, member.key());
    const auto language = CanonicalLanguageTag(member.key());
    if (!language) {
      AddFieldError(context.errors, member_path, "invalid",
                    "Not a language tag; use e.g. \"en\", \"vi\", \"zh\" or \"zh-Hant\"");
      continue;
    }
    if (!member.value().is_string()) {
      AddFieldError(context.errors, member_path, "type",
                    "Expected a string, got " + std::string(JsonKindName(member.value())));
      continue;
    }
    const std::string_view trimmed = TrimSpace(member.value().get_string());
    if (core::Utf8Length(trimmed) > kMaxTextLength) {
      AddFieldError(context.errors, member_path, "too_long",
                    "At most " + std::to_string(kMaxTextLength) + " characters");
      continue;
    }
    if (!trimmed.empty()) text.by_language[*language] = std::string(trimmed);
  }
  return text;
}

LocalizedText ReadLocalizedMember(JsonFields& fields, std::string_view key, bool required,
                                  DefinitionReadContext& context) {
  const auto* value = fields.Get(key, required);
  if (value == nullptr) return {};
  return ReadLocalizedText(*value, fields.Path(key), context);
}

std::optional<Question> ReadQuestion(const boost::json::value& json, const std::string& path,
                                     DefinitionReadContext& context) {
  const auto* object = RequireObject(json, path, context);
  if (object == nullptr) return std::nullopt;
  JsonFields fields(*object, path, context.errors);
  Question question;
  question.id = fields.String("id", false, kMaxIdLength + 10).value_or("");
  const auto type_name = fields.String("type", true, 40);
  if (!type_name) return std::nullopt;
  const auto type = ParseQuestionType(*type_name);
  if (!type) {
    fields.Fail("type", "unknown",
                "Unknown question type \"" + *type_name +
                    "\"; use nps, csat, ces, rating, single_choice, multiple_choice, short_text, "
                    "long_text, yes_no or consent");
    return std::nullopt;
  }
  question.type = *type;
  fields.RejectUnknown(AllowedQuestionKeys(question.type));
  question.text = ReadLocalizedMember(fields, "text", true, context);
  question.help = ReadLocalizedMember(fields, "help", false, context);
  question.required = fields.Bool("required").value_or(false);
  if (const auto* show_if = fields.Get("show_if")) {
    question.show_if = ReadCondition(*show_if, fields.Path("show_if"), context);
  }
  question.jumps = ReadJumps(fields, context);
  ReadTypeSpecific(fields, question, context);
  return question;
}

std::optional<ThankYouScreen> ReadThankYouScreen(const boost::json::value& json,
                                                 const std::string& path,
                                                 DefinitionReadContext& context) {
  const auto* object = RequireObject(json, path, context);
  if (object == nullptr) return std::nullopt;
  JsonFields fields(*object, path, context.errors);
  fields.RejectUnknown({"id", "when", "title", "message", "link"});
  ThankYouScreen screen;
  screen.id = fields.String("id", false, kMaxIdLength + 10).value_or("");
  if (const auto* when = fields.Get("when")) {
    screen.when = ReadCondition(*when, fields.Path("when"), context);
  }
  screen.title = ReadLocalizedMember(fields, "title", true, context);
  screen.message = ReadLocalizedMember(fields, "message", false, context);
  if (const auto* link = fields.Object("link")) {
    JsonFields link_fields(*link, fields.Path("link"), context.errors);
    link_fields.RejectUnknown({"url", "label"});
    ThankYouLink parsed;
    parsed.url = link_fields.String("url", true, 2000).value_or("");
    parsed.label = ReadLocalizedMember(link_fields, "label", true, context);
    screen.link = std::move(parsed);
  }
  return screen;
}

}  // namespace voxloop::collect
