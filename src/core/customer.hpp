// Customer: the person or account feedback comes from. Contact fields are PII: the store
// keeps them encrypted and finds customers by keyed hashes of their e-mail and phone (see
// auth/pii_vault.hpp); in memory they are plain. Plain value type; thread-compatible.
#pragma once

#include <optional>
#include <string>

#include "core/id.hpp"
#include "core/time.hpp"

namespace voxloop::core {

struct Customer {
  Id id = 0;
  Id workspace_id = 0;
  std::string external_id;  // the business's own customer id; unique per workspace when given
  std::string email;        // normalised: trimmed, lower-cased
  std::string phone;        // normalised: digits with a leading '+' when international
  std::string name;
  std::string attributes_json = "{}";  // JSON object of string/number/bool attributes
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};

}  // namespace voxloop::core
