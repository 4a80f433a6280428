// StatementCache<Handle>: prepared statements of one connection, keyed by SQL text, found
// without allocating (heterogeneous lookup). Not thread-safe, like its connection.
#pragma once

#include "core/string_map.hpp"

namespace voxloop::store {

template <typename Handle>
using StatementCache = core::StringMap<Handle>;

}  // namespace voxloop::store
