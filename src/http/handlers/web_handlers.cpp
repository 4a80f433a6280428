// The dashboard: its page and assets, compiled into the binary. Client-side routes under
// /app/ all answer with the same page.
#include "http/handlers/handlers.hpp"
#include "http/response.hpp"
#include "http/static_files.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::string_view kDashboardPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

Response ServeFile(const RequestContext& context, std::string_view path) {
  const StaticFile* file = StaticFiles::Dashboard().Find(path);
  if (file == nullptr) return ErrorResponse(context, core::Error::NotFound("No such file"));
  if (context.Header("If-None-Match") == file->etag) {
    Response response = EmptyResponse(context, Status::not_modified);
    response.set(beast_http::field::etag, file->etag);
    return response;
  }
  Response response = TextResponse(context, Status::ok, file->content_type, std::string(file->content));
  response.set(beast_http::field::etag, file->etag);
  response.set(beast_http::field::cache_control, "no-cache");
  response.set("Content-Security-Policy", std::string(kDashboardPolicy));
  response.set("X-Frame-Options", "DENY");
  return response;
}

}  // namespace

Reply DashboardPage(RequestContext& context) { co_return ServeFile(context, "index.html"); }

Reply DashboardAsset(RequestContext& context) {
  co_return ServeFile(context, "assets/" + std::string(context.Param("rest")));
}

}  // namespace voxloop::http::handlers
