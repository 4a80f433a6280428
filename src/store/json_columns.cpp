#include "store/json_columns.hpp"

#include <boost/json.hpp>

namespace voxloop::store {

std::string EncodeStringList(const std::vector<std::string>& values) {
  boost::json::array array;
  array.reserve(values.size());
  for (const auto& value : values) array.emplace_back(value);
  return boost::json::serialize(array);
}

std::vector<std::string> DecodeStringList(std::string_view json) {
  std::vector<std::string> values;
  if (json == "[]") return values;  // the common case, without a parse
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(json, error);
  if (error || !parsed.is_array()) return values;
  for (const auto& element : parsed.as_array()) {
    if (element.is_string()) values.emplace_back(element.as_string());
  }
  return values;
}

}  // namespace voxloop::store
