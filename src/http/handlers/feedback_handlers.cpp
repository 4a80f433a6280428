// Feedback: ingest one item or a batch, list with filters, read one, tag or correct one.
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

#include "auth/secrets.hpp"
#include "http/async.hpp"
#include "http/cursor.hpp"
#include "http/handlers/feedback_input.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "store/database.hpp"
#include "ingest/erasure.hpp"
#include "store/feedback_repo.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::size_t kInlineAnalysisBytes = 4096;

// Reads `{...item...}` or `{"items": [...]}` into an intake request; false with errors set.
bool ReadIntakeRequest(const boost::json::object& body, const Limits& limits, Validation& validation,
                       ingest::IntakeRequest& request, bool& is_batch) {
  is_batch = body.contains("items");
  FieldReader reader = validation.Reader(body);
  if (!is_batch) {
    if (auto input = ReadFeedbackInput(reader, limits)) request.inputs.push_back(std::move(*input));
    return validation.ok();
  }
  reader.RejectUnknown({"items"});
  const auto* items = reader.Array("items", Presence::kRequired, limits.max_batch_items);
  if (items != nullptr && items->empty()) reader.AddError("items", "required", "Send at least one item");
  if (items == nullptr) return false;
  for (std::size_t item_idx = 0; item_idx < items->size(); ++item_idx) {
    const std::string key = "items[" + std::to_string(item_idx) + "]";
    if (!(*items)[item_idx].is_object()) {
      reader.AddError(key, "type", "Expected an object");
      continue;
    }
    FieldReader item_reader = reader.Nested((*items)[item_idx].as_object(), key);
    if (auto input = ReadFeedbackInput(item_reader, limits)) request.inputs.push_back(std::move(*input));
  }
  return validation.ok();
}

core::Status ReadIdempotencyKey(const RequestContext& context, std::string& key) {
  const std::string_view given = context.Header("Idempotency-Key");
  if (given.empty()) return core::Ok();
  if (given.size() > 255) {
    return core::Error::Field("Idempotency-Key", "too_long", "At most 255 characters");
  }
  for (const char c : given) {
    if (c < 0x21 || c > 0x7e) {
      return core::Error::Field("Idempotency-Key", "invalid", "Use printable ASCII characters");
    }
  }
  key = std::string(given);
  return core::Ok();
}

std::optional<core::SentimentLabel> SentimentFilter(std::string_view name) {
  if (name.empty()) return std::nullopt;
  return core::ParseSentimentLabel(name);
}

// Reads the list filters from the query string.
core::Result<store::FeedbackFilter> ReadFeedbackFilter(const RequestContext& context) {
  store::FeedbackFilter filter;
  filter.workspace_id = context.workspace_id;
  std::vector<core::FieldError> errors;
  if (auto channel = context.Query("channel"); !channel.empty()) {
    filter.channel = core::ParseChannel(channel);
    if (!filter.channel) errors.push_back({"channel", "invalid", "Unknown channel"});
  }
  auto read_time = [&](const char* name, std::optional<core::TimeMs>& out) {
    if (auto text = context.Query(name); !text.empty()) {
      out = core::ParseRfc3339(text);
      if (!out) errors.push_back({name, "invalid", "Expected an RFC 3339 time or a date"});
    }
  };
  read_time("from", filter.received_from);
  read_time("to", filter.received_to);
  auto read_id = [&](const char* name, std::optional<core::Id>& out) {
    if (auto text = context.Query(name); !text.empty()) {
      out = core::ParseId(text);
      if (!out) errors.push_back({name, "invalid", "Expected an id"});
    }
  };
  read_id("customer", filter.customer_id);
  read_id("survey", filter.survey_id);
  if (auto sentiment = context.Query("sentiment"); !sentiment.empty()) {
    filter.sentiment = SentimentFilter(sentiment);
    if (!filter.sentiment) errors.push_back({"sentiment", "invalid", "Use negative, neutral or positive"});
  }
  filter.language = std::string(context.Query("language"));
  filter.topic = std::string(context.Query("topic"));
  if (auto q = context.Query("q"); !q.empty()) {
    if (q.size() > 200) errors.push_back({"q", "too_long", "At most 200 characters"});
    filter.search_folded = context.services.intake.analyzer().FoldForSearch(q);
  }
  if (auto limit = context.Query("limit"); !limit.empty()) {
    int value = 0;
    const auto [end, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), value);
    if (ec != std::errc() || end != limit.data() + limit.size() || value < 1 || value > 200) {
      errors.push_back({"limit", "out_of_range", "Between 1 and 200"});
    }
    filter.limit = value;
  }
  if (auto cursor = context.Query("cursor"); !cursor.empty()) {
    auto numbers = DecodeCursor(cursor, 2);
    if (!numbers) {
      errors.push_back({"cursor", "invalid", "Use the next_cursor of a previous page"});
    } else {
      filter.after = store::FeedbackCursor{(*numbers)[0], (*numbers)[1]};
    }
  }
  if (!errors.empty()) return core::Error::InvalidArgument("Invalid filters", std::move(errors));
  return filter;
}

}  // namespace

