# The metrics query engine in process (issue 5): RunQuery against a plain scan of the same
# columns, to tune the engine; bench/parts/metrics.sh gives the end-to-end figures.
add_executable(metrics_query_bench ${CMAKE_CURRENT_LIST_DIR}/metrics/query_bench.cpp)
target_link_libraries(metrics_query_bench PRIVATE voxloop_metrics Boost::json benchmark::benchmark)
