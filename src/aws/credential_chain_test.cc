#include "aws/credential_chain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/fake_clock.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;

TEST(CredentialChainTest, EnvironmentWins) {
  FakeHttpClient http;
  FakeClock clock(kNow);
  auto env = MapEnvironment({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "sk"}, {"AWS_PROFILE", "x"}});
  auto r = ResolveCliCredentials(env, http, clock, clock, kNow + 5000);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(r->source, "environment");
}

TEST(CredentialChainTest, RoleProfileAssumesThroughSourceProfile) {
  const auto dir = std::filesystem::temp_directory_path() / "gdslack_chain_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "credentials") << "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = skbase\n";
  std::ofstream(dir / "config") << "[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/OrgRead\n"
                                   "source_profile = base\nregion = eu-west-2\n";
  FakeHttpClient http;
  http.Push(200,
            "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE</AccessKeyId>"
            "<SecretAccessKey>rolesecret</SecretAccessKey><SessionToken>roletoken</SessionToken>"
            "<Expiration>2023-11-14T23:13:20Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>");
  FakeClock clock(kNow);
  auto env = MapEnvironment({{"AWS_PROFILE", "admin"},
                             {"AWS_SHARED_CREDENTIALS_FILE", (dir / "credentials").string()},
                             {"AWS_CONFIG_FILE", (dir / "config").string()}});
  auto r = ResolveCliCredentials(env, http, clock, clock, kNow + 5000);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ(r->credentials.access_key_id, "ASIAROLE");
  EXPECT_EQ(r->credentials.session_token.Reveal(), "roletoken");
  EXPECT_EQ(r->region, "eu-west-2");
  EXPECT_EQ(r->source, "profile admin");
  ASSERT_EQ(http.requests().size(), 1u);
  EXPECT_EQ(http.requests()[0].url, "https://sts.eu-west-2.amazonaws.com/");
  bool signed_by_base = false;
  for (const auto& [k, v] : http.requests()[0].headers) {
    signed_by_base |= (k == "Authorization" && v.find("Credential=AKIDBASE/") != std::string::npos);
  }
  EXPECT_TRUE(signed_by_base);
}

TEST(CredentialChainTest, NothingConfigured) {
  FakeHttpClient http;
  FakeClock clock(kNow);
  auto env = MapEnvironment({{"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/c"}, {"AWS_CONFIG_FILE", "/nonexistent/d"}});
  auto r = ResolveCliCredentials(env, http, clock, clock, kNow + 5000);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kConfig);
}

}  // namespace
}  // namespace gdslack
