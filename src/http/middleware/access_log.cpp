#include "http/middleware/access_log.hpp"

#include <spdlog/spdlog.h>

#include "http/router.hpp"

namespace voxloop::http {

void LogAccess(const RequestContext& context, const Response& response,
               std::chrono::steady_clock::duration elapsed) {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto found = spdlog::get("access");
    return found ? found : spdlog::default_logger();
  }();
  if (!logger->should_log(spdlog::level::info)) return;
  const double millis = std::chrono::duration<double, std::milli>(elapsed).count();
  const std::string_view route = context.route != nullptr ? std::string_view(context.route->pattern)
                                                          : std::string_view("-");
  std::string who = "-";
  if (context.principal) {
    who = (context.principal->kind == auth::Principal::Kind::kUser ? "user:" : "token:") +
          std::to_string(context.principal->id);
  }
  logger->info("{} {} {} {} {} {}B {:.2f}ms {}", context.request_id, context.client_ip,
               std::string_view(context.request.method_string()), route, response.result_int(),
               response.body().size(), millis, who);
}

}  // namespace voxloop::http
