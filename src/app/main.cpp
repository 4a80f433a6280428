// The `voxloop` binary: parses the command line and runs one subcommand.
#include <exception>
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Voxloop: collect, understand and act on customer feedback"};
  app.require_subcommand(1);
  voxloop::cli::CommandContext context;
  voxloop::cli::RegisterVersionCommand(app, context);
  voxloop::cli::RegisterServeCommand(app, context);
  voxloop::cli::RegisterAdminCommand(app, context);
  voxloop::cli::RegisterRoutesCommand(app, context);
  voxloop::cli::RegisterAnalyzeCommand(app, context);
  voxloop::cli::RegisterTrainCommand(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version answer 0; every other parse error is a usage error.
    return app.exit(error) == 0 ? 0 : 2;
  } catch (const std::exception& error) {
    std::cerr << "voxloop: " << error.what() << "\n";
    return 1;
  }
  return context.exit_code;
}
