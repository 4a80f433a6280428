#include "tests/support/test_databases.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace voxloop::testing {
namespace {

std::string ReadPostgresUrl() {
  const char* file = std::getenv("VOXLOOP_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') {
    std::fprintf(stderr,
                 "PostgreSQL tests need the test cluster: run them through ctest (which starts "
                 "it) or set VOXLOOP_TEST_PG_URL_FILE to a file holding a postgresql:// URL.\n");
    std::abort();
  }
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    std::fprintf(stderr, "VOXLOOP_TEST_PG_URL_FILE=%s holds no URL: did the cluster start?\n",
                 file);
    std::abort();
  }
  return url;
}

std::string RandomSuffix() {
  static std::atomic<int> counter{0};
  std::random_device device;
  return std::to_string(device() % 1000000) + "_" + std::to_string(counter++);
}

}  // namespace

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "Sqlite" : "Postgres";
}

std::string MakeTempDir(const std::string& prefix) {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / ("voxloop-" + prefix + "-" + RandomSuffix());
  fs::create_directories(path);
  return path.string();
}

std::string FreshDatabaseUrl(Backend backend) {
  if (backend == Backend::kSqlite) return MakeTempDir("sqlite") + "/test.db";
  const std::string admin_url = ReadPostgresUrl();
  const std::string name = "test_" + RandomSuffix();
  PGconn* connection = PQconnectdb(admin_url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    std::fprintf(stderr, "Cannot reach the PostgreSQL test cluster at %s: %s\n",
                 admin_url.c_str(), PQerrorMessage(connection));
    std::abort();
  }
  PGresult* result = PQexec(connection, ("CREATE DATABASE " + name).c_str());
  const bool created = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  PQfinish(connection);
  if (!created) {
    std::fprintf(stderr, "CREATE DATABASE %s failed on the test cluster\n", name.c_str());
    std::abort();
  }
  const std::size_t slash = admin_url.rfind('/');
  return admin_url.substr(0, slash + 1) + name;
}

}  // namespace voxloop::testing
