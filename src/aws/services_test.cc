// Organizations, SSM, Secrets Manager, STS and SNS wrappers over a FakeHttpClient.
#include <gtest/gtest.h>

#include "aws/organizations.h"
#include "aws/secrets_manager.h"
#include "aws/sns.h"
#include "aws/ssm.h"
#include "aws/sts.h"
#include "base/fake_clock.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;

class ServicesTest : public ::testing::Test {
 protected:
  ServicesTest() : clock_(kNow), provider_(Credentials{"AKID", Secret("secret-value-xyz"), Secret(), {}}) {}
  AwsClient Client(AwsService s) {
    Result<Endpoint> ep = ResolveEndpoint(s, "eu-west-1", MapEnvironment({}));
    return AwsClient(http_, clock_, clock_, provider_, *ep, AwsStandardRetryPolicy(), [] { return 0.5; });
  }
  FakeHttpClient http_;
  FakeClock clock_;
  StaticCredentialsProvider provider_;
};

TEST_F(ServicesTest, DescribeAccount) {
  http_.Push(200, R"({"Account":{"Id":"111111111111","Name":"prod-payments","Status":"ACTIVE"}})");
  OrganizationsClient org(Client(AwsService::kOrganizations));
  Result<std::string> name = org.DescribeAccount("111111111111", kNow + 5000);
  ASSERT_TRUE(name.has_value()) << name.error().message();
  EXPECT_EQ(*name, "prod-payments");
  EXPECT_EQ(http_.requests()[0].body, R"({"AccountId":"111111111111"})");
  EXPECT_EQ(http_.requests()[0].url, "https://organizations.us-east-1.amazonaws.com/");
  EXPECT_EQ(org.DescribeAccount("12345", kNow + 5000).error().code(), Code::kInvalidInput);
}

TEST_F(ServicesTest, DescribeAccountDeniedExplainsWhatToGrant) {
  http_.Push(400, R"({"__type":"AccessDeniedException","message":"You don't have permissions"})");
  OrganizationsClient org(Client(AwsService::kOrganizations));
  Result<std::string> name = org.DescribeAccount("111111111111", kNow + 5000);
  ASSERT_FALSE(name.has_value());
  EXPECT_EQ(name.error().code(), Code::kPermissionDenied);
  EXPECT_EQ(name.error().message(),
            "organizations:DescribeAccount denied for account 111111111111 (AccessDeniedException): the function's "
            "role needs organizations:DescribeAccount, and the call must come from the management account or a "
            "delegated administrator (or set ORG_ROLE_ARN)");
}

TEST_F(ServicesTest, DescribeAccountNotFound) {
  http_.Push(400, R"({"__type":"AccountNotFoundException","message":"x"})");
  OrganizationsClient org(Client(AwsService::kOrganizations));
  Result<std::string> name = org.DescribeAccount("222222222222", kNow + 5000);
  ASSERT_FALSE(name.has_value());
  EXPECT_EQ(name.error().code(), Code::kNotFound);
  EXPECT_EQ(
      name.error().message(),
      "organizations:DescribeAccount: account 222222222222 is not in this organization (AccountNotFoundException)");
}

TEST_F(ServicesTest, GetParameter) {
  http_.Push(
      200,
      R"({"Parameter":{"Name":"/slack/webhook","Type":"SecureString","Value":"https://hooks.slack.com/services/T/B/X"}})");
  SsmClient ssm(Client(AwsService::kSsm));
  Result<Secret> v = ssm.GetParameter("/slack/webhook", kNow + 5000);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->Reveal(), "https://hooks.slack.com/services/T/B/X");
  EXPECT_EQ(http_.requests()[0].body, R"({"Name":"/slack/webhook","WithDecryption":true})");
  http_.Push(400, R"({"__type":"ParameterNotFound"})");
  Result<Secret> missing = ssm.GetParameter("/nope", kNow + 5000);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message(), "ssm:GetParameter: parameter /nope not found (ParameterNotFound)");
}

TEST_F(ServicesTest, GetSecretValue) {
  http_.Push(200, R"({"Name":"slack","SecretString":"{\"url\":\"https://hooks.slack.com/services/T/B/Y\"}"})");
  SecretsManagerClient sm(Client(AwsService::kSecretsManager));
  Result<Secret> v = sm.GetSecretValue("slack", kNow + 5000);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(SecretUrlField(*v).Reveal(), "https://hooks.slack.com/services/T/B/Y");
  EXPECT_EQ(SecretUrlField(Secret("https://plain")).Reveal(), "https://plain");
  EXPECT_EQ(SecretUrlField(Secret("{\"other\":1}")).Reveal(), "{\"other\":1}");
  http_.Push(200, R"({"Name":"bin","SecretBinary":"AAEC"})");
  EXPECT_EQ(sm.GetSecretValue("bin", kNow + 5000).error().code(), Code::kInvalidInput);
  http_.Push(400, "", {{"x-amzn-ErrorType", "AccessDeniedException:http://internal/"}});
  Result<Secret> denied = sm.GetSecretValue("slack", kNow + 5000);
  EXPECT_EQ(denied.error().code(), Code::kPermissionDenied);
  EXPECT_NE(denied.error().message().find("secretsmanager:GetSecretValue denied for secret slack"), std::string::npos);
}

