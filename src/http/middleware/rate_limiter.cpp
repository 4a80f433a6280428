#include "http/middleware/rate_limiter.hpp"

#include <algorithm>

namespace voxloop::http {

bool RateLimiter::Allow(const std::string& key) {
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  if (now - last_sweep_ > std::chrono::minutes(1)) {
    // A bucket idle long enough to be full again carries no information.
    const auto full_after = std::chrono::duration<double>(burst_ / per_second_);
    std::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.updated > full_after; });
    last_sweep_ = now;
  }
  auto [found, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& bucket = found->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
    bucket.updated = now;
  }
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

}  // namespace voxloop::http
