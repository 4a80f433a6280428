// JsonFields: reads typed members out of one JSON object and records a FieldError (with a
// path like "questions[2].options[0].label.vi") for every problem instead of stopping at the
// first, so an editor learns all its mistakes at once. Used by the survey definition and
// answer readers of this subsystem. Borrows the object and the error list; not thread-safe.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace voxloop::collect {

// Past this many errors further ones are dropped: a huge bad input gets a bounded answer.
inline constexpr std::size_t kMaxFieldErrors = 100;

std::string JoinPath(std::string_view base, std::string_view key);  // "a" + "b" -> "a.b"
std::string IndexPath(std::string_view base, std::size_t index);   // "a" + 3 -> "a[3]"

// "object", "array", "string", "number", "boolean" or "null".
std::string_view JsonKindName(const boost::json::value& value);

// The value as an integer when it is one exactly (int64, uint64 or a whole double in range).
std::optional<std::int64_t> JsonInteger(const boost::json::value& value);

// Appends an error unless the list is already at kMaxFieldErrors.
void AddFieldError(std::vector<core::FieldError>& errors, std::string field, std::string code,
                   std::string message);

class JsonFields {
 public:
  JsonFields(const boost::json::object& object, std::string path,
             std::vector<core::FieldError>& errors);

  // The member, or nullptr when absent or null (and, when `required`, a "required" error).
  const boost::json::value* Get(std::string_view key, bool required = false);
  // A string of at most `max_chars` code points; when `required`, also non-blank.
  std::optional<std::string> String(std::string_view key, bool required, std::size_t max_chars);
  std::optional<bool> Bool(std::string_view key);
  // An integer in [min, max].
  std::optional<std::int64_t> Integer(std::string_view key, std::int64_t min, std::int64_t max);
  const boost::json::object* Object(std::string_view key, bool required = false);
  const boost::json::array* Array(std::string_view key, bool required, std::size_t max_items);
  // Reports every member whose key is not in `allowed` ("unknown").
  void RejectUnknown(std::span<const std::string_view> allowed);
  void RejectUnknown(std::initializer_list<std::string_view> allowed) {
    RejectUnknown(std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }

  std::string Path(std::string_view key) const { return JoinPath(path_, key); }
  void Fail(std::string_view key, std::string code, std::string message);
  std::vector<core::FieldError>& errors() { return errors_; }

 private:
  const boost::json::object& object_;
  std::string path_;
  std::vector<core::FieldError>& errors_;
};

}  // namespace voxloop::collect
