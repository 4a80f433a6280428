// Reading cookies from a Cookie request header. Pure function.
#pragma once

#include <string_view>

namespace voxloop::http {

// The value of cookie `name` in a Cookie header, or "" when it is absent.
std::string_view CookieValue(std::string_view cookie_header, std::string_view name);

}  // namespace voxloop::http
