#include "analysis/pii.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace voxloop::analysis {
namespace {

std::string Redacted(std::string_view text) { return RedactPii(text, FindPii(text)); }

std::vector<PiiKind> Kinds(std::string_view text) {
  std::vector<PiiKind> kinds;
  for (const PiiMatch& match : FindPii(text)) kinds.push_back(match.kind);
  return kinds;
}

TEST(PiiTest, RedactsEmails) {
  EXPECT_EQ(Redacted("liên hệ lan.nguyen+shop@example.com.vn nhé"), "liên hệ [EMAIL] nhé");
  EXPECT_EQ(Redacted("写信到 wei_li@qq.com。"), "写信到 [EMAIL]。");
  EXPECT_EQ(Redacted("not an email: a@b, @home, x@y.1"), "not an email: a@b, @home, x@y.1");
}

TEST(PiiTest, RedactsVietnameseChineseAndInternationalPhones) {
  EXPECT_EQ(Redacted("gọi 0912 345 678 hoặc 091.234.5678"), "gọi [PHONE] hoặc [PHONE]");
  EXPECT_EQ(Redacted("hotline +84 28 3822 1234"), "hotline [PHONE]");
  EXPECT_EQ(Redacted("số bàn 028 3822 1234"), "số bàn [PHONE]");
  EXPECT_EQ(Redacted("电话13800138000，或者 138 0013 8000"), "电话[PHONE]，或者 [PHONE]");
  EXPECT_EQ(Redacted("座机 010-12345678"), "座机 [PHONE]");
  EXPECT_EQ(Redacted("+86 138 0013 8000"), "[PHONE]");
  EXPECT_EQ(Redacted("UK office +44 20 7946 0958, US +1 (415) 555-2671"),
            "UK office [PHONE], US [PHONE]");
}

TEST(PiiTest, RedactsLuhnValidCardsOnly) {
  EXPECT_EQ(Redacted("thẻ 4111 1111 1111 1111 bị trừ tiền"), "thẻ [CARD] bị trừ tiền");
  EXPECT_EQ(Redacted("card 5500-0000-0000-0004"), "card [CARD]");
  EXPECT_EQ(Kinds("card 4111 1111 1111 1112"), std::vector<PiiKind>{});  // Luhn fails
}

TEST(PiiTest, RedactsNationalIdsWithValidChecksums) {
  EXPECT_EQ(Redacted("身份证 11010519491231002X"), "身份证 [ID]");
  EXPECT_EQ(Kinds("身份证 110105194912310021"), std::vector<PiiKind>{});  // wrong check digit
  EXPECT_EQ(Kinds("id 11010519491331002X"), std::vector<PiiKind>{});      // month 13
  EXPECT_EQ(Kinds("CCCD 079203001234"), std::vector<PiiKind>{PiiKind::kNationalIdVn});
  EXPECT_EQ(Kinds("số CMND 025123456"), std::vector<PiiKind>{PiiKind::kNationalIdVn});
  EXPECT_EQ(Kinds("mã đơn 025123456"), std::vector<PiiKind>{});  // nine digits alone say nothing
  EXPECT_EQ(Redacted("CMND: 025123456"), "CMND: [ID]");
}

TEST(PiiTest, LeavesOrdinaryNumbersAlone) {
  for (const char* text : {"giá 500.000đ cho 2 cái", "ngày 2024-05-01 lúc 10:30", "đơn DH0912345678",
                           "order #A1234567890B", "trả 1.250.000 VND", "共计 128 元", "rated 10/10",
                           "version 12.4.1", "flight UA1234 at 18:45"}) {
    EXPECT_TRUE(FindPii(text).empty()) << text;
  }
}

TEST(PiiTest, FindsSeveralInOrderAndNamesThem) {
  const std::string text = "Email a@b.vn, phone 0987654321, card 4111111111111111.";
  const auto found = FindPii(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(PiiKindName(found[0].kind), "email");
  EXPECT_EQ(PiiKindName(found[1].kind), "phone");
  EXPECT_EQ(PiiKindName(found[2].kind), "payment_card");
  EXPECT_LT(found[0].end, found[1].begin);
  EXPECT_EQ(RedactPii(text, found), "Email [EMAIL], phone [PHONE], card [CARD].");
}

TEST(PiiTest, NeverBreaksOnInvalidInput) {
  const std::string bad("\xff\xfe 0912 345 678 \xc3", 17);
  EXPECT_EQ(Kinds(bad), std::vector<PiiKind>{PiiKind::kPhone});
  EXPECT_TRUE(FindPii("").empty());
  EXPECT_EQ(Redacted("@@@@ ++++ (((( 0"), "@@@@ ++++ (((( 0");
  std::string digits(100000, '9');
  EXPECT_TRUE(FindPii(digits).empty());
}

}  // namespace
}  // namespace voxloop::analysis
