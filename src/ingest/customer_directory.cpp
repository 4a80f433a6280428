#include "ingest/customer_directory.hpp"

#include "auth/audit.hpp"
#include "core/time.hpp"
#include "store/feedback_repo.hpp"

namespace voxloop::ingest {

void CustomerDirectory::NotifyChanged(store::WriteContext& context, const core::Customer& customer) {
  if (observers_.empty()) return;
  context.AfterCommit([this, customer] {
    for (FeedbackObserver* observer : observers_) observer->OnCustomerChanged(customer);
  });
}

core::Result<core::Customer> CustomerDirectory::Upsert(core::Id workspace_id,
                                                       const store::CustomerInput& input,
                                                       const auth::Actor& actor, bool& created) {
  core::Customer customer;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::CustomerRepo repo(context.db, vault_);
    VOXLOOP_ASSIGN_OR_RETURN(auto existing, repo.Find(workspace_id, input));
    created = !existing.has_value();
    VOXLOOP_ASSIGN_OR_RETURN(customer, repo.Upsert(workspace_id, input, core::NowMs()));
    NotifyChanged(context, customer);
    return auth::RecordAudit(context.db, actor,
                             {workspace_id, created ? "customer.create" : "customer.update",
                              "customer", core::IdToString(customer.id), "{}"});
  }));
  return customer;
}

core::Result<core::Customer> CustomerDirectory::Get(core::Id workspace_id, core::Id customer_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto customer,
                           database_.Read<std::optional<core::Customer>>([&](store::Connection& db) {
                             return store::CustomerRepo(db, vault_).Get(workspace_id, customer_id);
                           }));
  if (!customer) return core::Error::NotFound("No such customer");
  return *customer;
}

core::Result<store::CustomerPage> CustomerDirectory::List(core::Id workspace_id,
                                                          std::optional<core::Id> after_id,
                                                          int limit, const std::string& email,
                                                          const std::string& external_id) {
  return database_.Read<store::CustomerPage>([&](store::Connection& db) {
    return store::CustomerRepo(db, vault_).List(workspace_id, after_id, limit, email, external_id);
  });
}

core::Result<CustomerDirectory::Export> CustomerDirectory::ExportCustomer(
    core::Id workspace_id, core::Id customer_id, const auth::Actor& actor) {
  Export exported;
  VOXLOOP_ASSIGN_OR_RETURN(exported.customer, Get(workspace_id, customer_id));
  VOXLOOP_ASSIGN_OR_RETURN(
      exported.feedback,
      database_.Read<std::vector<core::FeedbackItem>>(
          [&](store::Connection& db) -> core::Result<std::vector<core::FeedbackItem>> {
            store::FeedbackRepo repo(db);
            VOXLOOP_ASSIGN_OR_RETURN(auto ids, repo.IdsForCustomer(workspace_id, customer_id));
            return repo.GetMany(workspace_id, ids);
          }));
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) {
    return auth::RecordAudit(context.db, actor,
                             {workspace_id, "customer.export", "customer",
                              core::IdToString(customer_id), "{}"});
  }));
  return exported;
}

core::Result<core::Customer> CustomerDirectory::Patch(core::Id workspace_id, core::Id customer_id,
                                                      const CustomerPatch& patch,
                                                      const auth::Actor& actor) {
  core::Customer customer;
  core::Status status = database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::CustomerRepo repo(context.db, vault_);
    VOXLOOP_ASSIGN_OR_RETURN(auto current, repo.Get(workspace_id, customer_id));
    if (!current) return core::Error::NotFound("No such customer");
    customer = std::move(*current);
    if (patch.external_id) customer.external_id = *patch.external_id;
    if (patch.email) customer.email = store::NormaliseEmail(*patch.email);
    if (patch.phone) customer.phone = store::NormalisePhone(*patch.phone);
    if (patch.name) customer.name = *patch.name;
    if (patch.attributes_json) {
      customer.attributes_json = store::MergeAttributes(customer.attributes_json, *patch.attributes_json);
    }
    customer.updated_at = core::NowMs();
    VOXLOOP_TRY(repo.Update(customer));
    NotifyChanged(context, customer);
    return auth::RecordAudit(context.db, actor,
                             {workspace_id, "customer.update", "customer",
                              core::IdToString(customer_id), "{}"});
  });
  if (!status && status.error().code == core::ErrorCode::kConflict) {
    return core::Error{core::ErrorCode::kConflict, "Another customer has this external_id",
                       {{"external_id", "conflict", "Another customer has this external_id"}}, {}, {}};
  }
  VOXLOOP_TRY(status);
  return customer;
}

}  // namespace voxloop::ingest
