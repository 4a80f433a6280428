// Webhook subscriptions, their delivery log, test events and redelivery. The rules live in
// workflow::Webhooks; the secret is in the answer to the creation only.
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_reader.hpp"
#include "http/page_params.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "workflow/webhooks.hpp"

namespace voxloop::http::handlers {
namespace {

namespace json = boost::json;

json::object WebhookView(const store::WebhookRow& webhook) {
  json::array events;
  for (const std::string& event : webhook.events) events.emplace_back(event);
  return {{"id", core::IdToString(webhook.id)},
          {"url", webhook.url},
          {"description", webhook.description},
          {"events", std::move(events)},
          {"active", webhook.active},
          {"created_at", core::FormatRfc3339(webhook.created_at)},
          {"updated_at", core::FormatRfc3339(webhook.updated_at)}};
}

json::object DeliveryView(const store::WebhookDeliveryRow& delivery) {
  json::object view{{"id", core::IdToString(delivery.id)},
                    {"webhook_id", core::IdToString(delivery.webhook_id)},
                    {"event_id", delivery.event_id},
                    {"event_type", delivery.event_type},
                    {"status", delivery.status},
                    {"attempts", delivery.attempts},
                    {"last_error", delivery.last_error.empty() ? json::value(nullptr) : json::value(delivery.last_error)},
                    {"created_at", core::FormatRfc3339(delivery.created_at)},
                    {"updated_at", core::FormatRfc3339(delivery.updated_at)}};
  view["last_status_code"] = delivery.last_status_code ? json::value(*delivery.last_status_code) : json::value(nullptr);
  view["last_duration_ms"] = delivery.last_duration_ms ? json::value(*delivery.last_duration_ms) : json::value(nullptr);
  view["delivered_at"] =
      delivery.delivered_at ? json::value(core::FormatRfc3339(*delivery.delivered_at)) : json::value(nullptr);
  view["payload"] = json::parse(delivery.payload);
  return view;
}

core::Result<workflow::WebhookInput> ReadInput(const json::object& body, bool creating) {
  Validation validation;
  FieldReader reader = validation.Reader(body);
  reader.RejectUnknown({"url", "description", "events", "active"});
  const Presence needed = creating ? Presence::kRequired : Presence::kOptional;
  workflow::WebhookInput input;
  input.url = reader.String("url", needed, 2000);
  input.description = reader.String("description", Presence::kOptional, 500);
  input.events = reader.StringList("events", needed, 20, 100);
  input.active = reader.Bool("active", Presence::kOptional);
  if (!validation.ok()) return validation.ToError("The webhook is invalid");
  return input;
}

workflow::Webhooks* Service(RequestContext& context) { return context.services.webhooks; }

core::Error Unavailable() { return core::Error::Unavailable("Webhooks are not available on this server"); }

}  // namespace

Reply ListWebhooks(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto webhooks = co_await Offload(context.services.blocking_pool,
                                   [&] { return Service(context)->List(context.workspace_id); });
  if (!webhooks) co_return ErrorResponse(context, webhooks.error());
  json::array items;
  for (const auto& webhook : *webhooks) items.push_back(WebhookView(webhook));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), ""));
}

Reply CreateWebhook(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto input = ReadInput(*body, /*creating=*/true);
  if (!input) co_return ErrorResponse(context, input.error());
  auto created = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Create(context.workspace_id, *input, context.actor());
  });
  if (!created) co_return ErrorResponse(context, created.error());
  json::object view = WebhookView(created->webhook);
  view["secret"] = created->secret;
  co_return JsonResponse(context, Status::created, std::move(view));
}

Reply GetWebhook(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such webhook"));
  auto webhook = co_await Offload(context.services.blocking_pool,
                                  [&] { return Service(context)->Get(context.workspace_id, *id); });
  if (!webhook) co_return ErrorResponse(context, webhook.error());
  co_return JsonResponse(context, Status::ok, WebhookView(*webhook));
}

Reply UpdateWebhook(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such webhook"));
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto input = ReadInput(*body, /*creating=*/false);
  if (!input) co_return ErrorResponse(context, input.error());
  auto webhook = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Update(context.workspace_id, *id, *input, context.actor());
  });
  if (!webhook) co_return ErrorResponse(context, webhook.error());
  co_return JsonResponse(context, Status::ok, WebhookView(*webhook));
}

Reply DeleteWebhook(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such webhook"));
  auto status = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Delete(context.workspace_id, *id, context.actor());
  });
  if (!status) co_return ErrorResponse(context, status.error());
  co_return EmptyResponse(context, Status::no_content);
}

Reply ListWebhookDeliveries(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such webhook"));
  auto page = ReadPageParams(context);
  if (!page) co_return ErrorResponse(context, page.error());
  auto deliveries = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Deliveries(context.workspace_id, *id, page->after_id, page->limit + 1);
  });
  if (!deliveries) co_return ErrorResponse(context, deliveries.error());
  std::optional<core::Id> last;
  if (static_cast<int>(deliveries->size()) > page->limit) {
    deliveries->pop_back();
    last = deliveries->back().id;
  }
  json::array items;
  for (const auto& delivery : *deliveries) items.push_back(DeliveryView(delivery));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), NextCursor(last)));
}

Reply TestWebhook(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such webhook"));
  auto delivery = co_await Offload(context.services.blocking_pool,
                                   [&] { return Service(context)->SendTest(context.workspace_id, *id); });
  if (!delivery) co_return ErrorResponse(context, delivery.error());
  co_return JsonResponse(context, Status::accepted, DeliveryView(*delivery));
}

Reply RedeliverWebhook(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  const auto delivery_id = core::ParseId(context.Param("delivery"));
  if (!id || !delivery_id) co_return ErrorResponse(context, core::Error::NotFound("No such delivery"));
  auto delivery = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<store::WebhookDeliveryRow> {
    VOXLOOP_ASSIGN_OR_RETURN(auto found, Service(context)->Delivery(context.workspace_id, *delivery_id));
    if (found.webhook_id != *id) return core::Error::NotFound("No such delivery");
    return Service(context)->Redeliver(context.workspace_id, *delivery_id, context.actor());
  });
  if (!delivery) co_return ErrorResponse(context, delivery.error());
  co_return JsonResponse(context, Status::accepted, DeliveryView(*delivery));
}

}  // namespace voxloop::http::handlers
