// A workspace's analysis models kept as plain files in one directory, the form `voxloop analyze
// --workspace-data DIR` reads (the server keeps the same pieces in its store):
//
//   DIR/taxonomy.json   the topic taxonomy (Taxonomy JSON); absent: Taxonomy::Default()
//   DIR/sentiment.bin   a fastText sentiment model written by `voxloop train --task sentiment`
//   DIR/topic.bin       a fastText topic model written by `voxloop train --task topic`
//   DIR/serving         one word, builtin|blend|model: how the sentiment model is used;
//                       absent: "model" when sentiment.bin is there, else "builtin"
//
// Every file is optional; an empty directory gives WorkspaceModels::BuiltIn(). Pure file
// reading; thread-safe.
#pragma once

#include <string>

#include "analysis/engine.hpp"
#include "core/result.hpp"

namespace voxloop::analysis {

// Errors: not_found when `dir` is not a directory; invalid_argument (naming the file) when a
// file there is malformed: taxonomy JSON, a model file, an unknown serving word, or serving
// "blend"/"model" without sentiment.bin.
core::Result<WorkspaceModels> LoadWorkspaceModels(const std::string& dir);

}  // namespace voxloop::analysis
