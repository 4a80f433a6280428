// Alert rules: create, list, read, change and delete. Validation and evaluation live in
// workflow::Rules; the API's body is the rule itself (docs/api.md "Rules").
#include <boost/json.hpp>

#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "workflow/rules.hpp"

namespace voxloop::http::handlers {
namespace {

namespace json = boost::json;

// A chat incoming-webhook URL is a secret (whoever has it posts to the channel): only those
// who may manage rules see it whole; others see its scheme and host.
void MaskChatUrls(json::value& then) {
  if (!then.is_array()) return;
  for (json::value& action : then.as_array()) {
    json::value* url = action.is_object() ? action.as_object().if_contains("url") : nullptr;
    if (url == nullptr || !url->is_string()) continue;
    const std::string_view text = url->as_string();
    const auto host_end = text.find('/', text.find("//") == std::string_view::npos ? 0 : text.find("//") + 2);
    *url = std::string(text.substr(0, host_end)) + "/…";
  }
}

json::object RuleView(const store::RuleRow& rule, bool show_secrets) {
  json::object view{{"id", core::IdToString(rule.id)}, {"name", rule.name}, {"enabled", rule.enabled}};
  boost::system::error_code error;
  json::value definition = json::parse(rule.definition_json, error);
  if (!error && definition.is_object()) {
    for (auto& [key, value] : definition.as_object()) view[key] = std::move(value);
  }
  if (!show_secrets) {
    if (json::value* then = view.if_contains("then")) MaskChatUrls(*then);
  }
  view["fired_count"] = rule.fired_count;
  view["last_fired_at"] = rule.last_fired_at ? json::value(core::FormatRfc3339(*rule.last_fired_at)) : json::value(nullptr);
  view["last_notified_at"] =
      rule.last_notified_at ? json::value(core::FormatRfc3339(*rule.last_notified_at)) : json::value(nullptr);
  view["created_at"] = core::FormatRfc3339(rule.created_at);
  view["updated_at"] = core::FormatRfc3339(rule.updated_at);
  return view;
}

workflow::Rules* Service(RequestContext& context) { return context.services.rules; }

core::Error Unavailable() { return core::Error::Unavailable("Rules are not available on this server"); }

core::Error NoSuchRule() { return core::Error::NotFound("No such rule"); }

}  // namespace

Reply ListRules(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto rules = co_await Offload(context.services.blocking_pool, [&] { return Service(context)->List(context.workspace_id); });
  if (!rules) co_return ErrorResponse(context, rules.error());
  json::array items;
  for (const auto& rule : *rules) items.push_back(RuleView(rule, context.Can(auth::Permission::kRulesManage)));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), ""));
}

Reply CreateRule(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto rule = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Create(context.workspace_id, *body, context.actor());
  });
  if (!rule) co_return ErrorResponse(context, rule.error());
  co_return JsonResponse(context, Status::created, RuleView(*rule, context.Can(auth::Permission::kRulesManage)));
}

Reply GetRule(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchRule());
  auto rule = co_await Offload(context.services.blocking_pool, [&] { return Service(context)->Get(context.workspace_id, *id); });
  if (!rule) co_return ErrorResponse(context, rule.error());
  co_return JsonResponse(context, Status::ok, RuleView(*rule, context.Can(auth::Permission::kRulesManage)));
}

Reply UpdateRule(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchRule());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto rule = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Update(context.workspace_id, *id, *body, context.actor());
  });
  if (!rule) co_return ErrorResponse(context, rule.error());
  co_return JsonResponse(context, Status::ok, RuleView(*rule, context.Can(auth::Permission::kRulesManage)));
}

Reply DeleteRule(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchRule());
  auto deleted = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Delete(context.workspace_id, *id, context.actor());
  });
  if (!deleted) co_return ErrorResponse(context, deleted.error());
  co_return EmptyResponse(context, Status::no_content);
}

}  // namespace voxloop::http::handlers
