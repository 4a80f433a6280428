// ResponseObserver: told about completed survey responses once they are durable — the
// metrics index (scores), and later rules and webhooks (response.completed). Called on the
// writer thread right after the commit: implementations must be quick and must not block.
#pragma once

#include <vector>

#include "collect/answers.hpp"
#include "store/survey_repo.hpp"

namespace voxloop::collect {

struct CompletedResponse {
  store::SurveyResponseRow response;
  std::vector<ScoreAnswer> scores;  // in question order
};

class ResponseObserver {
 public:
  virtual ~ResponseObserver() = default;
  virtual void OnResponseCompleted(const CompletedResponse& completed) = 0;
};

}  // namespace voxloop::collect
