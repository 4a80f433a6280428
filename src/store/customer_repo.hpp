// CustomerRepo: customers of a workspace, with contact fields sealed by the PiiVault.
// Borrows a Connection and a PiiVault; not thread-safe (like the Connection).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/customer.hpp"
#include "store/connection.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::store {

// What a caller knows about a customer; empty/nullopt fields are unknown.
struct CustomerInput {
  std::string external_id;
  std::string email;
  std::string phone;
  std::optional<std::string> name;
  std::optional<std::string> attributes_json;  // a JSON object; merged key by key
};

struct CustomerPage {
  std::vector<core::Customer> customers;
  std::optional<core::Id> next_after_id;
};

class CustomerRepo {
 public:
  CustomerRepo(Connection& db, const PiiVault& vault) : db_(db), vault_(vault) {}

  // Finds the customer by external_id, then e-mail, then phone; updates what the input adds
  // (fills unknown contact fields, replaces the name, merges attributes) or creates one.
  // Returns the stored customer.
  Result<core::Customer> Upsert(core::Id workspace_id, const CustomerInput& input,
                                core::TimeMs now);
  Result<core::Customer> Create(core::Id workspace_id, const CustomerInput& input,
                                core::TimeMs now);
  Result<std::optional<core::Customer>> Get(core::Id workspace_id, core::Id id);
  Result<std::optional<core::Customer>> Find(core::Id workspace_id, const CustomerInput& keys);
  // Pages by id, newest first; `email` filters by exact (normalised) address.
  Result<CustomerPage> List(core::Id workspace_id, std::optional<core::Id> after_id, int limit,
                            const std::string& email, const std::string& external_id);
  // Writes every field of `customer` (by id). kConflict when external_id is taken.
  Status Update(const core::Customer& customer);
  // Deletes the customer row (its feedback must be gone or unlinked first).
  Status Delete(core::Id workspace_id, core::Id id);

 private:
  core::Customer FromRow(const RowView& row) const;
  Result<std::optional<core::Customer>> FindBy(std::string_view column, core::Id workspace_id,
                                               const std::string& value);
  Connection& db_;
  const PiiVault& vault_;
};

// Merges the keys of JSON object `patch` into JSON object `base` (null values delete keys).
// Non-object inputs are treated as empty objects.
std::string MergeAttributes(std::string_view base, std::string_view patch);

}  // namespace voxloop::store
