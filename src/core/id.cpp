#include "core/id.hpp"

#include <atomic>
#include <charconv>
#include <chrono>
#include <random>

namespace voxloop::core {
namespace {

constexpr std::int64_t kEpochMs = 1704067200000;  // 2024-01-01T00:00:00Z
constexpr int kSequenceBits = 14;
constexpr int kNodeBits = 8;
constexpr int kLowBits = kSequenceBits + kNodeBits;

std::int64_t NodeBits() {
  static const std::int64_t node = [] {
    std::random_device device;
    return static_cast<std::int64_t>(device() & ((1u << kNodeBits) - 1));
  }();
  return node;
}

std::int64_t SteadyWallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Id NewId() {
  // The high bits are (time << sequence bits) | sequence; node bits sit below. `last` holds
  // the last (time, sequence) pair handed out; the next one is max(now, last + 1) so ids stay
  // strictly increasing even when the clock steps back or 16384 ids are taken in one ms.
  static std::atomic<std::int64_t> last{0};
  const std::int64_t now = (SteadyWallMs() - kEpochMs) << kSequenceBits;
  std::int64_t previous = last.load(std::memory_order_relaxed);
  std::int64_t next;
  do {
    next = now > previous ? now : previous + 1;
  } while (!last.compare_exchange_weak(previous, next, std::memory_order_relaxed));
  const std::int64_t time_and_sequence = next;
  return (time_and_sequence << kNodeBits) | NodeBits();
}

std::int64_t IdTimeMs(Id id) { return (id >> kLowBits) + kEpochMs; }

std::string IdToString(Id id) { return std::to_string(id); }

std::optional<Id> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 19 || text.front() < '1' || text.front() > '9') {
    return std::nullopt;
  }
  Id value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace voxloop::core
