// Fresh databases for tests: an empty SQLite file in a temp dir, or a new database on the
// throw-away PostgreSQL cluster that CTest starts (tests/support/pg_cluster.sh) and whose URL
// file it passes in VOXLOOP_TEST_PG_URL_FILE. Without that cluster, PostgreSQL tests FAIL
// with a message saying how to run them: they never skip quietly.
#pragma once

#include <string>

namespace voxloop::testing {

enum class Backend { kSqlite, kPostgres };

std::string BackendName(Backend backend);

// A URL (or SQLite path) for an empty database of `backend`. Aborts the test process with a
// clear message when PostgreSQL is requested but no cluster is configured.
std::string FreshDatabaseUrl(Backend backend);

// A new empty directory under the system temp dir.
std::string MakeTempDir(const std::string& prefix);

}  // namespace voxloop::testing
