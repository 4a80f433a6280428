// The byte-level encodings of Internet mail that ComposeMime needs: base64 and
// quoted-printable bodies (RFC 2045), RFC 2047 encoded-words for non-ASCII header text, and
// folding of header fields at 78 columns (RFC 5322 §2.2.3). Every line they produce ends
// with CRLF and stays within 76 characters (a header line may pass 78 only for one token
// that cannot be split, and never 998). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace voxloop::mail {

// Base64 of `bytes` in lines of at most 76 characters, each ended by CRLF. Empty for empty.
std::string Base64Body(std::string_view bytes);

// Quoted-printable of `text`: its line ends (CRLF, LF or a lone CR) become CRLF line ends;
// long lines get soft breaks ("=" CRLF); '=', control bytes, bytes above 0x7E, whitespace at
// the end of a line, and a '.' or "From " at the start of a line are escaped as =XX. Every
// line of the text, the last one too, ends with CRLF in the output.
std::string QuotedPrintableBody(std::string_view text);

// `text` as RFC 2047 encoded-words ("=?UTF-8?Q?Kh=E1=BA=A3o_s=C3=A1t?="), each at most 64
// characters and each covering whole UTF-8 sequences, to be joined by folding whitespace
// (which decoders drop between encoded-words). Q rather than B encoding: some decoders
// (GMime) join the payloads of adjacent B words before decoding, which breaks on the padding
// of any word but the last; Q has no padding, and keeps Vietnamese half readable. Only
// letters, digits and !*+-/ stay as they are (what a display name may hold), so the words
// are safe in Subject and in phrases alike. Requires: valid UTF-8. Empty for empty.
std::vector<std::string> EncodedWords(std::string_view text);

// True when `text` is only printable ASCII (0x20–0x7E) and tabs.
bool IsPrintableAscii(std::string_view text);

// One header field "Name: token token ..." ending with CRLF: the tokens are joined by single
// spaces, and a CRLF is put before a space whenever the token after it would cross column
// 78 (never before an empty token, so runs of spaces survive and no line is blank).
std::string FoldHeader(std::string_view name, const std::vector<std::string>& tokens);

// `text` split at every single space: joining the result with ' ' gives `text` back.
std::vector<std::string> SplitAtSpaces(std::string_view text);

}  // namespace voxloop::mail
