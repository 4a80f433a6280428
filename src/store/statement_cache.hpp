// StatementCache<Handle>: prepared statements of one connection, keyed by SQL text, found
// without allocating (heterogeneous lookup). Not thread-safe, like its connection.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace voxloop::store {

struct SqlTextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};

template <typename Handle>
using StatementCache = std::unordered_map<std::string, Handle, SqlTextHash, std::equal_to<>>;

}  // namespace voxloop::store
