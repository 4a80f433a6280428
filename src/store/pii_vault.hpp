// PiiVault: encryption at rest for customer contact data.
//
// Contact fields (e-mail, phone, name) are sealed with XSalsa20-Poly1305 (libsodium
// secretbox, random nonce per value) and stored as base64. To find a customer by e-mail or
// phone without decrypting every row, the store also keeps a blind index: a keyed BLAKE2b hash
// of the normalised value, under a key derived separately from the same master key.
//
// The 32-byte master key comes from VOXLOOP_SECRET_KEY (base64) or from a key file created on
// first start (mode 0600). Losing it makes sealed fields unreadable. Thread-safe (immutable).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace voxloop::store {

class PiiVault {
 public:
  using Key = std::array<unsigned char, 32>;

  explicit PiiVault(const Key& master_key);

  // Loads the key from the environment variable, else from `key_file`, creating the file
  // with a fresh random key when it does not exist.
  static core::Result<PiiVault> FromEnvironmentOrFile(const std::string& key_file);
  // A vault with a random key (tests, throw-away tools).
  static PiiVault WithRandomKey();

  // base64(nonce || ciphertext). Empty plaintext seals to "".
  std::string Seal(std::string_view plaintext) const;
  // nullopt when the value was not sealed with this key or is corrupt.
  std::optional<std::string> Open(std::string_view sealed) const;
  // Deterministic keyed hash (hex) for lookups; "" for empty input.
  std::string BlindIndex(std::string_view kind, std::string_view normalised_value) const;

 private:
  Key seal_key_;
  Key index_key_;
};

// Lower-cases and trims an e-mail address.
std::string NormaliseEmail(std::string_view email);
// Keeps digits and a leading '+'; "" when fewer than 6 digits remain.
std::string NormalisePhone(std::string_view phone);

}  // namespace voxloop::store
