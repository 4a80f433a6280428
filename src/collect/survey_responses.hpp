// SurveyResponses: how respondents' answers become stored responses — from the widget and
// the public JSON endpoint, the hosted page (saved step by step as a partial response, then
// completed), personal e-mail links and kiosks. A completed response's free-text answers
// become feedback items (channel "survey", linked to the survey and response, analysed like
// any other item, with the response's first score as their rating) in the same transaction.
//
// Guards, none in a real respondent's way:
//   - the survey must be active, inside its dates and under its response limit;
//   - a personal link (invitation token) takes one completed response;
//   - a second identical submission from the same client within kDuplicateWindowMs returns
//     the first response instead of storing another (double clicks, retries); kiosks, where
//     several people share one device, are exempt;
//   - anonymous surveys keep no customer link (identification and invitation customers are
//     dropped) and no client address (only a keyed hash, for the duplicate guard).
// Methods block (analysis, reads, the group-commit writer): call them off the I/O threads.
// Borrows its collaborators; thread-safe.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "collect/response_export.hpp"
#include "collect/response_observer.hpp"
#include "collect/surveys.hpp"
#include "ingest/feedback_intake.hpp"
#include "store/customer_repo.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::collect {

inline constexpr core::TimeMs kDuplicateWindowMs = 10 * 60 * 1000;

// How a response came in; stable wire names.
inline constexpr std::string_view kResponseChannels[] = {"link",  "widget", "email",
                                                         "kiosk", "qr",     "api"};
bool IsResponseChannel(std::string_view channel);

struct ResponseSubmission {
  core::Id survey_id = 0;
  boost::json::value answers;  // question id -> raw answer (see answers.hpp)
  boost::json::value hidden;   // hidden field -> value; null when none
  std::string language;        // asked for ("" = Accept-Language, then the default)
  std::string accept_language;
  std::string channel = "api";
  std::string invitation_token;  // from a personal link; "" = none
  std::string session_token;     // the hosted page's partial response; "" = none
  std::optional<store::CustomerInput> customer;  // identified by the page (widget)
  std::string client_address;    // for the duplicate guard only; never stored as is
};

struct SubmittedResponse {
  store::SurveyResponseRow response;
  std::vector<core::Id> feedback_ids;  // one per free-text answer
  std::string thank_you_id;            // the closing screen the answers lead to; "" = built-in
  bool duplicate = false;              // the same submission was just stored: that one
};

// A checked, analysed submission and the write job that stores it (for callers that await
// the group-commit writer without blocking a thread). After the job committed, `result` is
// the answer. The job refers to this object: keep it alive until the job is done.
struct PreparedResponse {
  SubmittedResponse result;
  store::WriteJob job;
};

struct ResponseFilter {
  std::string status;  // "", "partial" or "completed"
  std::optional<core::Id> after_id;
  int limit = 50;
};

class SurveyResponses {
 public:
  SurveyResponses(store::Database& database, Surveys& surveys, ingest::FeedbackIntake& intake,
                  const store::PiiVault& vault)
      : database_(database), surveys_(surveys), intake_(intake), vault_(vault) {}
  // Before serving starts only (the list is read without a lock).
  void AddObserver(ResponseObserver* observer) { observers_.push_back(observer); }
  void AddCommitHook(ResponseCommitHook* hook) { commit_hooks_.push_back(hook); }

  // Stores a completed response. Errors: kNotFound (no such public survey or invitation),
  // kConflict (not taking responses; invitation already answered), kInvalidArgument with one
  // field error per bad answer ("answers.<question id>") or hidden field.
  core::Result<SubmittedResponse> Submit(const ResponseSubmission& submission);
  // The same in two steps: checks, analysis and reads now (blocking, off the I/O threads);
  // then the caller runs `job` on the group-commit writer. Same errors (the job's as well).
  core::Result<std::shared_ptr<PreparedResponse>> PrepareSubmit(const ResponseSubmission& submission);

  // Saves answers so far under `submission.session_token` (required), creating the partial
  // response on first save. Answers are checked as a partial response (any valid subset).
  // kConflict when that session's response is already completed.
  core::Result<store::SurveyResponseRow> SavePartial(const ResponseSubmission& submission);

  // Records that a personal link was opened (the first time only). kNotFound when the token
  // is not an invitation to `survey_id`.
  core::Status NoteInvitationOpened(core::Id survey_id, const std::string& invitation_token);
  // Whether the personal link has taken its one response already (a completed response, and
  // the survey allows one per invitation), so the page can say so before any answer is
  // given. kNotFound when the token is not an invitation to a public survey `survey_id`.
  core::Result<bool> InvitationAnswered(core::Id survey_id, const std::string& invitation_token);

  // The partial or completed response of a hosted-page session, if any.
  core::Result<std::optional<store::SurveyResponseRow>> FindSession(
      const std::string& session_token);

  core::Result<store::SurveyResponsePage> List(core::Id workspace_id, core::Id survey_id,
                                               const ResponseFilter& filter);
  core::Result<store::SurveyResponseRow> Get(core::Id workspace_id, core::Id response_id);
  // Completed responses in id order after `after_id`, as exports need them: the customer as
  // its external id, else (with `include_contact`, for roles that may see PII) its e-mail.
  core::Result<std::vector<ExportResponse>> ExportPage(core::Id workspace_id, core::Id survey_id,
                                                       core::Id after_id, int limit,
                                                       bool include_contact);

 private:
  struct Checked;
  core::Result<Checked> Check(const ResponseSubmission& submission, bool complete);

  store::Database& database_;
  Surveys& surveys_;
  ingest::FeedbackIntake& intake_;
  const store::PiiVault& vault_;
  std::vector<ResponseObserver*> observers_;  // fixed after start-up
  std::vector<ResponseCommitHook*> commit_hooks_;  // fixed after start-up
};

}  // namespace voxloop::collect
