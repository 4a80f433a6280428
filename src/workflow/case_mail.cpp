#include "workflow/case_mail.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "store/customer_repo.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

constexpr std::string_view kMailJob = "case.mail";
constexpr std::string_view kReplyPrefix = "reply+";
constexpr std::size_t kTokenBytes = 16;
constexpr std::size_t kMaxReplyChars = 20000;
constexpr std::size_t kMaxInboundBytes = 200'000;
constexpr int kMaxAttempts = 8;
constexpr core::TimeMs kNotConfiguredRetryMs = 10 * 60 * 1000;

std::string NewToken() {
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  std::string hex(kTokenBytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, sizeof bytes);
  hex.pop_back();
  return hex;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string DomainOf(const std::string& email) {
  const auto at = email.rfind('@');
  return at == std::string::npos ? std::string("voxloop.localhost") : email.substr(at + 1);
}

// "Re: " once.
std::string ReplySubject(const std::string& subject) {
  return Lower(subject.substr(0, 3)) == "re:" ? subject : "Re: " + subject;
}


}  // namespace

std::string WithoutQuotedHistory(const std::string& text) {
  std::string kept;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string trimmed = line.substr(0, line.find_last_not_of(" \t") + 1);
    // The usual heads of quoted history: "On <date>, <name> wrote:", Outlook's separator.
    if ((trimmed.starts_with("On ") && trimmed.ends_with("wrote:")) || trimmed.starts_with("-----Original Message") ||
        trimmed.ends_with("đã viết:") || trimmed.ends_with("写道：") || trimmed.ends_with("写道:")) {
      break;
    }
    if (!trimmed.starts_with(">")) kept += line + "\n";
    start = end + 1;
  }
  while (!kept.empty() && (kept.back() == '\n' || kept.back() == ' ')) kept.pop_back();
  return kept;
}

std::string ReplyTokenOf(const std::string& address) {
  std::string email = address;
  // "Name <reply+…@domain>" → the address inside the brackets.
  if (const auto open = email.rfind('<'); open != std::string::npos) {
    const auto close = email.find('>', open);
    email = email.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
  }
  email = Lower(email);
  const auto at = email.find('@');
  const auto plus = email.find(kReplyPrefix);
  if (at == std::string::npos || plus == std::string::npos || plus > at) return "";
  std::string token = email.substr(plus + kReplyPrefix.size(), at - plus - kReplyPrefix.size());
  const bool hex = token.size() == kTokenBytes * 2 &&
                   std::all_of(token.begin(), token.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  return hex ? token : "";
}

void CaseMail::RegisterJobs() {
  runner_.Register(std::string(kMailJob), [this](jobs::JobContext& context) { return Send(context); });
}

std::string CaseMail::ReplyAddress(const std::string& token) const {
  const std::string domain = settings_.reply_domain.empty() ? DomainOf(settings_.from.email) : settings_.reply_domain;
  return std::string(kReplyPrefix) + token + "@" + domain;
}

core::Result<std::string> CaseMail::CustomerEmail(store::Connection& db, const store::CaseRow& row, std::string* name) {
  if (!row.customer_id) return core::Error::Conflict("The case has no customer to write to");
  VOXLOOP_ASSIGN_OR_RETURN(auto customer, store::CustomerRepo(db, vault_).Get(row.workspace_id, *row.customer_id));
  if (!customer || customer->email.empty()) return core::Error::Conflict("The case's customer has no e-mail address");
  if (name != nullptr) *name = customer->name;
  return customer->email;
}

core::Result<store::CaseMessageRow> CaseMail::QueueMail(store::WriteContext& context, const store::CaseRow& row,
                                                        std::string kind, std::string subject, const std::string& body,
                                                        std::optional<core::Id> author_id) {
  store::CaseMessageRow message;
  message.id = core::NewId();
  message.workspace_id = row.workspace_id;
  message.case_id = row.id;
  message.direction = "outbound";
  message.kind = std::move(kind);
  message.author_id = author_id;
  message.subject = std::move(subject);
  message.sealed_body = vault_.Seal(body);
  message.status = "queued";
  message.created_at = core::NowMs();
  VOXLOOP_TRY(store::CaseRepo(context.db).InsertMessage(message));
  jobs::NewJob job;
  job.workspace_id = row.workspace_id;
  job.kind = std::string(kMailJob);
  job.payload_json = json::serialize(json::object{{"message", core::IdToString(message.id)}});
  job.max_attempts = kMaxAttempts;
  VOXLOOP_TRY(runner_.EnqueueIn(context, job));
  return message;
}

core::Result<CaseMessage> CaseMail::Reply(core::Id workspace_id, core::Id case_id, const std::string& text,
                                          const std::optional<std::string>& status, const auth::Actor& actor) {
  if (text.empty()) return core::Error::Field("text", "required", "A reply needs text");
  if (core::Utf8Length(text) > kMaxReplyChars) return core::Error::Field("text", "too_long", "At most 20000 characters");
  CaseMessage out;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::CaseRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(workspace_id, case_id));
    if (!row) return core::Error::NotFound("No such case");
    VOXLOOP_TRY(CustomerEmail(context.db, *row, nullptr));
    if (row->reply_token.empty()) {
      row->reply_token = NewToken();
      VOXLOOP_TRY(repo.Update(*row, row->version));
      ++row->version;
    }
    VOXLOOP_ASSIGN_OR_RETURN(out.row, QueueMail(context, *row, "reply", ReplySubject(row->title), text,
                                                actor.type == "user" ? actor.id : std::nullopt));
    out.body = text;
    VOXLOOP_TRY(cases_.RecordEvent(context, *row, actor, "reply",
                                   {{"message_id", core::IdToString(out.row.id)}, {"subject", out.row.subject}}));
    // The first reply is the first response: a change like any other (history, case.updated).
    CasePatch patch;
    patch.status = status;
    patch.first_response = true;
    VOXLOOP_TRY(cases_.UpdateIn(context, workspace_id, case_id, patch, actor));
    return core::Ok();
  }));
  return out;
}

