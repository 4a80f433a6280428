#include "http/server/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <thread>
#include <vector>

#include "http/problem.hpp"

namespace voxloop::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

bool IsQuietDisconnect(const boost::system::error_code& error) {
  return error == beast_http::error::end_of_stream || error == asio::error::operation_aborted ||
         error == beast::error::timeout || error == asio::error::connection_reset ||
         error == asio::error::eof || error == asio::error::bad_descriptor;
}

}  // namespace

// One client connection. Owned by its session coroutine and by the server's registry (so a
// drain can reach it); touched only on its strand.
class Server::Connection {
 public:
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // between reading a request and writing its response
};

Server::Server(ServerOptions options, Router& router)
    : options_(std::move(options)), router_(router), io_(options_.io_threads), acceptor_(io_) {}

Server::~Server() = default;

core::Status Server::Bind() {
  boost::system::error_code error;
  const auto address = asio::ip::make_address(options_.host, error);
  if (error) return core::Error::InvalidArgument("Invalid listen address " + options_.host);
  const tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return core::Error::Unavailable("Cannot listen on " + options_.host + ":" +
                                        std::to_string(options_.port) + ": " + error.message(),
                                    error.message());
  }
  bound_port_ = acceptor_.local_endpoint().port();
  return core::Ok();
}

namespace {

// Reads one request into `parser`; answers "100 Continue" when the client waits for it.
asio::awaitable<boost::system::error_code> ReadRequest(
    beast::tcp_stream& stream, beast::flat_buffer& buffer,
    beast_http::request_parser<beast_http::string_body>& parser, std::size_t max_body_bytes) {
  auto [header_error, header_bytes] = co_await beast_http::async_read_header(stream, buffer, parser, kTuple);
  if (header_error) co_return header_error;
  const auto& header = parser.get();
  if (beast::iequals(header[beast_http::field::expect], "100-continue")) {
    if (parser.content_length() && *parser.content_length() > max_body_bytes) {
      co_return beast_http::error::body_limit;
    }
    beast_http::response<beast_http::empty_body> proceed{beast_http::status::continue_,
                                                         header.version()};
    auto [write_error, written] = co_await beast_http::async_write(stream, proceed, kTuple);
    if (write_error) co_return write_error;
  }
  auto [body_error, body_bytes] = co_await beast_http::async_read(stream, buffer, parser, kTuple);
  co_return body_error;
}

// Chunked writes of a streaming response body on one connection.
class ChunkedWriter final : public StreamWriter {
 public:
  ChunkedWriter(beast::tcp_stream& stream, const std::atomic<bool>& stopping,
                std::chrono::seconds write_timeout)
      : stream_(stream), stopping_(stopping), write_timeout_(write_timeout) {}

  asio::awaitable<bool> Write(std::string_view chunk) override {
    stream_.expires_after(write_timeout_);
    auto [error, written] = co_await asio::async_write(
        stream_, beast_http::make_chunk(asio::buffer(chunk.data(), chunk.size())), kTuple);
    co_return !error;
  }
  bool stopping() const override { return stopping_; }

 private:
  beast::tcp_stream& stream_;
  const std::atomic<bool>& stopping_;
  const std::chrono::seconds write_timeout_;
};

// Sends the header of a streaming response, runs its body, and ends the chunked stream.
asio::awaitable<void> RunStream(beast::tcp_stream& stream, Handled& handled,
                                const ServerOptions& options, const std::atomic<bool>& stopping) {
  Response& response = handled.response;
  response.chunked(true);
  response.keep_alive(false);
  beast_http::response_serializer<beast_http::string_body> serializer(response);
  stream.expires_after(options.read_timeout);
  auto [header_error, header_bytes] = co_await beast_http::async_write_header(stream, serializer, kTuple);
  if (header_error) co_return;
  ChunkedWriter writer(stream, stopping, options.read_timeout);
  co_await handled.stream(writer);
  stream.expires_after(options.read_timeout);
  co_await asio::async_write(stream, beast_http::make_chunk_last(), kTuple);
}

}  // namespace

asio::awaitable<void> RunSession(std::shared_ptr<Server::Connection> connection, Router& router,
                                 const ServerOptions& options, const std::atomic<bool>& stopping);

