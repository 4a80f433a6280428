// The follow-up pages a customer reaches from the follow-up mail: "Was your problem solved?"
// with a 1–5 satisfaction score, then thanks. In the workspace's language (en, vi, zh).
#include <map>

#include "core/text.hpp"
#include "workflow/case_mail.hpp"

namespace voxloop::workflow {
namespace {

using core::EscapeHtml;

struct Strings {
  const char* title;
  const char* intro;  // {title} is the case's title
  const char* yes;
  const char* no;
  const char* score;
  const char* low;
  const char* high;
  const char* send;
  const char* thanks;
  const char* thanks_solved;
  const char* thanks_unsolved;
  const char* answered;
  const char* invalid;
};

const Strings& StringsFor(const std::string& language) {
  static const std::map<std::string, Strings> kStrings = {
      {"en",
       {"Was your problem solved?", "About your request “{title}”.", "Yes, it was solved", "No, not yet",
        "How satisfied are you with how we handled it?", "1 = very dissatisfied", "5 = very satisfied", "Send",
        "Thank you!", "We are glad it is solved.", "We are sorry. Your request is open again and we will be in touch.",
        "You have answered already. Thank you!", "This link is not valid."}},
      {"vi",
       {"Vấn đề của bạn đã được giải quyết chưa?", "Về yêu cầu “{title}” của bạn.", "Rồi, đã được giải quyết",
        "Chưa", "Bạn hài lòng thế nào với cách chúng tôi xử lý?", "1 = rất không hài lòng", "5 = rất hài lòng", "Gửi",
        "Cảm ơn bạn!", "Chúng tôi rất vui vì vấn đề đã được giải quyết.",
        "Chúng tôi xin lỗi. Yêu cầu của bạn đã được mở lại và chúng tôi sẽ liên hệ với bạn.",
        "Bạn đã trả lời rồi. Cảm ơn bạn!", "Liên kết này không hợp lệ."}},
      {"zh",
       {"您的问题解决了吗？", "关于您的请求“{title}”。", "是的，已经解决", "还没有", "您对我们的处理满意吗？",
        "1 = 非常不满意", "5 = 非常满意", "提交", "谢谢您！", "很高兴问题已经解决。",
        "非常抱歉。您的请求已重新打开，我们会尽快与您联系。", "您已经回答过了。谢谢！", "此链接无效。"}},
  };
  const auto found = kStrings.find(language.substr(0, 2));
  return found != kStrings.end() ? found->second : kStrings.at("en");
}

std::string Replace(std::string text, const std::string& key, const std::string& value) {
  if (const auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

std::string Page(const std::string& language, const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"" + EscapeHtml(language) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"robots\" content=\"noindex\"><title>" +
         EscapeHtml(title) +
         "</title><link rel=\"stylesheet\" href=\"/assets/collect/survey.css\"></head>"
         "<body class=\"vx\"><div class=\"vx-page\"><main id=\"vx-main\" class=\"vx-main\">"
         "<section class=\"vx-unavailable\" aria-labelledby=\"vx-title\"><h1 class=\"vx-title\" id=\"vx-title\">" +
         EscapeHtml(title) + "</h1>" + body + "</section></main></div></body></html>\n";
}

}  // namespace

std::string RenderFollowupPage(const FollowupView& view, const std::string& action, std::optional<bool> preselect) {
  const Strings& text = StringsFor(view.language);
  if (view.answered) {
    return Page(view.language, text.thanks, "<p class=\"vx-message\">" + EscapeHtml(text.answered) + "</p>");
  }
  auto radio = [](const std::string& name, const std::string& value, const std::string& label, bool checked,
                  bool required) {
    const std::string id = "vx-" + name + "-" + value;
    return "<div class=\"vx-choice\"><input type=\"radio\" id=\"" + id + "\" name=\"" + name + "\" value=\"" + value +
           "\"" + (checked ? " checked=\"checked\"" : "") + (required ? " required=\"required\"" : "") +
           "/><label for=\"" + id + "\">" + EscapeHtml(label) + "</label></div>";
  };
  std::string scale;
  for (int score = 1; score <= 5; ++score) {
    const std::string value = std::to_string(score);
    scale += "<input type=\"radio\" id=\"vx-csat-" + value + "\" name=\"csat\" value=\"" + value +
             "\"/><label for=\"vx-csat-" + value + "\">" + value + "</label>";
  }
  const std::string body =
      "<p class=\"vx-message\">" + EscapeHtml(Replace(text.intro, "{title}", view.title)) + "</p>" +
      "<form class=\"vx-form\" method=\"post\" action=\"" + EscapeHtml(action) + "\">" +
      "<fieldset class=\"vx-question\"><legend class=\"vx-legend\">" + EscapeHtml(text.title) + "</legend>" +
      "<div class=\"vx-options\">" + radio("solved", "yes", text.yes, preselect.value_or(false), true) +
      radio("solved", "no", text.no, preselect.has_value() && !*preselect, true) + "</div></fieldset>" +
      "<fieldset class=\"vx-question\"><legend class=\"vx-legend\">" + EscapeHtml(text.score) + "</legend>" +
      "<div class=\"vx-scale vx-scale-5\">" + scale + "</div><p class=\"vx-ends\"><span>" + EscapeHtml(text.low) +
      "</span> <span>" + EscapeHtml(text.high) + "</span></p></fieldset>" +
      "<div class=\"vx-actions\"><button type=\"submit\" class=\"vx-button vx-primary\">" + EscapeHtml(text.send) +
      "</button></div></form>";
  return Page(view.language, text.title, body);
}

std::string RenderFollowupThanks(const FollowupView& view) {
  const Strings& text = StringsFor(view.language);
  const bool solved = view.solved.value_or(false) && !(view.csat && *view.csat <= 2);
  return Page(view.language, text.thanks,
              "<p class=\"vx-message\">" + EscapeHtml(solved ? text.thanks_solved : text.thanks_unsolved) + "</p>");
}

std::string RenderFollowupInvalid(const std::string& language) {
  const Strings& text = StringsFor(language);
  return Page(language, text.title, "<p class=\"vx-message\">" + EscapeHtml(text.invalid) + "</p>");
}

}  // namespace voxloop::workflow