core::Result<std::vector<CaseMessage>> CaseMail::Messages(core::Id workspace_id, core::Id case_id) {
  return database_.Read<std::vector<CaseMessage>>([&](store::Connection& db) -> core::Result<std::vector<CaseMessage>> {
    store::CaseRepo repo(db);
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(workspace_id, case_id));
    if (!row) return core::Error::NotFound("No such case");
    VOXLOOP_ASSIGN_OR_RETURN(auto rows, repo.Messages(workspace_id, case_id));
    std::vector<CaseMessage> messages;
    for (auto& message : rows) {
      std::string body = vault_.Open(message.sealed_body).value_or("");
      messages.push_back({std::move(message), std::move(body)});
    }
    return messages;
  });
}

core::Result<core::Id> CaseMail::Receive(const InboundMail& mail) {
  std::string token;
  for (const std::string& address : mail.to) {
    token = ReplyTokenOf(address);
    if (!token.empty()) break;
  }
  if (token.empty()) return core::Error::NotFound("No recipient is the reply address of a case");
  if (mail.text.size() > kMaxInboundBytes) return core::Error::TooLarge("The message text is over 200 kB");
  const std::string text = WithoutQuotedHistory(mail.text);
  core::Id case_id = 0;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::CaseRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.FindByReplyToken(token));
    if (!row) return core::Error::NotFound("No case has this reply address");
    case_id = row->id;
    store::CaseMessageRow message;
    message.id = core::NewId();
    message.workspace_id = row->workspace_id;
    message.case_id = row->id;
    message.direction = "inbound";
    message.subject = std::string(core::Utf8Prefix(mail.subject, 998));
    message.sealed_body = vault_.Seal(text);
    message.status = "received";
    message.message_id = std::string(core::Utf8Prefix(mail.message_id, 998));
    message.created_at = core::NowMs();
    VOXLOOP_TRY(repo.InsertMessage(message));
    const auth::Actor customer{"customer", row->customer_id, ""};
    // The history names the message, not its words (they are the customer's: PII).
    VOXLOOP_TRY(cases_.RecordEvent(context, *row, customer, "customer_replied",
                                   {{"message_id", core::IdToString(message.id)}}));
    CasePatch patch;
    if (row->status == "waiting_on_customer") patch.status = "open";
    if (!IsActiveStatus(row->status)) patch.status = "reopened";
    if (patch.status) VOXLOOP_TRY(cases_.UpdateIn(context, row->workspace_id, row->id, patch, customer));
    return core::Ok();
  }));
  return case_id;
}

