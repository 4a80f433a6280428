#include "learning/model_codec.hpp"

#include <sodium.h>

namespace voxloop::learning {

std::string EncodeModel(const analysis::TextClassifier& classifier) {
  const std::string bytes = classifier.Bytes();
  std::string encoded(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.size() - 1);  // the terminating NUL
  return encoded;
}

core::Result<analysis::TextClassifier> DecodeModel(std::string_view base64) {
  std::string bytes(base64.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(),
                        base64.data(), base64.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return core::Error::InvalidArgument("The stored model is not valid base64");
  }
  bytes.resize(length);
  return analysis::TextClassifier::LoadBytes(bytes);
}

}  // namespace voxloop::learning
