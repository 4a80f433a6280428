// Notifier: the alerts that rules send to people — e-mails over SMTP and messages to chat
// incoming webhooks (Slack- and Teams-compatible JSON {"text": …}) — as durable jobs queued
// inside the transaction that fired the rule, so an alert exists exactly when its cause
// committed. Mail waits (and is retried) while the mail server is away; a chat post is
// retried on anything but a 2xx.
//
// Thread-safety: Configure before the job runner starts; the rest from any thread.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "jobs/job_runner.hpp"
#include "mail/smtp_sender.hpp"

namespace voxloop::workflow {

struct NotifierSettings {
  mail::MailSender* sender = nullptr;  // nullptr: e-mail is not configured (e-mail alerts wait, retried)
  mail::MailAddress from;
  std::string public_url;  // links in alerts ("" leaves them out)
};

struct Alert {
  core::Id workspace_id = 0;
  std::string subject;  // one line
  std::string text;     // plain text; its first line also heads a chat message
  core::TimeMs not_before = 0;  // quiet hours: not sent before this instant
};

class Notifier {
 public:
  explicit Notifier(jobs::JobRunner& runner) : runner_(runner) {}

  void RegisterJobs();
  void Configure(NotifierSettings settings) { settings_ = std::move(settings); }
  const NotifierSettings& settings() const { return settings_; }

  core::Status EnqueueEmail(store::WriteContext& context, const Alert& alert, const std::vector<std::string>& to);
  core::Status EnqueueChat(store::WriteContext& context, const Alert& alert, const std::string& url);

 private:
  jobs::JobOutcome SendEmail(jobs::JobContext& context);
  jobs::JobOutcome PostChat(jobs::JobContext& context);

  jobs::JobRunner& runner_;
  NotifierSettings settings_;
};

}  // namespace voxloop::workflow
