// Headers every response carries: the request id, no MIME sniffing, a referrer policy, and
// for the API no caching and a Content-Security-Policy that forbids everything (JSON is
// never a document). HTML handlers set their own strict CSP, which is kept.
#pragma once

#include "http/request_context.hpp"
#include "http/types.hpp"

namespace voxloop::http {

void AddResponseHeaders(const RequestContext& context, Response& response);

}  // namespace voxloop::http
