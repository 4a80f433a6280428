// Bridges between the server's coroutines and the threads that do blocking work.
//
//   Result<Page> page = co_await Offload(pool, [&] { return repo.List(filter); });
//   Status done = co_await AwaitWrite(writer, job);
//
// Offload runs `work` on `pool` and resumes the coroutine on its own executor; AwaitWrite
// queues `job` on the group-commit writer and resumes once it is durable. The coroutine is
// suspended meanwhile, so references into its frame stay valid.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <memory>
#include <optional>
#include <type_traits>

#include "store/writer.hpp"

namespace voxloop::http {

namespace asio = boost::asio;

template <typename Work>
asio::awaitable<std::invoke_result_t<Work&>> Offload(asio::thread_pool& pool, Work work) {
  using Value = std::invoke_result_t<Work&>;
  std::optional<Value> value;
  std::exception_ptr failure;
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(
      [&](auto handler) {
        asio::post(pool, [&, handler = std::move(handler)]() mutable {
          try {
            value.emplace(work());
          } catch (...) {
            failure = std::current_exception();
          }
          auto executor = asio::get_associated_executor(handler);
          asio::post(executor, std::move(handler));
        });
      },
      asio::use_awaitable);
  if (failure) std::rethrow_exception(failure);
  co_return std::move(*value);
}

inline asio::awaitable<core::Status> AwaitWrite(store::GroupCommitWriter& writer,
                                                store::WriteJob job) {
  core::Status outcome;
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(
      [&](auto handler) {
        // WriteDone must be copyable; the handler is not, so share it.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        writer.Submit(std::move(job), [&outcome, shared](core::Status status) {
          outcome = std::move(status);
          auto executor = asio::get_associated_executor(*shared);
          asio::post(executor, std::move(*shared));
        });
      },
      asio::use_awaitable);
  co_return outcome;
}

}  // namespace voxloop::http
