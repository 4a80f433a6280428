// Liveness and readiness probes.
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "store/database.hpp"

namespace voxloop::http::handlers {

// Trivial by design: the benchmark's reference endpoint for the cost of HTTP alone.
Reply Healthz(RequestContext& context) {
  co_return TextResponse(context, Status::ok, "application/json", R"({"status":"ok"})");
}

// Ready when the database answers a query.
Reply Readyz(RequestContext& context) {
  auto answered = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.database.Read<int>([](store::Connection& db) -> core::Result<int> {
      VOXLOOP_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT 1", {}));
      return row ? 1 : 0;
    });
  });
  if (!answered) {
    co_return ErrorResponse(context, core::Error::Unavailable("The database is not reachable",
                                                              answered.error().internal));
  }
  co_return JsonResponse(context, Status::ok, {{"status", "ready"}, {"database", "ok"}});
}

}  // namespace voxloop::http::handlers
