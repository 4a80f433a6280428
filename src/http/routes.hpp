// The route table: every endpoint of the API with its access rule and permission. Reading
// routes.cpp tells the whole API; the permission test iterates it.
#pragma once

#include <vector>

#include "http/router.hpp"

namespace voxloop::http {

std::vector<Route> BuildRoutes();

}  // namespace voxloop::http
