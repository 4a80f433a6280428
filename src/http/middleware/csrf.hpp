// CSRF protection for cookie-authenticated writes: a POST/PUT/PATCH/DELETE that relies on
// the session cookie must echo the session's CSRF token in X-CSRF-Token, and, when the
// browser sends an Origin, come from this server's own origin. Bearer-token requests are
// not exposed to CSRF and pass. (The cookie is also SameSite=Strict.)
#pragma once

#include "core/result.hpp"
#include "http/request_context.hpp"

namespace voxloop::http {

core::Status CheckCsrf(const RequestContext& context);

}  // namespace voxloop::http
