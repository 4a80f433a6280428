#include "store/pii_vault.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace voxloop::store {
namespace {

void EnsureSodium() {
  static const int initialised = sodium_init();
  (void)initialised;
}

std::string ToBase64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

std::optional<std::vector<unsigned char>> FromBase64(std::string_view text) {
  std::vector<unsigned char> out(text.size());
  std::size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace

PiiVault::PiiVault(const Key& master_key) {
  EnsureSodium();
  crypto_kdf_derive_from_key(seal_key_.data(), seal_key_.size(), 1, "vxlseal_", master_key.data());
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), 2, "vxlindex",
                             master_key.data());
}

core::Result<PiiVault> PiiVault::FromEnvironmentOrFile(const std::string& key_file) {
  EnsureSodium();
  Key key{};
  if (const char* env = std::getenv("VOXLOOP_SECRET_KEY"); env != nullptr && *env != '\0') {
    auto decoded = FromBase64(env);
    if (!decoded || decoded->size() != key.size()) {
      return core::Error::InvalidArgument("VOXLOOP_SECRET_KEY must be 32 bytes in base64");
    }
    std::copy(decoded->begin(), decoded->end(), key.begin());
    return PiiVault(key);
  }
  std::ifstream in(key_file);
  std::string text;
  if (in && std::getline(in, text)) {
    auto decoded = FromBase64(text);
    if (!decoded || decoded->size() != key.size()) {
      return core::Error::InvalidArgument("The key file " + key_file +
                                          " does not hold a 32-byte base64 key");
    }
    std::copy(decoded->begin(), decoded->end(), key.begin());
    return PiiVault(key);
  }
  randombytes_buf(key.data(), key.size());
  {
    std::ofstream out(key_file, std::ios::trunc);
    out << ToBase64(key.data(), key.size()) << "\n";
    if (!out) return core::Error::Unavailable("Cannot write the key file " + key_file);
  }
  ::chmod(key_file.c_str(), 0600);
  return PiiVault(key);
}

PiiVault PiiVault::WithRandomKey() {
  EnsureSodium();
  Key key{};
  randombytes_buf(key.data(), key.size());
  return PiiVault(key);
}

std::string PiiVault::Seal(std::string_view plaintext) const {
  if (plaintext.empty()) return {};
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, seal_key_.data());
  return ToBase64(box.data(), box.size());
}

std::optional<std::string> PiiVault::Open(std::string_view sealed) const {
  if (sealed.empty()) return std::string();
  auto box = FromBase64(sealed);
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  std::string plaintext(box->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES,
                        '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()),
                                 box->data() + crypto_secretbox_NONCEBYTES,
                                 box->size() - crypto_secretbox_NONCEBYTES, box->data(),
                                 seal_key_.data()) != 0) {
    return std::nullopt;
  }
  return plaintext;
}

std::string PiiVault::BlindIndex(std::string_view kind, std::string_view normalised_value) const {
  if (normalised_value.empty()) return {};
  unsigned char hash[24];
  crypto_generichash_state state;
  crypto_generichash_init(&state, index_key_.data(), index_key_.size(), sizeof hash);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kind.data()),
                            kind.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(normalised_value.data()),
                            normalised_value.size());
  crypto_generichash_final(&state, hash, sizeof hash);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::string NormaliseEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) {
    email.remove_prefix(1);
  }
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) {
    email.remove_suffix(1);
  }
  std::string out(email);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string NormalisePhone(std::string_view phone) {
  std::string out;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') out += c;
    if (c == '+' && out.empty()) out += c;
  }
  const std::size_t digits = out.size() - (!out.empty() && out[0] == '+' ? 1 : 0);
  return digits >= 6 ? out : std::string();
}

}  // namespace voxloop::store
