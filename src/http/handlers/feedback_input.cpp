#include "http/handlers/feedback_input.hpp"

#include "auth/accounts.hpp"
#include "core/time.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::http {
namespace {

constexpr std::size_t kMaxMetadataBytes = 16 * 1024;
constexpr std::size_t kMaxAttributesBytes = 16 * 1024;
constexpr core::TimeMs kMaxClockSkewMs = 24LL * 3600 * 1000;
constexpr core::TimeMs kEarliestReceivedAt = 946684800000;  // 2000-01-01

std::string ChannelList() {
  std::string names;
  for (const core::Channel channel : core::AllChannels()) {
    if (!names.empty()) names += ", ";
    names += core::ChannelName(channel);
  }
  return names;
}

// Attribute values must be scalars: they become filters and groups in analytics.
bool ScalarValues(const boost::json::object& object) {
  for (const auto& [key, value] : object) {
    if (value.is_object() || value.is_array() || key.empty() || key.size() > 64) return false;
  }
  return true;
}

}  // namespace

std::optional<store::CustomerInput> ReadCustomerInput(FieldReader& reader, bool require_key) {
  reader.RejectUnknown({"external_id", "email", "phone", "name", "attributes"});
  store::CustomerInput input;
  input.external_id = reader.String("external_id", Presence::kOptional, 255).value_or("");
  input.email = reader.String("email", Presence::kOptional, 254).value_or("");
  input.phone = reader.String("phone", Presence::kOptional, 40).value_or("");
  input.name = reader.String("name", Presence::kOptional, 200);
  if (!input.email.empty() && !auth::LooksLikeEmail(store::NormaliseEmail(input.email))) {
    reader.AddError("email", "invalid", "Give a valid e-mail address");
  }
  if (!input.phone.empty() && store::NormalisePhone(input.phone).empty()) {
    reader.AddError("phone", "invalid", "Give a phone number with at least 6 digits");
  }
  if (const auto* attributes = reader.Object("attributes", Presence::kOptional)) {
    std::string serialized = boost::json::serialize(*attributes);
    if (serialized.size() > kMaxAttributesBytes || !ScalarValues(*attributes)) {
      reader.AddError("attributes", "invalid",
                      "Attributes are at most 16 KiB of keys (≤ 64 bytes) with scalar values");
    } else {
      input.attributes_json = std::move(serialized);
    }
  }
  if (require_key && input.external_id.empty() && input.email.empty() && input.phone.empty()) {
    reader.AddError("", "required", "Give the customer an external_id, email or phone");
  }
  return input;
}

std::optional<ingest::FeedbackInput> ReadFeedbackInput(FieldReader& reader, const Limits& limits) {
  reader.RejectUnknown({"channel", "text", "rating", "customer", "customer_id", "external_id",
                        "received_at", "metadata", "tags"});
  ingest::FeedbackInput input;
  if (auto channel_name = reader.String("channel", Presence::kRequired, 32)) {
    if (auto channel = core::ParseChannel(*channel_name)) {
      input.channel = *channel;
    } else {
      reader.AddError("channel", "invalid", "Unknown channel; use one of: " + ChannelList());
    }
  }
  input.text = reader.String("text", Presence::kRequired, limits.max_text_chars).value_or("");
  input.rating = reader.Number("rating", Presence::kOptional, 0, 100);
  input.external_id = reader.String("external_id", Presence::kOptional, 255).value_or("");
  input.customer_id = reader.Id("customer_id", Presence::kOptional);
  if (const auto* customer = reader.Object("customer", Presence::kOptional)) {
    FieldReader customer_reader = reader.Nested(*customer, "customer");
    input.customer = ReadCustomerInput(customer_reader, /*require_key=*/true);
    if (input.customer_id) {
      reader.AddError("customer_id", "conflict", "Give either customer or customer_id, not both");
    }
  }
  if (auto received_at = reader.Time("received_at", Presence::kOptional)) {
    if (*received_at > core::NowMs() + kMaxClockSkewMs || *received_at < kEarliestReceivedAt) {
      reader.AddError("received_at", "out_of_range", "Must be after 2000 and not in the future");
    } else {
      input.received_at = received_at;
    }
  }
  if (const auto* metadata = reader.Object("metadata", Presence::kOptional)) {
    input.metadata_json = boost::json::serialize(*metadata);
    if (input.metadata_json.size() > kMaxMetadataBytes) {
      reader.AddError("metadata", "too_long", "At most 16 KiB of metadata");
    }
  }
  if (auto tags = reader.StringList("tags", Presence::kOptional, 20, 64)) input.tags = std::move(*tags);
  return input;
}

}  // namespace voxloop::http
