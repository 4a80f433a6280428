#include "http/json_reader.hpp"

#include <cmath>
#include <sstream>

#include "core/text.hpp"

namespace voxloop::http {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

const char* TypeName(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

}  // namespace

core::Result<boost::json::value> ParseJsonBody(std::string_view body) {
  if (!core::IsValidUtf8(body)) {
    return core::Error::InvalidArgument("The request body is not valid UTF-8")
        .WithType("invalid-utf8");
  }
  if (Trim(body).empty()) {
    return core::Error::InvalidArgument("The request body is empty; send a JSON document")
        .WithType("malformed-json");
  }
  boost::json::parse_options options;
  options.max_depth = 64;
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(body, error, {}, options);
  if (error) {
    return core::Error::InvalidArgument("The request body is not valid JSON: " + error.message())
        .WithType("malformed-json");
  }
  return value;
}

core::Result<boost::json::object> ParseJsonObjectBody(std::string_view body) {
  VOXLOOP_ASSIGN_OR_RETURN(boost::json::value value, ParseJsonBody(body));
  if (!value.is_object()) {
    return core::Error::Field("", "type", std::string("The body must be a JSON object, not ") +
                                              TypeName(value));
  }
  return std::move(value.as_object());
}

FieldReader::FieldReader(const boost::json::object& object, std::string path_prefix,
                         std::vector<core::FieldError>& errors)
    : object_(object), prefix_(std::move(path_prefix)), errors_(errors) {}

std::string FieldReader::PathOf(std::string_view key) const {
  if (prefix_.empty() || key.empty()) return prefix_.empty() ? std::string(key) : prefix_;
  if (key.front() == '[') return prefix_ + std::string(key);
  return prefix_ + "." + std::string(key);
}

void FieldReader::AddError(std::string_view key, std::string code, std::string message) {
  errors_.push_back({PathOf(key), std::move(code), std::move(message)});
}

const boost::json::value* FieldReader::Find(std::string_view key, Presence presence) {
  const auto* value = object_.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (presence == Presence::kRequired) AddError(key, "required", "This field is required");
    return nullptr;
  }
  return value;
}

std::optional<std::string> FieldReader::String(std::string_view key, Presence presence,
                                               std::size_t max_chars) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    AddError(key, "type", std::string("Expected a string, got ") + TypeName(*value));
    return std::nullopt;
  }
  const std::string_view text = value->as_string();
  if (presence == Presence::kRequired && Trim(text).empty()) {
    AddError(key, "required", "This field must not be empty");
    return std::nullopt;
  }
  if (core::Utf8Length(text) > max_chars) {
    AddError(key, "too_long", "At most " + std::to_string(max_chars) + " characters");
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<double> FieldReader::Number(std::string_view key, Presence presence, double min,
                                          double max) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    AddError(key, "type", std::string("Expected a number, got ") + TypeName(*value));
    return std::nullopt;
  }
  const double number = value->to_number<double>();
  if (!std::isfinite(number) || number < min || number > max) {
    std::ostringstream range;
    range << "Must be between " << min << " and " << max;
    AddError(key, "out_of_range", range.str());
    return std::nullopt;
  }
  return number;
}

std::optional<std::int64_t> FieldReader::Integer(std::string_view key, Presence presence,
                                                 std::int64_t min, std::int64_t max) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return std::nullopt;
  boost::system::error_code error;
  const auto number = value->is_number() ? value->to_number<std::int64_t>(error) : 0;
  if (!value->is_number() || error) {
    AddError(key, "type", std::string("Expected an integer, got ") + TypeName(*value));
    return std::nullopt;
  }
  if (number < min || number > max) {
    AddError(key, "out_of_range",
             "Must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> FieldReader::Bool(std::string_view key, Presence presence) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    AddError(key, "type", std::string("Expected a boolean, got ") + TypeName(*value));
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<core::Id> FieldReader::Id(std::string_view key, Presence presence) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return std::nullopt;
  std::optional<core::Id> id;
  if (value->is_string()) id = core::ParseId(value->as_string());
  if (!id) AddError(key, "invalid", "Expected an id (a string of digits)");
  return id;
}

std::optional<core::TimeMs> FieldReader::Time(std::string_view key, Presence presence) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return std::nullopt;
  std::optional<core::TimeMs> time;
  if (value->is_string()) time = core::ParseRfc3339(value->as_string());
  if (!time) AddError(key, "invalid", "Expected an RFC 3339 time such as 2026-11-24T09:30:00Z");
  return time;
}

const boost::json::object* FieldReader::Object(std::string_view key, Presence presence) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    AddError(key, "type", std::string("Expected an object, got ") + TypeName(*value));
    return nullptr;
  }
  return &value->as_object();
}

const boost::json::array* FieldReader::Array(std::string_view key, Presence presence,
                                             std::size_t max_items) {
  const auto* value = Find(key, presence);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    AddError(key, "type", std::string("Expected an array, got ") + TypeName(*value));
    return nullptr;
  }
  if (value->as_array().size() > max_items) {
    AddError(key, "too_many", "At most " + std::to_string(max_items) + " elements");
    return nullptr;
  }
  return &value->as_array();
}

std::optional<std::vector<std::string>> FieldReader::StringList(std::string_view key,
                                                                Presence presence,
                                                                std::size_t max_items,
                                                                std::size_t max_chars) {
  const auto* array = Array(key, presence, max_items);
  if (array == nullptr) return std::nullopt;
  std::vector<std::string> values;
  bool valid = true;
  for (std::size_t index = 0; index < array->size(); ++index) {
    const auto& element = (*array)[index];
    const std::string element_key = std::string(key) + "[" + std::to_string(index) + "]";
    if (!element.is_string() || Trim(element.as_string()).empty()) {
      AddError(element_key, "type", "Expected a non-empty string");
      valid = false;
    } else if (core::Utf8Length(element.as_string()) > max_chars) {
      AddError(element_key, "too_long", "At most " + std::to_string(max_chars) + " characters");
      valid = false;
    } else {
      values.emplace_back(element.as_string());
    }
  }
  if (!valid) return std::nullopt;
  return values;
}

void FieldReader::RejectUnknown(std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object_) {
    bool known = false;
    for (const auto allowed_key : allowed) known = known || key == allowed_key;
    if (!known) AddError(key, "unknown", "Unknown field");
  }
}

FieldReader FieldReader::Nested(const boost::json::object& object, std::string_view key) const {
  return FieldReader(object, PathOf(key), errors_);
}

}  // namespace voxloop::http
