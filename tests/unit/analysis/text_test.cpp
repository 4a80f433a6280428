#include "analysis/text.hpp"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace voxloop::analysis {
namespace {

std::vector<std::string> Texts(const Segmented& segmented) {
  std::vector<std::string> texts;
  for (const Token& token : segmented.tokens) texts.push_back(token.text);
  return texts;
}

using Strings = std::vector<std::string>;

TEST(TextTest, NormalizesToNfcAndFoldsCase) {
  // "Hàng" written with a combining grave accent composes to U+00E0.
  EXPECT_EQ(Normalize("HA\xCC\x80NG TỐT"), "hàng tốt");
  EXPECT_EQ(Normalize("Straße"), "strasse");
}

TEST(TextTest, FoldsElongatedLetters) {
  EXPECT_EQ(Normalize("goooood"), "good");
  EXPECT_EQ(Normalize("sooo bad"), "so bad");
  const Segmented vi = Segment("quá tệẹẹẹ, chậmmm", "vi");
  EXPECT_EQ(Texts(vi), (Strings{"quá", "tệ", "chậm"}));
  EXPECT_FALSE(vi.tokens[0].elongated);
  EXPECT_TRUE(vi.tokens[1].elongated);
  EXPECT_TRUE(vi.tokens[2].elongated);
  // Ordinary double letters stay.
  EXPECT_EQ(Texts(Segment("good coffee", "en")), (Strings{"good", "coffee"}));
}

TEST(TextTest, KeepsVietnameseSyllablesAndClauses) {
  const Segmented seg = Segment("Giao hàng nhanh, nhưng đóng gói tệ.", "vi");
  EXPECT_EQ(Texts(seg), (Strings{"giao", "hàng", "nhanh", "nhưng", "đóng", "gói", "tệ"}));
  EXPECT_EQ(seg.clause_starts, (std::vector<std::size_t>{0, 3}));
  EXPECT_EQ(seg.language, "vi");
}

TEST(TextTest, SegmentsChineseWithTheDictionary) {
  const Segmented seg = Segment("送餐速度太慢了，味道还不错", "zh");
  const Strings texts = Texts(seg);
  ASSERT_GE(texts.size(), 5u);
  // Dictionary words, not single characters and not the whole clause.
  EXPECT_NE(std::find(texts.begin(), texts.end(), "速度"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "味道"), texts.end());
  for (const Token& token : seg.tokens) EXPECT_TRUE(token.han) << token.text;
  EXPECT_EQ(seg.clause_starts.size(), 2u);
  // Traditional characters are segmented too.
  EXPECT_GE(Segment("這家餐廳的服務很好", "zh").tokens.size(), 4u);
}

TEST(TextTest, KeepsEmojiAsCanonicalTokens) {
  const Segmented seg = Segment("Tuyệt vời 👍🏽❤️ 😡😡", "vi");
  ASSERT_EQ(seg.tokens.size(), 6u);
  EXPECT_EQ(seg.tokens[2].text, "👍");
  EXPECT_EQ(seg.tokens[2].kind, TokenKind::kEmoji);
  EXPECT_EQ(seg.tokens[3].text, "❤");
  EXPECT_EQ(seg.tokens[4].text, "😡");
  EXPECT_EQ(seg.tokens[5].kind, TokenKind::kEmoji);
}

TEST(TextTest, RecognisesEmoticons) {
  const Segmented seg = Segment("hay quá:)) nhưng hơi đắt :( <3 =)) ^^ -_- :v", "vi");
  Strings emoticons;
  for (const Token& token : seg.tokens) {
    if (token.kind == TokenKind::kEmoticon) emoticons.push_back(token.text);
  }
  EXPECT_EQ(emoticons, (Strings{":)", ":(", "<3", ":D", "^^", "-_-", ":v"}));
  EXPECT_EQ(Texts(Segment("giảng dạy hay colonsmile", "vi")).back(), ":)");
  EXPECT_EQ(Segment("great :D", "en").tokens.back().text, ":D");
}

TEST(TextTest, DoesNotTakeTimesOrUrlsForEmoticons) {
  for (const char* text : {"at 10:30 today", "see http://example.com/a", "ratio 3:2"}) {
    for (const Token& token : Segment(text, "en").tokens) {
      EXPECT_NE(token.kind, TokenKind::kEmoticon) << text << " → " << token.text;
    }
  }
}

TEST(TextTest, NumbersAreTokens) {
  const Segmented seg = Segment("giá 500.000đ cho 2 cái", "vi");
  ASSERT_GE(seg.tokens.size(), 4u);
  EXPECT_EQ(seg.tokens[1].kind, TokenKind::kWord);  // "500.000đ" mixes digits and a letter
  EXPECT_EQ(seg.tokens[3].kind, TokenKind::kNumber);
  EXPECT_EQ(seg.tokens[3].text, "2");
}

TEST(TextTest, FeaturesAddBigramsWithinClauses) {
  const Segmented seg = Segment("giao hàng chậm, nhân viên tốt", "vi");
  const Strings features = Features(seg);
  EXPECT_EQ(features, (Strings{"giao", "hàng", "giao_hàng", "chậm", "hàng_chậm", "nhân", "viên",
                               "nhân_viên", "tốt", "viên_tốt"}));
}

TEST(TextTest, FoldsForSearch) {
  EXPECT_EQ(FoldForSearch("Giao HÀNG Đến"), "giao hang den");
  EXPECT_EQ(FoldForSearch("Sản phẩm rất TỐT"), "san pham rat tot");
  EXPECT_EQ(FoldForSearch("Café ＡＢＣ"), "cafe abc");
  EXPECT_EQ(FoldForSearch("送餐很慢"), "送餐很慢");
}

// The fold as defined, over the whole text at once: full case folding, NFKD, non-spacing
// marks dropped, "đ" → "d". FoldForSearch works code point by code point and must agree.
std::string ReferenceFold(const std::string& text) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  unicode.foldCase(U_FOLD_CASE_DEFAULT);
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = icu::Normalizer2::getNFKDInstance(status)->normalize(unicode, status);
  icu::UnicodeString folded;
  for (int32_t offset = 0; offset < decomposed.length(); offset = decomposed.moveIndex32(offset, 1)) {
    const UChar32 c = decomposed.char32At(offset);
    if (u_charType(c) != U_NON_SPACING_MARK) folded.append(c == 0x0111 ? static_cast<UChar32>('d') : c);
  }
  std::string out;
  return folded.toUTF8String(out);
}

