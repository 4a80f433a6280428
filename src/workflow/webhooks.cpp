#include "workflow/webhooks.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "auth/audit.hpp"
#include "workflow/http_post.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

constexpr std::string_view kDeliverJob = "webhook.deliver";
constexpr std::string_view kSecretPrefix = "whsec_";
constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kMaxUrlChars = 2000;
constexpr std::size_t kMaxDescriptionChars = 500;
constexpr std::size_t kMaxEvents = 20;
constexpr std::size_t kMaxWebhooksPerWorkspace = 50;
constexpr std::size_t kMaxErrorChars = 300;

std::string Base64(const unsigned char* bytes, std::size_t size) {
  std::string text(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

std::string NewSecret() {
  unsigned char bytes[kSecretBytes];
  randombytes_buf(bytes, sizeof bytes);
  return std::string(kSecretPrefix) + Base64(bytes, sizeof bytes);
}

core::Status CheckEvents(const std::vector<std::string>& events) {
  if (events.empty()) return core::Error::Field("events", "required", "Name at least one event type, or \"*\"");
  if (events.size() > kMaxEvents) return core::Error::Field("events", "too_long", "At most 20 event types");
  for (std::size_t idx = 0; idx < events.size(); ++idx) {
    if (events[idx] != "*" && !IsEventType(events[idx])) {
      return core::Error::Field("events/" + std::to_string(idx), "invalid", "Unknown event type: " + events[idx]);
    }
  }
  return core::Ok();
}

bool Wants(const store::WebhookRow& webhook, std::string_view type) {
  return webhook.active && std::any_of(webhook.events.begin(), webhook.events.end(),
                                       [&](const std::string& event) { return event == "*" || event == type; });
}

// The job that makes the next attempts of `delivery`.
jobs::NewJob DeliveryJob(const store::WebhookDeliveryRow& delivery, int max_attempts) {
  jobs::NewJob job;
  job.workspace_id = delivery.workspace_id;
  job.kind = std::string(kDeliverJob);
  job.payload_json = json::serialize(json::object{{"delivery", core::IdToString(delivery.id)}});
  job.max_attempts = max_attempts;
  return job;
}

std::string Truncated(std::string text) {
  if (text.size() > kMaxErrorChars) text.resize(kMaxErrorChars);
  return text;
}

}  // namespace

core::Status CheckWebhookUrl(const std::string& url, const std::string& field) {
  if (url.size() > kMaxUrlChars) return core::Error::Field(field, "too_long", "At most 2000 characters");
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return core::Error::Field(field, "invalid", "An absolute http:// or https:// URL");
  const std::string scheme = parsed->scheme();
  if (scheme != "http" && scheme != "https") return core::Error::Field(field, "invalid", "The scheme must be http or https");
  if (!parsed->has_authority() || parsed->encoded_host().empty()) {
    return core::Error::Field(field, "invalid", "The URL needs a host");
  }
  if (parsed->has_userinfo()) return core::Error::Field(field, "invalid", "Put no credentials in the URL");
  if (parsed->has_fragment()) return core::Error::Field(field, "invalid", "The URL must not have a fragment");
  return core::Ok();
}

bool IsEventType(std::string_view type) {
  return std::find(std::begin(kEventTypes), std::end(kEventTypes), type) != std::end(kEventTypes);
}

core::Result<std::string> SignWebhook(std::string_view secret, std::string_view event_id,
                                      std::int64_t timestamp_seconds, std::string_view body) {
  if (!secret.starts_with(kSecretPrefix)) return core::Error::Internal("webhook secret without whsec_ prefix");
  const std::string_view encoded = secret.substr(kSecretPrefix.size());
  std::vector<unsigned char> key(encoded.size());
  std::size_t key_size = 0;
  if (sodium_base642bin(key.data(), key.size(), encoded.data(), encoded.size(), nullptr, &key_size, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return core::Error::Internal("webhook secret is not base64");
  }
  const std::string signed_content =
      std::string(event_id) + "." + std::to_string(timestamp_seconds) + "." + std::string(body);
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, key.data(), key_size);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_content.data()),
                                signed_content.size());
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(key.data(), key.size());
  return "v1," + Base64(mac, sizeof mac);
}

Webhooks::Webhooks(store::Database& database, const store::PiiVault& vault, jobs::JobRunner& runner,
                   WebhookOptions options)
    : database_(database), vault_(vault), runner_(runner), options_(options) {}

