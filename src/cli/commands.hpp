// Every `voxloop` subcommand registers itself on the CLI11 app through one function here;
// app/main.cpp calls them all. A command's callback returns its exit code through `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace voxloop::cli {

// Shared between main() and the subcommands: the exit code the chosen command produced.
struct CommandContext {
  int exit_code = 0;
};

void RegisterVersionCommand(CLI::App& app, CommandContext& context);
void RegisterServeCommand(CLI::App& app, CommandContext& context);
void RegisterAdminCommand(CLI::App& app, CommandContext& context);
void RegisterRoutesCommand(CLI::App& app, CommandContext& context);
void RegisterAnalyzeCommand(CLI::App& app, CommandContext& context);
void RegisterTrainCommand(CLI::App& app, CommandContext& context);

}  // namespace voxloop::cli
