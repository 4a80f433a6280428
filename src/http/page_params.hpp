// The `limit` and `cursor` query parameters of list endpoints whose cursor is one id (the
// last row of the previous page). Pure functions.
#pragma once

#include <optional>

#include "core/id.hpp"
#include "core/result.hpp"
#include "http/request_context.hpp"

namespace voxloop::http {

struct PageParams {
  int limit = 50;                   // 1–200
  std::optional<core::Id> after_id;  // from the cursor
};

// Errors: kInvalidArgument naming "limit" (not 1–200) and/or "cursor" (not one of ours).
core::Result<PageParams> ReadPageParams(const RequestContext& context);

// The cursor of the page after one that ended at `last_id`; "" when there is none.
std::string NextCursor(const std::optional<core::Id>& last_id);

}  // namespace voxloop::http
