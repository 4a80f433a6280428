#include "collect/json_fields.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include "core/text.hpp"

namespace voxloop::collect {

std::string JoinPath(std::string_view base, std::string_view key) {
  if (base.empty()) return std::string(key);
  if (key.empty()) return std::string(base);
  std::string path(base);
  path += '.';
  path += key;
  return path;
}

std::string IndexPath(std::string_view base, std::size_t index) {
  return std::string(base) + "[" + std::to_string(index) + "]";
}

std::string_view JsonKindName(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: return "object";
    case boost::json::kind::array: return "array";
    case boost::json::kind::string: return "string";
    case boost::json::kind::bool_: return "boolean";
    case boost::json::kind::null: return "null";
    default: return "number";
  }
}

std::optional<std::int64_t> JsonInteger(const boost::json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) {
    if (value.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(value.get_uint64());
  }
  if (value.is_double()) {
    const double number = value.get_double();
    // 2^53: beyond it doubles are not exact integers any more.
    if (!std::isfinite(number) || std::trunc(number) != number || std::fabs(number) > 9.0e15) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(number);
  }
  return std::nullopt;
}

void AddFieldError(std::vector<core::FieldError>& errors, std::string field, std::string code,
                   std::string message) {
  if (errors.size() >= kMaxFieldErrors) return;
  errors.push_back({std::move(field), std::move(code), std::move(message)});
}

JsonFields::JsonFields(const boost::json::object& object, std::string path,
                       std::vector<core::FieldError>& errors)
    : object_(object), path_(std::move(path)), errors_(errors) {}

void JsonFields::Fail(std::string_view key, std::string code, std::string message) {
  AddFieldError(errors_, Path(key), std::move(code), std::move(message));
}

const boost::json::value* JsonFields::Get(std::string_view key, bool required) {
  const auto* value = object_.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) Fail(key, "required", "This field is required");
    return nullptr;
  }
  return value;
}

std::optional<std::string> JsonFields::String(std::string_view key, bool required,
                                              std::size_t max_chars) {
  const auto* value = Get(key, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Fail(key, "type", "Expected a string, got " + std::string(JsonKindName(*value)));
    return std::nullopt;
  }
  const std::string_view text = value->get_string();
  if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    Fail(key, "required", "This field must not be empty");
    return std::nullopt;
  }
  if (core::Utf8Length(text) > max_chars) {
    Fail(key, "too_long", "At most " + std::to_string(max_chars) + " characters");
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<bool> JsonFields::Bool(std::string_view key) {
  const auto* value = Get(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    Fail(key, "type", "Expected true or false, got " + std::string(JsonKindName(*value)));
    return std::nullopt;
  }
  return value->get_bool();
}

std::optional<std::int64_t> JsonFields::Integer(std::string_view key, std::int64_t min,
                                                std::int64_t max) {
  const auto* value = Get(key);
  if (value == nullptr) return std::nullopt;
  const auto number = JsonInteger(*value);
  if (!number) {
    Fail(key, "type", "Expected an integer, got " + std::string(JsonKindName(*value)));
    return std::nullopt;
  }
  if (*number < min || *number > max) {
    Fail(key, "out_of_range",
         "Must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

const boost::json::object* JsonFields::Object(std::string_view key, bool required) {
  const auto* value = Get(key, required);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    Fail(key, "type", "Expected an object, got " + std::string(JsonKindName(*value)));
    return nullptr;
  }
  return &value->get_object();
}

const boost::json::array* JsonFields::Array(std::string_view key, bool required,
                                            std::size_t max_items) {
  const auto* value = Get(key, required);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    Fail(key, "type", "Expected an array, got " + std::string(JsonKindName(*value)));
    return nullptr;
  }
  if (value->get_array().size() > max_items) {
    Fail(key, "too_many", "At most " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return &value->get_array();
}

void JsonFields::RejectUnknown(std::span<const std::string_view> allowed) {
  for (const auto& member : object_) {
    bool known = false;
    for (std::string_view name : allowed) known = known || member.key() == name;
    if (!known) Fail(member.key(), "unknown", "Unknown field");
  }
}

}  // namespace voxloop::collect
