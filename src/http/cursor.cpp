#include "http/cursor.hpp"

#include <sodium.h>

#include <charconv>

namespace voxloop::http {

std::string EncodeCursor(const std::vector<std::int64_t>& numbers) {
  std::string plain;
  for (const std::int64_t number : numbers) {
    if (!plain.empty()) plain += '.';
    plain += std::to_string(number);
  }
  std::string encoded(sodium_base64_encoded_len(plain.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(plain.data()),
                    plain.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.size() - 1);
  return encoded;
}

std::optional<std::vector<std::int64_t>> DecodeCursor(std::string_view cursor, std::size_t count) {
  if (cursor.empty() || cursor.size() > 200) return std::nullopt;
  std::string plain(cursor.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(plain.data()), plain.size(), cursor.data(),
                        cursor.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  plain.resize(length);
  std::vector<std::int64_t> numbers;
  std::string_view rest = plain;
  while (!rest.empty()) {
    const std::size_t dot = rest.find('.');
    const std::string_view part = rest.substr(0, dot);
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), number);
    if (error != std::errc() || end != part.data() + part.size() || part.empty()) return std::nullopt;
    numbers.push_back(number);
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (numbers.size() != count) return std::nullopt;
  return numbers;
}

}  // namespace voxloop::http
