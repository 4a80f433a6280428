// Dictionary: dictionary encoding of a column's strings (channel, language, topic, customer
// attribute values…). Codes are dense from 0 in order of first appearance and never change.
// Thread-compatible: the owning index guards it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace voxloop::metrics {

class Dictionary {
 public:
  // The code of `value`, adding it when new.
  std::uint32_t Code(std::string_view value) {
    auto found = codes_.find(std::string(value));
    if (found != codes_.end()) return found->second;
    const auto code = static_cast<std::uint32_t>(values_.size());
    values_.emplace_back(value);
    codes_.emplace(values_.back(), code);
    return code;
  }
  std::optional<std::uint32_t> Find(std::string_view value) const {
    auto found = codes_.find(std::string(value));
    if (found == codes_.end()) return std::nullopt;
    return found->second;
  }
  const std::string& Value(std::uint32_t code) const { return values_[code]; }
  std::size_t size() const { return values_.size(); }
  const std::vector<std::string>& values() const { return values_; }
  std::size_t MemoryBytes() const;

 private:
  std::vector<std::string> values_;
  std::unordered_map<std::string, std::uint32_t> codes_;
};

inline std::size_t Dictionary::MemoryBytes() const {
  std::size_t bytes = values_.capacity() * sizeof(std::string) + codes_.bucket_count() * sizeof(void*);
  for (const std::string& value : values_) bytes += 2 * (value.capacity() + 1) + 48;
  return bytes;
}

}  // namespace voxloop::metrics
