// The storage options every command that opens the database accepts:
//   --data-dir DIR (default ./data, or $VOXLOOP_DATA_DIR)
//   --database URL (postgresql://…, or $VOXLOOP_DATABASE_URL; default: SQLite in the data dir)
#pragma once

#include <CLI/CLI.hpp>

#include "app/runtime.hpp"

namespace voxloop::cli {

void AddRuntimeOptions(CLI::App& command, app::RuntimeOptions& options);

}  // namespace voxloop::cli