constexpr char kAssumeRoleReply[] =
    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
    "<AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/OrgRead/gd</Arn></AssumedRoleUser>"
    "<Credentials><AccessKeyId>ASIANEW</AccessKeyId><SecretAccessKey>newsecret&amp;</SecretAccessKey>"
    "<SessionToken>newtoken</SessionToken><Expiration>2023-11-14T23:13:20Z</Expiration></Credentials>"
    "</AssumeRoleResult></AssumeRoleResponse>";

TEST_F(ServicesTest, AssumeRole) {
  http_.Push(200, kAssumeRoleReply);
  StsClient sts(Client(AwsService::kSts));
  Result<Credentials> c = sts.AssumeRole("arn:aws:iam::111111111111:role/OrgRead", "gd", 3600, kNow + 5000);
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(c->access_key_id, "ASIANEW");
  EXPECT_EQ(c->secret_access_key.Reveal(), "newsecret&");
  EXPECT_EQ(c->session_token.Reveal(), "newtoken");
  EXPECT_EQ(c->expiration_unix_ms.value(), 1700003600000);
  EXPECT_EQ(http_.requests()[0].body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FOrgRead"
            "&RoleSessionName=gd&DurationSeconds=3600");
  EXPECT_EQ(sts.AssumeRole("arn:x", "gd", 100, kNow + 5000).error().code(), Code::kInvalidInput);
}

TEST_F(ServicesTest, AssumeRoleProviderCachesUntilFiveMinutesBeforeExpiry) {
  StsClient sts(Client(AwsService::kSts));
  AssumeRoleCredentialsProvider provider(sts, clock_, "arn:aws:iam::111111111111:role/OrgRead", "gd");
  http_.Push(200, kAssumeRoleReply);  // expires at kNow + 1 h
  ASSERT_TRUE(provider.Get(kNow + 5000).has_value());
  clock_.Advance(54 * 60 * 1000);  // 6 minutes before expiry: still cached
  ASSERT_TRUE(provider.Get(clock_.NowUnixMs() + 5000).has_value());
  EXPECT_EQ(http_.requests().size(), 1u);
  clock_.Advance(2 * 60 * 1000);  // within 5 minutes: refresh
  http_.Push(200, kAssumeRoleReply);
  ASSERT_TRUE(provider.Get(clock_.NowUnixMs() + 5000).has_value());
  EXPECT_EQ(http_.requests().size(), 2u);
}

TEST_F(ServicesTest, Publish) {
  http_.Push(200,
             "<PublishResponse><PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId>"
             "</PublishResult></PublishResponse>");
  SnsClient sns(Client(AwsService::kSns));
  const std::string topic = "arn:aws:sns:eu-west-1:111111111111:gd-fallback";
  Result<std::string> id = sns.Publish(topic, "hello", "GuardDuty finding", kNow + 5000);
  ASSERT_TRUE(id.has_value()) << id.error().message();
  EXPECT_EQ(*id, "567910cd-659e-55d4-8ccb-5aaf14679dc0");
  EXPECT_EQ(RegionOfArn(topic), "eu-west-1");
  EXPECT_EQ(RegionOfArn("nope"), "");
  EXPECT_EQ(sns.Publish(topic, "m", std::string(100, 'a'), kNow + 5000).error().code(), Code::kInvalidInput);
  EXPECT_EQ(sns.Publish(topic, "m", "line\nbreak", kNow + 5000).error().code(), Code::kInvalidInput);
  EXPECT_EQ(sns.Publish(topic, "m", "caf\xC3\xA9", kNow + 5000).error().code(), Code::kInvalidInput);
  EXPECT_EQ(sns.Publish(topic, std::string(262145, 'x'), "", kNow + 5000).error().code(), Code::kInvalidInput);
  EXPECT_EQ(http_.requests().size(), 1u);
  http_.Push(403,
             "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>no</Message></Error></"
             "ErrorResponse>");
  Result<std::string> denied = sns.Publish(topic, std::string(262144, 'x'), "", kNow + 5000);
  EXPECT_EQ(denied.error().code(), Code::kPermissionDenied);
  EXPECT_NE(denied.error().message().find("sns:Publish denied for topic " + topic + " (AuthorizationError)"),
            std::string::npos);
}

}  // namespace
}  // namespace gdslack
