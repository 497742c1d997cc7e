#include "app/configuration.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr const char* kSecretPath = "/services/T000/B000/XXXXsecretXXXX";

struct Fixture {
  FakeHttpClient http;
  FakeClock clock;
  AwsAccess aws;
  Fixture() {
    Credentials c;
    c.access_key_id = "AKIDEXAMPLE";
    c.secret_access_key = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    aws.credentials = std::make_unique<StaticCredentialsProvider>(std::move(c));
    aws.region = "eu-west-2";
  }
  Result<Secret> Resolve(std::map<std::string, std::string> vars, bool with_aws = true) {
    return ResolveWebhookUrl(MapEnvironment(std::move(vars)), with_aws ? &aws : nullptr, http, clock, clock,
                             clock.NowUnixMs() + 5000);
  }
};

TEST(ConfigurationTest, SlackUrlWinsWithoutAnyAwsCall) {
  Fixture f;
  Result<Secret> url = f.Resolve(
      {{"SLACK_URL", std::string("https://hooks.slack.com") + kSecretPath}, {"SLACK_URL_PARAMETER", "/gd/webhook"}});
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->Reveal(), std::string("https://hooks.slack.com") + kSecretPath);
  EXPECT_TRUE(f.http.requests().empty());
}

TEST(ConfigurationTest, NothingConfiguredIsAConfigError) {
  Fixture f;
  Result<Secret> url = f.Resolve({});
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code(), Code::kConfig);
}

TEST(ConfigurationTest, ReadsSsmSecureStringWithDecryption) {
  Fixture f;
  f.http.Push(
      200, std::string(R"({"Parameter":{"Name":"/gd/webhook","Type":"SecureString","Value":"https://hooks.slack.com)") +
               kSecretPath + R"("}})");
  Result<Secret> url = f.Resolve({{"SLACK_URL_PARAMETER", "/gd/webhook"}});
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->Reveal(), std::string("https://hooks.slack.com") + kSecretPath);
  ASSERT_EQ(f.http.requests().size(), 1u);
  const HttpRequest& req = f.http.requests()[0];
  EXPECT_EQ(req.url.rfind("https://ssm.eu-west-2.amazonaws.com", 0), 0u) << req.url;
  EXPECT_NE(req.body.find("\"WithDecryption\":true"), std::string::npos) << req.body;
}

TEST(ConfigurationTest, SecretsManagerJsonWithUrlKey) {
  Fixture f;
  f.http.Push(200, std::string(R"({"Name":"gd","SecretString":"{\"url\":\"https://hooks.slack.com)") + kSecretPath +
                       R"(\"}"})");
  Result<Secret> url = f.Resolve({{"SLACK_URL_SECRET", "gd"}});
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->Reveal(), std::string("https://hooks.slack.com") + kSecretPath);
}

TEST(ConfigurationTest, AccessDeniedNamesParameterAndPermission) {
  Fixture f;
  f.http.Push(400, R"({"__type":"AccessDeniedException","message":"User is not authorized"})",
              {{"x-amzn-ErrorType", "AccessDeniedException"}});
  Result<Secret> url = f.Resolve({{"SLACK_URL_PARAMETER", "/gd/webhook"}});
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code(), Code::kPermissionDenied);
  EXPECT_NE(url.error().message().find("SLACK_URL_PARAMETER /gd/webhook"), std::string::npos) << url.error().message();
  EXPECT_NE(url.error().message().find("ssm:GetParameter"), std::string::npos) << url.error().message();
}

TEST(ConfigurationTest, MissingParameterIsConfigErrorAndValueNeverShown) {
  Fixture f;
  f.http.Push(400, R"({"__type":"ParameterNotFound","message":"Parameter /gd/webhook not found."})");
  Result<Secret> url = f.Resolve({{"SLACK_URL_PARAMETER", "/gd/webhook"}});
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code(), Code::kConfig);
  EXPECT_NE(url.error().message().find("check the name"), std::string::npos) << url.error().message();
}

TEST(ConfigurationTest, ParameterWithoutCredentialsSaysSo) {
  Fixture f;
  Result<Secret> url = f.Resolve({{"SLACK_URL_PARAMETER", "/gd/webhook"}}, /*with_aws=*/false);
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code(), Code::kConfig);
  EXPECT_NE(url.error().message().find("no AWS credentials"), std::string::npos);
}

TEST(ConfigurationTest, NonHttpsUrlRejectedWithoutEchoingIt) {
  Fixture f;
  f.http.Push(200, std::string(R"({"Parameter":{"Value":"ftp://hooks.slack.com)") + kSecretPath + R"("}})");
  Result<Secret> url = f.Resolve({{"SLACK_URL_PARAMETER", "/gd/webhook"}});
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().message(),
            "SSM parameter /gd/webhook: the Slack webhook URL must start with https:// and name an ASCII host (value "
            "not shown)");
}

TEST(ConfigurationTest, LoopbackHttpAllowedForStandins) {
  EXPECT_TRUE(ValidateWebhookUrl(Secret("http://127.0.0.1:8080/hook")).ok());
  EXPECT_FALSE(ValidateWebhookUrl(Secret("http://10.0.0.1/hook")).ok());
  EXPECT_TRUE(ValidateWebhookUrl(Secret("https://hooks.slack.com/services/x")).ok());
  // Non-ASCII host names are refused (written as xn--, they pass): the package has no IDN library.
  EXPECT_FALSE(ValidateWebhookUrl(Secret("https://h\xc3\xb6\xc3\xb6ks.example/services/x")).ok());
  EXPECT_FALSE(ValidateWebhookUrl(Secret("https://xn--hks-qqaa.example/services/x")).ok());  // not Slack's
  EXPECT_TRUE(ValidateWebhookUrl(Secret("https://xn--hks-qqaa.example/services/x"), {"xn--hks-qqaa.example"}).ok());
}

TEST(ConfigurationTest, StaticAccountNamesWithoutAws) {
  Fixture f;
  Result<std::unique_ptr<AccountNameLookup>> names =
      BuildAccountNameLookup(MapEnvironment({{"ACCOUNT_NAMES", "111111111111=prod-payments,222222222222=dev"}}),
                             nullptr, f.http, f.clock, f.clock);
  ASSERT_TRUE(names.has_value());
  ASSERT_NE(names->get(), nullptr);
  EXPECT_EQ((*names)->Lookup("111111111111", f.clock.NowUnixMs() + 1000), "prod-payments");
  EXPECT_EQ((*names)->Lookup("333333333333", f.clock.NowUnixMs() + 1000), "");
  EXPECT_TRUE(f.http.requests().empty());
}

TEST(ConfigurationTest, NoNamesConfiguredMeansNoLookup) {
  Fixture f;
  Result<std::unique_ptr<AccountNameLookup>> names =
      BuildAccountNameLookup(MapEnvironment({}), nullptr, f.http, f.clock, f.clock);
  ASSERT_TRUE(names.has_value());
  EXPECT_EQ(names->get(), nullptr);
}

}  // namespace
}  // namespace gdslack
