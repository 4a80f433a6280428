// CaseMail: talking to the customer from a case, by e-mail.
//
// Replies: an agent's reply is stored on the case (case_messages, the body sealed by the PII
// vault) and mailed by a durable job from the server's sender, with a per-case reply address
// `reply+<token>@<reply domain>` in Reply-To. The customer's answer comes back through the
// inbound endpoint (a mail relay posts it, docs/api.md "Replies and follow-up"): the token in
// the recipient finds the case, the text (quoted history cut off) is stored as an inbound
// message, and a case waiting on the customer opens again (a resolved or closed one reopens).
//
// Follow-up: resolving with `followup` mails a one-question follow-up ("Was your problem
// solved?" and a 1–5 satisfaction score) with a personal link to /f/<token> (only the
// token's hash is stored). The answer is recorded on the case; "no", or a score of 1 or 2,
// reopens it.
//
// Thread-safety: Configure before the job runner starts; the rest from any thread
// (QueueFollowup on the writer thread inside a write job).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/result.hpp"
#include "jobs/job_runner.hpp"
#include "mail/smtp_sender.hpp"
#include "store/case_repo.hpp"
#include "store/database.hpp"
#include "store/pii_vault.hpp"
#include "workflow/cases.hpp"

namespace voxloop::workflow {

struct CaseMailSettings {
  mail::MailSender* sender = nullptr;  // nullptr: e-mail is not configured (replies wait)
  mail::MailAddress from;
  std::string reply_domain;  // "" → the domain of `from`
  std::string public_url;    // for follow-up links
};

struct InboundMail {
  std::vector<std::string> to;  // every recipient address
  std::string from;
  std::string subject;
  std::string text;
  std::string message_id;
};

struct CaseMessage {
  store::CaseMessageRow row;
  std::string body;  // opened
};

struct FollowupView {
  core::Id case_id = 0;
  std::string title;
  std::string sender_name;
  std::string language = "en";  // the workspace's default language
  bool answered = false;
  std::optional<bool> solved;
  std::optional<int> csat;
};

// The follow-up's pages (plain HTML under collect::kContentSecurityPolicy, every text escaped):
// the question (a form posting to `action`), the thanks, and an invalid link.
std::string RenderFollowupPage(const FollowupView& view, const std::string& action, std::optional<bool> preselect);
std::string RenderFollowupThanks(const FollowupView& view);
std::string RenderFollowupInvalid(const std::string& language);

// The text of a mail reply without the quoted history ("> …", "On … wrote:").
std::string WithoutQuotedHistory(const std::string& text);
// The token of a reply address "reply+<token>@…", or "".
std::string ReplyTokenOf(const std::string& address);

class CaseMail : public FollowupSender {
 public:
  CaseMail(store::Database& database, const store::PiiVault& vault, jobs::JobRunner& runner, Cases& cases)
      : database_(database), vault_(vault), runner_(runner), cases_(cases) {}

  void RegisterJobs();
  void Configure(CaseMailSettings settings) { settings_ = std::move(settings); }

  // Errors: kInvalidArgument (text, status), kNotFound, kConflict when the case's customer
  // has no e-mail address.
  core::Result<CaseMessage> Reply(core::Id workspace_id, core::Id case_id, const std::string& text,
                                  const std::optional<std::string>& status, const auth::Actor& actor);
  core::Result<std::vector<CaseMessage>> Messages(core::Id workspace_id, core::Id case_id);
  // The case the mail answers; kNotFound when no recipient is a reply address of a case.
  core::Result<core::Id> Receive(const InboundMail& mail);

  core::Status QueueFollowup(store::WriteContext& context, store::CaseRow& row) override;
  core::Result<FollowupView> ViewFollowup(const std::string& token);
  // kConflict when it was answered already; kInvalidArgument for a csat outside 1–5.
  core::Result<FollowupView> AnswerFollowup(const std::string& token, bool solved, std::optional<int> csat);

 private:
  core::Result<std::string> CustomerEmail(store::Connection& db, const store::CaseRow& row, std::string* name);
  core::Result<store::CaseMessageRow> QueueMail(store::WriteContext& context, const store::CaseRow& row,
                                                std::string kind, std::string subject, const std::string& body,
                                                std::optional<core::Id> author_id);
  jobs::JobOutcome Send(jobs::JobContext& context);
  std::string ReplyAddress(const std::string& token) const;
  core::Result<store::CaseRow> FollowupCase(store::Connection& db, const std::string& token);
  core::Result<FollowupView> ViewOf(store::Connection& db, const store::CaseRow& row) const;

  store::Database& database_;
  const store::PiiVault& vault_;
  jobs::JobRunner& runner_;
  Cases& cases_;
  CaseMailSettings settings_;
};

}  // namespace voxloop::workflow
