// Fuzzes what the server does with an untrusted feedback request body: parse it as JSON and
// read it as one item or a batch, collecting field errors. Must never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/handlers/feedback_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace voxloop::http;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto object = ParseJsonObjectBody(body);
  if (!object) return 0;
  Validation validation;
  FieldReader reader = validation.Reader(*object);
  const Limits limits;
  if (const auto* items = object->if_contains("items"); items != nullptr && items->is_array()) {
    for (const auto& element : items->as_array()) {
      if (!element.is_object()) continue;
      FieldReader item_reader = reader.Nested(element.as_object(), "items[0]");
      (void)ReadFeedbackInput(item_reader, limits);
    }
  } else {
    (void)ReadFeedbackInput(reader, limits);
  }
  (void)validation.ToError();
  return 0;
}
