// WebhookRepo: the webhooks and webhook_deliveries tables (migration 0008). Secrets are
// stored as the caller hands them (sealed by workflow::Webhooks). Borrows a Connection; not
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct WebhookRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  std::string url;
  std::string description;
  std::vector<std::string> events;  // event types, or "*" for every event
  std::string sealed_secret;
  bool active = true;
  core::TimeMs created_at = 0;
  core::TimeMs updated_at = 0;
};

struct WebhookDeliveryRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id webhook_id = 0;
  std::string event_id;    // the webhook-id header: "msg_" + the event's id
  std::string event_type;
  std::string payload;     // the exact body sent and signed
  std::string status = "pending";  // pending | delivered | failed
  int attempts = 0;
  std::optional<int> last_status_code;
  std::string last_error;
  std::optional<int> last_duration_ms;
  core::TimeMs created_at = 0;
  core::TimeMs updated_at = 0;
  std::optional<core::TimeMs> delivered_at;
};

class WebhookRepo {
 public:
  explicit WebhookRepo(Connection& db) : db_(db) {}

  Status Insert(const WebhookRow& webhook);
  Result<std::optional<WebhookRow>> Get(core::Id workspace_id, core::Id id);
  // Every subscription of the workspace, oldest first (a workspace has a handful).
  Result<std::vector<WebhookRow>> List(core::Id workspace_id);
  // Writes url, description, events, active and updated_at; kNotFound when it is gone.
  Status Update(const WebhookRow& webhook);
  // Deletes the subscription and its delivery log; kNotFound when there is none.
  Status Delete(core::Id workspace_id, core::Id id);

  Status InsertDelivery(const WebhookDeliveryRow& delivery);
  Result<std::optional<WebhookDeliveryRow>> GetDelivery(core::Id workspace_id, core::Id id);
  // The subscription's deliveries, newest first, `limit` after `before_id`.
  Result<std::vector<WebhookDeliveryRow>> ListDeliveries(core::Id workspace_id, core::Id webhook_id,
                                                         std::optional<core::Id> before_id, int limit);
  // Records an attempt's outcome: status, attempts, last_* and delivered_at.
  Status UpdateDelivery(const WebhookDeliveryRow& delivery);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
