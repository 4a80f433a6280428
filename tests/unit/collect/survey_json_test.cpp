#include "collect/survey_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using testing::BranchingSurvey;
using testing::ErrorKeys;
using testing::kBranchingSurvey;

boost::json::object BaseJson() { return boost::json::parse(kBranchingSurvey).as_object(); }

boost::json::object& QuestionAt(boost::json::object& json, std::size_t index) {
  return json["questions"].as_array()[index].as_object();
}

std::vector<std::string> KeysOfFailure(const boost::json::value& json) {
  auto parsed = ParseSurveyDefinition(json);
  EXPECT_FALSE(parsed.ok());
  if (parsed.ok()) return {};
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  return ErrorKeys(parsed.error());
}

TEST(SurveyJsonTest, ParsesMultilingualBranchingSurvey) {
  const SurveyDefinition definition = BranchingSurvey();
  ASSERT_EQ(definition.questions.size(), 6u);
  EXPECT_EQ(definition.languages, (std::vector<std::string>{"en", "vi", "zh"}));
  EXPECT_EQ(definition.questions[0].type, QuestionType::kNps);
  EXPECT_EQ(definition.questions[0].text.Get("vi", "en"),
            "Bạn có sẵn lòng giới thiệu chúng tôi cho bạn bè không?");
  EXPECT_EQ(definition.questions[3].options[1].label.Get("zh", "en"), "速度");
  EXPECT_EQ(definition.questions[3].max_choices, 2);
  EXPECT_EQ(definition.thank_you[0].link->url, "https://g.page/r/example/review");
}

TEST(SurveyJsonTest, GeneratesFreeIdsWhenAbsent) {
  auto definition = ParseSurveyDefinitionText(R"({
    "name": "n", "title": "T",
    "questions": [{"type": "yes_no", "text": "A"}, {"id": "q1", "type": "yes_no", "text": "B"},
                  {"type": "single_choice", "text": "C", "options": ["x", "y"]}]})");
  ASSERT_TRUE(definition.ok()) << definition.error().message;
  EXPECT_EQ(definition->questions[0].id, "q2");
  EXPECT_EQ(definition->questions[1].id, "q1");
  EXPECT_EQ(definition->questions[2].id, "q3");
  EXPECT_EQ(definition->questions[2].options[0].id, "o1");
  EXPECT_EQ(definition->questions[2].options[1].label.Get("en", "en"), "y");
}

TEST(SurveyJsonTest, TakesPlainStringsAsDefaultLanguageText) {
  auto definition = ParseSurveyDefinitionText(
      R"({"name": "n", "default_language": "vi", "title": "Khảo sát",
          "questions": [{"type": "csat", "text": "Bạn hài lòng chứ?"}]})");
  ASSERT_TRUE(definition.ok());
  EXPECT_EQ(definition->languages, std::vector<std::string>{"vi"});
  EXPECT_EQ(definition->title.Get("vi", "vi"), "Khảo sát");
}

TEST(SurveyJsonTest, CanonicalisesLanguageTagsAndPutsDefaultFirst) {
  auto definition = ParseSurveyDefinitionText(
      R"({"name": "n", "default_language": "VI", "languages": ["zh_hant", "vi"],
          "title": {"vi": "Khảo sát", "ZH-HANT": "問卷"},
          "questions": [{"type": "yes_no", "text": {"vi": "Có?", "zh-Hant": "是嗎？"}}]})");
  ASSERT_TRUE(definition.ok()) << definition.error().message;
  EXPECT_EQ(definition->languages, (std::vector<std::string>{"vi", "zh-Hant"}));
  EXPECT_EQ(definition->title.Get("zh-Hant", "vi"), "問卷");
}

TEST(SurveyJsonTest, RoundTripsThroughJson) {
  const SurveyDefinition definition = BranchingSurvey();
  auto again = ParseSurveyDefinition(SurveyDefinitionToJson(definition));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, definition);
}

TEST(SurveyJsonTest, IgnoresEnvelopeKeysWhenSentBack) {
  auto json = BaseJson();
  json["id"] = "7312";
  json["status"] = "active";
  json["version"] = 3;
  EXPECT_TRUE(ParseSurveyDefinition(json).ok());
}

