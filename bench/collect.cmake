# Survey core: parsing definitions, rendering a step, checking answers, exporting rows.
add_executable(collect_bench ${CMAKE_CURRENT_LIST_DIR}/collect_bench.cpp)
target_link_libraries(collect_bench PRIVATE voxloop_collect benchmark::benchmark)
