// The TextAnalyzer ingestion uses, backed by the analysis engine.
#pragma once

#include <memory>

#include "ingest/text_analyzer.hpp"

namespace voxloop::app {

std::unique_ptr<ingest::TextAnalyzer> MakeTextAnalyzer();

}  // namespace voxloop::app
