#include "http/middleware/csrf.hpp"

#include "auth/secrets.hpp"

namespace voxloop::http {
namespace {

bool IsSafeMethod(Method method) {
  return method == Method::get || method == Method::head || method == Method::options;
}

// "https://host:port" → "host:port"
std::string_view OriginHost(std::string_view origin) {
  const std::size_t scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return {};
  return origin.substr(scheme_end + 3);
}

}  // namespace

core::Status CheckCsrf(const RequestContext& context) {
  if (!context.via_cookie || IsSafeMethod(context.request.method())) return core::Ok();
  const core::Error refused =
      core::Error::Forbidden("Cookie-authenticated writes need the X-CSRF-Token header")
          .WithType("csrf");
  const std::string_view origin = context.Header("Origin");
  if (!origin.empty() && OriginHost(origin) != context.Header("Host")) return refused;
  const std::string_view token = context.Header("X-CSRF-Token");
  if (token.empty() || !auth::SecretsEqual(token, context.principal->csrf_token)) return refused;
  return core::Ok();
}

}  // namespace voxloop::http
