// `voxloop routes`: prints the route table (method, path, access, permission) as JSON lines,
// for documentation and for the permission test that tries every route with every role.
#include <boost/json.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "http/routes.hpp"

namespace voxloop::cli {
namespace {

std::string_view AccessName(http::Access access) {
  switch (access) {
    case http::Access::kPublic: return "public";
    case http::Access::kRespondent: return "respondent";
    case http::Access::kAuthenticated: return "authenticated";
    case http::Access::kWorkspace: return "workspace";
  }
  return "workspace";
}

}  // namespace

void RegisterRoutesCommand(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand("routes", "Print every API route with its permission");
  command->callback([&context] {
    for (const http::Route& route : http::BuildRoutes()) {
      boost::json::object line{{"method", std::string(http::beast_http::to_string(route.method))},
                               {"path", route.pattern},
                               {"access", AccessName(route.access)}};
      line["permission"] = route.permission
                               ? boost::json::value(auth::PermissionName(*route.permission))
                               : boost::json::value(nullptr);
      std::cout << boost::json::serialize(line) << "\n";
    }
    context.exit_code = 0;
  });
}

}  // namespace voxloop::cli
