// The SMTP sink of tests/support/smtp_sink.py as a child process of a test: started on a free
// loopback port in a fresh temp folder, stopped with SIGTERM (and the folder removed) by the
// destructor. Construction failures throw std::runtime_error (a broken test set-up, not a
// test result). One per test; not thread-safe.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace voxloop::mail::testing {

class SmtpSinkProcess {
 public:
  // `extra_args` are passed on, e.g. {"--reject", "nobody@example.com"}.
  explicit SmtpSinkProcess(std::vector<std::string> extra_args = {});
  ~SmtpSinkProcess();
  SmtpSinkProcess(const SmtpSinkProcess&) = delete;
  SmtpSinkProcess& operator=(const SmtpSinkProcess&) = delete;

  int port() const { return port_; }
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Number of messages received so far.
  int MessageCount() const;
  // The raw bytes of message `number` (1-based) and its envelope JSON; empty when missing.
  std::string Message(int number) const;
  std::string Envelope(int number) const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that refuses connections: bound, never listening, for as long as
// the object lives (so no other process can take it meanwhile).
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that accepts connections (the kernel does, from its backlog) but
// never says a word: an SMTP client waits for the greeting until it times out.
class SilentPort {
 public:
  SilentPort();
  ~SilentPort();
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace voxloop::mail::testing
