#include "cli/runtime_options.hpp"

namespace voxloop::cli {

void AddRuntimeOptions(CLI::App& command, app::RuntimeOptions& options) {
  command.add_option("--data-dir", options.data_dir, "Directory for the SQLite database and keys")
      ->envname("VOXLOOP_DATA_DIR")
      ->capture_default_str();
  command.add_option("--database", options.database_url,
                     "PostgreSQL URL (postgresql://user@host:port/db); default: SQLite in the data dir")
      ->envname("VOXLOOP_DATABASE_URL");
  command.add_flag("!--no-analysis", options.analyze_at_ingest,
                   "Store items without analysing them (a bulk import, a benchmark); "
                   "analyse them later with POST /api/v1/workspaces/{ws}/reanalysis")
      ->envname("VOXLOOP_ANALYZE_AT_INGEST");
}

}  // namespace voxloop::cli
