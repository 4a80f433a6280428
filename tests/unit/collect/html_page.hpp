// Test helpers for rendered survey pages: parse the HTML as XML (the renderer emits
// well-formed markup, so a parse failure is a bug) and build the form submission a browser
// without JavaScript would send.
#pragma once

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cctype>
#include <memory>
#include <string>

#include "collect/page_render.hpp"
#include "collect/step_flow.hpp"

namespace voxloop::collect::testing {

inline PageContext Context(std::string language) {
  PageContext context;
  context.language = std::move(language);
  context.form_action = "/s/77";
  context.page_url = "/s/77?t=tok";
  context.session_token = "sess-1";
  context.honeypot_field = "website";
  return context;
}

struct Page {
  pugi::xml_document document;
  std::string html;
};

inline std::unique_ptr<Page> Parse(const core::Result<std::string>& html) {
  auto page = std::make_unique<Page>();
  EXPECT_TRUE(html.ok()) << (html.ok() ? "" : html.error().internal);
  if (!html.ok()) return page;
  page->html = *html;
  const auto result = page->document.load_string(page->html.c_str());
  EXPECT_TRUE(result) << result.description() << " at " << result.offset << "\n" << page->html;
  return page;
}

inline std::unique_ptr<Page> Step(const SurveyDefinition& definition, const std::string& language,
                           const AnswerSet& answers, std::string_view question_id) {
  return Parse(RenderStepPage(definition, Context(language), answers, question_id));
}

// The fields the browser would send: the form's hidden inputs plus the given answer values.
inline FormFields FormSubmission(const Page& page, std::string_view nav,
                          const std::vector<std::string>& values) {
  FormFields fields;
  std::string step;
  for (const auto& node : page.document.select_nodes("//form//input[@type='hidden']")) {
    fields.emplace_back(node.node().attribute("name").value(), node.node().attribute("value").value());
    if (std::string_view(node.node().attribute("name").value()) == kStepField) {
      step = node.node().attribute("value").value();
    }
  }
  const std::string answer_name = AnswerFieldName(step);
  const std::string choices_xpath = "//input[@name='" + answer_name + "'][@type='radio' or @type='checkbox']";
  const auto choices = page.document.select_nodes(choices_xpath.c_str());
  for (const auto& value : values) {
    bool offered = choices.empty();
    for (const auto& choice : choices) offered = offered || value == choice.node().attribute("value").value();
    EXPECT_TRUE(offered) << "the form offers no choice " << value << " for " << step;
    fields.emplace_back(answer_name, value);
  }
  fields.emplace_back(std::string(kNavigationField), std::string(nav));
  return fields;
}

// The fields as an application/x-www-form-urlencoded body, as a browser encodes them.
inline std::string EncodeForm(const FormFields& fields) {
  std::string body;
  const auto encode = [&body](std::string_view text) {
    static const char* const kHex = "0123456789ABCDEF";
    for (const unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
        body += static_cast<char>(c);
      } else if (c == ' ') {
        body += '+';
      } else {
        body += '%';
        body += kHex[c >> 4];
        body += kHex[c & 15];
      }
    }
  };
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    encode(name);
    body += '=';
    encode(value);
  }
  return body;
}

inline std::string Text(const Page& page, const char* xpath) {
  return page.document.select_node(xpath).node().text().as_string();
}

}  // namespace voxloop::collect::testing