void Webhooks::RegisterJobs() {
  runner_.Register(std::string(kDeliverJob), [this](jobs::JobContext& context) { return Deliver(context); });
}

core::Result<CreatedWebhook> Webhooks::Create(core::Id workspace_id, const WebhookInput& input,
                                              const auth::Actor& actor) {
  if (!input.url) return core::Error::Field("url", "required", "This field is required");
  VOXLOOP_TRY(CheckWebhookUrl(*input.url, "url"));
  if (!input.events) return core::Error::Field("events", "required", "This field is required");
  VOXLOOP_TRY(CheckEvents(*input.events));
  if (input.description && input.description->size() > kMaxDescriptionChars) {
    return core::Error::Field("description", "too_long", "At most 500 characters");
  }
  CreatedWebhook created;
  created.secret = NewSecret();
  store::WebhookRow& webhook = created.webhook;
  webhook.id = core::NewId();
  webhook.workspace_id = workspace_id;
  webhook.url = *input.url;
  webhook.description = input.description.value_or("");
  webhook.events = *input.events;
  webhook.active = input.active.value_or(true);
  webhook.sealed_secret = vault_.Seal(created.secret);
  webhook.created_at = webhook.updated_at = core::NowMs();
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::WebhookRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto existing, repo.List(workspace_id));
    if (existing.size() >= kMaxWebhooksPerWorkspace) {
      return core::Error::Conflict("A workspace has at most 50 webhook subscriptions");
    }
    VOXLOOP_TRY(repo.Insert(webhook));
    ForgetAround(context, workspace_id);
    return auth::RecordAudit(context.db, actor,
                             {workspace_id, "webhook.create", "webhook", core::IdToString(webhook.id)});
  }));
  return created;
}

core::Result<std::vector<store::WebhookRow>> Webhooks::List(core::Id workspace_id) {
  return database_.Read<std::vector<store::WebhookRow>>(
      [&](store::Connection& db) { return store::WebhookRepo(db).List(workspace_id); });
}

core::Result<store::WebhookRow> Webhooks::Get(core::Id workspace_id, core::Id id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto found, database_.Read<std::optional<store::WebhookRow>>(
                                           [&](store::Connection& db) { return store::WebhookRepo(db).Get(workspace_id, id); }));
  if (!found) return core::Error::NotFound("No such webhook");
  return *found;
}

core::Result<store::WebhookRow> Webhooks::Update(core::Id workspace_id, core::Id id, const WebhookInput& input,
                                                 const auth::Actor& actor) {
  if (input.url) VOXLOOP_TRY(CheckWebhookUrl(*input.url, "url"));
  if (input.events) VOXLOOP_TRY(CheckEvents(*input.events));
  if (input.description && input.description->size() > kMaxDescriptionChars) {
    return core::Error::Field("description", "too_long", "At most 500 characters");
  }
  store::WebhookRow updated;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::WebhookRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto webhook, repo.Get(workspace_id, id));
    if (!webhook) return core::Error::NotFound("No such webhook");
    if (input.url) webhook->url = *input.url;
    if (input.description) webhook->description = *input.description;
    if (input.events) webhook->events = *input.events;
    if (input.active) webhook->active = *input.active;
    webhook->updated_at = core::NowMs();
    VOXLOOP_TRY(repo.Update(*webhook));
    updated = std::move(*webhook);
    ForgetAround(context, workspace_id);
    return auth::RecordAudit(context.db, actor, {workspace_id, "webhook.update", "webhook", core::IdToString(id)});
  }));
  return updated;
}

core::Status Webhooks::Delete(core::Id workspace_id, core::Id id, const auth::Actor& actor) {
  return database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::WebhookRepo(context.db).Delete(workspace_id, id));
    ForgetAround(context, workspace_id);
    return auth::RecordAudit(context.db, actor, {workspace_id, "webhook.delete", "webhook", core::IdToString(id)});
  });
}

core::Result<std::vector<store::WebhookDeliveryRow>> Webhooks::Deliveries(core::Id workspace_id, core::Id webhook_id,
                                                                          std::optional<core::Id> before_id, int limit) {
  VOXLOOP_TRY(Get(workspace_id, webhook_id));
  return database_.Read<std::vector<store::WebhookDeliveryRow>>([&](store::Connection& db) {
    return store::WebhookRepo(db).ListDeliveries(workspace_id, webhook_id, before_id, limit);
  });
}

