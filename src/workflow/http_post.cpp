#include "workflow/http_post.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace voxloop::workflow {
namespace {

constexpr std::size_t kMaxAnswerBytes = 64 * 1024;

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// Discards the answer body, up to a limit (beyond it the transfer is aborted).
std::size_t OnBody(char*, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<std::size_t*>(user);
  *received += size * count;
  return *received > kMaxAnswerBytes ? 0 : size * count;
}

}  // namespace

PostResult PostJson(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                    const std::string& body, std::chrono::milliseconds timeout) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  PostResult result;
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) {
    result.error = "curl_easy_init failed";
    return result;
  }
  std::unique_ptr<curl_slist, ListDeleter> list;
  auto append = [&list](const std::string& line) {
    curl_slist* extended = curl_slist_append(list.get(), line.c_str());
    if (extended != nullptr) {
      (void)list.release();
      list.reset(extended);
    }
  };
  append("Content-Type: application/json");
  append("Expect:");  // no 100-continue round trip
  for (const auto& [name, value] : headers) append(name + ": " + value);
  char error_buffer[CURL_ERROR_SIZE] = {0};
  std::size_t received = 0;
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "Voxloop-Webhooks/1");
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &received);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  const auto started = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(handle);
  result.duration_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  result.status = status;
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && status != 0)) {
    result.error = error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(code);
    if (status == 0) return result;
  }
  return result;
}

}  // namespace voxloop::workflow
