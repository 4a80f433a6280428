// Request ids: every request gets one (the client's X-Request-Id when it is a safe token,
// else a fresh one); it is echoed in the response, in problem bodies and in every log line.
#pragma once

#include "http/request_context.hpp"

namespace voxloop::http {

void AssignRequestId(RequestContext& context);

}  // namespace voxloop::http
