#include "http/page_params.hpp"

#include <charconv>

#include "http/cursor.hpp"

namespace voxloop::http {

core::Result<PageParams> ReadPageParams(const RequestContext& context) {
  PageParams page;
  std::vector<core::FieldError> errors;
  if (const std::string_view text = context.Query("limit"); !text.empty()) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page.limit);
    if (ec != std::errc() || end != text.data() + text.size() || page.limit < 1 ||
        page.limit > 200) {
      errors.push_back({"limit", "out_of_range", "Between 1 and 200"});
    }
  }
  if (const std::string_view cursor = context.Query("cursor"); !cursor.empty()) {
    auto numbers = DecodeCursor(cursor, 1);
    if (numbers) page.after_id = (*numbers)[0];
    else errors.push_back({"cursor", "invalid", "Use the next_cursor of a previous page"});
  }
  if (!errors.empty()) return core::Error::InvalidArgument("The query is invalid", std::move(errors));
  return page;
}

std::string NextCursor(const std::optional<core::Id>& last_id) {
  return last_id ? EncodeCursor({*last_id}) : std::string();
}

}  // namespace voxloop::http
