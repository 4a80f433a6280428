// Any JSON in, an Error or a valid definition out: random and mutated inputs with fixed
// seeds. A crash, hang or sanitizer report fails the test; so does an accepted definition
// that does not validate or round-trip.
#include <gtest/gtest.h>

#include <random>

#include "collect/survey_json.hpp"
#include "collect/survey_logic.hpp"
#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

const char* const kKeys[] = {"name", "title", "questions", "type", "text", "id", "options",
                             "show_if", "jumps", "to", "if", "question", "op", "value", "all",
                             "any", "not", "required", "scale", "min", "max", "thank_you", "when",
                             "languages", "default_language", "en", "vi", "zh", "end", "hidden"};
const char* const kStrings[] = {"nps", "csat", "ces", "rating", "single_choice", "yes_no", "lte",
                                "eq", "includes", "end", "q1", "q2", "o1", "en", "vi", "",
                                "Khảo sát", "问卷", "\xff"};

boost::json::value RandomJson(std::mt19937& random, int depth) {
  const int kind = static_cast<int>(random() % (depth > 4 ? 4 : 7));
  switch (kind) {
    case 0: return nullptr;
    case 1: return static_cast<std::int64_t>(random() % 25) - 5;
    case 2: return kStrings[random() % std::size(kStrings)];
    case 3: return random() % 2 == 0;
    case 4: {
      boost::json::array array;
      for (unsigned item = random() % 4; item > 0; --item) array.push_back(RandomJson(random, depth + 1));
      return array;
    }
    default: {
      boost::json::object object;
      for (unsigned item = random() % 5; item > 0; --item) {
        object[kKeys[random() % std::size(kKeys)]] = RandomJson(random, depth + 1);
      }
      return object;
    }
  }
}

// Replaces one randomly chosen value somewhere inside `json`.
void Mutate(boost::json::value& json, std::mt19937& random) {
  boost::json::value* node = &json;
  for (int step = 0; step < 6; ++step) {
    if (node->is_object() && !node->get_object().empty()) {
      auto& object = node->get_object();
      auto member = object.begin() + static_cast<std::ptrdiff_t>(random() % object.size());
      if (random() % 3 == 0) {
        if (random() % 2 == 0) object.erase(member);
        else member->value() = RandomJson(random, 3);
        return;
      }
      node = &member->value();
    } else if (node->is_array() && !node->get_array().empty()) {
      auto& array = node->get_array();
      node = &array[random() % array.size()];
    } else {
      break;
    }
  }
  *node = RandomJson(random, 3);
}

void ExpectErrorOrValid(const boost::json::value& json) {
  auto parsed = ParseSurveyDefinition(json);
  if (!parsed) {
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(parsed.error().fields.empty());
    return;
  }
  EXPECT_TRUE(ValidateSurveyDefinition(*parsed).empty());
  auto again = ParseSurveyDefinition(SurveyDefinitionToJson(*parsed));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *parsed);
  EXPECT_LE(QuestionPath(*parsed, {}).size(), parsed->questions.size());
}

TEST(DefinitionFuzzTest, ReturnsErrorOrValidDefinitionForRandomJson) {
  std::mt19937 random(20261124);
  for (int round = 0; round < 3000; ++round) ExpectErrorOrValid(RandomJson(random, 0));
}

TEST(DefinitionFuzzTest, ReturnsErrorOrValidDefinitionForMutatedSurvey) {
  std::mt19937 random(7);
  const boost::json::value base = boost::json::parse(testing::kBranchingSurvey);
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    boost::json::value json = base;
    for (unsigned mutation = 1 + random() % 3; mutation > 0; --mutation) Mutate(json, random);
    ExpectErrorOrValid(json);
    accepted += ParseSurveyDefinition(json).ok() ? 1 : 0;
  }
  EXPECT_GT(accepted, 0);  // the mutations also reach the valid side
}

TEST(DefinitionFuzzTest, ReturnsErrorForArbitraryBytes) {
  std::mt19937 random(99);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 64, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random() % 256);
    EXPECT_FALSE(ParseSurveyDefinitionText(bytes).ok());
  }
}

}  // namespace
}  // namespace voxloop::collect
