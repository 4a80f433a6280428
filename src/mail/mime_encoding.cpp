#include "mail/mime_encoding.hpp"

#include <cctype>
#include <cstddef>

namespace voxloop::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::size_t kBase64LineChars = 76;
// A quoted-printable line holds at most 76 characters, the soft-break '=' included.
constexpr std::size_t kQuotedPrintableChars = 75;
// "=?UTF-8?Q?" + 52 + "?=" is 64 characters, so "Subject: " and one word fit in 78 columns.
constexpr std::size_t kEncodedWordPayload = 52;
constexpr std::size_t kHeaderColumns = 78;

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t byte_idx = 0;
  for (; byte_idx + 3 <= bytes.size(); byte_idx += 3) {
    const unsigned triple = static_cast<unsigned char>(bytes[byte_idx]) << 16 |
                            static_cast<unsigned char>(bytes[byte_idx + 1]) << 8 |
                            static_cast<unsigned char>(bytes[byte_idx + 2]);
    out += kBase64Alphabet[triple >> 18 & 63];
    out += kBase64Alphabet[triple >> 12 & 63];
    out += kBase64Alphabet[triple >> 6 & 63];
    out += kBase64Alphabet[triple & 63];
  }
  const std::size_t rest = bytes.size() - byte_idx;
  if (rest > 0) {
    unsigned triple = static_cast<unsigned char>(bytes[byte_idx]) << 16;
    if (rest == 2) triple |= static_cast<unsigned char>(bytes[byte_idx + 1]) << 8;
    out += kBase64Alphabet[triple >> 18 & 63];
    out += kBase64Alphabet[triple >> 12 & 63];
    out += rest == 2 ? kBase64Alphabet[triple >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

void AppendEscaped(std::string& out, unsigned char byte) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  out += '=';
  out += kHex[byte >> 4];
  out += kHex[byte & 15];
}

// Whether `byte`, at `offset` of `line` and output column `column`, must be written =XX.
bool NeedsEscape(std::string_view line, std::size_t offset, std::size_t column) {
  const auto byte = static_cast<unsigned char>(line[offset]);
  if (byte == ' ' || byte == '\t') return offset + 1 == line.size();
  if (byte < 33 || byte > 126 || byte == '=') return true;
  if (column == 0 && byte == '.') return true;
  return column == 0 && line.substr(offset).starts_with("From ");
}

void AppendQuotedPrintableLine(std::string& out, std::string_view line) {
  std::size_t column = 0;
  for (std::size_t offset = 0; offset < line.size(); ++offset) {
    const bool escape = NeedsEscape(line, offset, column);
    const std::size_t width = escape ? 3 : 1;
    if (column + width > kQuotedPrintableChars) {
      out += '=';
      out += kCrlf;
      column = 0;
    }
    // After a soft break the column is 0 again, so a '.' or "From " may now need escaping.
    if (escape || NeedsEscape(line, offset, column)) {
      AppendEscaped(out, static_cast<unsigned char>(line[offset]));
      column += 3;
    } else {
      out += line[offset];
      column += 1;
    }
  }
  out += kCrlf;
}

// Characters an encoded-word in a phrase may carry as they are (RFC 2047 §5 (3)).
bool IsQLiteral(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x80 && std::isalnum(byte) != 0) || c == '!' || c == '*' || c == '+' || c == '-' ||
         c == '/';
}

}  // namespace

std::string Base64Body(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kBase64LineChars * 2 + 2);
  for (std::size_t start = 0; start < encoded.size(); start += kBase64LineChars) {
    out.append(encoded, start, kBase64LineChars);
    out += kCrlf;
  }
  return out;
}

std::string QuotedPrintableBody(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t line_end = text.find_first_of("\r\n", line_start);
    if (line_end == std::string_view::npos) {
      if (line_start < text.size()) {
        AppendQuotedPrintableLine(out, text.substr(line_start));
      }
      break;
    }
    AppendQuotedPrintableLine(out, text.substr(line_start, line_end - line_start));
    const bool crlf =
        text[line_end] == '\r' && line_end + 1 < text.size() && text[line_end + 1] == '\n';
    line_start = line_end + (crlf ? 2 : 1);
    if (line_start == text.size()) {
      out += kCrlf;  // the text ends with a line end: keep the empty last line
      break;
    }
  }
  return out;
}

std::vector<std::string> EncodedWords(std::string_view text) {
  std::vector<std::string> words;
  std::string payload;
  std::size_t offset = 0;
  while (offset < text.size()) {
    // One UTF-8 sequence at a time, so that no word splits a character.
    std::size_t length = 1;
    while (offset + length < text.size() &&
           (static_cast<unsigned char>(text[offset + length]) & 0xC0) == 0x80) {
      ++length;
    }
    std::string piece;
    for (std::size_t byte_idx = offset; byte_idx < offset + length; ++byte_idx) {
      const char c = text[byte_idx];
      if (c == ' ') {
        piece += '_';
      } else if (IsQLiteral(c)) {
        piece += c;
      } else {
        AppendEscaped(piece, static_cast<unsigned char>(c));
      }
    }
    if (!payload.empty() && payload.size() + piece.size() > kEncodedWordPayload) {
      words.push_back("=?UTF-8?Q?" + payload + "?=");
      payload.clear();
    }
    payload += piece;
    offset += length;
  }
  if (!payload.empty()) words.push_back("=?UTF-8?Q?" + payload + "?=");
  return words;
}

bool IsPrintableAscii(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte > 0x7E) return false;
  }
  return true;
}

std::string FoldHeader(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out(name);
  out += ':';
  std::size_t column = out.size();
  for (const std::string& token : tokens) {
    if (!token.empty() && column > 1 && column + 1 + token.size() > kHeaderColumns) {
      out += kCrlf;
      column = 0;
    }
    out += ' ';
    out += token;
    column += 1 + token.size();
  }
  out += kCrlf;
  return out;
}

std::vector<std::string> SplitAtSpaces(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (true) {
    const std::size_t space = text.find(' ', start);
    if (space == std::string_view::npos) {
      tokens.emplace_back(text.substr(start));
      return tokens;
    }
    tokens.emplace_back(text.substr(start, space - start));
    start = space + 1;
  }
}

}  // namespace voxloop::mail
