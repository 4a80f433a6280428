# Analysis throughput: each pipeline stage and the full AnalyzeText(), one thread.
add_executable(analysis_bench ${CMAKE_CURRENT_LIST_DIR}/analysis_bench.cpp)
target_link_libraries(analysis_bench PRIVATE voxloop_analysis benchmark::benchmark)
