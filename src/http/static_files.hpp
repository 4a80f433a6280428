// StaticFiles: files compiled into the binary (the dashboard's build output), served with
// a content type, an ETag computed once, and revalidation (If-None-Match → 304).
// Immutable after construction; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace voxloop::http {

struct StaticFile {
  std::string_view content;
  std::string content_type;
  std::string etag;
};

class StaticFiles {
 public:
  using Lookup = std::function<std::optional<std::string_view>(std::string_view)>;
  StaticFiles(const std::vector<std::string_view>& names, const Lookup& lookup);

  const StaticFile* Find(std::string_view path) const;
  std::size_t size() const { return files_.size(); }

  // The dashboard's files, from the embedded build output.
  static const StaticFiles& Dashboard();

 private:
  std::unordered_map<std::string, StaticFile> files_;
};

std::string ContentTypeFor(std::string_view path);

}  // namespace voxloop::http
