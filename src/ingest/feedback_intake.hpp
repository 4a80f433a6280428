// FeedbackIntake: how feedback from any channel becomes stored, analysed FeedbackItems.
//
// Intake is split in two so that the expensive part never runs on the single writer thread:
//   1. Prepare()  — any thread: gives ids and times, analyses every text.
//   2. StoreJob() — a write job for the group-commit writer: idempotency, customer upsert
//      (by external_id, then e-mail, then phone), de-duplication by external_id, inserts.
// A batch is all-or-nothing: the job fails as a whole and its savepoint rolls back.
// Observers hear about created items only after the commit. Thread-safe once built.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/feedback.hpp"
#include "ingest/feedback_observer.hpp"
#include "ingest/text_analyzer.hpp"
#include "store/customer_repo.hpp"
#include "store/pii_vault.hpp"
#include "store/writer.hpp"

namespace voxloop::ingest {

struct FeedbackInput {
  core::Channel channel = core::Channel::kApi;
  std::string text;
  std::optional<double> rating;
  std::optional<store::CustomerInput> customer;
  std::optional<core::Id> customer_id;  // an existing customer, instead of `customer`
  std::string external_id;
  std::optional<core::TimeMs> received_at;
  std::string metadata_json = "{}";
  std::vector<std::string> tags;
  std::optional<core::Id> survey_id;
  std::optional<core::Id> response_id;
};

struct IntakeRequest {
  core::Id workspace_id = 0;
  std::vector<FeedbackInput> inputs;
  std::string idempotency_key;  // "" when the client sent none
  std::string request_hash;     // of the body, to refuse a reused key with another body
};

struct IntakeResult {
  std::vector<core::FeedbackItem> items;  // one per input, in order
  std::vector<bool> created;              // false: an existing item with that external_id
  bool replayed = false;                  // answered from an earlier Idempotency-Key
  int replayed_status = 0;                // the status the first answer had
};

// Prepared items with their customer inputs, between Prepare() and the write job.
struct PreparedIntake {
  IntakeRequest request;
  std::vector<core::FeedbackItem> items;
  IntakeResult result;
};

class FeedbackIntake {
 public:
  FeedbackIntake(const store::PiiVault& vault, const TextAnalyzer& analyzer);

  void AddObserver(FeedbackObserver* observer) { observers_.push_back(observer); }
  void AddCommitHook(FeedbackCommitHook* hook) { commit_hooks_.push_back(hook); }

  // CPU work: ids, timestamps, analysis. Any thread.
  std::shared_ptr<PreparedIntake> Prepare(IntakeRequest request) const;
  // The write job; on success `prepared->result` holds the answer. `status_if_created` is
  // recorded with the Idempotency-Key for replays.
  store::WriteJob StoreJob(std::shared_ptr<PreparedIntake> prepared, int status_if_created) const;

  const TextAnalyzer& analyzer() const { return analyzer_; }

 private:
  core::Status Store(store::WriteContext& context, PreparedIntake& prepared,
                     int status_if_created) const;
  core::Status ReplayIdempotent(store::Connection& db, PreparedIntake& prepared, bool& replayed) const;

  const store::PiiVault& vault_;
  const TextAnalyzer& analyzer_;
  std::vector<FeedbackObserver*> observers_;  // fixed after start-up
  std::vector<FeedbackCommitHook*> commit_hooks_;  // fixed after start-up
};

}  // namespace voxloop::ingest
