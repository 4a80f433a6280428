#include "http/middleware/response_headers.hpp"

namespace voxloop::http {

void AddResponseHeaders(const RequestContext& context, Response& response) {
  response.set("X-Request-Id", context.request_id);
  response.set("X-Content-Type-Options", "nosniff");
  if (response.find("Referrer-Policy") == response.end()) {
    response.set("Referrer-Policy", "strict-origin-when-cross-origin");
  }
  const bool is_api = context.path.rfind("/api/", 0) == 0;
  if (is_api && response.find(beast_http::field::cache_control) == response.end()) {
    response.set(beast_http::field::cache_control, "no-store");
  }
  if (response.find("Content-Security-Policy") == response.end()) {
    response.set("Content-Security-Policy",
                 is_api ? "default-src 'none'; frame-ancestors 'none'"
                        : "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'; form-action 'self'");
  }
  response.set(beast_http::field::server, "voxloop");
}

}  // namespace voxloop::http
