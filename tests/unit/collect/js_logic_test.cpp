// The browser evaluates survey logic in JavaScript (widget.js includes survey_logic.js); the
// server in C++. This test makes both answer the same random cases (fixed seed) and runs the
// JavaScript in node: any disagreement fails.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "collect/survey_json.hpp"
#include "collect/survey_logic.hpp"
#include "collect/survey_templates.hpp"
#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

boost::json::value RandomAnswer(const Question& question, std::mt19937& random) {
  switch (question.type) {
    case QuestionType::kNps:
    case QuestionType::kCsat:
    case QuestionType::kCes:
    case QuestionType::kRating:
      return question.ScaleMin() +
             static_cast<int>(random() % static_cast<unsigned>(question.ScaleMax() - question.ScaleMin() + 1));
    case QuestionType::kSingleChoice:
      return boost::json::value(question.options[random() % question.options.size()].id);
    case QuestionType::kMultipleChoice: {
      boost::json::array chosen;
      for (const auto& option : question.options) {
        if (random() % 2 == 0) chosen.emplace_back(option.id);
      }
      return chosen;
    }
    case QuestionType::kYesNo:
    case QuestionType::kConsent:
      return random() % 2 == 0;
    default:
      return random() % 3 == 0 ? boost::json::value("") : boost::json::value("Rất tốt");
  }
}

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array array;
  for (const auto& value : values) array.emplace_back(value);
  return array;
}

void AddCases(const SurveyDefinition& definition, std::mt19937& random, boost::json::array& cases) {
  const auto survey = PublicSurveyJson(definition, "1", definition.default_language);
  for (int round = 0; round < 300; ++round) {
    AnswerSet answers;
    for (const auto& question : definition.questions) {
      if (random() % 4 != 0) answers.answers[question.id] = RandomAnswer(question, random);
    }
    for (const auto& name : definition.hidden_fields) {
      if (random() % 2 == 0) answers.hidden[name] = random() % 2 == 0 ? "pro" : "free";
    }
    const ThankYouScreen* screen = SelectThankYou(definition, answers);
    cases.push_back({{"survey", survey},
                     {"answers", answers.answers},
                     {"hidden", answers.hidden},
                     {"path", Strings(QuestionPath(definition, answers))},
                     {"thank_you", screen ? screen->id : ""},
                     {"missing", Strings(MissingRequired(definition, answers))}});
  }
}

TEST(JsLogicTest, AgreesWithCppLogicOnRandomAnswers) {
  std::mt19937 random(424242);
  boost::json::array cases;
  AddCases(testing::BranchingSurvey(), random, cases);
  for (std::string_view template_id : SurveyTemplateIds()) {
    AddCases(*SurveyFromTemplate(template_id, ""), random, cases);
  }
  const std::string cases_path = ::testing::TempDir() + "voxloop_logic_cases.json";
  const std::string output_path = ::testing::TempDir() + "voxloop_logic_output.txt";
  { std::ofstream(cases_path) << boost::json::serialize(cases); }
  const std::string command = std::string("node ") + VOXLOOP_SOURCE_DIR +
                              "/tests/unit/collect/js/check_survey_logic.js " + VOXLOOP_SOURCE_DIR +
                              "/src/collect/assets/static/survey_logic.js " + cases_path + " > " +
                              output_path + " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream output(output_path);
  const std::string report((std::istreambuf_iterator<char>(output)), std::istreambuf_iterator<char>());
  EXPECT_EQ(status, 0) << report;
  EXPECT_NE(report.find("1500 cases, 0 disagreements"), std::string::npos) << report;
  std::remove(cases_path.c_str());
  std::remove(output_path.c_str());
}

}  // namespace
}  // namespace voxloop::collect