TEST(TextTest, FoldForSearchAgreesWithTheWholeTextFold) {
  const std::vector<std::string> texts = {
      "Giao HÀNG Đến",
      "Sản phẩm rất TỐT, nhưng giao hàng CHẬM",
      "ti\u1EBFng vi\u1EC7t",                            // precomposed
      "tie\xCC\x82\xCC\x81ng vie\xCC\xA3\xCC\x82t",  // decomposed, marks out of order
      "STRASSE Straße İstanbul ΣΊΣΥΦΟΣ ﬁne ｆｕｌｌ ＡＢＣ ①②",
      "送餐很慢，包装破了 豈 羅",                    // CJK compatibility ideographs decompose
      "한국어 텍스트 カタカナ ｶﾀｶﾅ",
      "👍🏽 ❤️ 🇻🇳 :) <3",
      "\xF0\x9D\x85\x98\xF0\x9D\x85\xA5\xF0\x9D\x85\xAD",  // musical note with a spacing combining stem
      std::string("bad \xC3\x28 \xFF\xFE \xE2\x82 end") + '\0' + "x\xF0\x9F",
      "",
  };
  for (const std::string& text : texts) EXPECT_EQ(FoldForSearch(text), ReferenceFold(text)) << text;
  // Every line of the development sets, when ../shared/datasets is there.
  const std::string root = std::string(VOXLOOP_SOURCE_DIR) + "/../shared/datasets/";
  int compared = 0;
  for (const char* set : {"uit-vsfc", "waimai-10k", "online-shopping-10cats", "airline-tweets"}) {
    std::ifstream file(root + set + "/dev.tsv");
    for (std::string line; std::getline(file, line); ++compared) {
      ASSERT_EQ(FoldForSearch(line), ReferenceFold(line)) << set << ": " << line;
    }
  }
  std::cout << "dataset lines compared: " << compared << "\n";
}

TEST(TextTest, EmptyAndPunctuationOnlyTextHasNoTokens) {
  EXPECT_TRUE(Segment("", "en").tokens.empty());
  EXPECT_TRUE(Segment("  ...!!! ，。 ", "zh").tokens.empty());
  EXPECT_TRUE(Segment("", "en").clause_starts.empty());
}

TEST(TextTest, InvalidUtf8IsReplacedNotFatal) {
  const std::string bad = std::string("t\xC3\x28t \xFF\xFE ok") + '\0' + "x";
  const Segmented seg = Segment(bad, "en");
  EXPECT_FALSE(seg.tokens.empty());
  EXPECT_EQ(Segment("ok\xE2\x82", "en").tokens.front().text, "ok");
  EXPECT_FALSE(Normalize(bad).empty());
  EXPECT_FALSE(FoldForSearch(bad).empty());
}

TEST(TextTest, VeryLongTextIsSegmented) {
  std::string text;
  for (int word_idx = 0; word_idx < 50000; ++word_idx) text += "hàng tốt ";
  const Segmented seg = Segment(text, "vi");
  EXPECT_EQ(seg.tokens.size(), 100000u);
  EXPECT_EQ(seg.clause_starts.size(), 1u);
}

}  // namespace
}  // namespace voxloop::analysis
