#include "store/customer_repo.hpp"

#include <boost/json.hpp>

#include "core/id.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kColumns =
    "id, workspace_id, external_id, email_enc, phone_enc, name_enc, attributes, created_at, "
    "updated_at";

boost::json::object ParseObject(std::string_view text) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error || !value.is_object()) return {};
  return std::move(value.as_object());
}

Value TextOrNull(const std::string& text) { return text.empty() ? Null() : Value(text); }

}  // namespace

std::string MergeAttributes(std::string_view base, std::string_view patch) {
  boost::json::object merged = ParseObject(base);
  for (const auto& [key, value] : ParseObject(patch)) {
    if (value.is_null()) {
      merged.erase(key);
    } else {
      merged[key] = value;
    }
  }
  return boost::json::serialize(merged);
}

core::Customer CustomerRepo::FromRow(const RowView& row) const {
  core::Customer customer;
  customer.id = row.Int(0);
  customer.workspace_id = row.Int(1);
  customer.external_id = row.String(2);
  customer.email = vault_.Open(row.Text(3)).value_or("");
  customer.phone = vault_.Open(row.Text(4)).value_or("");
  customer.name = vault_.Open(row.Text(5)).value_or("");
  customer.attributes_json = row.String(6);
  customer.created_at = row.Int(7);
  customer.updated_at = row.Int(8);
  return customer;
}

Result<std::optional<core::Customer>> CustomerRepo::FindBy(std::string_view column,
                                                           core::Id workspace_id,
                                                           const std::string& value) {
  std::optional<core::Customer> found;
  const std::string sql = std::string("SELECT ").append(kColumns).append(
      " FROM customers WHERE workspace_id = ? AND ").append(column).append(
      " = ? ORDER BY id LIMIT 1");
  VOXLOOP_TRY(db_.ForEach(sql, {workspace_id, value},
                          [&](const RowView& row) { found = FromRow(row); }));
  return found;
}

Result<std::optional<core::Customer>> CustomerRepo::Find(core::Id workspace_id,
                                                         const CustomerInput& keys) {
  if (!keys.external_id.empty()) {
    VOXLOOP_ASSIGN_OR_RETURN(auto found, FindBy("external_id", workspace_id, keys.external_id));
    if (found) return found;
  }
  const std::string email = NormaliseEmail(keys.email);
  if (!email.empty()) {
    VOXLOOP_ASSIGN_OR_RETURN(auto found,
                             FindBy("email_hash", workspace_id, vault_.BlindIndex("email", email)));
    if (found) return found;
  }
  const std::string phone = NormalisePhone(keys.phone);
  if (!phone.empty()) {
    VOXLOOP_ASSIGN_OR_RETURN(auto found,
                             FindBy("phone_hash", workspace_id, vault_.BlindIndex("phone", phone)));
    if (found) return found;
  }
  return std::optional<core::Customer>();
}

Result<core::Customer> CustomerRepo::Create(core::Id workspace_id, const CustomerInput& input,
                                            core::TimeMs now) {
  core::Customer customer;
  customer.id = core::NewId();
  customer.workspace_id = workspace_id;
  customer.external_id = input.external_id;
  customer.email = NormaliseEmail(input.email);
  customer.phone = NormalisePhone(input.phone);
  customer.name = input.name.value_or("");
  customer.attributes_json = MergeAttributes("{}", input.attributes_json.value_or("{}"));
  customer.created_at = now;
  customer.updated_at = now;
  auto inserted = db_.Execute(
      "INSERT INTO customers (id, workspace_id, external_id, email_hash, phone_hash, email_enc, "
      "phone_enc, name_enc, attributes, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {customer.id, workspace_id, TextOrNull(customer.external_id),
       TextOrNull(vault_.BlindIndex("email", customer.email)),
       TextOrNull(vault_.BlindIndex("phone", customer.phone)),
       TextOrNull(vault_.Seal(customer.email)), TextOrNull(vault_.Seal(customer.phone)),
       TextOrNull(vault_.Seal(customer.name)), customer.attributes_json, now, now});
  if (!inserted) return std::move(inserted).error();
  return customer;
}

