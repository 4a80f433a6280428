// Encoding of the list-valued columns (topics, tags, key phrases) as JSON array text, the
// one portable representation for both databases. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace voxloop::store {

std::string EncodeStringList(const std::vector<std::string>& values);
// Malformed text or non-string elements decode to what could be read (never throws).
std::vector<std::string> DecodeStringList(std::string_view json);

}  // namespace voxloop::store
