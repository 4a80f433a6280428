#include "collect/invitation_rules.hpp"

#include <boost/json.hpp>
#include <set>

#include "collect/language.hpp"
#include "core/text.hpp"
#include "mail/message.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxNameChars = 200;

// Reads one recipient entry into `recipient`; false (with field errors) when it is invalid.
bool ReadRecipient(const boost::json::value& entry, const std::string& path, Recipient& recipient,
                   std::vector<core::FieldError>& errors) {
  const std::size_t errors_before = errors.size();
  auto read_email = [&](const std::string& raw, const std::string& field) {
    recipient.email = store::NormaliseEmail(raw);
    if (!mail::IsValidEmail(recipient.email)) {
      errors.push_back({field, "invalid_email", "Not an e-mail address"});
    }
  };
  if (entry.is_string()) {
    read_email(std::string(entry.as_string()), path);
    return errors.size() == errors_before;
  }
  if (!entry.is_object()) {
    errors.push_back({path, "type", "An e-mail address or an object with customer_id or email"});
    return false;
  }
  const boost::json::object& object = entry.as_object();
  for (const auto& [key, value] : object) {
    if (key != "customer_id" && key != "email" && key != "name" && key != "language") {
      errors.push_back({path + "/" + std::string(key), "unknown", "Unknown field"});
    }
  }
  auto string_of = [&](std::string_view key) -> std::optional<std::string> {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_string()) {
      errors.push_back({path + "/" + std::string(key), "type", "Must be a string"});
      return std::nullopt;
    }
    return std::string(value->as_string());
  };
  const auto customer_id = string_of("customer_id");
  const auto email = string_of("email");
  const auto name = string_of("name");
  const auto language = string_of("language");
  if (customer_id) {
    recipient.customer_id = core::ParseId(*customer_id);
    if (!recipient.customer_id)
      errors.push_back({path + "/customer_id", "invalid", "Not a customer id"});
  }
  if (email) read_email(*email, path + "/email");
  if (!customer_id && !email && errors.size() == errors_before) {
    errors.push_back({path + "/email", "required", "Give an e-mail address or a customer_id"});
  }
  if (name) {
    if (core::Utf8Length(*name) > kMaxNameChars) {
      errors.push_back({path + "/name", "too_long", "At most 200 characters"});
    }
    recipient.name = *name;
  }
  if (language && !language->empty()) {
    const auto canonical = CanonicalLanguageTag(*language);
    if (!canonical) errors.push_back({path + "/language", "invalid", "Not a language tag"});
    recipient.language = canonical.value_or("");
  }
  return errors.size() == errors_before;
}

}  // namespace

core::Result<RecipientList> ParseRecipients(const boost::json::value& recipients) {
  if (!recipients.is_array()) {
    return core::Error::Field("recipients", "type", "A list of e-mail addresses or customers");
  }
  const boost::json::array& entries = recipients.as_array();
  if (entries.empty())
    return core::Error::Field("recipients", "required", "Name at least one recipient");
  if (entries.size() > kMaxRecipientsPerSend) {
    return core::Error::Field("recipients", "too_many", "At most 5000 recipients per send");
  }
  RecipientList list;
  std::vector<core::FieldError> errors;
  std::set<std::string> seen_emails;
  std::set<core::Id> seen_customers;
  for (std::size_t entry_idx = 0; entry_idx < entries.size(); ++entry_idx) {
    Recipient recipient;
    const std::string path = "recipients/" + std::to_string(entry_idx);
    if (!ReadRecipient(entries[entry_idx], path, recipient, errors)) {
      if (errors.size() >= 100) break;
      continue;
    }
    const bool new_email = recipient.email.empty() || seen_emails.insert(recipient.email).second;
    const bool new_customer =
        !recipient.customer_id || seen_customers.insert(*recipient.customer_id).second;
    if (!new_email || !new_customer) {
      ++list.duplicates;
      continue;
    }
    list.recipients.push_back(std::move(recipient));
  }
  if (!errors.empty())
    return core::Error::InvalidArgument("Some recipients are invalid", std::move(errors));
  return list;
}

core::Result<NewSend> ParseNewSend(const boost::json::value& body) {
  if (!body.is_object()) return core::Error::Field("", "type", "A JSON object");
  const boost::json::object& object = body.as_object();
  NewSend send;
  std::vector<core::FieldError> errors;
  for (const auto& [key, value] : object) {
    if (key != "name" && key != "recipients" && key != "reminder_after_days" &&
        key != "max_reminders") {
      errors.push_back({std::string(key), "unknown", "Unknown field"});
    }
  }
  if (const auto* name = object.if_contains("name"); name != nullptr && !name->is_null()) {
    if (!name->is_string()) {
      errors.push_back({"name", "type", "Must be a string"});
    } else if (core::Utf8Length(name->as_string()) > kMaxNameChars) {
      errors.push_back({"name", "too_long", "At most 200 characters"});
    } else {
      send.name = std::string(name->as_string());
    }
  }
  auto read_int = [&](std::string_view key, int low, int high, int& out) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return;
    if (!value->is_int64() || value->as_int64() < low || value->as_int64() > high) {
      errors.push_back(
          {std::string(key), value->is_number() ? "range" : "type",
           "A whole number from " + std::to_string(low) + " to " + std::to_string(high)});
      return;
    }
    out = static_cast<int>(value->as_int64());
  };
  read_int("reminder_after_days", 1, 60, send.reminder_after_days);
  read_int("max_reminders", 0, 5, send.max_reminders);
  const auto* recipients = object.if_contains("recipients");
  if (recipients == nullptr) {
    errors.push_back({"recipients", "required", "Name at least one recipient"});
  } else if (auto list = ParseRecipients(*recipients); !list) {
    for (auto& field : list.error().fields) errors.push_back(std::move(field));
  } else {
    send.recipients = std::move(list->recipients);
    send.duplicates = list->duplicates;
  }
  if (!errors.empty())
    return core::Error::InvalidArgument("The send is invalid", std::move(errors));
  return send;
}

core::Result<mail::MailAddress> ParseMailFrom(std::string_view text) {
  auto trim = [](std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    return value;
  };
  text = trim(text);
  mail::MailAddress address;
  const std::size_t open = text.rfind('<');
  if (open != std::string_view::npos && !text.empty() && text.back() == '>') {
    address.email = std::string(trim(text.substr(open + 1, text.size() - open - 2)));
    std::string_view name = trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    address.name = std::string(name);
  } else {
    address.email = std::string(text);
  }
  if (!mail::IsValidEmail(address.email) || !core::IsValidUtf8(address.name) ||
      address.name.find_first_of("\r\n") != std::string::npos) {
    return core::Error::Field("mail_from", "invalid",
                              "Use name@example.com or \"Name <name@example.com>\"");
  }
  return address;
}

SendRates RatesOf(const store::SendCounts& counts) {
  auto ratio = [](std::int64_t part, std::int64_t whole) -> std::optional<double> {
    if (whole <= 0) return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(whole);
  };
  return {ratio(counts.sent, counts.invited), ratio(counts.opened, counts.sent),
          ratio(counts.responded, counts.sent)};
}

bool ReminderDue(const store::InvitationRow& invitation, const store::SendRow& send,
                 core::TimeMs now, core::TimeMs wait_ms) {
  return invitation.status == "sent" && !invitation.responded_at &&
         invitation.reminders_sent < send.max_reminders && invitation.last_sent_at &&
         *invitation.last_sent_at + wait_ms <= now;
}

}  // namespace voxloop::collect
