// Survey definitions shared by the collect unit tests: a multilingual NPS survey with
// branching (show_if, jumps, conditional thank-you screens) and helpers to parse them.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "collect/survey_json.hpp"

namespace voxloop::collect::testing {

// q_score (nps, required)
// q_low   long_text, shown if q_score <= 6        (detractors: what went wrong)
// q_high  long_text, shown if q_score >= 9        (promoters: what did you love)
// q_topic multiple_choice; jumps to end when q_score <= 3 (very unhappy: no more questions)
// q_contact consent; q_email short_text email, shown if q_contact == true
inline constexpr const char* kBranchingSurvey = R"json({
  "name": "Quarterly NPS",
  "default_language": "en",
  "languages": ["en", "vi", "zh"],
  "title": {"en": "How are we doing?", "vi": "Chúng tôi làm tốt chứ?", "zh": "我们做得怎么样？"},
  "hidden_fields": ["plan"],
  "questions": [
    {"id": "q_score", "type": "nps", "required": true,
     "text": {"en": "How likely are you to recommend us to a friend?",
              "vi": "Bạn có sẵn lòng giới thiệu chúng tôi cho bạn bè không?",
              "zh": "您有多大可能向朋友推荐我们？"},
     "jumps": [{"if": {"question": "q_score", "op": "lte", "value": 3}, "to": "q_low"}]},
    {"id": "q_high", "type": "long_text",
     "text": {"en": "What did you love?", "vi": "Bạn thích điều gì nhất?", "zh": "您最喜欢什么？"},
     "show_if": {"question": "q_score", "op": "gte", "value": 9}},
    {"id": "q_low", "type": "long_text",
     "text": {"en": "What went wrong?", "vi": "Điều gì chưa tốt?", "zh": "哪里做得不好？"},
     "show_if": {"question": "q_score", "op": "lte", "value": 6},
     "jumps": [{"if": {"question": "q_score", "op": "lte", "value": 3}, "to": "end"}]},
    {"id": "q_topic", "type": "multiple_choice", "max": 2,
     "text": {"en": "What matters most?", "vi": "Điều gì quan trọng nhất?", "zh": "什么最重要？"},
     "options": [
       {"id": "price", "label": {"en": "Price", "vi": "Giá cả", "zh": "价格"}},
       {"id": "speed", "label": {"en": "Speed", "vi": "Tốc độ", "zh": "速度"}},
       {"id": "staff", "label": {"en": "Staff", "vi": "Nhân viên", "zh": "员工"}}]},
    {"id": "q_contact", "type": "consent",
     "text": {"en": "May we contact you?", "vi": "Chúng tôi có thể liên hệ với bạn không?",
              "zh": "我们可以联系您吗？"}},
    {"id": "q_email", "type": "short_text", "format": "email", "required": true,
     "text": {"en": "Your e-mail", "vi": "Email của bạn", "zh": "您的邮箱"},
     "show_if": {"question": "q_contact", "op": "eq", "value": true}}
  ],
  "thank_you": [
    {"id": "promoter", "when": {"question": "q_score", "op": "gte", "value": 9},
     "title": {"en": "Thanks, fan!", "vi": "Cảm ơn bạn!", "zh": "谢谢支持！"},
     "link": {"url": "https://g.page/r/example/review",
              "label": {"en": "Review us on Google", "vi": "Đánh giá trên Google",
                        "zh": "在 Google 上评价"}}},
    {"id": "detractor", "when": {"question": "q_score", "op": "lte", "value": 6},
     "title": {"en": "Sorry to hear that", "vi": "Rất tiếc vì điều này", "zh": "非常抱歉"},
     "message": {"en": "Someone will contact you.", "vi": "Chúng tôi sẽ liên hệ với bạn.",
                 "zh": "我们会尽快联系您。"}},
    {"id": "default", "title": {"en": "Thank you!", "vi": "Cảm ơn bạn!", "zh": "谢谢！"}}
  ]
})json";

inline SurveyDefinition ParseOrDie(std::string_view json_text) {
  auto definition = ParseSurveyDefinitionText(json_text);
  if (!definition) {
    std::string problems;
    for (const auto& field : definition.error().fields) {
      problems += field.field + ": " + field.code + " " + field.message + "\n";
    }
    ADD_FAILURE() << definition.error().message << "\n" << problems;
    return {};
  }
  return *definition;
}

inline SurveyDefinition BranchingSurvey() { return ParseOrDie(kBranchingSurvey); }

// The field errors of a failed parse as "path:code" strings, for compact assertions.
inline std::vector<std::string> ErrorKeys(const core::Error& error) {
  std::vector<std::string> keys;
  for (const auto& field : error.fields) keys.push_back(field.field + ":" + field.code);
  return keys;
}

}  // namespace voxloop::collect::testing
