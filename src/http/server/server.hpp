// Server: the HTTP/1.1 listener and its connections, in the shape of the Beast examples —
// a listener coroutine accepting connections, one self-owning session coroutine per
// connection (on its own strand) reading requests with header and body limits and timeouts,
// answering keep-alive requests in order (pipelined requests wait their turn), and a drain on
// SIGINT/SIGTERM: stop accepting, finish requests in flight, close idle connections.
//
// Thread-safety: Run() blocks the calling thread and runs `io_threads` threads; Stop() may
// be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/result.hpp"
#include "http/router.hpp"

namespace voxloop::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port
  int io_threads = 2;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds idle_timeout{60};     // waiting for the next request
  std::chrono::seconds read_timeout{30};     // receiving one request
  std::chrono::seconds handler_timeout{120};
  std::chrono::seconds drain_timeout{15};
};

class Server {
 public:
  Server(ServerOptions options, Router& router);
  ~Server();

  // Binds the listening socket. kUnavailable when the address is taken.
  core::Status Bind();
  // The port actually bound (after Bind()).
  unsigned short port() const { return bound_port_; }
  // Serves until Stop() or a signal, then drains and returns.
  void Run();
  void Stop();

  // Called once the server listens (e.g. to print the address); runs on an I/O thread.
  std::function<void()> on_listening;
  // Called when draining starts, so long-lived streams can be told to end.
  std::function<void()> on_drain;

  class Connection;  // one client connection; defined in server.cpp

 private:
  boost::asio::awaitable<void> Listen();
  void BeginDrain();

  const ServerOptions options_;
  Router& router_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short bound_port_ = 0;
  std::atomic<bool> stopping_{false};

  // Guarded by mutex_: the live connections, so a drain can close idle ones.
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> connections_;
  std::uint64_t next_connection_id_ = 0;
};

}  // namespace voxloop::http
