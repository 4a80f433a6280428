#include "ingest/feedback_intake.hpp"

#include <unordered_map>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/audit_repo.hpp"
#include "store/feedback_repo.hpp"

namespace voxloop::ingest {

FeedbackIntake::FeedbackIntake(const store::PiiVault& vault, const TextAnalyzer& analyzer)
    : vault_(vault), analyzer_(analyzer) {}

std::shared_ptr<PreparedIntake> FeedbackIntake::Prepare(IntakeRequest request) const {
  auto prepared = std::make_shared<PreparedIntake>();
  const core::TimeMs now = core::NowMs();
  prepared->items.reserve(request.inputs.size());
  for (FeedbackInput& input : request.inputs) {
    core::FeedbackItem item;
    item.id = core::NewId();
    item.workspace_id = request.workspace_id;
    item.channel = input.channel;
    item.rating = input.rating;
    item.customer_id = input.customer_id;
    item.external_id = input.external_id;
    item.received_at = input.received_at.value_or(now);
    item.created_at = now;
    item.metadata_json = std::move(input.metadata_json);
    item.tags = std::move(input.tags);
    item.survey_id = input.survey_id;
    item.response_id = input.response_id;
    item.analysis = analyzer_.Analyze(request.workspace_id, input.text);
    item.text = std::move(input.text);
    prepared->items.push_back(std::move(item));
  }
  prepared->request = std::move(request);
  return prepared;
}

store::WriteJob FeedbackIntake::StoreJob(std::shared_ptr<PreparedIntake> prepared,
                                         int status_if_created) const {
  return [this, prepared = std::move(prepared), status_if_created](store::WriteContext& context) {
    return Store(context, *prepared, status_if_created);
  };
}

core::Status FeedbackIntake::ReplayIdempotent(store::Connection& db, PreparedIntake& prepared,
                                              bool& replayed) const {
  const IntakeRequest& request = prepared.request;
  VOXLOOP_ASSIGN_OR_RETURN(auto record, store::IdempotencyRepo(db).Find(request.workspace_id,
                                                                        request.idempotency_key));
  replayed = record.has_value();
  if (!record) return core::Ok();
  if (record->request_hash != request.request_hash) {
    return core::Error::Conflict("This Idempotency-Key was used with a different request body")
        .WithType("idempotency-key-reused");
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto items,
                           store::FeedbackRepo(db).GetMany(request.workspace_id, record->resource_ids));
  prepared.result.items = std::move(items);
  prepared.result.created.assign(prepared.result.items.size(), false);
  prepared.result.replayed = true;
  prepared.result.replayed_status = record->status;
  return core::Ok();
}

core::Status FeedbackIntake::Store(store::WriteContext& context, PreparedIntake& prepared,
                                   int status_if_created) const {
  // A failed attempt (rolled back) must not leave a partial answer behind.
  prepared.result = IntakeResult{};
  const IntakeRequest& request = prepared.request;
  if (!request.idempotency_key.empty()) {
    bool replayed = false;
    VOXLOOP_TRY(ReplayIdempotent(context.db, prepared, replayed));
    if (replayed) return core::Ok();
  }
  store::FeedbackRepo feedback(context.db);
  store::CustomerRepo customers(context.db, vault_);
  std::unordered_map<std::string, std::size_t> batch_external_ids;
  IntakeResult& result = prepared.result;
  std::vector<core::FeedbackItem> created_items;
  for (std::size_t item_idx = 0; item_idx < prepared.items.size(); ++item_idx) {
    core::FeedbackItem item = prepared.items[item_idx];
    if (!item.external_id.empty()) {
      if (auto twin = batch_external_ids.find(item.external_id); twin != batch_external_ids.end()) {
        result.items.push_back(result.items[twin->second]);
        result.created.push_back(false);
        continue;
      }
      VOXLOOP_ASSIGN_OR_RETURN(auto existing,
                               feedback.FindByExternalId(request.workspace_id, item.external_id));
      batch_external_ids.emplace(item.external_id, item_idx);
      if (existing) {
        result.items.push_back(std::move(*existing));
        result.created.push_back(false);
        continue;
      }
    }
    const auto& customer_input = request.inputs.empty() ? std::nullopt
                                                        : request.inputs[item_idx].customer;
    if (customer_input) {
      VOXLOOP_ASSIGN_OR_RETURN(core::Customer customer,
                               customers.Upsert(request.workspace_id, *customer_input, item.created_at));
      item.customer_id = customer.id;
    } else if (item.customer_id) {
      VOXLOOP_ASSIGN_OR_RETURN(auto customer, customers.Get(request.workspace_id, *item.customer_id));
      if (!customer) return core::Error::Field("customer_id", "not_found", "No such customer");
    }
    VOXLOOP_TRY(feedback.Insert(item));
    created_items.push_back(item);
    result.items.push_back(std::move(item));
    result.created.push_back(true);
  }
  if (!request.idempotency_key.empty()) {
    std::vector<core::Id> ids;
    for (const auto& item : result.items) ids.push_back(item.id);
    const bool any_created = !created_items.empty();
    VOXLOOP_TRY(store::IdempotencyRepo(context.db)
                    .Insert({request.workspace_id, request.idempotency_key, request.request_hash,
                             any_created ? status_if_created : 200, ids, core::NowMs()}));
  }
  if (!created_items.empty()) {
    for (FeedbackCommitHook* hook : commit_hooks_) VOXLOOP_TRY(hook->OnFeedbackStoring(context, created_items));
  }
  if (!created_items.empty() && !observers_.empty()) {
    context.AfterCommit([this, created = std::move(created_items)] {
      for (FeedbackObserver* observer : observers_) observer->OnFeedbackCreated(created);
    });
  }
  return core::Ok();
}

}  // namespace voxloop::ingest
