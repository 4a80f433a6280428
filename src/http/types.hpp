// The HTTP message types every part of the server shares (Beast, string bodies).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>

#include <functional>
#include <string_view>

namespace voxloop::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Method = beast_http::verb;

// Writes the body of a streaming response (Server-Sent Events) after its header was sent.
class StreamWriter {
 public:
  virtual ~StreamWriter() = default;
  // Sends one chunk; false when the client has gone (the stream should end).
  virtual boost::asio::awaitable<bool> Write(std::string_view chunk) = 0;
  // True once the server is draining: the stream should end soon.
  virtual bool stopping() const = 0;
};
using StreamBody = std::function<boost::asio::awaitable<void>(StreamWriter&)>;

}  // namespace voxloop::http
