// The rules of e-mail invitations that need no database: reading a send's recipient list,
// the rates of a send, and when a non-responder is due a reminder. Pure functions;
// thread-safe.
//
//   auto recipients = ParseRecipients(body.at("recipients"));  // field errors "recipients/2/email"
//   if (ReminderDue(invitation, send, now, send.reminder_after_days * kDayMs)) …
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "mail/message.hpp"
#include "store/invitation_repo.hpp"

namespace voxloop::collect {

inline constexpr std::size_t kMaxRecipientsPerSend = 5000;
inline constexpr core::TimeMs kDayMs = 24LL * 60 * 60 * 1000;

struct Recipient {
  std::optional<core::Id> customer_id;  // an existing customer, or
  std::string email;                    // an address, normalised (the customer is found or created)
  std::string name;
  std::string
      language;  // canonical tag; "" = the customer's "language" attribute, else the default
};

struct RecipientList {
  std::vector<Recipient> recipients;
  std::int64_t duplicates = 0;  // entries naming an address or customer given earlier
};

// Reads `recipients`: a JSON array of 1–kMaxRecipientsPerSend entries, each an address
// ("lan@example.vn") or an object {"customer_id"?: "…", "email"?: "…", "name"?, "language"?}
// with a customer id or an address. Later entries repeating an address or customer are left
// out (and counted). Errors: kInvalidArgument with one field error per problem, named
// "recipients" (type, required, too_many) or "recipients/i/<key>" (type, required, invalid,
// invalid_email, too_long, unknown).
core::Result<RecipientList> ParseRecipients(const boost::json::value& recipients);

struct NewSend {
  std::string name;
  std::vector<Recipient> recipients;
  std::int64_t duplicates = 0;  // left out by ParseRecipients, reported as skipped
  int reminder_after_days = 3;  // wait after the last mail
  int max_reminders = 0;        // 0 = no reminders
};

// Reads the body of "create a send": {"name"?, "recipients", "reminder_after_days"? (1–60,
// default 3), "max_reminders"? (0–5, default 0)}; the name defaults to "Send of <date>" (the
// caller fills it). Errors: kInvalidArgument with field errors as ParseRecipients, plus "name"
// (type, too_long), "reminder_after_days" and "max_reminders" (type, range), and "<key>"
// (unknown) for any other key.
core::Result<NewSend> ParseNewSend(const boost::json::value& body);

// "surveys@shop.vn", "Shop <surveys@shop.vn>" or "\"Shop, Inc\" <surveys@shop.vn>" (the
// server's --mail-from) as an address. Errors: kInvalidArgument (field "mail_from").
core::Result<mail::MailAddress> ParseMailFrom(std::string_view text);

// Rates of a send, as fractions: delivery = sent / invited, open = opened / sent,
// response = responded / sent; nullopt when the denominator is 0.
struct SendRates {
  std::optional<double> delivery;
  std::optional<double> open;
  std::optional<double> response;
};
SendRates RatesOf(const store::SendCounts& counts);

// True when `invitation` should get its next reminder at `now`: it was delivered (status
// sent), is not answered, had fewer than the send's max_reminders reminders, and its last
// mail went out at least `wait_ms` ago.
bool ReminderDue(const store::InvitationRow& invitation, const store::SendRow& send,
                 core::TimeMs now, core::TimeMs wait_ms);

}  // namespace voxloop::collect