Reply CreateFeedback(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  ingest::IntakeRequest request;
  request.workspace_id = context.workspace_id;
  bool is_batch = false;
  if (!ReadIntakeRequest(*body, context.services.limits, validation, request, is_batch)) {
    co_return ErrorResponse(context, validation.ToError("The feedback is invalid"));
  }
  if (auto status = ReadIdempotencyKey(context, request.idempotency_key); !status) {
    co_return ErrorResponse(context, status.error());
  }
  if (!request.idempotency_key.empty()) request.request_hash = auth::HashSecret(context.request.body());
  ingest::FeedbackIntake& intake = context.services.intake;
  // Analysing a small request costs less than two thread hops (measured: the hops dominated
  // the ingest profile), so it runs here; large ones go to the pool to keep I/O responsive.
  std::shared_ptr<ingest::PreparedIntake> prepared;
  if (context.request.body().size() <= kInlineAnalysisBytes) {
    prepared = intake.Prepare(std::move(request));
  } else {
    prepared = co_await Offload(context.services.blocking_pool,
                                [&] { return intake.Prepare(std::move(request)); });
  }
  const core::Status stored = co_await AwaitWrite(context.services.database.writer(),
                                                  intake.StoreJob(prepared, 201));
  if (!stored) co_return ErrorResponse(context, stored.error());
  const ingest::IntakeResult& result = prepared->result;
  const bool show_pii = context.Can(auth::Permission::kPiiRead);
  const auto created = std::count(result.created.begin(), result.created.end(), true);
  Status status = created > 0 ? Status::created : Status::ok;
  if (result.replayed) status = static_cast<Status>(result.replayed_status);
  boost::json::value body_out;
  if (is_batch) {
    boost::json::array items;
    for (const auto& item : result.items) items.push_back(FeedbackView(item, show_pii));
    body_out = boost::json::object{{"items", std::move(items)}, {"created", created}};
  } else {
    body_out = FeedbackView(result.items.front(), show_pii);
  }
  Response response = JsonResponse(context, status, body_out);
  if (result.replayed || created == 0) response.set("Idempotent-Replayed", "true");
  if (!is_batch) {
    response.set(beast_http::field::location, "/api/v1/workspaces/" +
                                                  core::IdToString(context.workspace_id) +
                                                  "/feedback/" + core::IdToString(result.items[0].id));
  }
  co_return response;
}

Reply ListFeedback(RequestContext& context) {
  auto filter = ReadFeedbackFilter(context);
  if (!filter) co_return ErrorResponse(context, filter.error());
  auto page = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.database.Read<store::FeedbackPage>(
        [&](store::Connection& db) { return store::FeedbackRepo(db).List(*filter); });
  });
  if (!page) co_return ErrorResponse(context, page.error());
  const bool show_pii = context.Can(auth::Permission::kPiiRead);
  boost::json::array items;
  for (const auto& item : page->items) items.push_back(FeedbackView(item, show_pii));
  const std::string next =
      page->next ? EncodeCursor({page->next->received_at, page->next->id}) : std::string();
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), next));
}

Reply GetFeedback(RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such feedback item"));
  auto item = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.database.Read<std::optional<core::FeedbackItem>>(
        [&](store::Connection& db) { return store::FeedbackRepo(db).Get(context.workspace_id, *id); });
  });
  if (!item) co_return ErrorResponse(context, item.error());
  if (!*item) co_return ErrorResponse(context, core::Error::NotFound("No such feedback item"));
  co_return JsonResponse(context, Status::ok,
                         FeedbackView(**item, context.Can(auth::Permission::kPiiRead)));
}

}  // namespace voxloop::http::handlers

namespace voxloop::http::handlers {

Reply EraseFeedback(RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such feedback item"));
  auto erased = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.erasure.EraseFeedback(context.workspace_id, *id, context.actor());
  });
  if (!erased) co_return ErrorResponse(context, erased.error());
  co_return EmptyResponse(context, Status::no_content);
}

}  // namespace voxloop::http::handlers