core::Result<store::WebhookDeliveryRow> Webhooks::Delivery(core::Id workspace_id, core::Id delivery_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto found, database_.Read<std::optional<store::WebhookDeliveryRow>>([&](store::Connection& db) {
                             return store::WebhookRepo(db).GetDelivery(workspace_id, delivery_id);
                           }));
  if (!found) return core::Error::NotFound("No such delivery");
  return *found;
}

core::Result<store::WebhookDeliveryRow> Webhooks::Redeliver(core::Id workspace_id, core::Id delivery_id,
                                                            const auth::Actor& actor) {
  store::WebhookDeliveryRow result;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::WebhookRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto delivery, repo.GetDelivery(workspace_id, delivery_id));
    if (!delivery) return core::Error::NotFound("No such delivery");
    delivery->status = "pending";
    delivery->updated_at = core::NowMs();
    VOXLOOP_TRY(repo.UpdateDelivery(*delivery));
    VOXLOOP_TRY(runner_.EnqueueIn(context, DeliveryJob(*delivery, options_.max_attempts)));
    result = std::move(*delivery);
    return auth::RecordAudit(context.db, actor,
                             {workspace_id, "webhook.redeliver", "webhook_delivery", core::IdToString(delivery_id)});
  }));
  return result;
}

core::Result<store::WebhookDeliveryRow> Webhooks::SendTest(core::Id workspace_id, core::Id webhook_id) {
  VOXLOOP_ASSIGN_OR_RETURN(store::WebhookRow webhook, Get(workspace_id, webhook_id));
  store::WebhookDeliveryRow result;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    Event event{workspace_id, "webhook.test", json::object{{"webhook_id", core::IdToString(webhook_id)}}, 0};
    VOXLOOP_ASSIGN_OR_RETURN(result, Enqueue(context, webhook, event, "msg_" + core::IdToString(core::NewId())));
    return core::Ok();
  }));
  return result;
}

core::Result<Webhooks::Subscriptions> Webhooks::SubscriptionsOf(store::Connection& db, core::Id workspace_id) {
  return subscriptions_.Get(workspace_id, [&]() -> core::Result<Subscriptions> {
    VOXLOOP_ASSIGN_OR_RETURN(auto rows, store::WebhookRepo(db).List(workspace_id));
    return std::make_shared<const std::vector<store::WebhookRow>>(std::move(rows));
  });
}

bool Webhooks::HasSubscribers(store::WriteContext& context, core::Id workspace_id, std::string_view type) {
  auto subscriptions = SubscriptionsOf(context.db, workspace_id);
  if (!subscriptions) return true;  // let Publish meet (and report) the error
  return std::any_of((*subscriptions)->begin(), (*subscriptions)->end(),
                     [&](const store::WebhookRow& webhook) { return Wants(webhook, type); });
}

core::Status Webhooks::Publish(store::WriteContext& context, const Event& event) {
  VOXLOOP_ASSIGN_OR_RETURN(Subscriptions subscriptions, SubscriptionsOf(context.db, event.workspace_id));
  std::string event_id;
  for (const store::WebhookRow& webhook : *subscriptions) {
    if (!Wants(webhook, event.type)) continue;
    // One event id for every subscription of one event, so that a system subscribed twice
    // can tell it is the same event.
    if (event_id.empty()) event_id = "msg_" + core::IdToString(core::NewId());
    VOXLOOP_TRY(Enqueue(context, webhook, event, event_id));
  }
  return core::Ok();
}

core::Result<store::WebhookDeliveryRow> Webhooks::Enqueue(store::WriteContext& context,
                                                          const store::WebhookRow& webhook, const Event& event,
                                                          std::string event_id) {
  const core::TimeMs at = event.at != 0 ? event.at : core::NowMs();
  store::WebhookDeliveryRow delivery;
  delivery.id = core::NewId();
  delivery.workspace_id = webhook.workspace_id;
  delivery.webhook_id = webhook.id;
  delivery.event_id = std::move(event_id);
  delivery.event_type = event.type;
  delivery.payload = json::serialize(json::object{{"type", event.type},
                                                  {"timestamp", core::FormatRfc3339(at)},
                                                  {"workspace_id", core::IdToString(event.workspace_id)},
                                                  {"data", event.data}});
  delivery.created_at = delivery.updated_at = core::NowMs();
  VOXLOOP_TRY(store::WebhookRepo(context.db).InsertDelivery(delivery));
  VOXLOOP_TRY(runner_.EnqueueIn(context, DeliveryJob(delivery, options_.max_attempts)));
  return delivery;
}

