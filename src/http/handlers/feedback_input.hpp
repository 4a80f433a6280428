// Reading feedback and customer input from JSON request bodies into ingest/store types,
// with a field error for every problem. Shared by the feedback and customer handlers.
#pragma once

#include <optional>

#include "http/json_reader.hpp"
#include "http/services.hpp"
#include "ingest/feedback_intake.hpp"
#include "store/customer_repo.hpp"

namespace voxloop::http {

// {channel, text, rating?, customer?, customer_id?, external_id?, received_at?, metadata?, tags?}
std::optional<ingest::FeedbackInput> ReadFeedbackInput(FieldReader& reader, const Limits& limits);

// {external_id?, email?, phone?, name?, attributes?}; `require_key` demands one of
// external_id, email or phone (so the customer can be found again).
std::optional<store::CustomerInput> ReadCustomerInput(FieldReader& reader, bool require_key);

}  // namespace voxloop::http