TEST(SurveyJsonTest, RejectsNonObjectWhenGivenArray) {
  auto parsed = ParseSurveyDefinition(boost::json::array{1, 2});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
}

TEST(SurveyJsonTest, RejectsMalformedJsonText) {
  auto parsed = ParseSurveyDefinitionText(R"({"name": "x", )");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().type, "malformed-json");
}

TEST(SurveyJsonTest, RejectsUnknownQuestionTypeWithPath) {
  auto json = BaseJson();
  QuestionAt(json, 1)["type"] = "slider";
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].type:unknown"));
}

TEST(SurveyJsonTest, RejectsUnknownKeysIncludingKeysOfOtherTypes) {
  auto json = BaseJson();
  json["colour"] = "red";
  QuestionAt(json, 0)["options"] = boost::json::array{"a"};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("colour:unknown", "questions[0].options:unknown"));
}

TEST(SurveyJsonTest, RejectsDuplicateQuestionIds) {
  auto json = BaseJson();
  QuestionAt(json, 2)["id"] = "q_high";
  EXPECT_THAT(KeysOfFailure(json), Contains("questions[2].id:duplicate"));
}

TEST(SurveyJsonTest, RejectsChoiceQuestionWithoutOptions) {
  auto json = BaseJson();
  QuestionAt(json, 3).erase("options");
  QuestionAt(json, 3).erase("max");
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[3].options:required"));
}

TEST(SurveyJsonTest, RejectsMissingDefaultLanguageText) {
  auto json = BaseJson();
  QuestionAt(json, 1)["text"].as_object().erase("en");
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].text.en:required"));
}

TEST(SurveyJsonTest, RejectsTextInLanguageTheSurveyDoesNotOffer) {
  auto json = BaseJson();
  QuestionAt(json, 1)["text"].as_object()["fr"] = "Qu'avez-vous aimé ?";
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].text.fr:unknown_language"));
}

TEST(SurveyJsonTest, RejectsBackwardJumpAsLoop) {
  auto json = BaseJson();
  QuestionAt(json, 3)["jumps"] = boost::json::array{{{"to", "q_score"}}};
  auto parsed = ParseSurveyDefinition(json);
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(ErrorKeys(parsed.error()), ElementsAre("questions[3].jumps[0].to:loop"));
  EXPECT_THAT(parsed.error().fields[0].message, ::testing::HasSubstr("back to q_score"));
}

