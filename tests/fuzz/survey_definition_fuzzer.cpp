// Fuzzes survey definitions, the most complex document clients send: any bytes must give a
// valid definition or field errors, and a valid definition must survive a JSON round trip.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "collect/survey_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace voxloop::collect;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto definition = ParseSurveyDefinitionText(text);
  if (!definition) return 0;
  auto again = ParseSurveyDefinition(SurveyDefinitionToJson(*definition));
  if (!again) std::abort();
  return 0;
}
