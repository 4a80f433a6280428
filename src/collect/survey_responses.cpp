#include "collect/survey_responses.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "auth/secrets.hpp"
#include "collect/answers.hpp"
#include "collect/language.hpp"
#include "collect/survey_logic.hpp"
#include "store/invitation_repo.hpp"

namespace voxloop::collect {
namespace {

constexpr std::string_view kPartial = "partial";
constexpr std::string_view kCompleted = "completed";

core::Error InvalidInvitation() {
  return core::Error::NotFound("This personal survey link is not valid");
}

// The answers' fingerprint for the duplicate guard: the same answers and hidden values.
std::string AnswersHash(const boost::json::object& answers, const boost::json::object& hidden) {
  return auth::HashSecret(boost::json::serialize(answers) + "\n" + boost::json::serialize(hidden));
}

std::string MetadataJson(std::string_view question_id, const store::SurveyResponseRow& response) {
  return boost::json::serialize(boost::json::object{{"question_id", question_id},
                                                    {"survey_channel", response.channel},
                                                    {"survey_version", response.version},
                                                    {"language", response.language}});
}

}  // namespace

bool IsResponseChannel(std::string_view channel) {
  return std::find(std::begin(kResponseChannels), std::end(kResponseChannels), channel) !=
         std::end(kResponseChannels);
}

// A submission checked against its survey, ready to store.
struct SurveyResponses::Checked {
  Survey survey;
  boost::json::object answers;
  boost::json::object hidden;
  std::string language;
  std::optional<store::InvitationRow> invitation;
  std::optional<store::SurveyResponseRow> session;  // the partial response being continued
};

core::Result<SurveyResponses::Checked> SurveyResponses::Check(const ResponseSubmission& submission,
                                                              bool complete) {
  if (!IsResponseChannel(submission.channel)) {
    return core::Error::Field("channel", "invalid", "One of link, widget, email, kiosk, qr, api");
  }
  VOXLOOP_ASSIGN_OR_RETURN(Survey survey, surveys_.GetPublic(submission.survey_id));
  const SurveyDefinition& definition = *survey.definition;
  VOXLOOP_TRY(CheckAcceptsResponses(survey.status(), definition.settings, core::NowMs(),
                                    survey.row.response_count));
  Checked checked{std::move(survey), {}, {}, {}, std::nullopt, std::nullopt};
  const boost::json::value no_hidden = boost::json::object();
  VOXLOOP_ASSIGN_OR_RETURN(
      checked.hidden,
      ValidateHiddenValues(definition, submission.hidden.is_null() ? no_hidden : submission.hidden));
  VOXLOOP_ASSIGN_OR_RETURN(
      checked.answers,
      ValidateAnswers(definition, submission.answers,
                      complete ? AnswerCheck::kComplete : AnswerCheck::kPartial, checked.hidden));
  checked.language = ResolveLanguage(submission.language, submission.accept_language,
                                     definition.languages, definition.default_language);
  const std::string session_hash =
      submission.session_token.empty() ? "" : auth::HashSecret(submission.session_token);
  if (submission.invitation_token.empty() && session_hash.empty()) return checked;
  VOXLOOP_TRY(database_.Read<bool>([&](store::Connection& db) -> core::Result<bool> {
    if (!submission.invitation_token.empty()) {
      VOXLOOP_ASSIGN_OR_RETURN(checked.invitation, store::InvitationRepo(db).FindByTokenHash(
                                                       auth::HashSecret(submission.invitation_token)));
      if (!checked.invitation || checked.invitation->survey_id != checked.survey.row.id) {
        return InvalidInvitation();
      }
      VOXLOOP_ASSIGN_OR_RETURN(auto earlier, store::SurveyResponseRepo(db).FindByInvitation(
                                                 checked.invitation->id));
      if (earlier && earlier->status == kCompleted &&
          definition.settings.one_response_per_invitation) {
        return core::Error::Conflict("This survey was already answered with this link");
      }
      // A one-click answer from the e-mail started a partial response for this link: a
      // submission without a session of its own completes that one.
      if (earlier && earlier->status == kPartial && session_hash.empty()) {
        checked.session = std::move(earlier);
      }
    }
    if (!session_hash.empty()) {
      VOXLOOP_ASSIGN_OR_RETURN(checked.session,
                               store::SurveyResponseRepo(db).FindBySession(session_hash));
      if (checked.session && (checked.session->survey_id != checked.survey.row.id ||
                              checked.session->status == kCompleted)) {
        return core::Error::Conflict("This response was already submitted");
      }
    }
    return true;
  }));
  return checked;
}

core::Result<std::shared_ptr<PreparedResponse>> SurveyResponses::PrepareSubmit(
    const ResponseSubmission& submission) {
  VOXLOOP_ASSIGN_OR_RETURN(Checked checked, Check(submission, /*complete=*/true));
  auto definition = checked.survey.definition;
  const bool anonymous = definition->settings.anonymous;
  const core::TimeMs now = core::NowMs();

  auto prepared = std::make_shared<PreparedResponse>();
  SubmittedResponse& result = prepared->result;
  store::SurveyResponseRow response = checked.session.value_or(store::SurveyResponseRow{});
  const bool continuing = checked.session.has_value();
  if (!continuing) {
    response.id = core::NewId();
    response.workspace_id = checked.survey.row.workspace_id;
    response.survey_id = checked.survey.row.id;
    response.channel = submission.channel;
    response.started_at = now;
    if (!submission.session_token.empty()) {
      response.session_hash = auth::HashSecret(submission.session_token);
    }
  }
  response.version = checked.survey.row.version;
  response.status = std::string(kCompleted);
  response.language = checked.language;
  response.answers_json = boost::json::serialize(checked.answers);
  response.hidden_json = boost::json::serialize(checked.hidden);
  response.answers_hash = AnswersHash(checked.answers, checked.hidden);
  response.client_hash = submission.client_address.empty()
                             ? ""
                             : vault_.BlindIndex("survey_client", submission.client_address);
  response.updated_at = now;
  response.completed_at = now;
  if (checked.invitation) {
    response.invitation_id = checked.invitation->id;
    if (!anonymous) response.customer_id = checked.invitation->customer_id;
  }
  const ThankYouScreen* screen = SelectThankYou(*definition, {checked.answers, checked.hidden});
  result.thank_you_id = screen != nullptr ? screen->id : std::string();

  // Free texts become feedback items, analysed here (off the writer thread).
  ingest::IntakeRequest intake_request;
  intake_request.workspace_id = response.workspace_id;
  const auto scores = ScoreAnswers(*definition, checked.answers);
  for (const FreeTextAnswer& text : FreeTextAnswers(*definition, checked.answers)) {
    ingest::FeedbackInput input;
    input.channel = core::Channel::kSurvey;
    input.text = text.text;
    if (!scores.empty()) input.rating = scores.front().value;
    input.received_at = now;
    input.survey_id = response.survey_id;
    input.response_id = response.id;
    input.metadata_json = MetadataJson(text.question_id, response);
    intake_request.inputs.push_back(std::move(input));
  }
  auto items = intake_.Prepare(std::move(intake_request));
  std::optional<store::CustomerInput> customer =
      anonymous || response.customer_id ? std::nullopt : submission.customer;
  const bool guard_duplicates = !response.client_hash.empty() && response.channel != "kiosk";
  store::WriteJob store_items = intake_.StoreJob(items, 201);

  // The job may run more than once (group retries): it starts from the same inputs each time
  // and overwrites what it reports.
  prepared->job = [this, prepared_ptr = prepared.get(), response, continuing, definition, items, scores,
                   customer = std::move(customer), guard_duplicates,
                   store_items = std::move(store_items), now](store::WriteContext& context) -> core::Status {
    SubmittedResponse& out = prepared_ptr->result;
    out.response = response;
    out.duplicate = false;
    out.feedback_ids.clear();
    store::SurveyRepo surveys(context.db);
    store::SurveyResponseRepo responses(context.db);
    if (guard_duplicates) {
      VOXLOOP_ASSIGN_OR_RETURN(auto earlier,
                               responses.FindDuplicate(response.survey_id, response.answers_hash,
                                                       response.client_hash, now - kDuplicateWindowMs));
      if (earlier) {
        VOXLOOP_ASSIGN_OR_RETURN(auto row, responses.Get(response.workspace_id, *earlier));
        if (row) {
          out.response = *row;
          out.duplicate = true;
          return core::Ok();
        }
      }
    }
    // The status and the limit again, inside the transaction: the counter is exact here.
    VOXLOOP_ASSIGN_OR_RETURN(auto row, surveys.Get(response.workspace_id, response.survey_id));
    if (!row) return core::Error::NotFound("No such survey");
    VOXLOOP_TRY(CheckAcceptsResponses(ParseSurveyStatus(row->status).value_or(SurveyStatus::kClosed),
                                      definition->settings, now, row->response_count));
    if (customer) {
      VOXLOOP_ASSIGN_OR_RETURN(auto stored, store::CustomerRepo(context.db, vault_)
                                                .Upsert(response.workspace_id, *customer, now));
      out.response.customer_id = stored.id;
    }
    for (core::FeedbackItem& item : items->items) item.customer_id = out.response.customer_id;
    if (continuing) {
      VOXLOOP_TRY(responses.Update(out.response));
    } else {
      VOXLOOP_TRY(responses.Insert(out.response));
    }
    VOXLOOP_TRY(surveys.CountResponse(response.survey_id));
    if (response.invitation_id) {
      VOXLOOP_TRY(store::InvitationRepo(context.db)
                      .MarkResponded(*response.invitation_id, response.id, now));
    }
    VOXLOOP_TRY(store_items(context));
    for (const core::FeedbackItem& item : items->result.items) out.feedback_ids.push_back(item.id);
    if (!commit_hooks_.empty()) {
      const CompletedResponse completed{out.response, scores, items->result.items};
      for (ResponseCommitHook* hook : commit_hooks_) VOXLOOP_TRY(hook->OnResponseStoring(context, completed));
    }
    if (!observers_.empty()) {
      context.AfterCommit([this, completed = CompletedResponse{out.response, scores, {}}] {
        for (ResponseObserver* observer : observers_) observer->OnResponseCompleted(completed);
      });
    }
    return core::Ok();
  };
  return prepared;
}

core::Result<SubmittedResponse> SurveyResponses::Submit(const ResponseSubmission& submission) {
  VOXLOOP_ASSIGN_OR_RETURN(auto prepared, PrepareSubmit(submission));
  VOXLOOP_TRY(database_.writer().Run(prepared->job));
  return prepared->result;
}

core::Result<store::SurveyResponseRow> SurveyResponses::SavePartial(
    const ResponseSubmission& submission) {
  if (submission.session_token.empty()) {
    return core::Error::Field("session", "required", "A partial response needs its session");
  }
  VOXLOOP_ASSIGN_OR_RETURN(Checked checked, Check(submission, /*complete=*/false));
  const core::TimeMs now = core::NowMs();
  store::SurveyResponseRow response = checked.session.value_or(store::SurveyResponseRow{});
  const bool exists = checked.session.has_value();
  if (!exists) {
    response.id = core::NewId();
    response.workspace_id = checked.survey.row.workspace_id;
    response.survey_id = checked.survey.row.id;
    response.channel = submission.channel;
    response.started_at = now;
    response.session_hash = auth::HashSecret(submission.session_token);
    if (checked.invitation) {
      response.invitation_id = checked.invitation->id;
      if (!checked.survey.definition->settings.anonymous) {
        response.customer_id = checked.invitation->customer_id;
      }
    }
  }
  response.version = checked.survey.row.version;
  response.status = std::string(kPartial);
  response.language = checked.language;
  response.answers_json = boost::json::serialize(checked.answers);
  response.hidden_json = boost::json::serialize(checked.hidden);
  response.updated_at = now;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::SurveyResponseRepo responses(context.db);
    if (exists) return responses.Update(response);
    return responses.Insert(response);
  }));
  return response;
}

