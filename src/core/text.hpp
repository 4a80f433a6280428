// UTF-8 checks shared by every subsystem that takes text from outside, and HTML escaping for
// the few server-rendered pages. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace voxloop::core {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Number of code points in valid UTF-8 text (counts lead bytes; undefined for invalid text).
std::size_t Utf8Length(std::string_view text);

// The longest prefix of valid UTF-8 `text` holding at most `max_code_points` code points.
std::string_view Utf8Prefix(std::string_view text, std::size_t max_code_points);

// `text` safe inside HTML text and double- or single-quoted attribute values (& < > " ').
std::string EscapeHtml(std::string_view text);

}  // namespace voxloop::core
