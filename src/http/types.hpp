// The HTTP message types every part of the server shares (Beast, string bodies).
#pragma once

#include <boost/beast/http.hpp>

namespace voxloop::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Method = beast_http::verb;

}  // namespace voxloop::http
