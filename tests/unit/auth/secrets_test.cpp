#include "auth/secrets.hpp"

#include <gtest/gtest.h>

#include <set>

namespace voxloop::auth {
namespace {

TEST(SecretsTest, VerifiesTheRightPasswordOnly) {
  auto hash = HashPassword("mật khẩu rất dài 2026");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("mật khẩu rất dài 2026", *hash));
  EXPECT_FALSE(VerifyPassword("mật khẩu rất dài 2025", *hash));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
  EXPECT_FALSE(VerifyPassword("anything", ""));
}

TEST(SecretsTest, HashesTheSamePasswordDifferentlyEachTime) {
  EXPECT_NE(*HashPassword("same password 1"), *HashPassword("same password 1"));
}

TEST(SecretsTest, PolicyRejectsShortAndInvalidPasswords) {
  EXPECT_FALSE(CheckPasswordPolicy("short"));
  EXPECT_FALSE(CheckPasswordPolicy(std::string("\xff\xfe long enough!!")));
  EXPECT_FALSE(CheckPasswordPolicy(std::string(300, 'a')));
  EXPECT_TRUE(CheckPasswordPolicy("ten chars!"));
}

TEST(SecretsTest, TokensAreUniqueUrlSafeAndHashStably) {
  std::set<std::string> tokens;
  for (int i = 0; i < 200; ++i) tokens.insert(NewApiToken());
  EXPECT_EQ(tokens.size(), 200u);
  const std::string token = *tokens.begin();
  EXPECT_EQ(token.size(), 4u + 43u);
  EXPECT_EQ(token.find_first_not_of("vxl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"),
            std::string::npos);
  EXPECT_EQ(HashSecret(token), HashSecret(token));
  EXPECT_NE(HashSecret(token), HashSecret(token + "x"));
  EXPECT_EQ(HashSecret(token).size(), 64u);
}

TEST(SecretsTest, ComparesSecretsOfAnyLength) {
  EXPECT_TRUE(SecretsEqual("abc", "abc"));
  EXPECT_FALSE(SecretsEqual("abc", "abd"));
  EXPECT_FALSE(SecretsEqual("abc", "abcd"));
  EXPECT_TRUE(SecretsEqual("", ""));
}

}  // namespace
}  // namespace voxloop::auth
