#include "http/middleware/request_id.hpp"

#include <atomic>
#include <cstdio>
#include <random>

namespace voxloop::http {
namespace {

bool IsSafeId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    if (!safe) return false;
  }
  return true;
}

std::string FreshId() {
  static const unsigned prefix = std::random_device{}();
  static std::atomic<unsigned long long> counter{0};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%08x-%llx", prefix, counter.fetch_add(1) + 1);
  return buffer;
}

}  // namespace

void AssignRequestId(RequestContext& context) {
  const std::string_view given = context.Header("X-Request-Id");
  context.request_id = IsSafeId(given) ? std::string(given) : FreshId();
}

}  // namespace voxloop::http
