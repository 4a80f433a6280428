#include "mail/mime_encoding.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"

namespace voxloop::mail {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::string RemoveSoftBreaks(std::string text) {
  for (std::size_t at = text.find("=\r\n"); at != std::string::npos; at = text.find("=\r\n", at)) {
    text.erase(at, 3);
  }
  return text;
}

std::string DecodeBase64(std::string_view text) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int bit_count = 0;
  for (const char c : text) {
    const std::size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) continue;
    bits = bits << 6 | static_cast<unsigned>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out += static_cast<char>(bits >> bit_count & 0xFF);
    }
  }
  return out;
}

// Decodes the payload of a Q encoded-word (RFC 2047 §4.2).
std::string DecodeQ(std::string_view payload) {
  std::string out;
  for (std::size_t at = 0; at < payload.size(); ++at) {
    if (payload[at] == '_') {
      out += ' ';
    } else if (payload[at] == '=' && at + 2 < payload.size()) {
      out += static_cast<char>(std::stoi(std::string(payload.substr(at + 1, 2)), nullptr, 16));
      at += 2;
    } else {
      out += payload[at];
    }
  }
  return out;
}

TEST(MailMimeEncodingTest, Base64BodyMatchesRfc4648Vectors) {
  EXPECT_EQ(Base64Body(""), "");
  EXPECT_EQ(Base64Body("f"), "Zg==\r\n");
  EXPECT_EQ(Base64Body("fo"), "Zm8=\r\n");
  EXPECT_EQ(Base64Body("foo"), "Zm9v\r\n");
  EXPECT_EQ(Base64Body("foob"), "Zm9vYg==\r\n");
  EXPECT_EQ(Base64Body("foobar"), "Zm9vYmFy\r\n");
}

TEST(MailMimeEncodingTest, Base64BodyWrapsLinesAt76Characters) {
  const std::string bytes(200, '\xE4');
  const std::vector<std::string> lines = Lines(Base64Body(bytes));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].size(), 76u);
  EXPECT_EQ(DecodeBase64(Base64Body(bytes)), bytes);
}

TEST(MailMimeEncodingTest, QuotedPrintableEscapesEqualsAndNonAscii) {
  EXPECT_EQ(QuotedPrintableBody("a=b phở"), "a=3Db ph=E1=BB=9F\r\n");
}

TEST(MailMimeEncodingTest, QuotedPrintableEscapesWhitespaceAtLineEnds) {
  EXPECT_EQ(QuotedPrintableBody("a \nb\t"), "a=20\r\nb=09\r\n");
}

TEST(MailMimeEncodingTest, QuotedPrintableEscapesLeadingDotAndFrom) {
  EXPECT_EQ(QuotedPrintableBody(".\nFrom here\nFromage"), "=2E\r\n=46rom here\r\nFromage\r\n");
}

TEST(MailMimeEncodingTest, QuotedPrintableTurnsEveryLineEndIntoCrlf) {
  EXPECT_EQ(QuotedPrintableBody("a\r\nb\rc\nd"), "a\r\nb\r\nc\r\nd\r\n");
  EXPECT_EQ(QuotedPrintableBody("a\n"), "a\r\n\r\n");
}

TEST(MailMimeEncodingTest, QuotedPrintableSoftBreaksLongLinesWithin76Characters) {
  const std::string text = std::string(200, 'x') + " " + std::string(100, 'y');
  const std::string encoded = QuotedPrintableBody(text);
  for (const std::string& line : Lines(encoded)) EXPECT_LE(line.size(), 76u) << line;
  EXPECT_EQ(RemoveSoftBreaks(encoded), text + "\r\n");
}

TEST(MailMimeEncodingTest, QuotedPrintableNeverSplitsAnEscape) {
  std::string text;
  for (int repeat = 0; repeat < 40; ++repeat) text += "ệ";
  const std::string encoded = QuotedPrintableBody(text);
  std::string expected;
  for (int repeat = 0; repeat < 40; ++repeat) expected += "=E1=BB=87";
  for (const std::string& line : Lines(encoded)) EXPECT_LE(line.size(), 76u);
  EXPECT_EQ(RemoveSoftBreaks(encoded), expected + "\r\n");
}

TEST(MailMimeEncodingTest, EncodedWordsCoverWholeUtf8Sequences) {
  const std::string text =
      "Khảo sát (của) Phở_Thìn = \"100%\"? — 您的反馈很重要，谢谢您抽出时间回答这份问卷";
  std::string decoded;
  for (const std::string& word : EncodedWords(text)) {
    ASSERT_TRUE(word.starts_with("=?UTF-8?Q?") && word.ends_with("?=")) << word;
    EXPECT_LE(word.size(), 64u);
    const std::string payload = word.substr(10, word.size() - 12);
    EXPECT_EQ(payload.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789!*+-/=_"),
              std::string::npos)
        << word;
    const std::string bytes = DecodeQ(payload);
    EXPECT_TRUE(core::IsValidUtf8(bytes));
    decoded += bytes;
  }
  EXPECT_EQ(decoded, text);
}

TEST(MailMimeEncodingTest, FoldHeaderBreaksBeforeColumn78) {
  std::vector<std::string> tokens(20, "word1234");
  const std::string folded = FoldHeader("Subject", tokens);
  for (const std::string& line : Lines(folded)) EXPECT_LE(line.size(), 78u);
  EXPECT_TRUE(folded.ends_with("\r\n"));
  std::string unfolded = folded;
  for (std::size_t at = unfolded.find("\r\n "); at != std::string::npos;
       at = unfolded.find("\r\n ")) {
    unfolded.erase(at, 2);
  }
  EXPECT_EQ(unfolded.substr(0, 18), "Subject: word1234 ");
}

TEST(MailMimeEncodingTest, FoldHeaderKeepsRunsOfSpacesAndNoBlankLines) {
  const std::string value = "a  b" + std::string(90, ' ') + "c";
  const std::string folded = FoldHeader("X-Test", SplitAtSpaces(value));
  for (const std::string& line : Lines(folded)) {
    EXPECT_NE(line.find_first_not_of(' '), std::string::npos) << "blank continuation line";
  }
  std::string unfolded = folded;
  for (std::size_t at = unfolded.find("\r\n "); at != std::string::npos;
       at = unfolded.find("\r\n ")) {
    unfolded.erase(at, 2);
  }
  EXPECT_EQ(unfolded, "X-Test: " + value + "\r\n");
}

}  // namespace
}  // namespace voxloop::mail