jobs::JobOutcome Webhooks::Deliver(jobs::JobContext& context) {
  const store::Job& job = context.job;
  std::optional<core::Id> delivery_id;
  if (auto payload = json::parse(job.payload_json); payload.is_object()) {
    if (const json::value* id = payload.as_object().if_contains("delivery"); id != nullptr && id->is_string()) {
      delivery_id = core::ParseId(id->as_string());
    }
  }
  if (!delivery_id || !job.workspace_id) return jobs::JobOutcome::Failed("malformed webhook job");
  const core::Id workspace_id = *job.workspace_id;
  auto delivery = Delivery(workspace_id, *delivery_id);
  if (!delivery) {
    if (delivery.error().code == core::ErrorCode::kNotFound) return jobs::JobOutcome::Done(R"({"outcome":"gone"})");
    return jobs::JobOutcome::Retry(delivery.error().message);
  }
  if (delivery->status != "pending") return jobs::JobOutcome::Done(R"({"outcome":"not pending"})");
  auto webhook = Get(workspace_id, delivery->webhook_id);
  auto record = [&](store::WebhookDeliveryRow row) -> core::Status {
    return database_.writer().Run([&](store::WriteContext& write) -> core::Status {
      store::WebhookRepo repo(write.db);
      VOXLOOP_ASSIGN_OR_RETURN(auto current, repo.GetDelivery(workspace_id, row.id));
      if (!current) return core::Ok();  // deleted with its subscription meanwhile
      row.attempts = current->attempts + 1;
      return repo.UpdateDelivery(row);
    });
  };
  if (!webhook || !webhook->active) {
    if (!webhook && webhook.error().code != core::ErrorCode::kNotFound) return jobs::JobOutcome::Retry(webhook.error().message);
    delivery->status = "failed";
    delivery->last_error = !webhook ? "the subscription was deleted" : "the subscription is paused";
    delivery->updated_at = core::NowMs();
    (void)record(*delivery);
    return jobs::JobOutcome::Done(R"({"outcome":"no subscription"})");
  }
  std::optional<std::string> secret = vault_.Open(webhook->sealed_secret);
  if (!secret) return jobs::JobOutcome::Failed("the webhook secret cannot be opened with this server's key");
  const std::int64_t timestamp = core::NowMs() / 1000;
  auto signature = SignWebhook(*secret, delivery->event_id, timestamp, delivery->payload);
  if (!signature) return jobs::JobOutcome::Failed(signature.error().message);
  const PostResult posted = PostJson(webhook->url,
                                     {{"webhook-id", delivery->event_id},
                                      {"webhook-timestamp", std::to_string(timestamp)},
                                      {"webhook-signature", *signature}},
                                     delivery->payload, options_.timeout);
  const core::TimeMs now = core::NowMs();
  delivery->last_status_code = posted.status == 0 ? std::nullopt : std::optional<int>(static_cast<int>(posted.status));
  delivery->last_duration_ms = posted.duration_ms;
  delivery->updated_at = now;
  if (posted.ok()) {
    delivery->status = "delivered";
    delivery->delivered_at = now;
    delivery->last_error.clear();
  } else {
    delivery->last_error = Truncated(posted.status != 0 ? "HTTP " + std::to_string(posted.status) : posted.error);
    delivery->status = job.attempts >= job.max_attempts ? "failed" : "pending";
  }
  if (auto recorded = record(*delivery); !recorded) {
    spdlog::warn("webhook delivery {}: the outcome was not recorded: {}", delivery->id, recorded.error().message);
  }
  if (posted.ok()) return jobs::JobOutcome::Done(R"({"outcome":"delivered"})");
  std::optional<core::TimeMs> retry_at;
  if (options_.retry_base.count() > 0) {
    const int exponent = std::clamp(job.attempts - 1, 0, 20);
    retry_at = now + std::min<core::TimeMs>(options_.retry_base.count() << exponent, 3'600'000);
  }
  return jobs::JobOutcome::Retry(delivery->last_error, retry_at);
}

}  // namespace voxloop::workflow
