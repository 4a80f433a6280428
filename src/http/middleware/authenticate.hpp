// Authentication and authorisation for one request: resolves the principal from
// "Authorization: Bearer <token>" or the session cookie, then checks the route's access
// rule — for workspace routes, membership of {ws} (404 when not a member, so workspace ids
// cannot be probed) and the route's permission (403). Cache hits never leave the I/O thread;
// misses read the database on the blocking pool.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string_view>

#include "core/result.hpp"
#include "http/cookies.hpp"
#include "http/request_context.hpp"

namespace voxloop::http {

inline constexpr std::string_view kSessionCookie = "vxl_session";

boost::asio::awaitable<core::Status> Authenticate(RequestContext& context);

}  // namespace voxloop::http
