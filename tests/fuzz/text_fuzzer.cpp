// Fuzzes the small parsers that see client text: RFC 3339 times, ids, cursors, cookies and
// UTF-8 checks. Also checks round trips that must hold for every input they accept.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/id.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "http/cursor.hpp"
#include "http/cookies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace voxloop;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto time = core::ParseRfc3339(text)) {
    if (core::ParseRfc3339(core::FormatRfc3339(*time)) != *time) std::abort();
  }
  if (auto id = core::ParseId(text)) {
    if (core::IdToString(*id) != text) std::abort();
  }
  if (auto numbers = http::DecodeCursor(text, 2)) {
    if (http::DecodeCursor(http::EncodeCursor(*numbers), 2) != numbers) std::abort();
  }
  (void)http::CookieValue(text, "vxl_session");
  if (core::IsValidUtf8(text)) {
    const std::size_t length = core::Utf8Length(text);
    if (core::Utf8Prefix(text, length) != text) std::abort();
  }
  return 0;
}
