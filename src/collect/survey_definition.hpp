// SurveyDefinition: the typed form of one version of a survey — its questions, texts in
// several languages, logic (show_if conditions, forward jumps, conditional thank-you
// screens), hidden fields and settings. The JSON form is documented in docs/surveys.md and
// read/written by survey_json.hpp; a SurveyDefinition that came out of ParseSurveyDefinition
// is valid (every reference resolves, every jump goes forward).
//
// The survey row itself (id, workspace, status, version number) belongs to the store; this is
// only the content of one version. Plain value types, no sharing; thread-compatible.
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace voxloop::collect {

enum class QuestionType {
  kNps,             // 0–10 "how likely are you to recommend"
  kCsat,            // 1–5 satisfaction
  kCes,             // 1–7 effort ("it was easy to …", disagree → agree)
  kRating,          // 1–scale, shown as stars or numbers
  kSingleChoice,    // one option id
  kMultipleChoice,  // a list of option ids, between min and max of them
  kShortText,
  kLongText,
  kYesNo,           // true / false
  kConsent,         // true when the respondent agrees to be contacted
};

// Stable wire names: "nps", "csat", "ces", "rating", "single_choice", "multiple_choice",
// "short_text", "long_text", "yes_no", "consent".
std::string_view QuestionTypeName(QuestionType type);
std::optional<QuestionType> ParseQuestionType(std::string_view name);

// True for the types whose answer is a number on a fixed scale (nps, csat, ces, rating).
bool IsScoreType(QuestionType type);

enum class RatingStyle { kStars, kNumbers };
enum class TextFormat { kPlain, kEmail, kPhone };

// One text in several languages: language tag ("en", "vi", "zh", "zh-Hant") -> text.
struct LocalizedText {
  std::map<std::string, std::string, std::less<>> by_language;

  // The text in `language`, else in `fallback_language`, else "".
  std::string_view Get(std::string_view language, std::string_view fallback_language) const;
  bool Has(std::string_view language) const;
  bool empty() const { return by_language.empty(); }
  bool operator==(const LocalizedText&) const = default;
};

enum class ConditionOp {
  kEq,
  kNeq,
  kLt,
  kLte,
  kGt,
  kGte,
  kIn,           // the answer is one of `value` (an array)
  kNotIn,
  kIncludes,     // a multiple-choice answer contains the option id `value`
  kExcludes,
  kAnswered,     // any non-empty answer
  kNotAnswered,
};

std::string_view ConditionOpName(ConditionOp op);
std::optional<ConditionOp> ParseConditionOp(std::string_view name);

// A condition over the answers so far (and hidden fields). Either a comparison of one
// subject — an answer (`question_id`) or a hidden field (`hidden_field`), exactly one set —
// or a combination of child conditions.
struct Condition {
  enum class Kind { kCompare, kAll, kAny, kNot };
  Kind kind = Kind::kCompare;
  std::string question_id;
  std::string hidden_field;
  ConditionOp op = ConditionOp::kAnswered;
  boost::json::value value;          // the operand; null for answered / not_answered
  std::vector<Condition> children;   // kAll, kAny: one or more; kNot: exactly one
  bool operator==(const Condition&) const = default;
};

// The target of a jump that ends the survey early.
inline constexpr std::string_view kEndTarget = "end";

// Evaluated after its question is answered (or skipped): the first rule whose condition holds
// (a rule without one always holds) sends the respondent to `to`, a later question id or
// kEndTarget. Jumps only go forward, so the logic has no loops.
struct JumpRule {
  std::optional<Condition> when;
  std::string to;
  bool operator==(const JumpRule&) const = default;
};

struct ChoiceOption {
  std::string id;
  LocalizedText label;
  bool operator==(const ChoiceOption&) const = default;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kShortText;
  LocalizedText text;
  LocalizedText help;
  bool required = false;
  std::optional<Condition> show_if;  // shown only when it holds; may use earlier answers only
  std::vector<JumpRule> jumps;
  // Scales (nps, csat, ces, rating): words under the two ends; defaults come from the UI texts.
  LocalizedText low_label;
  LocalizedText high_label;
  // rating
  int scale = 5;
  RatingStyle style = RatingStyle::kStars;
  // single_choice, multiple_choice
  std::vector<ChoiceOption> options;
  int min_choices = 0;  // multiple_choice; 0 = no minimum beyond `required`
  int max_choices = 0;  // multiple_choice; 0 = up to every option
  // short_text, long_text
  int max_length = 0;   // in code points; 0 = the type's default (see MaxTextLength)
  TextFormat format = TextFormat::kPlain;  // short_text only
  LocalizedText placeholder;

  // Lowest and highest score of a score type (nps 0–10, csat 1–5, ces 1–7, rating 1–scale).
  int ScaleMin() const;
  int ScaleMax() const;
  // The effective maximum length of a text answer (500 short, 5000 long unless set).
  int MaxTextLength() const;
  const ChoiceOption* FindOption(std::string_view option_id) const;
  bool operator==(const Question&) const = default;
};

struct ThankYouLink {
  std::string url;  // http(s) only
  LocalizedText label;
  bool operator==(const ThankYouLink&) const = default;
};

// A closing screen. The first screen whose `when` holds is shown; one without `when` is the
// default and must come last.
struct ThankYouScreen {
  std::string id;
  std::optional<Condition> when;
  LocalizedText title;
  LocalizedText message;
  std::optional<ThankYouLink> link;  // e.g. "Review us on Google" for promoters
  bool operator==(const ThankYouScreen&) const = default;
};

struct SurveySettings {
  bool anonymous = false;  // no customer link, no IP kept
  std::optional<core::TimeMs> starts_at;
  std::optional<core::TimeMs> ends_at;      // exclusive
  std::optional<std::int64_t> response_limit;
  bool one_response_per_invitation = true;
  bool show_progress = true;
  bool operator==(const SurveySettings&) const = default;
};

// Texts of e-mail invitations; empty ones fall back to the built-in wording.
struct InvitationTexts {
  LocalizedText subject;
  LocalizedText intro;
  LocalizedText reminder_subject;
  bool operator==(const InvitationTexts&) const = default;
};

struct SurveyDefinition {
  std::string name;  // internal name, never shown to respondents
  std::string default_language;
  std::vector<std::string> languages;  // the default language first
  LocalizedText title;
  LocalizedText description;
  std::vector<Question> questions;
  std::vector<std::string> hidden_fields;  // names; values come from links, widget, customer
  std::vector<ThankYouScreen> thank_you;
  SurveySettings settings;
  InvitationTexts invitation;

  const Question* FindQuestion(std::string_view question_id) const;
  // Position of a question in `questions`, or -1.
  int QuestionIndex(std::string_view question_id) const;
  bool HasLanguage(std::string_view language) const;
  bool operator==(const SurveyDefinition&) const = default;
};

// Limits that keep any definition cheap to validate, store and render.
inline constexpr std::size_t kMaxQuestions = 200;
inline constexpr std::size_t kMaxOptions = 100;
inline constexpr std::size_t kMaxLanguages = 12;
inline constexpr std::size_t kMaxTextLength = 2000;  // code points per localized text
inline constexpr std::size_t kMaxHiddenFields = 50;
inline constexpr std::size_t kMaxJumpsPerQuestion = 20;
inline constexpr std::size_t kMaxThankYouScreens = 20;
inline constexpr int kMaxConditionDepth = 8;
inline constexpr std::size_t kMaxIdLength = 40;

}  // namespace voxloop::collect
