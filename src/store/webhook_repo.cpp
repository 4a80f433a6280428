#include "store/webhook_repo.hpp"

#include "store/json_columns.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kSelectWebhook =
    "SELECT id, workspace_id, url, description, events, secret, active, created_at, updated_at "
    "FROM webhooks ";
constexpr std::string_view kSelectDelivery =
    "SELECT id, workspace_id, webhook_id, event_id, event_type, payload, status, attempts, "
    "last_status_code, last_error, last_duration_ms, created_at, updated_at, delivered_at "
    "FROM webhook_deliveries ";

WebhookRow WebhookFromRow(const RowView& row) {
  WebhookRow webhook;
  webhook.id = row.Int(0);
  webhook.workspace_id = row.Int(1);
  webhook.url = row.String(2);
  webhook.description = row.String(3);
  webhook.events = DecodeStringList(row.Text(4));
  webhook.sealed_secret = row.String(5);
  webhook.active = row.Int(6) != 0;
  webhook.created_at = row.Int(7);
  webhook.updated_at = row.Int(8);
  return webhook;
}

std::optional<int> OptInt32(const RowView& row, int column) {
  auto value = row.OptInt(column);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

WebhookDeliveryRow DeliveryFromRow(const RowView& row) {
  WebhookDeliveryRow delivery;
  delivery.id = row.Int(0);
  delivery.workspace_id = row.Int(1);
  delivery.webhook_id = row.Int(2);
  delivery.event_id = row.String(3);
  delivery.event_type = row.String(4);
  delivery.payload = row.String(5);
  delivery.status = row.String(6);
  delivery.attempts = static_cast<int>(row.Int(7));
  delivery.last_status_code = OptInt32(row, 8);
  delivery.last_error = row.String(9);
  delivery.last_duration_ms = OptInt32(row, 10);
  delivery.created_at = row.Int(11);
  delivery.updated_at = row.Int(12);
  delivery.delivered_at = row.OptInt(13);
  return delivery;
}

Value OptionalInt(const std::optional<int>& value) {
  if (!value) return Null();
  return Value(std::int64_t{*value});
}

}  // namespace

Status WebhookRepo::Insert(const WebhookRow& webhook) {
  auto inserted = db_.Execute(
      "INSERT INTO webhooks (id, workspace_id, url, description, events, secret, active, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {webhook.id, webhook.workspace_id, webhook.url, webhook.description, EncodeStringList(webhook.events),
       webhook.sealed_secret, std::int64_t{webhook.active ? 1 : 0}, webhook.created_at, webhook.updated_at});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::optional<WebhookRow>> WebhookRepo::Get(core::Id workspace_id, core::Id id) {
  std::optional<WebhookRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelectWebhook) + "WHERE workspace_id = ? AND id = ?", {workspace_id, id},
                          [&](const RowView& row) { found = WebhookFromRow(row); }));
  return found;
}

Result<std::vector<WebhookRow>> WebhookRepo::List(core::Id workspace_id) {
  std::vector<WebhookRow> webhooks;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelectWebhook) + "WHERE workspace_id = ? ORDER BY id", {workspace_id},
                          [&](const RowView& row) { webhooks.push_back(WebhookFromRow(row)); }));
  return webhooks;
}

Status WebhookRepo::Update(const WebhookRow& webhook) {
  auto updated = db_.Execute(
      "UPDATE webhooks SET url = ?, description = ?, events = ?, active = ?, updated_at = ? "
      "WHERE workspace_id = ? AND id = ?",
      {webhook.url, webhook.description, EncodeStringList(webhook.events), std::int64_t{webhook.active ? 1 : 0},
       webhook.updated_at, webhook.workspace_id, webhook.id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such webhook");
  return core::Ok();
}

Status WebhookRepo::Delete(core::Id workspace_id, core::Id id) {
  auto deliveries = db_.Execute("DELETE FROM webhook_deliveries WHERE workspace_id = ? AND webhook_id = ?",
                                {workspace_id, id});
  if (!deliveries) return std::move(deliveries).error();
  auto deleted = db_.Execute("DELETE FROM webhooks WHERE workspace_id = ? AND id = ?", {workspace_id, id});
  if (!deleted) return std::move(deleted).error();
  if (*deleted == 0) return core::Error::NotFound("No such webhook");
  return core::Ok();
}

Status WebhookRepo::InsertDelivery(const WebhookDeliveryRow& delivery) {
  auto inserted = db_.Execute(
      "INSERT INTO webhook_deliveries (id, workspace_id, webhook_id, event_id, event_type, payload, status, "
      "attempts, last_status_code, last_error, last_duration_ms, created_at, updated_at, delivered_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {delivery.id, delivery.workspace_id, delivery.webhook_id, delivery.event_id, delivery.event_type,
       delivery.payload, delivery.status, std::int64_t{delivery.attempts}, OptionalInt(delivery.last_status_code),
       delivery.last_error, OptionalInt(delivery.last_duration_ms), delivery.created_at, delivery.updated_at,
       Optional(delivery.delivered_at)});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::optional<WebhookDeliveryRow>> WebhookRepo::GetDelivery(core::Id workspace_id, core::Id id) {
  std::optional<WebhookDeliveryRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelectDelivery) + "WHERE workspace_id = ? AND id = ?", {workspace_id, id},
                          [&](const RowView& row) { found = DeliveryFromRow(row); }));
  return found;
}

Result<std::vector<WebhookDeliveryRow>> WebhookRepo::ListDeliveries(core::Id workspace_id, core::Id webhook_id,
                                                                    std::optional<core::Id> before_id, int limit) {
  std::string sql = std::string(kSelectDelivery) + "WHERE workspace_id = ? AND webhook_id = ?";
  Params params{workspace_id, webhook_id};
  if (before_id) {
    sql += " AND id < ?";
    params.emplace_back(*before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit});
  std::vector<WebhookDeliveryRow> deliveries;
  VOXLOOP_TRY(db_.ForEach(sql, params, [&](const RowView& row) { deliveries.push_back(DeliveryFromRow(row)); }));
  return deliveries;
}

Status WebhookRepo::UpdateDelivery(const WebhookDeliveryRow& delivery) {
  auto updated = db_.Execute(
      "UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status_code = ?, last_error = ?, "
      "last_duration_ms = ?, updated_at = ?, delivered_at = ? WHERE workspace_id = ? AND id = ?",
      {delivery.status, std::int64_t{delivery.attempts}, OptionalInt(delivery.last_status_code), delivery.last_error,
       OptionalInt(delivery.last_duration_ms), delivery.updated_at, Optional(delivery.delivered_at),
       delivery.workspace_id, delivery.id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such delivery");
  return core::Ok();
}

}  // namespace voxloop::store