asio::awaitable<void> Server::Listen() {
  for (;;) {
    auto [error, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), kTuple);
    if (error) {
      if (error == asio::error::operation_aborted || stopping_) co_return;
      spdlog::warn("accept failed: {}", error.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true), error);
    auto connection = std::make_shared<Connection>(std::move(socket));
    std::uint64_t id;
    {
      std::lock_guard lock(mutex_);
      id = next_connection_id_++;
      connections_[id] = connection;
    }
    auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, RunSession(connection, router_, options_, stopping_),
                   [this, id](std::exception_ptr failure) {
                     if (failure) spdlog::error("connection ended by an exception");
                     std::lock_guard lock(mutex_);
                     connections_.erase(id);
                   });
  }
}

asio::awaitable<void> RunSession(std::shared_ptr<Server::Connection> connection, Router& router,
                                 const ServerOptions& options, const std::atomic<bool>& stopping) {
  beast::tcp_stream& stream = connection->stream;
  beast::flat_buffer buffer;
  boost::system::error_code ignored;
  const auto remote = stream.socket().remote_endpoint(ignored);
  const ClientInfo client{ignored ? std::string("-") : remote.address().to_string()};
  while (!stopping) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(options.max_body_bytes);
    stream.expires_after(buffer.size() > 0 ? options.read_timeout : options.idle_timeout);
    const auto error = co_await ReadRequest(stream, buffer, parser, options.max_body_bytes);
    if (error) {
      if (IsQuietDisconnect(error)) break;
      const bool too_large = error == beast_http::error::body_limit ||
                             error == beast_http::error::header_limit;
      const core::Error problem =
          too_large ? core::Error::TooLarge("The request is larger than this server accepts (" +
                                            std::to_string(options.max_body_bytes) + " bytes)")
                    : core::Error::InvalidArgument("Malformed HTTP request").WithType("bad-request");
      Response response = ProblemResponse(problem, "-", 11, false);
      stream.expires_after(options.read_timeout);
      co_await beast_http::async_write(stream, response, kTuple);
      break;
    }
    connection->busy = true;
    stream.expires_after(options.handler_timeout);
    Handled handled = co_await router.Handle(parser.get(), client);
    if (handled.stream && handled.response.result() == beast_http::status::ok) {
      co_await RunStream(stream, handled, options, stopping);
      break;
    }
    Response& response = handled.response;
    if (stopping) response.keep_alive(false);
    stream.expires_after(options.read_timeout);
    auto [write_error, written] = co_await beast_http::async_write(stream, response, kTuple);
    connection->busy = false;
    if (write_error || !response.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream.close();
}

void Server::BeginDrain() {
  if (stopping_.exchange(true)) return;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  if (on_drain) on_drain();
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, connection] : connections_) live.push_back(connection);
  }
  for (auto& connection : live) {
    asio::post(connection->stream.get_executor(), [connection] {
      if (!connection->busy) connection->stream.cancel();  // idle: end the pending read
    });
  }
  // Give requests in flight time to finish, then stop the loop.
  asio::co_spawn(
      io_,
      [this]() -> asio::awaitable<void> {
        const auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
        asio::steady_timer timer(io_);
        for (;;) {
          {
            std::lock_guard lock(mutex_);
            if (connections_.empty()) break;
          }
          if (std::chrono::steady_clock::now() >= deadline) break;
          timer.expires_after(std::chrono::milliseconds(20));
          co_await timer.async_wait(asio::use_awaitable);
        }
        io_.stop();
      },
      asio::detached);
}

void Server::Stop() {
  asio::post(io_, [this] { BeginDrain(); });
}

void Server::Run() {
  asio::signal_set signals(io_, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& error, int) {
    if (!error) BeginDrain();
  });
  asio::co_spawn(io_, Listen(), asio::detached);
  if (on_listening) asio::post(io_, on_listening);
  std::vector<std::thread> threads;
  for (int thread_idx = 1; thread_idx < options_.io_threads; ++thread_idx) {
    threads.emplace_back([this] { io_.run(); });
  }
  io_.run();
  for (auto& thread : threads) thread.join();
}

}  // namespace voxloop::http
