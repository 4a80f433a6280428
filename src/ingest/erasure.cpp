#include "ingest/erasure.hpp"

#include "auth/audit.hpp"
#include "store/customer_repo.hpp"
#include "store/feedback_repo.hpp"
#include "store/survey_repo.hpp"

namespace voxloop::ingest {

void Erasure::NotifyErased(store::WriteContext& context, core::Id workspace_id,
                           std::vector<core::Id> ids) {
  if (ids.empty() || observers_.empty()) return;
  context.AfterCommit([this, workspace_id, ids = std::move(ids)] {
    for (FeedbackObserver* observer : observers_) observer->OnFeedbackErased(workspace_id, ids);
  });
}

core::Status Erasure::EraseFeedback(core::Id workspace_id, core::Id feedback_id,
                                    const auth::Actor& actor) {
  return database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::FeedbackRepo(context.db).Delete(workspace_id, feedback_id));
    VOXLOOP_TRY(auth::RecordAudit(context.db, actor,
                                  {workspace_id, "feedback.erase", "feedback",
                                   core::IdToString(feedback_id), "{}"}));
    NotifyErased(context, workspace_id, {feedback_id});
    return core::Ok();
  });
}

core::Result<std::size_t> Erasure::EraseCustomer(core::Id workspace_id, core::Id customer_id,
                                                 const auth::Actor& actor) {
  std::size_t erased = 0;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::FeedbackRepo feedback(context.db);
    store::CustomerRepo customers(context.db, vault_);
    VOXLOOP_ASSIGN_OR_RETURN(auto customer, customers.Get(workspace_id, customer_id));
    if (!customer) return core::Error::NotFound("No such customer");
    VOXLOOP_ASSIGN_OR_RETURN(auto ids, feedback.IdsForCustomer(workspace_id, customer_id));
    for (const core::Id id : ids) VOXLOOP_TRY(feedback.Delete(workspace_id, id));
    // Their survey answers go too; invitations stay (for the send's figures) without the link.
    VOXLOOP_TRY(store::SurveyResponseRepo(context.db).DeleteForCustomer(workspace_id, customer_id));
    VOXLOOP_TRY(customers.Delete(workspace_id, customer_id));
    erased = ids.size();
    const std::string details = boost::json::serialize(boost::json::object{{"feedback_items", ids.size()}});
    VOXLOOP_TRY(auth::RecordAudit(context.db, actor,
                                  {workspace_id, "customer.erase", "customer",
                                   core::IdToString(customer_id), details}));
    NotifyErased(context, workspace_id, std::move(ids));
    if (!observers_.empty()) {
      context.AfterCommit([this, workspace_id, customer_id] {
        for (FeedbackObserver* observer : observers_) observer->OnCustomerErased(workspace_id, customer_id);
      });
    }
    return core::Ok();
  }));
  return erased;
}

}  // namespace voxloop::ingest
