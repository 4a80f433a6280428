#include "workflow/notifier.hpp"

#include <boost/json.hpp>

#include "workflow/http_post.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

constexpr std::string_view kEmailJob = "alert.email";
constexpr std::string_view kChatJob = "alert.chat";
constexpr int kMaxAttempts = 8;
constexpr core::TimeMs kNotConfiguredRetryMs = 10 * 60 * 1000;
constexpr std::chrono::milliseconds kChatTimeout{10000};

jobs::NewJob AlertJob(std::string_view kind, const Alert& alert, json::object payload) {
  payload["subject"] = alert.subject;
  payload["text"] = alert.text;
  jobs::NewJob job;
  job.workspace_id = alert.workspace_id;
  job.kind = std::string(kind);
  job.payload_json = json::serialize(payload);
  job.run_after = alert.not_before;
  job.max_attempts = kMaxAttempts;
  return job;
}

std::string StringField(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

}  // namespace

void Notifier::RegisterJobs() {
  runner_.Register(std::string(kEmailJob), [this](jobs::JobContext& context) { return SendEmail(context); });
  runner_.Register(std::string(kChatJob), [this](jobs::JobContext& context) { return PostChat(context); });
}

core::Status Notifier::EnqueueEmail(store::WriteContext& context, const Alert& alert,
                                    const std::vector<std::string>& to) {
  json::array recipients;
  for (const std::string& email : to) recipients.emplace_back(email);
  VOXLOOP_TRY(runner_.EnqueueIn(context, AlertJob(kEmailJob, alert, {{"to", std::move(recipients)}})));
  return core::Ok();
}

core::Status Notifier::EnqueueChat(store::WriteContext& context, const Alert& alert, const std::string& url) {
  VOXLOOP_TRY(runner_.EnqueueIn(context, AlertJob(kChatJob, alert, {{"url", url}})));
  return core::Ok();
}

jobs::JobOutcome Notifier::SendEmail(jobs::JobContext& context) {
  boost::system::error_code error;
  const json::value payload = json::parse(context.job.payload_json, error);
  if (error || !payload.is_object()) return jobs::JobOutcome::Failed("malformed alert job");
  if (settings_.sender == nullptr) {
    return jobs::JobOutcome::Retry("e-mail is not configured", core::NowMs() + kNotConfiguredRetryMs);
  }
  const json::object& object = payload.as_object();
  mail::MailMessage message;
  message.from = settings_.from;
  if (const json::value* to = object.if_contains("to"); to != nullptr && to->is_array()) {
    for (const json::value& email : to->as_array()) {
      if (email.is_string()) message.to.push_back({std::string(email.as_string()), ""});
    }
  }
  message.subject = StringField(object, "subject");
  message.text = StringField(object, "text");
  const core::Status sent = settings_.sender->Send(message);
  if (sent) return jobs::JobOutcome::Done();
  if (sent.error().code == core::ErrorCode::kInvalidArgument) {
    return jobs::JobOutcome::Failed("the mail server refused the alert");
  }
  return jobs::JobOutcome::Retry("the mail server is unavailable");
}

jobs::JobOutcome Notifier::PostChat(jobs::JobContext& context) {
  boost::system::error_code error;
  const json::value payload = json::parse(context.job.payload_json, error);
  if (error || !payload.is_object()) return jobs::JobOutcome::Failed("malformed alert job");
  const json::object& object = payload.as_object();
  // Slack and Teams incoming webhooks both take {"text": …}; markdown-ish bold for the head.
  const std::string body =
      json::serialize(json::object{{"text", "*" + StringField(object, "subject") + "*\n" + StringField(object, "text")}});
  const PostResult posted = PostJson(StringField(object, "url"), {}, body, kChatTimeout);
  if (posted.ok()) return jobs::JobOutcome::Done();
  return jobs::JobOutcome::Retry(posted.status != 0 ? "HTTP " + std::to_string(posted.status) : posted.error);
}

}  // namespace voxloop::workflow
