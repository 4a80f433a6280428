// JSON views of domain records, as the API returns them. Ids are strings, times RFC 3339.
// Views that can carry personal data take `show_pii`: without the pii.read permission the
// caller sees feedback text with PII redacted and customers' contact fields masked.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>

#include "auth/roles.hpp"
#include "core/customer.hpp"
#include "core/feedback.hpp"
#include "core/workspace.hpp"
#include "store/account_repo.hpp"
#include "store/audit_repo.hpp"
#include "store/notification_repo.hpp"

namespace voxloop::http {

boost::json::value ParseJsonOrEmptyObject(std::string_view text);
boost::json::object FeedbackView(const core::FeedbackItem& item, bool show_pii);
// A member's in-app notification.
boost::json::object NotificationView(const store::NotificationRow& row);
boost::json::object CustomerView(const core::Customer& customer, bool show_pii);
boost::json::object WorkspaceView(const core::Workspace& workspace);
boost::json::object UserView(const store::User& user);
boost::json::object MemberView(const store::Membership& member);
boost::json::object TokenView(const store::ApiToken& token);
boost::json::object AuditView(const store::AuditEntry& entry);
// {"role": "agent", "permissions": ["feedback.read", …]}
boost::json::object RoleView(auth::Role role);

// "lan@example.vn" → "l***@example.vn"; "+84912345678" → "+84*******678"; "Nguyễn Văn A" → "N. V. A."
std::string MaskEmail(std::string_view email);
std::string MaskPhone(std::string_view phone);
std::string MaskName(std::string_view name);

}  // namespace voxloop::http
