// Reading request bodies: JSON parsing with precise problem types, and FieldReader, which
// pulls typed fields out of a JSON object and collects one FieldError per problem (so a
// client learns every mistake at once). Field paths read like "items[3].customer.email".
// Not thread-safe; one reader per request.
#pragma once

#include <boost/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/id.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace voxloop::http {

// Problems: "invalid-utf8" for bytes that are not UTF-8, "malformed-json" for anything
// else that does not parse (including an empty body), "validation" when the body is not an
// object (for the Object variant).
core::Result<boost::json::value> ParseJsonBody(std::string_view body);
core::Result<boost::json::object> ParseJsonObjectBody(std::string_view body);

enum class Presence { kOptional, kRequired };

class FieldReader {
 public:
  FieldReader(const boost::json::object& object, std::string path_prefix,
              std::vector<core::FieldError>& errors);

  // Strings must be valid UTF-8 (guaranteed by the parser) and at most `max_chars` code
  // points; required strings must also be non-empty after trimming.
  std::optional<std::string> String(std::string_view key, Presence presence,
                                    std::size_t max_chars = 1000);
  std::optional<double> Number(std::string_view key, Presence presence, double min, double max);
  std::optional<std::int64_t> Integer(std::string_view key, Presence presence, std::int64_t min,
                                      std::int64_t max);
  std::optional<bool> Bool(std::string_view key, Presence presence);
  std::optional<core::Id> Id(std::string_view key, Presence presence);
  std::optional<core::TimeMs> Time(std::string_view key, Presence presence);
  const boost::json::object* Object(std::string_view key, Presence presence);
  const boost::json::array* Array(std::string_view key, Presence presence, std::size_t max_items);
  std::optional<std::vector<std::string>> StringList(std::string_view key, Presence presence,
                                                     std::size_t max_items, std::size_t max_chars);
  // Every key not in `allowed` is an error ("unknown").
  void RejectUnknown(std::initializer_list<std::string_view> allowed);

  // A reader for a nested object, reporting into the same error list.
  FieldReader Nested(const boost::json::object& object, std::string_view key) const;

  void AddError(std::string_view key, std::string code, std::string message);
  std::string PathOf(std::string_view key) const;
  const boost::json::object& object() const { return object_; }

 private:
  const boost::json::value* Find(std::string_view key, Presence presence);

  const boost::json::object& object_;
  std::string prefix_;
  std::vector<core::FieldError>& errors_;
};

// Collects field errors and turns them into one validation Error.
class Validation {
 public:
  FieldReader Reader(const boost::json::object& object, std::string prefix = "") {
    return FieldReader(object, std::move(prefix), errors_);
  }
  std::vector<core::FieldError>& errors() { return errors_; }
  bool ok() const { return errors_.empty(); }
  core::Error ToError(std::string message = "The request is invalid") const {
    return core::Error::InvalidArgument(std::move(message), errors_);
  }

 private:
  std::vector<core::FieldError> errors_;
};

}  // namespace voxloop::http
