# Metrics (issue 5): the dataset loader (SQLite rows, PostgreSQL COPY streams) and the plain
# single-threaded column scan that bench/parts/metrics.sh compares the query API against.
add_executable(metrics_generate ${CMAKE_CURRENT_LIST_DIR}/metrics/generate.cpp)
target_link_libraries(metrics_generate PRIVATE PkgConfig::SQLITE3)
add_executable(metrics_scan ${CMAKE_CURRENT_LIST_DIR}/metrics/column_scan.cpp)
target_link_libraries(metrics_scan PRIVATE PkgConfig::SQLITE3)