core::Status SurveyResponses::NoteInvitationOpened(core::Id survey_id,
                                                   const std::string& invitation_token) {
  if (invitation_token.empty()) return InvalidInvitation();
  const std::string token_hash = auth::HashSecret(invitation_token);
  return database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::InvitationRepo invitations(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto invitation, invitations.FindByTokenHash(token_hash));
    if (!invitation || invitation->survey_id != survey_id) return InvalidInvitation();
    if (invitation->opened_at) return core::Ok();
    return invitations.MarkOpened(invitation->id, core::NowMs());
  });
}

core::Result<bool> SurveyResponses::InvitationAnswered(core::Id survey_id,
                                                       const std::string& invitation_token) {
  if (invitation_token.empty()) return InvalidInvitation();
  VOXLOOP_ASSIGN_OR_RETURN(Survey survey, surveys_.GetPublic(survey_id));
  const bool one_response = survey.definition->settings.one_response_per_invitation;
  return database_.Read<bool>([&](store::Connection& db) -> core::Result<bool> {
    VOXLOOP_ASSIGN_OR_RETURN(auto invitation, store::InvitationRepo(db).FindByTokenHash(
                                                  auth::HashSecret(invitation_token)));
    if (!invitation || invitation->survey_id != survey_id) return InvalidInvitation();
    if (!invitation->response_id || !one_response) return false;
    VOXLOOP_ASSIGN_OR_RETURN(auto earlier,
                             store::SurveyResponseRepo(db).FindByInvitation(invitation->id));
    return earlier.has_value() && earlier->status == kCompleted;
  });
}

