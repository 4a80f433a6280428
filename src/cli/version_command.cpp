#include <iostream>

#include "cli/commands.hpp"

namespace voxloop::cli {

void RegisterVersionCommand(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand("version", "Print the Voxloop version");
  command->callback([&context] {
    std::cout << "voxloop " << VOXLOOP_VERSION << "\n";
    context.exit_code = 0;
  });
}

}  // namespace voxloop::cli
