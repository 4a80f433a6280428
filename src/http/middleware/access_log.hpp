// The access log: one line per request on the "access" logger (asynchronous, so writing it
// never stalls an I/O thread). It names the route pattern, not the raw path, and never the
// query string or body — those may hold customer text or PII.
#pragma once

#include <chrono>

#include "http/request_context.hpp"
#include "http/types.hpp"

namespace voxloop::http {

void LogAccess(const RequestContext& context, const Response& response,
               std::chrono::steady_clock::duration elapsed);

}  // namespace voxloop::http
