#include "collect/assets.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>

namespace voxloop::collect {
namespace {

struct AssetSpec {
  std::string_view name;
  std::string_view content_type;
  std::array<std::string_view, 2> parts;  // embedded files, concatenated
};

constexpr std::array<AssetSpec, 3> kAssets{{
    {"survey.css", "text/css; charset=utf-8", {"static/survey.css", ""}},
    {"survey.js", "text/javascript; charset=utf-8", {"static/survey.js", ""}},
    {"widget.js", "text/javascript; charset=utf-8", {"static/survey_logic.js", "static/widget.js"}},
}};

// FNV-1a: a cheap fingerprint for the ETag (not a security boundary).
std::string Fingerprint(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 0x100000001b3ULL;
  }
  char text[19];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return "\"" + std::string(text) + "\"";
}

struct BuiltAsset {
  std::string body;
  std::string_view content_type;
  std::string etag;
};

// Built once, on first use; read-only afterwards.
const std::map<std::string_view, BuiltAsset>& BuiltAssets() {
  static const std::map<std::string_view, BuiltAsset> built = [] {
    std::map<std::string_view, BuiltAsset> assets;
    for (const auto& spec : kAssets) {
      BuiltAsset asset{{}, spec.content_type, {}};
      for (std::string_view part : spec.parts) {
        if (part.empty()) continue;
        if (auto bytes = assets::EmbeddedFile(part)) {
          asset.body.append(*bytes);
          asset.body += '\n';
        }
      }
      asset.etag = Fingerprint(asset.body);
      assets.emplace(spec.name, std::move(asset));
    }
    return assets;
  }();
  return built;
}

}  // namespace

std::optional<PublicAsset> FindPublicAsset(std::string_view name) {
  const auto& built = BuiltAssets();
  const auto found = built.find(name);
  if (found == built.end()) return std::nullopt;
  return PublicAsset{found->second.body, found->second.content_type, found->second.etag};
}

std::vector<std::string_view> PublicAssetNames() {
  std::vector<std::string_view> names;
  for (const auto& spec : kAssets) names.push_back(spec.name);
  return names;
}

}  // namespace voxloop::collect
