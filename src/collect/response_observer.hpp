// ResponseObserver: told about completed survey responses once they are durable — the
// metrics index (scores), and later rules and webhooks (response.completed). Called on the
// writer thread right after the commit: implementations must be quick and must not block.
#pragma once

#include <vector>

#include "collect/answers.hpp"
#include "core/feedback.hpp"
#include "core/result.hpp"
#include "store/writer.hpp"
#include "store/survey_repo.hpp"

namespace voxloop::collect {

struct CompletedResponse {
  store::SurveyResponseRow response;
  std::vector<ScoreAnswer> scores;  // in question order
  // Its free-text answers as stored (analysed) items; for commit hooks only (observers hear
  // of the items through ingest::FeedbackObserver).
  std::vector<core::FeedbackItem> feedback;
};

class ResponseObserver {
 public:
  virtual ~ResponseObserver() = default;
  virtual void OnResponseCompleted(const CompletedResponse& completed) = 0;
};

// ResponseCommitHook: runs inside the write transaction that completes a survey response
// (after its free texts were stored as feedback), so that what it records commits with the
// response or not at all. Writer thread; writes only through `context`; an error fails the
// submission.
class ResponseCommitHook {
 public:
  virtual ~ResponseCommitHook() = default;
  virtual core::Status OnResponseStoring(store::WriteContext& context, const CompletedResponse& completed) = 0;
};

}  // namespace voxloop::collect