core::Result<std::optional<store::SurveyResponseRow>> SurveyResponses::FindSession(
    const std::string& session_token) {
  if (session_token.empty()) return std::optional<store::SurveyResponseRow>();
  return database_.Read<std::optional<store::SurveyResponseRow>>([&](store::Connection& db) {
    return store::SurveyResponseRepo(db).FindBySession(auth::HashSecret(session_token));
  });
}

core::Result<store::SurveyResponsePage> SurveyResponses::List(core::Id workspace_id,
                                                              core::Id survey_id,
                                                              const ResponseFilter& filter) {
  return database_.Read<store::SurveyResponsePage>(
      [&](store::Connection& db) -> core::Result<store::SurveyResponsePage> {
        VOXLOOP_ASSIGN_OR_RETURN(auto survey, store::SurveyRepo(db).Get(workspace_id, survey_id));
        if (!survey) return core::Error::NotFound("No such survey");
        return store::SurveyResponseRepo(db).List(survey_id, filter.status, filter.after_id,
                                                  filter.limit);
      });
}

core::Result<store::SurveyResponseRow> SurveyResponses::Get(core::Id workspace_id,
                                                            core::Id response_id) {
  return database_.Read<store::SurveyResponseRow>(
      [&](store::Connection& db) -> core::Result<store::SurveyResponseRow> {
        VOXLOOP_ASSIGN_OR_RETURN(auto row, store::SurveyResponseRepo(db).Get(workspace_id, response_id));
        if (!row) return core::Error::NotFound("No such response");
        return std::move(*row);
      });
}

