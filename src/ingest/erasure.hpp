// Erasure and export of personal data on request (GDPR/PDPL style): erase one feedback
// item, erase a customer with all their feedback, or export everything held about a
// customer. Erasure is permanent, audited without the erased content, and observers (the
// metrics index, live feeds) are told once it commits. Blocking; thread-safe.
#pragma once

#include <boost/json.hpp>

#include <vector>

#include "auth/principal.hpp"
#include "ingest/feedback_observer.hpp"
#include "store/database.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::ingest {

class Erasure {
 public:
  Erasure(store::Database& database, const store::PiiVault& vault)
      : database_(database), vault_(vault) {}
  void AddObserver(FeedbackObserver* observer) { observers_.push_back(observer); }

  core::Status EraseFeedback(core::Id workspace_id, core::Id feedback_id, const auth::Actor& actor);
  // Deletes the customer and every feedback item linked to them; returns how many items.
  core::Result<std::size_t> EraseCustomer(core::Id workspace_id, core::Id customer_id,
                                          const auth::Actor& actor);

 private:
  void NotifyErased(store::WriteContext& context, core::Id workspace_id, std::vector<core::Id> ids);

  store::Database& database_;
  const store::PiiVault& vault_;
  std::vector<FeedbackObserver*> observers_;  // fixed after start-up
};

}  // namespace voxloop::ingest