Result<core::Customer> CustomerRepo::Upsert(core::Id workspace_id, const CustomerInput& input,
                                            core::TimeMs now) {
  VOXLOOP_ASSIGN_OR_RETURN(auto existing, Find(workspace_id, input));
  if (!existing) return Create(workspace_id, input, now);
  core::Customer customer = std::move(*existing);
  bool changed = false;
  auto fill = [&changed](std::string& field, const std::string& value) {
    if (field.empty() && !value.empty()) {
      field = value;
      changed = true;
    }
  };
  fill(customer.external_id, input.external_id);
  fill(customer.email, NormaliseEmail(input.email));
  fill(customer.phone, NormalisePhone(input.phone));
  if (input.name && !input.name->empty() && *input.name != customer.name) {
    customer.name = *input.name;
    changed = true;
  }
  if (input.attributes_json) {
    std::string merged = MergeAttributes(customer.attributes_json, *input.attributes_json);
    if (merged != customer.attributes_json) {
      customer.attributes_json = std::move(merged);
      changed = true;
    }
  }
  if (!changed) return customer;
  customer.updated_at = now;
  VOXLOOP_TRY(Update(customer));
  return customer;
}

Result<std::optional<core::Customer>> CustomerRepo::Get(core::Id workspace_id, core::Id id) {
  std::optional<core::Customer> found;
  VOXLOOP_TRY(db_.ForEach(std::string("SELECT ").append(kColumns).append(
                              " FROM customers WHERE workspace_id = ? AND id = ?"),
                          {workspace_id, id}, [&](const RowView& row) { found = FromRow(row); }));
  return found;
}

Result<CustomerPage> CustomerRepo::List(core::Id workspace_id, std::optional<core::Id> after_id,
                                        int limit, const std::string& email,
                                        const std::string& external_id) {
  std::string sql = std::string("SELECT ").append(kColumns).append(
      " FROM customers WHERE workspace_id = ?");
  Params params{workspace_id};
  if (after_id) {
    sql += " AND id < ?";
    params.emplace_back(*after_id);
  }
  if (!email.empty()) {
    sql += " AND email_hash = ?";
    params.emplace_back(vault_.BlindIndex("email", NormaliseEmail(email)));
  }
  if (!external_id.empty()) {
    sql += " AND external_id = ?";
    params.emplace_back(external_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit} + 1);
  CustomerPage page;
  VOXLOOP_TRY(db_.ForEach(sql, params,
                          [&](const RowView& row) { page.customers.push_back(FromRow(row)); }));
  if (static_cast<int>(page.customers.size()) > limit) {
    page.customers.pop_back();
    page.next_after_id = page.customers.back().id;
  }
  return page;
}

Status CustomerRepo::Delete(core::Id workspace_id, core::Id id) {
  auto deleted = db_.Execute("DELETE FROM customers WHERE workspace_id = ? AND id = ?", {workspace_id, id});
  if (!deleted) return std::move(deleted).error();
  if (*deleted == 0) return core::Error::NotFound("No such customer");
  return core::Ok();
}

Status CustomerRepo::Update(const core::Customer& customer) {
  auto updated = db_.Execute(
      "UPDATE customers SET external_id = ?, email_hash = ?, phone_hash = ?, email_enc = ?, "
      "phone_enc = ?, name_enc = ?, attributes = ?, updated_at = ? "
      "WHERE workspace_id = ? AND id = ?",
      {TextOrNull(customer.external_id), TextOrNull(vault_.BlindIndex("email", customer.email)),
       TextOrNull(vault_.BlindIndex("phone", customer.phone)),
       TextOrNull(vault_.Seal(customer.email)), TextOrNull(vault_.Seal(customer.phone)),
       TextOrNull(vault_.Seal(customer.name)), customer.attributes_json, customer.updated_at,
       customer.workspace_id, customer.id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such customer");
  return core::Ok();
}

}  // namespace voxloop::store
