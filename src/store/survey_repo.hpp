// SurveyRepo and SurveyResponseRepo: the surveys, survey_versions and survey_responses tables.
// The survey row holds status, the current version and counters; each version's definition
// is stored as JSON text (collect/ parses it). Repositories hold no rules: collect::Surveys and
// collect::SurveyResponses decide what may change. Borrow a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct SurveyRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  std::string name;
  std::string status;  // draft | active | paused | closed
  int version = 1;     // the current version
  std::int64_t revision = 1;  // +1 on every change of the row; guards concurrent edits
  std::int64_t response_count = 0;  // completed responses, every version
  std::string template_id;
  core::TimeMs created_at = 0;
  core::TimeMs updated_at = 0;
  std::optional<core::TimeMs> published_at;
  std::optional<core::TimeMs> closed_at;
};

struct SurveyVersionRow {
  core::Id survey_id = 0;
  int version = 1;
  std::string definition_json;
  core::TimeMs created_at = 0;
};

struct SurveyPage {
  std::vector<SurveyRow> surveys;
  std::optional<core::Id> next_after_id;
};

class SurveyRepo {
 public:
  explicit SurveyRepo(Connection& db) : db_(db) {}

  Status Insert(const SurveyRow& survey);
  // Any workspace's survey (public pages know only the survey id).
  Result<std::optional<SurveyRow>> Find(core::Id survey_id);
  Result<std::optional<SurveyRow>> Get(core::Id workspace_id, core::Id survey_id);
  // Newest first; `status` filters when not empty.
  Result<SurveyPage> List(core::Id workspace_id, const std::string& status,
                          std::optional<core::Id> after_id, int limit);
  // Writes name, status, version, updated_at, published_at, closed_at and revision =
  // expected_revision + 1 when the stored revision is still `expected_revision`.
  // kConflict when it moved on, kNotFound when the survey is gone.
  Status Update(const SurveyRow& survey, std::int64_t expected_revision);
  // response_count + 1, for a completed response.
  Status CountResponse(core::Id survey_id);

  Status InsertVersion(const SurveyVersionRow& version);
  // Writes the definition of an existing version (drafts are edited in place).
  Status ReplaceVersion(const SurveyVersionRow& version);
  Result<std::optional<SurveyVersionRow>> GetVersion(core::Id survey_id, int version);
  // Every version, newest first.
  Result<std::vector<SurveyVersionRow>> ListVersions(core::Id survey_id);

 private:
  Connection& db_;
};

struct SurveyResponseRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id survey_id = 0;
  int version = 1;
  std::string status;    // partial | completed
  std::string channel;   // link, widget, email, kiosk, qr, api
  std::string language;
  std::optional<std::string> session_hash;
  std::optional<core::Id> invitation_id;
  std::optional<core::Id> customer_id;
  std::string answers_json = "{}";
  std::string hidden_json = "{}";
  std::string client_hash;
  std::string answers_hash;
  core::TimeMs started_at = 0;
  core::TimeMs updated_at = 0;
  std::optional<core::TimeMs> completed_at;
};

struct SurveyResponsePage {
  std::vector<SurveyResponseRow> responses;
  std::optional<core::Id> next_after_id;
};

class SurveyResponseRepo {
 public:
  explicit SurveyResponseRepo(Connection& db) : db_(db) {}

  // kConflict when the session or invitation already has a response.
  Status Insert(const SurveyResponseRow& response);
  // Writes version, status, language, answers, hidden, customer, hashes, updated_at,
  // completed_at. kNotFound when it is gone.
  Status Update(const SurveyResponseRow& response);
  Result<std::optional<SurveyResponseRow>> Get(core::Id workspace_id, core::Id response_id);
  Result<std::optional<SurveyResponseRow>> FindBySession(const std::string& session_hash);
  Result<std::optional<SurveyResponseRow>> FindByInvitation(core::Id invitation_id);
  // The newest completed response of the survey with the same answers and client since
  // `since`, if any (the duplicate-submission guard).
  Result<std::optional<core::Id>> FindDuplicate(core::Id survey_id, const std::string& answers_hash,
                            const std::string& client_hash, core::TimeMs since);
  // Newest first; `status` filters when not empty.
  Result<SurveyResponsePage> List(core::Id survey_id, const std::string& status,
                                  std::optional<core::Id> after_id, int limit);
  // Completed responses in id order, `limit` at a time after `after_id` (exports).
  Result<std::vector<SurveyResponseRow>> CompletedAfter(core::Id survey_id, core::Id after_id,
                                                        int limit);
  // Erasure: removes the customer's responses and unlinks their invitations.
  Status DeleteForCustomer(core::Id workspace_id, core::Id customer_id);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
