#include "collect/question_view.hpp"

#include <algorithm>

#include "collect/step_flow.hpp"
#include "collect/ui_text.hpp"

namespace voxloop::collect {
namespace {

// The values currently chosen or typed, as strings: what was just submitted if it had an
// error, else the stored answer.
std::vector<std::string> CurrentValues(const QuestionViewInput& input) {
  if (input.submitted != nullptr && input.error != nullptr) return *input.submitted;
  std::vector<std::string> values;
  if (input.answer == nullptr || input.answer->is_null()) return values;
  const auto add = [&values](const boost::json::value& value) {
    if (value.is_string()) values.emplace_back(value.get_string());
    else if (value.is_bool()) values.emplace_back(value.get_bool() ? "yes" : "no");
    else values.push_back(boost::json::serialize(value));
  };
  if (input.answer->is_array()) {
    for (const auto& item : input.answer->get_array()) add(item);
  } else {
    add(*input.answer);
  }
  return values;
}

std::string_view DefaultLowKey(QuestionType type) {
  switch (type) {
    case QuestionType::kNps: return "nps_low";
    case QuestionType::kCsat: return "csat_low";
    case QuestionType::kCes: return "ces_low";
    default: return "rating_low";
  }
}

std::string_view DefaultHighKey(QuestionType type) {
  switch (type) {
    case QuestionType::kNps: return "nps_high";
    case QuestionType::kCsat: return "csat_high";
    case QuestionType::kCes: return "ces_high";
    default: return "rating_high";
  }
}

std::string Text(const LocalizedText& text, const QuestionViewInput& input) {
  return std::string(text.Get(input.language, input.default_language));
}

boost::json::array Choices(const QuestionViewInput& input, const std::string& dom_id,
                           const std::vector<std::string>& current) {
  const Question& question = input.question;
  boost::json::array choices;
  const auto add = [&](std::string value, std::string label, std::string sr_label) {
    const bool checked = std::find(current.begin(), current.end(), value) != current.end();
    choices.push_back({{"value", value},
                       {"label", std::move(label)},
                       {"sr_label", std::move(sr_label)},
                       {"input_id", dom_id + "-" + value},
                       {"checked", checked}});
  };
  if (IsScoreType(question.type)) {
    const bool stars = question.type == QuestionType::kRating && question.style == RatingStyle::kStars;
    for (int score = question.ScaleMin(); score <= question.ScaleMax(); ++score) {
      const std::string number = std::to_string(score);
      add(number, stars ? "\u2605" : number,
          stars ? UiTextFormat(input.language, "star_label",
                               {{"n", number}, {"max", std::to_string(question.ScaleMax())}})
                : "");
    }
  } else if (question.type == QuestionType::kYesNo) {
    add("yes", std::string(UiText(input.language, "yes")), "");
    add("no", std::string(UiText(input.language, "no")), "");
  } else {
    for (const auto& option : question.options) add(option.id, Text(option.label, input), "");
  }
  return choices;
}

std::string InputType(const Question& question) {
  if (question.format == TextFormat::kEmail) return "email";
  if (question.format == TextFormat::kPhone) return "tel";
  return "text";
}

std::string Autocomplete(const Question& question) {
  if (question.format == TextFormat::kEmail) return "email";
  if (question.format == TextFormat::kPhone) return "tel";
  return "off";
}

// Ids of the help and error paragraphs the inputs point at.
std::string DescribedBy(const boost::json::object& view) {
  std::string ids;
  for (const char* key : {"help_id", "ends_id", "error_id"}) {
    if (const auto* id = view.if_contains(key); id != nullptr && id->is_string()) {
      if (!ids.empty()) ids += ' ';
      ids += id->get_string();
    }
  }
  return ids;
}

std::string ChoiceHint(const Question& question, std::string_view language) {
  if (question.type != QuestionType::kMultipleChoice) return "";
  if (question.max_choices > 0) {
    return UiTextFormat(language, "choose_up_to", {{"max", std::to_string(question.max_choices)}});
  }
  if (question.min_choices > 1) {
    return UiTextFormat(language, "choose_at_least", {{"min", std::to_string(question.min_choices)}});
  }
  return "";
}

void AddTypeFields(boost::json::object& view, const QuestionViewInput& input,
                   const std::string& dom_id, const std::vector<std::string>& current) {
  const Question& question = input.question;
  const QuestionType type = question.type;
  const bool stars = type == QuestionType::kRating && question.style == RatingStyle::kStars;
  view["is_scale"] = IsScoreType(type) && !stars;
  view["is_stars"] = stars;
  view["is_radio_group"] = type == QuestionType::kSingleChoice || type == QuestionType::kYesNo;
  view["is_checkbox_group"] = type == QuestionType::kMultipleChoice;
  view["is_short_text"] = type == QuestionType::kShortText;
  view["is_long_text"] = type == QuestionType::kLongText;
  view["is_consent"] = type == QuestionType::kConsent;
  view["is_group"] = type != QuestionType::kShortText && type != QuestionType::kLongText &&
                     type != QuestionType::kConsent;
  if (type == QuestionType::kShortText || type == QuestionType::kLongText) {
    view["value"] = current.empty() ? std::string() : current.front();
    view["max_length"] = question.MaxTextLength();
    view["placeholder"] = Text(question.placeholder, input);
    view["input_type"] = InputType(question);
    view["autocomplete"] = Autocomplete(question);
  } else if (type == QuestionType::kConsent) {
    view["checked"] = !current.empty() && current.front() == "yes";
  } else {
    view["choices"] = Choices(input, dom_id, current);
    view["scale_size"] = static_cast<std::int64_t>(question.ScaleMax() - question.ScaleMin() + 1);
  }
  if (IsScoreType(type)) {
    view["low"] = question.low_label.empty() ? std::string(UiText(input.language, DefaultLowKey(type)))
                                             : Text(question.low_label, input);
    view["high"] = question.high_label.empty()
                       ? std::string(UiText(input.language, DefaultHighKey(type)))
                       : Text(question.high_label, input);
    view["low_value"] = question.ScaleMin();
    view["high_value"] = question.ScaleMax();
    view["ends_id"] = dom_id + "-ends";
  }
}

}  // namespace

std::string AnswerErrorMessage(const Question& question, std::string_view code,
                               std::string_view language) {
  if (code == "required") return std::string(UiText(language, "error_required"));
  if (code == "consent_required") return std::string(UiText(language, "error_consent"));
  if (code == "invalid_email") return std::string(UiText(language, "error_email"));
  if (code == "invalid_phone") return std::string(UiText(language, "error_phone"));
  if (code == "too_long") {
    return UiTextFormat(language, "error_too_long", {{"max", std::to_string(question.MaxTextLength())}});
  }
  if (code == "too_few") {
    return UiTextFormat(language, "error_too_few", {{"min", std::to_string(question.min_choices)}});
  }
  if (code == "too_many") {
    return UiTextFormat(language, "error_too_many", {{"max", std::to_string(question.max_choices)}});
  }
  return std::string(UiText(language, "error_invalid"));
}

boost::json::object QuestionView(const QuestionViewInput& input) {
  const Question& question = input.question;
  const std::string dom_id = "vx-q-" + question.id;
  const std::vector<std::string> current = CurrentValues(input);
  boost::json::object view{{"id", question.id},
                           {"type", QuestionTypeName(question.type)},
                           {"dom_id", dom_id},
                           {"input_id", dom_id + "-input"},
                           {"field_name", AnswerFieldName(question.id)},
                           {"text", Text(question.text, input)},
                           {"required", question.required},
                           {"required_label", UiText(input.language, "required")}};
  if (!question.help.empty()) {
    view["help"] = Text(question.help, input);
    view["help_id"] = dom_id + "-help";
  }
  if (const std::string hint = ChoiceHint(question, input.language); !hint.empty()) {
    view["help"] = view.contains("help") ? std::string(view["help"].as_string()) + " " + hint : hint;
    view["help_id"] = dom_id + "-help";
  }
  if (input.error != nullptr) {
    view["error"] = AnswerErrorMessage(question, input.error->code, input.language);
    view["error_id"] = dom_id + "-error";
  }
  AddTypeFields(view, input, dom_id, current);
  view["described_by"] = DescribedBy(view);
  return view;
}

}  // namespace voxloop::collect
