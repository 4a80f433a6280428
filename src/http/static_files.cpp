#include "http/static_files.hpp"

#include <cstdio>

namespace voxloop::http::web_assets {
std::optional<std::string_view> EmbeddedFile(std::string_view relative_path);
std::vector<std::string_view> EmbeddedFileNames();
}  // namespace voxloop::http::web_assets

namespace voxloop::http {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// FNV-1a: not for security, only to tell versions of a file apart.
std::string Etag(std::string_view content) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const unsigned char c : content) hash = (hash ^ c) * 1099511628211ULL;
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace

std::string ContentTypeFor(std::string_view path) {
  if (EndsWith(path, ".html")) return "text/html; charset=utf-8";
  if (EndsWith(path, ".js") || EndsWith(path, ".mjs")) return "text/javascript; charset=utf-8";
  if (EndsWith(path, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(path, ".json") || EndsWith(path, ".map")) return "application/json";
  if (EndsWith(path, ".svg")) return "image/svg+xml";
  if (EndsWith(path, ".png")) return "image/png";
  if (EndsWith(path, ".ico")) return "image/x-icon";
  if (EndsWith(path, ".woff2")) return "font/woff2";
  if (EndsWith(path, ".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::vector<std::string_view>& names, const Lookup& lookup) {
  for (const std::string_view name : names) {
    if (auto content = lookup(name)) {
      files_.emplace(std::string(name), StaticFile{*content, ContentTypeFor(name), Etag(*content)});
    }
  }
}

const StaticFile* StaticFiles::Find(std::string_view path) const {
  auto found = files_.find(std::string(path));
  return found == files_.end() ? nullptr : &found->second;
}

const StaticFiles& StaticFiles::Dashboard() {
  static const StaticFiles files(web_assets::EmbeddedFileNames(), web_assets::EmbeddedFile);
  return files;
}

}  // namespace voxloop::http