core::Result<std::vector<ExportResponse>> SurveyResponses::ExportPage(core::Id workspace_id,
                                                                      core::Id survey_id,
                                                                      core::Id after_id, int limit,
                                                                      bool include_contact) {
  return database_.Read<std::vector<ExportResponse>>(
      [&](store::Connection& db) -> core::Result<std::vector<ExportResponse>> {
        VOXLOOP_ASSIGN_OR_RETURN(auto rows,
                                 store::SurveyResponseRepo(db).CompletedAfter(survey_id, after_id, limit));
        store::CustomerRepo customers(db, vault_);
        std::vector<ExportResponse> page;
        page.reserve(rows.size());
        for (const auto& row : rows) {
          if (row.workspace_id != workspace_id) continue;
          ExportResponse out;
          out.id = core::IdToString(row.id);
          out.submitted_at = row.completed_at.value_or(row.updated_at);
          out.completed = true;
          out.language = row.language;
          out.version = row.version;
          if (row.customer_id) {
            VOXLOOP_ASSIGN_OR_RETURN(auto customer, customers.Get(workspace_id, *row.customer_id));
            if (customer && !customer->external_id.empty()) out.customer = customer->external_id;
            else if (customer && include_contact) out.customer = customer->email;
          }
          out.answers = boost::json::parse(row.answers_json).as_object();
          out.hidden = boost::json::parse(row.hidden_json).as_object();
          page.push_back(std::move(out));
        }
        return page;
      });
}

}  // namespace voxloop::collect
