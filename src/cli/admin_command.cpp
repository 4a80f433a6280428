// `voxloop admin …`: provisioning without a browser, for operators, scripts and tests.
#include <iostream>
#include <memory>
#include <string>

#include "auth/roles.hpp"
#include "cli/commands.hpp"
#include "cli/runtime_options.hpp"

namespace voxloop::cli {
namespace {

struct AdminOptions {
  app::RuntimeOptions runtime;
  std::string name;
  std::string email;
  std::string role;
  std::string workspace;
  std::string timezone = "UTC";
  std::string language = "en";
};

int Fail(const core::Error& error) {
  std::cerr << "voxloop: " << error.message;
  for (const auto& field : error.fields) std::cerr << "\n  " << field.field << ": " << field.message;
  if (!error.internal.empty()) std::cerr << "\n  (" << error.internal << ")";
  std::cerr << "\n";
  return 1;
}

core::Result<std::unique_ptr<app::Runtime>> OpenRuntime(const AdminOptions& options) {
  return app::Runtime::Open(options.runtime);
}

core::Result<core::Id> WorkspaceId(const std::string& text) {
  auto id = core::ParseId(text);
  if (!id) return core::Error::InvalidArgument("--workspace must be a workspace id");
  return *id;
}

core::Result<auth::Role> RoleOption(const std::string& text) {
  auto role = auth::ParseRole(text);
  if (!role) return core::Error::InvalidArgument("--role must be owner, admin, analyst, agent or viewer");
  return *role;
}

int CreateWorkspace(const AdminOptions& options) {
  auto runtime = OpenRuntime(options);
  if (!runtime) return Fail(runtime.error());
  auth::WorkspaceInput input{options.name, options.timezone, options.language, std::nullopt};
  auto workspace = (*runtime)->accounts().CreateWorkspace(input, std::nullopt, auth::Actor::System());
  if (!workspace) return Fail(workspace.error());
  std::cout << core::IdToString(workspace->id) << "\n";
  return 0;
}

int CreateUser(const AdminOptions& options) {
  auto workspace_id = WorkspaceId(options.workspace);
  if (!workspace_id) return Fail(workspace_id.error());
  auto role = RoleOption(options.role);
  if (!role) return Fail(role.error());
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto runtime = OpenRuntime(options);
  if (!runtime) return Fail(runtime.error());
  auth::Accounts& accounts = (*runtime)->accounts();
  auto user = accounts.CreateUser({options.email, password, options.name, "en"}, auth::Actor::System());
  if (!user) return Fail(user.error());
  auto member = accounts.SetMember(*workspace_id, user->id, *role, auth::Role::kOwner,
                                   auth::Actor::System());
  if (!member) return Fail(member.error());
  std::cout << core::IdToString(user->id) << "\n";
  return 0;
}

int CreateToken(const AdminOptions& options) {
  auto workspace_id = WorkspaceId(options.workspace);
  if (!workspace_id) return Fail(workspace_id.error());
  auto role = RoleOption(options.role);
  if (!role) return Fail(role.error());
  auto runtime = OpenRuntime(options);
  if (!runtime) return Fail(runtime.error());
  auto token = (*runtime)->accounts().CreateToken(*workspace_id, *role, options.name,
                                                  auth::Role::kOwner, auth::Actor::System());
  if (!token) return Fail(token.error());
  std::cout << token->token << "\n";
  return 0;
}

}  // namespace

void RegisterAdminCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AdminOptions>();
  auto* admin = app.add_subcommand("admin", "Provision workspaces, users and API tokens");
  admin->require_subcommand(1);

  auto* workspace = admin->add_subcommand("create-workspace", "Create a workspace; prints its id");
  AddRuntimeOptions(*workspace, options->runtime);
  workspace->add_option("--name", options->name, "Workspace name")->required();
  workspace->add_option("--timezone", options->timezone, "IANA time zone")->capture_default_str();
  workspace->add_option("--language", options->language, "Default language")->capture_default_str();
  workspace->callback([options, &context] { context.exit_code = CreateWorkspace(*options); });

  auto* user = admin->add_subcommand("create-user",
                                     "Create a user in a workspace; reads the password from stdin");
  AddRuntimeOptions(*user, options->runtime);
  user->add_option("--email", options->email, "Login e-mail")->required();
  user->add_option("--role", options->role, "owner, admin, analyst, agent or viewer")->required();
  user->add_option("--workspace", options->workspace, "Workspace id")->required();
  user->add_option("--name", options->name, "Display name");
  user->callback([options, &context] { context.exit_code = CreateUser(*options); });

  auto* token = admin->add_subcommand("create-token", "Create an API token; prints it once");
  AddRuntimeOptions(*token, options->runtime);
  token->add_option("--workspace", options->workspace, "Workspace id")->required();
  token->add_option("--role", options->role, "Role the token acts with")->required();
  token->add_option("--name", options->name, "What the token is for")->required();
  token->callback([options, &context] { context.exit_code = CreateToken(*options); });
}

}  // namespace voxloop::cli
