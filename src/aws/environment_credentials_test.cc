#include "aws/environment_credentials.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(EnvironmentCredentialsTest, FromEnvironment) {
  auto env =
      MapEnvironment({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "sk"}, {"AWS_SESSION_TOKEN", "tok"}});
  Result<Credentials> c = CredentialsFromEnvironment(env);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->access_key_id, "AKID");
  EXPECT_EQ(c->secret_access_key.Reveal(), "sk");
  EXPECT_EQ(c->session_token.Reveal(), "tok");
  EXPECT_FALSE(c->expiration_unix_ms.has_value());
}

TEST(EnvironmentCredentialsTest, MissingSecretIsConfigError) {
  Result<Credentials> c = CredentialsFromEnvironment(MapEnvironment({{"AWS_ACCESS_KEY_ID", "AKID"}}));
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().code(), Code::kConfig);
  EXPECT_EQ(c.error().message(),
            "AWS credentials not found: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set");
}

TEST(EnvironmentCredentialsTest, RegionPrefersAwsRegion) {
  EXPECT_EQ(RegionFromEnvironment(MapEnvironment({{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "us-east-2"}})),
            "eu-west-1");
  EXPECT_EQ(RegionFromEnvironment(MapEnvironment({{"AWS_DEFAULT_REGION", "us-east-2"}})), "us-east-2");
  EXPECT_EQ(RegionFromEnvironment(MapEnvironment({})), "");
}

}  // namespace
}  // namespace gdslack
