// MetricsService: one in-memory metrics index (metrics::ResponseIndex) per workspace, built
// from the database at start and kept current from the commit path, and the queries over it
// that the query API answers.
//
// Freshness: observers enqueue every committed change (feedback created, updated, erased;
// survey responses completed; customers changed or erased) and each query first folds the
// queue in, so an answer includes every write acknowledged before the query began. The
// workspace's time zone is read per query (a changed zone regroups at once).
//
// Observer callbacks run on the writer thread and only enqueue. Queries block (a database
// read for the time zone and any new customers' attributes, then the scan): call them off
// the I/O threads. Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "collect/response_observer.hpp"
#include "collect/surveys.hpp"
#include "ingest/feedback_observer.hpp"
#include "metrics/query.hpp"
#include "metrics/response_index.hpp"
#include "store/database.hpp"

namespace voxloop::insights {

struct IndexStats {
  std::size_t rows = 0;
  std::size_t bytes = 0;
  double build_ms = 0.0;
};

class MetricsService final : public ingest::FeedbackObserver, public collect::ResponseObserver {
 public:
  MetricsService(store::Database& database, collect::Surveys& surveys)
      : database_(database), surveys_(surveys) {}

  // Builds every workspace's index from the database (logs one line per workspace with its
  // size and build time). Call once, before any write the observers should see.
  core::Status LoadAll();
  // Builds (or rebuilds) one workspace's index.
  core::Result<IndexStats> LoadWorkspace(core::Id workspace_id);

  // The query API's answer ({"rows": […], "range", "time_zone"}).
  core::Result<boost::json::object> Query(core::Id workspace_id, const metrics::Query& query,
                                          core::TimeMs now);
  core::Result<metrics::DrillDownPage> DrillDown(
      core::Id workspace_id, const metrics::Query& query, const boost::json::object& group,
      core::TimeMs now, std::size_t limit,
      std::optional<std::pair<core::TimeMs, core::Id>> before);
  // The values each dimension takes; surveys as [{id, name}].
  core::Result<boost::json::object> Dimensions(core::Id workspace_id);

  // ingest::FeedbackObserver
  void OnFeedbackCreated(const std::vector<core::FeedbackItem>& items) override;
  void OnFeedbackUpdated(const core::FeedbackItem& item) override;
  void OnFeedbackErased(core::Id workspace_id, const std::vector<core::Id>& ids) override;
  void OnCustomerChanged(const core::Customer& customer) override;
  void OnCustomerErased(core::Id workspace_id, core::Id customer_id) override;
  // collect::ResponseObserver
  void OnResponseCompleted(const collect::CompletedResponse& completed) override;

 private:
  std::shared_ptr<metrics::ResponseIndex> Index(core::Id workspace_id);
  // Folds the index's queue in, with the attributes of customers it refers to.
  core::Result<std::shared_ptr<metrics::ResponseIndex>> Fresh(core::Id workspace_id);

  store::Database& database_;
  collect::Surveys& surveys_;
  std::shared_mutex mutex_;
  // Guarded by mutex_:
  std::unordered_map<core::Id, std::shared_ptr<metrics::ResponseIndex>> indexes_;
};

}  // namespace voxloop::insights
