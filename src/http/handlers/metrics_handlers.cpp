// Metrics: the query API over the in-memory index (insights::MetricsService) — a query, the
// feedback behind a number, the values of each dimension, and the query's rows as CSV/XLSX.
#include <boost/json.hpp>

#include <algorithm>

#include "collect/response_export.hpp"
#include "http/async.hpp"
#include "http/cursor.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "insights/metrics_service.hpp"
#include "store/database.hpp"
#include "store/feedback_repo.hpp"

namespace voxloop::http::handlers {
namespace {

namespace json = boost::json;

constexpr std::size_t kDefaultDrillDownItems = 50;
constexpr std::size_t kMaxDrillDownItems = 200;

core::Result<insights::MetricsService*> Metrics(const RequestContext& context) {
  if (context.services.metrics == nullptr) return core::Error::Unavailable("Metrics are not available");
  return context.services.metrics;
}

core::Result<metrics::Query> ReadQuery(const json::object& body) {
  return metrics::ParseQuery(json::value(body));
}

core::Result<json::object> RunQuery(RequestContext& context, const json::object& body) {
  VOXLOOP_ASSIGN_OR_RETURN(auto* service, Metrics(context));
  VOXLOOP_ASSIGN_OR_RETURN(metrics::Query query, ReadQuery(body));
  return service->Query(context.workspace_id, query, core::NowMs());
}

// The query's rows as a table: one column per group dimension (in order of first
// appearance), then the metric, its estimate and the comparison.
collect::ExportTable RowsTable(const json::object& answer) {
  collect::ExportTable table;
  table.sheet_name = "Voxloop";
  const json::array empty;
  const json::array& rows = answer.contains("rows") && answer.at("rows").is_array()
                                ? answer.at("rows").as_array()
                                : empty;
  std::vector<std::string> dimensions;
  for (const json::value& row : rows) {
    if (const auto* group = row.as_object().if_contains("group"); group != nullptr && group->is_object()) {
      for (const auto& member : group->as_object()) {
        const std::string key(member.key());
        if (std::find(dimensions.begin(), dimensions.end(), key) == dimensions.end()) dimensions.push_back(key);
      }
    }
  }
  table.headers = dimensions;
  static constexpr const char* kValues[] = {"metric", "value", "n", "ci_low", "ci_high"};
  static constexpr const char* kComparison[] = {"previous_value", "previous_n", "change", "p_value",
                                                "significant"};
  for (const char* name : kValues) table.headers.emplace_back(name);
  for (const char* name : kComparison) table.headers.emplace_back(name);
  auto cell = [](const json::value* value) -> collect::ExportCell {
    if (value == nullptr || value->is_null()) return std::monostate{};
    if (value->is_string()) return std::string(value->as_string());
    if (value->is_bool()) return std::string(value->as_bool() ? "true" : "false");
    if (value->is_number()) return value->to_number<double>();
    return json::serialize(*value);
  };
  for (const json::value& value : rows) {
    const json::object& row = value.as_object();
    std::vector<collect::ExportCell> cells;
    const json::object* group = row.contains("group") && row.at("group").is_object()
                                    ? &row.at("group").as_object()
                                    : nullptr;
    for (const std::string& dimension : dimensions) {
      cells.push_back(group != nullptr ? cell(group->if_contains(dimension)) : collect::ExportCell{});
    }
    for (const char* name : kValues) cells.push_back(cell(row.if_contains(name)));
    const json::object* previous = row.contains("previous") && row.at("previous").is_object()
                                       ? &row.at("previous").as_object()
                                       : nullptr;
    cells.push_back(previous != nullptr ? cell(previous->if_contains("value")) : collect::ExportCell{});
    cells.push_back(previous != nullptr ? cell(previous->if_contains("n")) : collect::ExportCell{});
    for (const char* name : {"change", "p_value", "significant"}) cells.push_back(cell(row.if_contains(name)));
    table.rows.push_back(std::move(cells));
  }
  return table;
}

std::string ExportFileName() {
  return "voxloop-metrics-" + core::FormatRfc3339(core::NowMs()).substr(0, 10);
}

}  // namespace

Reply Query(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto answer = co_await Offload(context.services.blocking_pool, [&] { return RunQuery(context, *body); });
  if (!answer) co_return ErrorResponse(context, answer.error());
  co_return JsonResponse(context, Status::ok, *answer);
}

Reply QueryFeedback(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  std::vector<core::FieldError> errors;
  json::object group;
  if (const auto* given = body->if_contains("group")) {
    if (given->is_object()) {
      group = given->as_object();
    } else if (!given->is_null()) {
      errors.push_back({"group", "type", "Expected an object: a row's group"});
    }
  }
  std::size_t limit = kDefaultDrillDownItems;
  if (const auto* given = body->if_contains("limit")) {
    const auto* number = given->if_int64();
    if (number == nullptr || *number < 1 || *number > static_cast<std::int64_t>(kMaxDrillDownItems)) {
      errors.push_back({"limit", "out_of_range", "Between 1 and 200"});
    } else {
      limit = static_cast<std::size_t>(*number);
    }
  }
  std::optional<std::pair<core::TimeMs, core::Id>> before;
  if (const auto* given = body->if_contains("cursor"); given != nullptr && !given->is_null()) {
    auto numbers = given->is_string() ? DecodeCursor(given->as_string(), 2) : std::nullopt;
    if (!numbers) {
      errors.push_back({"cursor", "invalid", "Use the next_cursor of a previous page"});
    } else {
      before = std::make_pair((*numbers)[0], static_cast<core::Id>((*numbers)[1]));
    }
  }
  if (!errors.empty()) co_return ErrorResponse(context, core::Error::InvalidArgument("Invalid drill-down", std::move(errors)));
  // The query fields other than the drill-down's own.
  json::object query_body = *body;
  query_body.erase("group");
  query_body.erase("limit");
  query_body.erase("cursor");
  auto page = co_await Offload(context.services.blocking_pool,
                               [&]() -> core::Result<std::pair<std::vector<core::FeedbackItem>, std::string>> {
    VOXLOOP_ASSIGN_OR_RETURN(auto* service, Metrics(context));
    VOXLOOP_ASSIGN_OR_RETURN(metrics::Query query, ReadQuery(query_body));
    VOXLOOP_ASSIGN_OR_RETURN(auto ids, service->DrillDown(context.workspace_id, query, group,
                                                          core::NowMs(), limit, before));
    VOXLOOP_ASSIGN_OR_RETURN(auto items, context.services.database.Read<std::vector<core::FeedbackItem>>(
                                             [&](store::Connection& db) {
                                               return store::FeedbackRepo(db).GetMany(context.workspace_id, ids.item_ids);
                                             }));
    // In the index's order (newest first); an item erased meanwhile is left out.
    std::vector<core::FeedbackItem> ordered;
    ordered.reserve(items.size());
    for (const core::Id id : ids.item_ids) {
      auto found = std::find_if(items.begin(), items.end(), [id](const core::FeedbackItem& item) { return item.id == id; });
      if (found != items.end()) ordered.push_back(std::move(*found));
    }
    std::string next = ids.next ? EncodeCursor({ids.next->first, static_cast<std::int64_t>(ids.next->second)}) : "";
    return std::make_pair(std::move(ordered), std::move(next));
  });
  if (!page) co_return ErrorResponse(context, page.error());
  const bool show_pii = context.Can(auth::Permission::kPiiRead);
  json::array items;
  for (const auto& item : page->first) items.push_back(FeedbackView(item, show_pii));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), page->second));
}

