#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace voxloop::core {
namespace {

TEST(Utf8Test, AcceptsMultilingualText) {
  EXPECT_TRUE(IsValidUtf8("Giao hàng quá chậm 😡 快递太慢了 late delivery"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8Test, RejectsMalformedSequences) {
  for (const std::string& bad : {std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                                std::string("\xF4\x90\x80\x80"), std::string("abc\xE2\x82"),
                                std::string("\xFF"), std::string("12345678\x80")}) {
    EXPECT_FALSE(IsValidUtf8(bad));
  }
}

TEST(Utf8Test, CountsCodePointsAndCutsPrefixes) {
  const std::string text = "cà phê 咖啡";
  EXPECT_EQ(Utf8Length(text), 9u);
  EXPECT_EQ(Utf8Prefix(text, 2), "cà");
  EXPECT_EQ(Utf8Prefix(text, 100), text);
}

}  // namespace
}  // namespace voxloop::core
