// Watch: the workflow's periodic job ("workflow.watch", every --watch-interval-seconds). Each
// run marks the cases that just missed a due time — once per due time (one moved later, by a
// new priority or a reopening, can be missed again): a case event
// "sla_breached", a case.sla_breached webhook event, and the sla_breach rules (escalation) —
// and judges every workspace's metric rules against the metrics index.
// Thread-safety: RunOnce may be called from any thread (the job runner's workers).
#pragma once

#include <chrono>

#include "jobs/job_runner.hpp"
#include "store/database.hpp"
#include "workflow/cases.hpp"
#include "workflow/rules.hpp"

namespace voxloop::workflow {

struct WatchReport {
  int breaches = 0;       // due times newly missed
  int metric_alerts = 0;  // metric rules that started to hold
};

class Watch {
 public:
  Watch(store::Database& database, Rules& rules, Cases& cases, jobs::JobRunner& runner)
      : database_(database), rules_(rules), cases_(cases), runner_(runner) {}

  void RegisterJobs(std::chrono::milliseconds interval);
  core::Result<WatchReport> RunOnce(core::TimeMs now);

 private:
  store::Database& database_;
  Rules& rules_;
  Cases& cases_;
  jobs::JobRunner& runner_;
};

}  // namespace voxloop::workflow
