#include "collect/mustache_view.hpp"

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>

#include "collect/assets.hpp"

namespace voxloop::collect {
namespace {

namespace mustache = kainjow::mustache;

mustache::data ToData(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      mustache::data data{mustache::data::type::object};
      for (const auto& member : value.get_object()) {
        data.set(std::string(member.key()), ToData(member.value()));
      }
      return data;
    }
    case boost::json::kind::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value.get_array()) list.push_back(ToData(item));
      return list;
    }
    case boost::json::kind::string:
      // An empty string is falsy, as in most mustache implementations: {{#help}} skips it.
      if (value.get_string().empty()) return mustache::data(mustache::data::type::bool_false);
      return mustache::data(std::string(value.get_string()));
    case boost::json::kind::bool_:
      return mustache::data(value.get_bool() ? mustache::data::type::bool_true
                                             : mustache::data::type::bool_false);
    case boost::json::kind::null:
      return mustache::data(mustache::data::type::bool_false);
    default:
      return mustache::data(boost::json::serialize(value));
  }
}

std::string_view FolderOf(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash + 1);
}

// Adds every template of `folder` as a partial named by its file name without extension.
void AddPartials(mustache::data& data, std::string_view folder) {
  for (std::string_view name : assets::EmbeddedFileNames()) {
    if (!name.starts_with(folder) || !name.ends_with(".mustache")) continue;
    std::string_view base = name.substr(folder.size());
    if (base.find('/') != std::string_view::npos) continue;
    base.remove_suffix(std::string_view(".mustache").size());
    const std::string_view text = *assets::EmbeddedFile(name);
    data.set(std::string(base), mustache::partial([text] { return std::string(text); }));
  }
}

core::Result<std::string> Render(std::string_view path, const boost::json::value& view,
                                 bool escape_html) {
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> cache;
  auto cached = cache.find(path);
  if (cached == cache.end()) {
    const auto text = assets::EmbeddedFile(path);
    if (!text) return core::Error::Internal("missing template " + std::string(path));
    auto parsed = std::make_unique<mustache::mustache>(std::string(*text));
    if (!parsed->is_valid()) {
      return core::Error::Internal("template " + std::string(path) + ": " + parsed->error_message());
    }
    cached = cache.emplace(std::string(path), std::move(parsed)).first;
  }
  mustache::mustache& tmpl = *cached->second;
  if (escape_html) {
    tmpl.set_custom_escape(mustache::html_escape<std::string>);
  } else {
    tmpl.set_custom_escape([](const std::string& text) { return text; });
  }
  mustache::data data = ToData(view);
  AddPartials(data, FolderOf(path));
  std::string output = tmpl.render(data);
  if (!tmpl.is_valid()) {
    return core::Error::Internal("template " + std::string(path) + ": " + tmpl.error_message());
  }
  return output;
}

}  // namespace

core::Result<std::string> RenderMustache(std::string_view path, const boost::json::value& view) {
  return Render(path, view, true);
}

core::Result<std::string> RenderMustacheText(std::string_view path,
                                             const boost::json::value& view) {
  return Render(path, view, false);
}

}  // namespace voxloop::collect
