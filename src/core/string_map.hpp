// Hash maps keyed by std::string that are searched with a std::string_view, without building
// a std::string for each lookup (analysis looks words up many times per item; a connection
// finds its prepared statements by SQL text).
//
//   StringMap<int> counts;  counts.find(std::string_view("giao"));
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace voxloop::core {

struct StringKeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringKeyHash, std::equal_to<>>;

}  // namespace voxloop::core
