#include "aws/endpoints.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

Endpoint Resolve(AwsService s, const std::string& region, std::map<std::string, std::string> env = {}) {
  Result<Endpoint> e = ResolveEndpoint(s, region, MapEnvironment(std::move(env)));
  EXPECT_TRUE(e.has_value()) << e.error().message();
  return e.has_value() ? *e : Endpoint{};
}

TEST(EndpointsTest, Partitions) {
  EXPECT_EQ(PartitionOf("eu-west-1"), "aws");
  EXPECT_EQ(PartitionOf("cn-north-1"), "aws-cn");
  EXPECT_EQ(PartitionOf("us-gov-east-1"), "aws-us-gov");
  EXPECT_EQ(DnsSuffixOf("cn-northwest-1"), "amazonaws.com.cn");
}

TEST(EndpointsTest, StandardRegionalEndpoints) {
  Endpoint ssm = Resolve(AwsService::kSsm, "eu-west-1");
  EXPECT_EQ(ssm.url, "https://ssm.eu-west-1.amazonaws.com");
  EXPECT_EQ(ssm.signing_region, "eu-west-1");
  EXPECT_EQ(ssm.signing_name, "ssm");
  EXPECT_EQ(Resolve(AwsService::kSecretsManager, "cn-north-1").url,
            "https://secretsmanager.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(Resolve(AwsService::kSecretsManager, "cn-north-1").signing_name, "secretsmanager");
  EXPECT_EQ(Resolve(AwsService::kSns, "us-gov-west-1").url, "https://sns.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(Resolve(AwsService::kSts, "ap-southeast-2").url, "https://sts.ap-southeast-2.amazonaws.com");
}

TEST(EndpointsTest, OrganizationsIsGlobalPerPartition) {
  Endpoint aws = Resolve(AwsService::kOrganizations, "eu-central-1");
  EXPECT_EQ(aws.url, "https://organizations.us-east-1.amazonaws.com");
  EXPECT_EQ(aws.signing_region, "us-east-1");
  Endpoint cn = Resolve(AwsService::kOrganizations, "cn-north-1");
  EXPECT_EQ(cn.url, "https://organizations.cn-northwest-1.amazonaws.com.cn");
  EXPECT_EQ(cn.signing_region, "cn-northwest-1");
  Endpoint gov = Resolve(AwsService::kOrganizations, "us-gov-east-1");
  EXPECT_EQ(gov.url, "https://organizations.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(gov.signing_region, "us-gov-west-1");
}

TEST(EndpointsTest, Overrides) {
  std::map<std::string, std::string> env = {{"AWS_ENDPOINT_URL", "http://127.0.0.1:9000/"},
                                            {"AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:9001"}};
  EXPECT_EQ(Resolve(AwsService::kSsm, "eu-west-1", env).url, "http://127.0.0.1:9000");
  Endpoint sm = Resolve(AwsService::kSecretsManager, "eu-west-1", env);
  EXPECT_EQ(sm.url, "http://127.0.0.1:9001");
  EXPECT_EQ(sm.signing_region, "eu-west-1");
  Endpoint org = Resolve(AwsService::kOrganizations, "eu-west-1", env);
  EXPECT_EQ(org.url, "http://127.0.0.1:9000");
  EXPECT_EQ(org.signing_region, "us-east-1");
  env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE";
  EXPECT_EQ(Resolve(AwsService::kSsm, "eu-west-1", env).url, "https://ssm.eu-west-1.amazonaws.com");
  EXPECT_EQ(Resolve(AwsService::kSecretsManager, "eu-west-1", env).url,
            "https://secretsmanager.eu-west-1.amazonaws.com");
}

TEST(EndpointsTest, Errors) {
  Result<Endpoint> no_region = ResolveEndpoint(AwsService::kSsm, "", MapEnvironment({}));
  ASSERT_FALSE(no_region.has_value());
  EXPECT_EQ(no_region.error().code(), Code::kConfig);
  Result<Endpoint> bad =
      ResolveEndpoint(AwsService::kSns, "eu-west-1", MapEnvironment({{"AWS_ENDPOINT_URL_SNS", "localhost:9"}}));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(), "AWS_ENDPOINT_URL_SNS must be an http:// or https:// URL with a host");
}

}  // namespace
}  // namespace gdslack
