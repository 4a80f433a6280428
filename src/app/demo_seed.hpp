// The demo workspace a fresh install starts with: a few hundred realistic feedback items in
// Vietnamese, Chinese and English across channels and customers, spread over the last 90
// days, and an owner account to sign in with. Created only when the database is empty.
#pragma once

#include <ostream>
#include <string>

#include "app/runtime.hpp"

namespace voxloop::app {

struct DemoCredentials {
  core::Id workspace_id = 0;
  std::string email;
  std::string password;
  int feedback_items = 0;
  core::Id survey_id = 0;  // a published NPS survey with answers
  int survey_responses = 0;
};

core::Result<DemoCredentials> SeedDemoWorkspace(Runtime& runtime);
void PrintDemoWelcome(const DemoCredentials& credentials, std::ostream& out);

}  // namespace voxloop::app
