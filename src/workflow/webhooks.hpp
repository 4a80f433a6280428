// Webhooks: tell other systems (CRM, chat, ticketing) what happened in a workspace.
//
// A subscription names a URL and the event types it wants. Publish() runs inside the write
// transaction that makes the change, and records one delivery per matching subscription
// together with its delivery job (the transactional outbox): the event exists exactly when
// the change committed, and survives a restart until it is delivered. The delivery job POSTs
// the event as JSON, signed per the Standard Webhooks scheme:
//   webhook-id: <delivery's event id, the same on every attempt>
//   webhook-timestamp: <Unix seconds>
//   webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed by the secret>
// where the secret is "whsec_" + base64 of 32 random bytes (the key is the decoded bytes).
// A 2xx answer delivers; anything else (or no answer within the timeout) is retried with
// exponential back-off up to max_attempts, then the delivery is failed; Redeliver() starts a
// new series of attempts for the same event. Delivery is at least once: receivers
// de-duplicate by webhook-id.
//
// Thread-safety: every method may be called from any thread; Publish() from the writer
// thread inside a write job.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "auth/principal.hpp"
#include "core/result.hpp"
#include "jobs/job_runner.hpp"
#include "store/database.hpp"
#include "store/pii_vault.hpp"
#include "store/webhook_repo.hpp"
#include "workflow/workspace_cache.hpp"

namespace voxloop::workflow {

// The event types a subscription may name ("*" names them all).
inline constexpr std::string_view kEventTypes[] = {
    "feedback.created", "response.completed", "case.created", "case.updated",
    "case.resolved",    "case.sla_breached",  "alert.fired",       "webhook.test"};
bool IsEventType(std::string_view type);
// An endpoint other systems are called at (subscriptions, chat incoming webhooks): absolute
// http(s), a host, no credentials, no fragment, at most 2000 characters; errors name `field`.
core::Status CheckWebhookUrl(const std::string& url, const std::string& field);

struct Event {
  core::Id workspace_id = 0;
  std::string type;
  boost::json::object data;
  core::TimeMs at = 0;  // 0: now
};

struct WebhookOptions {
  std::chrono::milliseconds timeout{10000};  // per attempt
  int max_attempts = 8;
  // The wait before attempt n + 1 is retry_base · 2^(n−1) (at most an hour); 0 = the job
  // runner's default back-off (5 s base).
  std::chrono::milliseconds retry_base{0};
};

struct WebhookInput {
  std::optional<std::string> url;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> events;
  std::optional<bool> active;
};

struct CreatedWebhook {
  store::WebhookRow webhook;
  std::string secret;  // shown once
};

// The signature header value of `body` under `secret` ("whsec_…"), or an error when the
// secret is malformed. Exposed for tests and for receivers written in C++.
core::Result<std::string> SignWebhook(std::string_view secret, std::string_view event_id,
                                      std::int64_t timestamp_seconds, std::string_view body);

class Webhooks {
 public:
  Webhooks(store::Database& database, const store::PiiVault& vault, jobs::JobRunner& runner,
           WebhookOptions options = {});

  void RegisterJobs();

  // Validation errors name the field (url, events, description).
  core::Result<CreatedWebhook> Create(core::Id workspace_id, const WebhookInput& input, const auth::Actor& actor);
  core::Result<std::vector<store::WebhookRow>> List(core::Id workspace_id);
  core::Result<store::WebhookRow> Get(core::Id workspace_id, core::Id id);
  core::Result<store::WebhookRow> Update(core::Id workspace_id, core::Id id, const WebhookInput& input,
                                         const auth::Actor& actor);
  core::Status Delete(core::Id workspace_id, core::Id id, const auth::Actor& actor);

  core::Result<std::vector<store::WebhookDeliveryRow>> Deliveries(core::Id workspace_id, core::Id webhook_id,
                                                                  std::optional<core::Id> before_id, int limit);
  core::Result<store::WebhookDeliveryRow> Delivery(core::Id workspace_id, core::Id delivery_id);
  // A new series of attempts for a delivery (any status), same event id and body.
  core::Result<store::WebhookDeliveryRow> Redeliver(core::Id workspace_id, core::Id delivery_id, const auth::Actor& actor);
  // Sends a "webhook.test" event to one subscription (whatever events it names).
  core::Result<store::WebhookDeliveryRow> SendTest(core::Id workspace_id, core::Id webhook_id);

  // Inside a write job: one delivery (and its job) per active subscription to the event's
  // type. Costs a cached lookup when the workspace has no subscriptions.
  core::Status Publish(store::WriteContext& context, const Event& event);
  // Whether an active subscription wants `type` (a cached lookup): lets publishers skip
  // building an event nobody receives.
  bool HasSubscribers(store::WriteContext& context, core::Id workspace_id, std::string_view type);

 private:
  using Subscriptions = std::shared_ptr<const std::vector<store::WebhookRow>>;
  core::Result<Subscriptions> SubscriptionsOf(store::Connection& db, core::Id workspace_id);
  // Forgets the workspace's cached subscriptions inside a write job that changes them.
  void ForgetAround(store::WriteContext& context, core::Id workspace_id) { subscriptions_.ForgetAround(context, workspace_id); }
  core::Result<store::WebhookDeliveryRow> Enqueue(store::WriteContext& context, const store::WebhookRow& webhook,
                                                  const Event& event, std::string event_id);
  jobs::JobOutcome Deliver(jobs::JobContext& context);

  store::Database& database_;
  const store::PiiVault& vault_;
  jobs::JobRunner& runner_;
  const WebhookOptions options_;

  WorkspaceCache<const std::vector<store::WebhookRow>> subscriptions_;
};

}  // namespace voxloop::workflow