Reply QueryDimensions(RequestContext& context) {
  auto answer = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<json::object> {
    VOXLOOP_ASSIGN_OR_RETURN(auto* service, Metrics(context));
    return service->Dimensions(context.workspace_id);
  });
  if (!answer) co_return ErrorResponse(context, answer.error());
  co_return JsonResponse(context, Status::ok, *answer);
}

Reply QueryCsv(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto csv = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<std::string> {
    VOXLOOP_ASSIGN_OR_RETURN(auto answer, RunQuery(context, *body));
    return collect::CsvTableBytes(RowsTable(answer));
  });
  if (!csv) co_return ErrorResponse(context, csv.error());
  Response response = TextResponse(context, Status::ok, "text/csv; charset=utf-8", std::move(*csv));
  response.set(beast_http::field::content_disposition, "attachment; filename=\"" + ExportFileName() + ".csv\"");
  co_return response;
}

Reply QueryXlsx(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto xlsx = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<std::string> {
    VOXLOOP_ASSIGN_OR_RETURN(auto answer, RunQuery(context, *body));
    return collect::XlsxTableBytes(RowsTable(answer));
  });
  if (!xlsx) co_return ErrorResponse(context, xlsx.error());
  Response response = TextResponse(
      context, Status::ok, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*xlsx));
  response.set(beast_http::field::content_disposition, "attachment; filename=\"" + ExportFileName() + ".xlsx\"");
  co_return response;
}

}  // namespace voxloop::http::handlers
