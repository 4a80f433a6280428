// Renders the embedded kainjow-mustache templates (assets/page/, assets/mail/) from a
// Boost.JSON view model: objects become sections with names, arrays lists, booleans
// sections (false, null and "" are falsy), numbers their decimal text. {{name}} escapes
// HTML; the templates use {{{name}}} only for HTML this subsystem rendered itself. Every
// template in the same folder is a partial by its file name ("{{> question}}").
// Parsed templates are cached per thread; thread-safe.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace voxloop::collect {

// Renders the embedded template at `path` ("page/step.mustache"). Errors: kInternal when the
// template is missing or malformed (a build mistake the unit tests catch).
core::Result<std::string> RenderMustache(std::string_view path, const boost::json::value& view);

// The text for a plain-text template: renders without HTML escaping.
core::Result<std::string> RenderMustacheText(std::string_view path, const boost::json::value& view);

}  // namespace voxloop::collect