core::Status CaseMail::QueueFollowup(store::WriteContext& context, store::CaseRow& row) {
  if (settings_.public_url.empty()) return core::Error::Unavailable("Follow-ups need the server's public URL");
  std::string name;
  VOXLOOP_TRY(CustomerEmail(context.db, row, &name));
  VOXLOOP_ASSIGN_OR_RETURN(auto workspace, store::WorkspaceRepo(context.db).Get(row.workspace_id));
  const std::string sender = settings_.from.name.empty() ? (workspace ? workspace->name : "Voxloop") : settings_.from.name;
  const std::string token = NewToken();
  row.followup_token = auth::HashSecret(token);
  row.followup_sent_at = core::NowMs();
  row.followup_answered_at.reset();
  row.followup_solved.reset();
  row.followup_csat.reset();
  if (row.reply_token.empty()) row.reply_token = NewToken();
  const std::string link = settings_.public_url + "/f/" + token;
  const std::string body = (name.empty() ? std::string("Hello,") : "Hello " + name + ",") +
                           "\n\nWe have marked your request \"" + row.title +
                           "\" as solved. Was your problem solved? One question, one click:\n\n" + link +
                           "\n\nThank you for telling us.\n" + sender + "\n";
  VOXLOOP_ASSIGN_OR_RETURN(store::CaseMessageRow message,
                           QueueMail(context, row, "followup", sender + ": was your problem solved?", body, std::nullopt));
  return cases_.RecordEvent(context, row, auth::Actor::System(), "followup_sent",
                            {{"message_id", core::IdToString(message.id)}});
}

core::Result<store::CaseRow> CaseMail::FollowupCase(store::Connection& db, const std::string& token) {
  if (token.size() != kTokenBytes * 2) return core::Error::NotFound("This link is not valid");
  VOXLOOP_ASSIGN_OR_RETURN(auto row, store::CaseRepo(db).FindByFollowupToken(auth::HashSecret(token)));
  if (!row) return core::Error::NotFound("This link is not valid");
  return std::move(*row);
}

core::Result<FollowupView> CaseMail::ViewOf(store::Connection& db, const store::CaseRow& row) const {
  FollowupView view;
  VOXLOOP_ASSIGN_OR_RETURN(auto workspace, store::WorkspaceRepo(db).Get(row.workspace_id));
  if (workspace) view.language = workspace->default_language;
  view.case_id = row.id;
  view.title = row.title;
  view.sender_name = settings_.from.name.empty() ? settings_.from.email : settings_.from.name;
  view.answered = row.followup_answered_at.has_value();
  view.solved = row.followup_solved;
  view.csat = row.followup_csat;
  return view;
}

core::Result<FollowupView> CaseMail::ViewFollowup(const std::string& token) {
  return database_.Read<FollowupView>([&](store::Connection& db) -> core::Result<FollowupView> {
    VOXLOOP_ASSIGN_OR_RETURN(store::CaseRow row, FollowupCase(db, token));
    return ViewOf(db, row);
  });
}

core::Result<FollowupView> CaseMail::AnswerFollowup(const std::string& token, bool solved, std::optional<int> csat) {
  if (csat && (*csat < 1 || *csat > 5)) return core::Error::Field("csat", "invalid", "A score from 1 to 5");
  FollowupView view;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(store::CaseRow row, FollowupCase(context.db, token));
    if (row.followup_answered_at) return core::Error::Conflict("This follow-up was answered already");
    row.followup_answered_at = core::NowMs();
    row.followup_solved = solved;
    row.followup_csat = csat;
    VOXLOOP_TRY(store::CaseRepo(context.db).Update(row, row.version));
    ++row.version;
    const auth::Actor customer{"customer", row.customer_id, ""};
    VOXLOOP_TRY(cases_.RecordEvent(context, row, customer, "followup_answered",
                                   {{"solved", solved}, {"csat", csat ? json::value(*csat) : json::value(nullptr)}}));
    const bool unhappy = !solved || (csat && *csat <= 2);
    if (unhappy && !IsActiveStatus(row.status)) {
      CasePatch patch;
      patch.status = "reopened";
      VOXLOOP_ASSIGN_OR_RETURN(row, cases_.UpdateIn(context, row.workspace_id, row.id, patch, customer));
    }
    VOXLOOP_ASSIGN_OR_RETURN(view, ViewOf(context.db, row));
    return core::Ok();
  }));
  return view;
}

