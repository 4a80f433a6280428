// Customers: list, create-or-match, read, edit.
#include <charconv>

#include "http/async.hpp"
#include "http/cursor.hpp"
#include "http/handlers/feedback_input.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/response.hpp"
#include "core/time.hpp"
#include "ingest/customer_directory.hpp"
#include "ingest/erasure.hpp"

namespace voxloop::http::handlers {
namespace {

bool ShowPii(const RequestContext& context) { return context.Can(auth::Permission::kPiiRead); }

std::optional<core::Id> CustomerIdParam(const RequestContext& context) {
  return core::ParseId(context.Param("id"));
}

}  // namespace

Reply ListCustomers(RequestContext& context) {
  std::vector<core::FieldError> errors;
  std::optional<core::Id> after;
  if (auto cursor = context.Query("cursor"); !cursor.empty()) {
    auto numbers = DecodeCursor(cursor, 1);
    if (numbers) after = (*numbers)[0];
    else errors.push_back({"cursor", "invalid", "Use the next_cursor of a previous page"});
  }
  int limit = 50;
  if (auto text = context.Query("limit"); !text.empty()) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc() || end != text.data() + text.size() || limit < 1 || limit > 200) {
      errors.push_back({"limit", "out_of_range", "Between 1 and 200"});
    }
  }
  if (!errors.empty()) co_return ErrorResponse(context, core::Error::InvalidArgument("Invalid query", errors));
  const std::string email(context.Query("email"));
  const std::string external_id(context.Query("external_id"));
  auto page = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.customers.List(context.workspace_id, after, limit, email, external_id);
  });
  if (!page) co_return ErrorResponse(context, page.error());
  boost::json::array items;
  for (const auto& customer : page->customers) items.push_back(CustomerView(customer, ShowPii(context)));
  const std::string next = page->next_after_id ? EncodeCursor({*page->next_after_id}) : std::string();
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), next));
}

Reply CreateCustomer(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  auto input = ReadCustomerInput(reader, /*require_key=*/false);
  if (input && input->external_id.empty() && input->email.empty() && input->phone.empty() &&
      input->name.value_or("").empty()) {
    reader.AddError("", "required", "Give at least an external_id, email, phone or name");
  }
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The customer is invalid"));
  bool created = false;
  auto customer = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.customers.Upsert(context.workspace_id, *input, context.actor(), created);
  });
  if (!customer) co_return ErrorResponse(context, customer.error());
  co_return JsonResponse(context, created ? Status::created : Status::ok,
                         CustomerView(*customer, ShowPii(context)));
}

Reply GetCustomer(RequestContext& context) {
  const auto id = CustomerIdParam(context);
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such customer"));
  auto customer = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.customers.Get(context.workspace_id, *id);
  });
  if (!customer) co_return ErrorResponse(context, customer.error());
  co_return JsonResponse(context, Status::ok, CustomerView(*customer, ShowPii(context)));
}

Reply UpdateCustomer(RequestContext& context) {
  const auto id = CustomerIdParam(context);
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such customer"));
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  auto input = ReadCustomerInput(reader, /*require_key=*/false);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The customer is invalid"));
  ingest::CustomerPatch patch;
  auto given = [&](std::string_view key) { return body->contains(key); };
  if (given("external_id")) patch.external_id = input->external_id;
  if (given("email")) patch.email = input->email;
  if (given("phone")) patch.phone = input->phone;
  if (given("name")) patch.name = input->name.value_or("");
  if (given("attributes")) patch.attributes_json = input->attributes_json;
  auto customer = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.customers.Patch(context.workspace_id, *id, patch, context.actor());
  });
  if (!customer) co_return ErrorResponse(context, customer.error());
  co_return JsonResponse(context, Status::ok, CustomerView(*customer, ShowPii(context)));
}

}  // namespace voxloop::http::handlers

namespace voxloop::http::handlers {

Reply EraseCustomer(RequestContext& context) {
  const auto id = CustomerIdParam(context);
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such customer"));
  auto erased = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.erasure.EraseCustomer(context.workspace_id, *id, context.actor());
  });
  if (!erased) co_return ErrorResponse(context, erased.error());
  co_return JsonResponse(context, Status::ok,
                         {{"erased_customer", core::IdToString(*id)}, {"erased_feedback_items", *erased}});
}

Reply ExportCustomer(RequestContext& context) {
  const auto id = CustomerIdParam(context);
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such customer"));
  auto exported = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.customers.ExportCustomer(context.workspace_id, *id, context.actor());
  });
  if (!exported) co_return ErrorResponse(context, exported.error());
  boost::json::array feedback;
  for (const auto& item : exported->feedback) feedback.push_back(FeedbackView(item, /*show_pii=*/true));
  Response response = JsonResponse(context, Status::ok,
                                    {{"customer", CustomerView(exported->customer, /*show_pii=*/true)},
                                     {"feedback", std::move(feedback)},
                                     {"exported_at", core::FormatRfc3339(core::NowMs())}});
  response.set(beast_http::field::content_disposition,
               "attachment; filename=\"customer-" + core::IdToString(*id) + ".json\"");
  co_return response;
}

}  // namespace voxloop::http::handlers
