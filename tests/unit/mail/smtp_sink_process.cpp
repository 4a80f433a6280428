#include "smtp_sink_process.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace voxloop::mail::testing {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(15);

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string NumberedPath(const std::filesystem::path& dir, int number, const char* extension) {
  char name[32];
  std::snprintf(name, sizeof name, "%04d.%s", number, extension);
  return (dir / name).string();
}

// Reads the child's first line of output ("PORT 12345"), polling the pipe until a deadline.
int ReadPortLine(int fd) {
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::string line;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("smtp sink: no PORT line in time");
    pollfd ready{fd, POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[256];
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got <= 0) throw std::runtime_error("smtp sink exited before listening: " + line);
    line.append(buffer, static_cast<std::size_t>(got));
  }
  if (!line.starts_with("PORT ")) throw std::runtime_error("smtp sink said: " + line);
  return std::atoi(line.c_str() + 5);
}

// A socket bound to 127.0.0.1 on a port the kernel picks; its port in `port`.
int BindLoopback(int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    throw std::runtime_error("bind failed");
  }
  port = ntohs(address.sin_port);
  return fd;
}

}  // namespace

SmtpSinkProcess::SmtpSinkProcess(std::vector<std::string> extra_args) {
  std::string pattern = (std::filesystem::temp_directory_path() / "voxloop-smtp-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  std::vector<std::string> args = {VOXLOOP_PYTHON3, VOXLOOP_SMTP_SINK, "--port", "0",
                                   "--dir",         dir_.string()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    throw std::runtime_error("could not start " + args[0]);
  }
  try {
    port_ = ReadPortLine(out[0]);
  } catch (...) {
    close(out[0]);
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw;
  }
  close(out[0]);  // the sink prints nothing more; a later print would get EPIPE, not block
}

SmtpSinkProcess::~SmtpSinkProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

int SmtpSinkProcess::MessageCount() const {
  int count = 0;
  while (std::filesystem::exists(NumberedPath(dir_, count + 1, "eml"))) ++count;
  return count;
}

std::string SmtpSinkProcess::Message(int number) const {
  return ReadFile(NumberedPath(dir_, number, "eml"));
}

std::string SmtpSinkProcess::Envelope(int number) const {
  return ReadFile(NumberedPath(dir_, number, "json"));
}

RefusingPort::RefusingPort() { fd_ = BindLoopback(port_); }
RefusingPort::~RefusingPort() { close(fd_); }

SilentPort::SilentPort() {
  fd_ = BindLoopback(port_);
  if (listen(fd_, 8) != 0) throw std::runtime_error("listen failed");
}
SilentPort::~SilentPort() { close(fd_); }

}  // namespace voxloop::mail::testing