jobs::JobOutcome CaseMail::Send(jobs::JobContext& context) {
  const store::Job& job = context.job;
  boost::system::error_code error;
  const json::value payload = json::parse(job.payload_json, error);
  std::optional<core::Id> message_id;
  if (!error && payload.is_object()) {
    if (const json::value* id = payload.as_object().if_contains("message"); id != nullptr && id->is_string()) {
      message_id = core::ParseId(id->as_string());
    }
  }
  if (!message_id || !job.workspace_id) return jobs::JobOutcome::Failed("malformed case mail job");
  if (settings_.sender == nullptr) {
    return jobs::JobOutcome::Retry("e-mail is not configured", core::NowMs() + kNotConfiguredRetryMs);
  }
  const core::Id workspace_id = *job.workspace_id;
  struct Loaded {
    store::CaseMessageRow message;
    store::CaseRow row;
    std::string email, name;
  };
  auto loaded = database_.Read<std::optional<Loaded>>([&](store::Connection& db) -> core::Result<std::optional<Loaded>> {
    store::CaseRepo repo(db);
    VOXLOOP_ASSIGN_OR_RETURN(auto message, repo.GetMessage(workspace_id, *message_id));
    if (!message || message->status != "queued") return std::optional<Loaded>();
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(workspace_id, message->case_id));
    if (!row) return std::optional<Loaded>();
    Loaded out{std::move(*message), std::move(*row), "", ""};
    VOXLOOP_ASSIGN_OR_RETURN(out.email, CustomerEmail(db, out.row, &out.name));
    return std::optional<Loaded>(std::move(out));
  });
  auto record = [&](store::CaseMessageRow message) {
    return database_.writer().Run(
        [&](store::WriteContext& write) { return store::CaseRepo(write.db).UpdateMessage(message); });
  };
  if (!loaded) {
    if (loaded.error().code != core::ErrorCode::kConflict) return jobs::JobOutcome::Retry(loaded.error().message);
    // The customer's address is gone (erased): the message cannot go, now or later.
    (void)database_.writer().Run([&](store::WriteContext& write) -> core::Status {
      store::CaseRepo repo(write.db);
      VOXLOOP_ASSIGN_OR_RETURN(auto message, repo.GetMessage(workspace_id, *message_id));
      if (!message) return core::Ok();
      message->status = "failed";
      message->error = "the customer has no e-mail address any more";
      return repo.UpdateMessage(*message);
    });
    return jobs::JobOutcome::Failed(loaded.error().message);
  }
  if (!*loaded) return jobs::JobOutcome::Done(R"({"outcome":"nothing to send"})");
  Loaded& mail = **loaded;
  auto body = vault_.Open(mail.message.sealed_body);
  if (!body) return jobs::JobOutcome::Failed("the message cannot be opened with this server's key");
  mail::MailMessage message;
  message.from = settings_.from;
  message.to = {{mail.email, mail.name}};
  message.subject = mail.message.subject;
  message.text = *body;
  if (!mail.row.reply_token.empty()) {
    if (auto reply_to = mail::FormatMailbox({ReplyAddress(mail.row.reply_token), settings_.from.name})) {
      message.headers.emplace_back("Reply-To", *reply_to);
    }
  }
  message.message_id = "<case-" + core::IdToString(mail.message.id) + "@" + DomainOf(settings_.from.email) + ">";
  const core::Status sent = settings_.sender->Send(message);
  if (sent) {
    mail.message.status = "sent";
    mail.message.sent_at = core::NowMs();
    mail.message.message_id = message.message_id;
    (void)record(mail.message);
    return jobs::JobOutcome::Done();
  }
  if (sent.error().code == core::ErrorCode::kInvalidArgument || job.attempts >= job.max_attempts) {
    mail.message.status = "failed";
    mail.message.error = sent.error().code == core::ErrorCode::kInvalidArgument ? "the mail server refused the message"
                                                                                 : "the mail server stayed unavailable";
    (void)record(mail.message);
    return jobs::JobOutcome::Failed(mail.message.error);
  }
  return jobs::JobOutcome::Retry("the mail server is unavailable");
}

}  // namespace voxloop::workflow
