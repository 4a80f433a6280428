// CustomerDirectory: the customers of a workspace as people manage them — create-or-match,
// read, list and edit — with an audit entry for every change a person makes. Blocking
// (reads on a reader connection, writes through the group-commit writer); thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "auth/principal.hpp"
#include "core/customer.hpp"
#include "core/feedback.hpp"
#include "ingest/feedback_observer.hpp"
#include "store/customer_repo.hpp"
#include "store/database.hpp"

namespace voxloop::ingest {

struct CustomerPatch {
  std::optional<std::string> external_id;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> name;
  std::optional<std::string> attributes_json;  // merged key by key; null values delete keys
};

class CustomerDirectory {
 public:
  CustomerDirectory(store::Database& database, const store::PiiVault& vault)
      : database_(database), vault_(vault) {}
  // Before serving starts only: told of customers created or changed here.
  void AddObserver(FeedbackObserver* observer) { observers_.push_back(observer); }

  // Matches an existing customer (external_id, then e-mail, then phone) and fills it in, or
  // creates one. `created` tells which happened.
  core::Result<core::Customer> Upsert(core::Id workspace_id, const store::CustomerInput& input,
                                      const auth::Actor& actor, bool& created);
  core::Result<core::Customer> Get(core::Id workspace_id, core::Id customer_id);
  core::Result<store::CustomerPage> List(core::Id workspace_id, std::optional<core::Id> after_id,
                                         int limit, const std::string& email,
                                         const std::string& external_id);
  // Everything held about a customer, for a data-subject request; audited.
  struct Export {
    core::Customer customer;
    std::vector<core::FeedbackItem> feedback;
  };
  core::Result<Export> ExportCustomer(core::Id workspace_id, core::Id customer_id,
                                      const auth::Actor& actor);
  // Sets the given fields. kConflict when the external_id belongs to another customer.
  core::Result<core::Customer> Patch(core::Id workspace_id, core::Id customer_id,
                                     const CustomerPatch& patch, const auth::Actor& actor);

 private:
  void NotifyChanged(store::WriteContext& context, const core::Customer& customer);

  store::Database& database_;
  const store::PiiVault& vault_;
  std::vector<FeedbackObserver*> observers_;  // fixed after start-up
};

}  // namespace voxloop::ingest