TEST(SurveyJsonTest, RejectsJumpToItself) {
  auto json = BaseJson();
  QuestionAt(json, 3)["jumps"] = boost::json::array{{{"to", "q_topic"}}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[3].jumps[0].to:loop"));
}

TEST(SurveyJsonTest, RejectsJumpToUnknownQuestion) {
  auto json = BaseJson();
  QuestionAt(json, 3)["jumps"] = boost::json::array{{{"to", "q_nowhere"}}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[3].jumps[0].to:unknown"));
}

TEST(SurveyJsonTest, RejectsJumpAfterUnconditionalJump) {
  auto json = BaseJson();
  QuestionAt(json, 3)["jumps"] = boost::json::array{{{"to", "end"}}, {{"to", "q_email"}}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[3].jumps[1]:unreachable"));
}

TEST(SurveyJsonTest, RejectsShowIfOnLaterQuestion) {
  auto json = BaseJson();
  QuestionAt(json, 1)["show_if"] = {{"question", "q_topic"}, {"op", "answered"}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].show_if.question:later_question"));
}

TEST(SurveyJsonTest, RejectsShowIfOnOwnAnswer) {
  auto json = BaseJson();
  QuestionAt(json, 1)["show_if"] = {{"question", "q_high"}, {"op", "answered"}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].show_if.question:self_reference"));
}

TEST(SurveyJsonTest, RejectsConditionOnUnknownQuestionInsideCombination) {
  auto json = BaseJson();
  QuestionAt(json, 1)["show_if"] = {
      {"any", {{{"question", "q_score"}, {"op", "gte"}, {"value", 9}},
               {{"question", "ghost"}, {"op", "answered"}}}}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].show_if.any[1].question:unknown"));
}

TEST(SurveyJsonTest, RejectsOperatorThatDoesNotFitQuestionType) {
  auto json = BaseJson();
  json["thank_you"].as_array()[0].as_object()["when"] = {
      {"question", "q_topic"}, {"op", "lt"}, {"value", 3}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("thank_you[0].when.op:invalid"));
}

TEST(SurveyJsonTest, RejectsScoreOutsideScaleInCondition) {
  auto json = BaseJson();
  QuestionAt(json, 1)["show_if"] = {{"question", "q_score"}, {"op", "gte"}, {"value", 11}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].show_if.value:invalid"));
}

TEST(SurveyJsonTest, RejectsUnknownOptionInCondition) {
  auto json = BaseJson();
  QuestionAt(json, 4)["show_if"] = {{"question", "q_topic"}, {"op", "includes"}, {"value", "taste"}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[4].show_if.value:unknown"));
}

TEST(SurveyJsonTest, RejectsConditionOnUndeclaredHiddenField) {
  auto json = BaseJson();
  QuestionAt(json, 1)["show_if"] = {{"hidden", "tier"}, {"op", "eq"}, {"value", "gold"}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("questions[1].show_if.hidden:unknown"));
}

TEST(SurveyJsonTest, RejectsConditionsNestedTooDeep) {
  boost::json::value condition = {{"question", "q_score"}, {"op", "answered"}};
  for (int level = 0; level < kMaxConditionDepth; ++level) {
    condition = {{"not", condition}};
  }
  auto json = BaseJson();
  QuestionAt(json, 1)["show_if"] = condition;
  auto keys = KeysOfFailure(json);
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_THAT(keys[0], ::testing::EndsWith(":too_deep"));
}

TEST(SurveyJsonTest, RejectsThankYouScreenAfterDefaultScreen) {
  auto json = BaseJson();
  auto& screens = json["thank_you"].as_array();
  screens.push_back({{"id", "late"}, {"title", "Never"}});
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("thank_you[3]:unreachable"));
}

TEST(SurveyJsonTest, RejectsNonWebLinkOnThankYouScreen) {
  auto json = BaseJson();
  json["thank_you"].as_array()[0].as_object()["link"].as_object()["url"] = "javascript:alert(1)";
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("thank_you[0].link.url:invalid"));
}

TEST(SurveyJsonTest, RejectsEndBeforeStart) {
  auto json = BaseJson();
  json["settings"] = {{"starts_at", "2026-12-01T00:00:00+07:00"}, {"ends_at", "2026-11-30"}};
  EXPECT_THAT(KeysOfFailure(json), ElementsAre("settings.ends_at:out_of_range"));
}

TEST(SurveyJsonTest, ReportsEveryShapeProblemAtOnce) {
  auto json = BaseJson();
  json.erase("name");
  QuestionAt(json, 0)["required"] = "yes";
  QuestionAt(json, 3)["max"] = "two";
  EXPECT_THAT(KeysOfFailure(json),
              ElementsAre("name:required", "questions[0].required:type", "questions[3].max:type"));
}

TEST(SurveyJsonTest, PublicViewHasOneLanguageAndNoInternalFields) {
  const auto definition = BranchingSurvey();
  const auto view = PublicSurveyJson(definition, "42", "vi");
  EXPECT_EQ(view.at("id"), "42");
  EXPECT_EQ(view.at("title"), "Chúng tôi làm tốt chứ?");
  EXPECT_FALSE(view.contains("name"));
  EXPECT_FALSE(view.contains("settings"));
  const auto& question = view.at("questions").as_array()[0].as_object();
  EXPECT_EQ(question.at("id"), "q_score");
  EXPECT_EQ(question.at("type"), "nps");
  EXPECT_EQ(question.at("max"), 10);
  EXPECT_EQ(view.at("ui").as_object().at("next"), "Tiếp tục");
}

TEST(SurveyJsonTest, PublicViewFallsBackToDefaultLanguageText) {
  auto json = BaseJson();
  QuestionAt(json, 1)["text"].as_object().erase("zh");
  const auto definition = testing::ParseOrDie(boost::json::serialize(json));
  const auto view = PublicSurveyJson(definition, "42", "zh");
  EXPECT_EQ(view.at("questions").as_array()[1].as_object().at("text"), "What did you love?");
  EXPECT_EQ(view.at("questions").as_array()[2].as_object().at("text"), "哪里做得不好？");
}

}  // namespace
}  // namespace voxloop::collect
