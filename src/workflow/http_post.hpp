// One HTTP POST of a JSON body over libcurl, for webhook deliveries and chat notifications.
// No redirects are followed (a subscription names its endpoint), nothing is read beyond the
// status line and a little of the body. Thread-safe (one easy handle per call).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace voxloop::workflow {

struct PostResult {
  long status = 0;    // 0: no HTTP answer (see error)
  std::string error;  // transport error, "" when an answer came
  int duration_ms = 0;
  bool ok() const { return status >= 200 && status < 300; }
};

PostResult PostJson(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                    const std::string& body, std::chrono::milliseconds timeout);

}  // namespace voxloop::workflow
