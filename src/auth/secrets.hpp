// Secrets people and programs present to Voxloop: passwords (stored as Argon2id hashes),
// API tokens and session ids (random, stored as BLAKE2b hashes so a database leak does not
// leak working credentials). Free functions over libsodium; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace voxloop::auth {

// Argon2id, libsodium's interactive limits, in the self-describing encoded form.
core::Result<std::string> HashPassword(std::string_view password);
// Constant-time verification; false for any malformed hash.
bool VerifyPassword(std::string_view password, std::string_view encoded_hash);
// Passwords must have 10–256 bytes, valid UTF-8. Returns a field error on "password".
core::Status CheckPasswordPolicy(std::string_view password);

// `bytes` random bytes in URL-safe base64 without padding.
std::string RandomUrlSafe(std::size_t bytes);
// A new API token: "vxl_" + 43 random URL-safe characters (256 bits).
std::string NewApiToken();
// The stored form of a token or session id: hex BLAKE2b-256.
std::string HashSecret(std::string_view secret);
// Constant-time equality for secrets of any length.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace voxloop::auth
