#include "auth/secrets.hpp"

#include <sodium.h>

#include <vector>

#include "core/text.hpp"

namespace voxloop::auth {
namespace {

void EnsureSodium() {
  static const int initialised = sodium_init();
  (void)initialised;
}

}  // namespace

core::Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(encoded, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return core::Error::Unavailable("Out of memory while hashing the password");
  }
  return std::string(encoded);
}

bool VerifyPassword(std::string_view password, std::string_view encoded_hash) {
  EnsureSodium();
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string hash(encoded_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

core::Status CheckPasswordPolicy(std::string_view password) {
  if (!core::IsValidUtf8(password)) {
    return core::Error::Field("password", "invalid", "The password is not valid UTF-8");
  }
  if (password.size() < 10) {
    return core::Error::Field("password", "too_short", "Use at least 10 characters");
  }
  if (password.size() > 256) {
    return core::Error::Field("password", "too_long", "Use at most 256 bytes");
  }
  return core::Ok();
}

std::string RandomUrlSafe(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), random.data(), random.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);
  return out;
}

std::string NewApiToken() { return "vxl_" + RandomUrlSafe(32); }

std::string HashSecret(std::string_view secret) {
  EnsureSodium();
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace voxloop::auth
