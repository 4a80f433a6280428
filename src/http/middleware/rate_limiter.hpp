// RateLimiter: token buckets by key (an IP, an IP+e-mail, a survey id). Each key may spend
// `burst` requests at once and regains `per_second` a second. Old buckets are forgotten
// lazily. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace voxloop::http {

class RateLimiter {
 public:
  RateLimiter(double burst, double per_second) : burst_(burst), per_second_(per_second) {}

  // True when the request may proceed (and spends a token).
  bool Allow(const std::string& key);

 private:
  using Clock = std::chrono::steady_clock;
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  const double burst_;
  const double per_second_;
  // Guarded by mutex_:
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_ = Clock::now();
};

}  // namespace voxloop::http
