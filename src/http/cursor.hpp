// Opaque pagination cursors: the numbers that locate the last row of a page, as URL-safe
// base64 so clients treat them as tokens, never as data. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace voxloop::http {

std::string EncodeCursor(const std::vector<std::int64_t>& numbers);
// nullopt unless `cursor` decodes to exactly `count` numbers.
std::optional<std::vector<std::int64_t>> DecodeCursor(std::string_view cursor, std::size_t count);

}  // namespace voxloop::http
