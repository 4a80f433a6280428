#include "mail/smtp_sender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace voxloop::mail {
namespace {

// What the SMTP conversation had reached, seen through libcurl's debug callback: which
// command the server last answered decides what a 5xx reply means.
enum class SmtpStage { kGreeting, kMailFrom, kRecipient, kData };

struct SmtpTranscript {
  SmtpStage stage = SmtpStage::kGreeting;
  std::string recipient;   // of the last RCPT TO
  std::string last_reply;  // the server's last reply line, for the log
};

// The composed message, handed to libcurl in pieces.
struct UploadCursor {
  std::string_view remaining;
};

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) ==
                  std::toupper(static_cast<unsigned char>(b));
         });
}

// Only commands and replies are looked at (never AUTH arguments or DATA), and only the
// recipient and the reply line are kept.
int OnCurlDebug(CURL* /*handle*/, curl_infotype type, char* data, size_t size, void* user) {
  auto* transcript = static_cast<SmtpTranscript*>(user);
  const std::string_view text(data, size);
  if (type == CURLINFO_HEADER_OUT) {
    if (StartsWithNoCase(text, "MAIL FROM:")) {
      transcript->stage = SmtpStage::kMailFrom;
    } else if (StartsWithNoCase(text, "RCPT TO:")) {
      transcript->stage = SmtpStage::kRecipient;
      const std::size_t open = text.find('<');
      const std::size_t close = text.find('>', open);
      transcript->recipient = open == std::string_view::npos || close == std::string_view::npos
                                  ? std::string()
                                  : std::string(text.substr(open + 1, close - open - 1));
    } else if (StartsWithNoCase(text, "DATA")) {
      transcript->stage = SmtpStage::kData;
    }
  } else if (type == CURLINFO_HEADER_IN) {
    const std::string_view line = text.substr(0, std::min(text.find_first_of("\r\n"), size));
    transcript->last_reply = std::string(line.substr(0, 200));
  }
  return 0;
}

size_t OnCurlRead(char* buffer, size_t size, size_t count, void* user) {
  auto* cursor = static_cast<UploadCursor*>(user);
  const std::size_t length = std::min(size * count, cursor->remaining.size());
  std::memcpy(buffer, cursor->remaining.data(), length);
  cursor->remaining.remove_prefix(length);
  return length;
}

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Detail(CURLcode code, const char* error_buffer, const SmtpTranscript& transcript) {
  std::string detail = "smtp: ";
  detail += error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  if (!transcript.last_reply.empty()) detail += "; last reply: " + transcript.last_reply;
  return detail;
}

// A permanent refusal (5xx) of the message, named by what the server had been asked.
core::Error Refused(const MailMessage& message, const SmtpTranscript& transcript,
                    std::string detail) {
  core::Error error;
  switch (transcript.stage) {
    case SmtpStage::kRecipient: {
      std::string field = "to";
      for (std::size_t to_idx = 0; to_idx < message.to.size(); ++to_idx) {
        if (message.to[to_idx].email == transcript.recipient) {
          field = "to/" + std::to_string(to_idx) + "/email";
          break;
        }
      }
      error = core::Error::Field(std::move(field), "rejected",
                                 "The mail server refused the recipient " + transcript.recipient);
      break;
    }
    case SmtpStage::kMailFrom:
      error = core::Error::Field("from/email", "rejected",
                                 "The mail server refused the sender " + message.from.email);
      break;
    case SmtpStage::kGreeting:  // not reached: MapFailure takes a refusal before MAIL as ours
    case SmtpStage::kData:
      error = core::Error::Field("message", "rejected", "The mail server refused the message");
      break;
  }
  error.internal = std::move(detail);
  return error;
}

core::Error MapFailure(CURLcode code, long reply_code, const MailMessage& message,
                       const SmtpTranscript& transcript, const char* error_buffer) {
  std::string detail = Detail(code, error_buffer, transcript);
  if (reply_code >= 500 && reply_code < 600 && transcript.stage != SmtpStage::kGreeting) {
    return Refused(message, transcript, std::move(detail));
  }
  if (reply_code >= 400 && reply_code < 500) {
    return core::Error::Unavailable("The mail server deferred the message; retry later",
                                    std::move(detail));
  }
  switch (code) {
    case CURLE_LOGIN_DENIED:
      return core::Error::Unavailable("The mail server refused the configured credentials",
                                      std::move(detail));
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return core::Error::Unavailable("Could not set up TLS with the mail server",
                                      std::move(detail));
    case CURLE_OUT_OF_MEMORY:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_ABORTED_BY_CALLBACK:
      return core::Error::Internal(std::move(detail));
    default:  // connection refused, timeout, DNS, reset, greeting or EHLO refused, ...
      return core::Error::Unavailable("The mail server is unavailable; retry later",
                                      std::move(detail));
  }
}

}  // namespace

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) { InitCurlOnce(); }

core::Status SmtpSender::Send(const MailMessage& message) {
  VOXLOOP_ASSIGN_OR_RETURN(const std::string mime, ComposeMime(message, core::NowMs()));
  std::unique_ptr<CURL, CurlEasyDeleter> curl(curl_easy_init());
  if (!curl) return core::Error::Internal("smtp: curl_easy_init failed");
  std::unique_ptr<curl_slist, CurlListDeleter> recipients;
  for (const MailAddress& to : message.to) {
    curl_slist* appended = curl_slist_append(recipients.get(), ("<" + to.email + ">").c_str());
    if (appended == nullptr) return core::Error::Internal("smtp: out of memory");
    recipients.release();
    recipients.reset(appended);
  }
  const std::string mail_from = "<" + message.from.email + ">";
  UploadCursor cursor{mime};
  SmtpTranscript transcript;
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (!config_.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_USE_SSL,
                   static_cast<long>(config_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, OnCurlRead);
  curl_easy_setopt(handle, CURLOPT_READDATA, &cursor);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, config_.timeout_ms);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, config_.timeout_ms);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  // The debug callback sees the conversation only with VERBOSE; it prints nothing itself.
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, OnCurlDebug);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &transcript);
  const CURLcode code = curl_easy_perform(handle);
  if (code == CURLE_OK) return core::Ok();
  long reply_code = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply_code);
  return MapFailure(code, reply_code, message, transcript, error_buffer);
}

}  // namespace voxloop::mail
