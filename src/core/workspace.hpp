// Workspace: one business (or one brand of it) with its own feedback, customers, members,
// surveys and settings. Every other record belongs to exactly one workspace.
#pragma once

#include <string>

#include "core/id.hpp"
#include "core/time.hpp"

namespace voxloop::core {

struct Workspace {
  Id id = 0;
  std::string name;
  std::string timezone = "UTC";      // IANA zone for grouping and business hours
  std::string default_language = "en";
  std::string settings_json = "{}";  // JSON object; see docs/api.md for known keys
  TimeMs created_at = 0;
};

}  // namespace voxloop::core
