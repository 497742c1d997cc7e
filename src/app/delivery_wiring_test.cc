#include "app/delivery_wiring.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

const std::string kToken = "xoxb-1234-5678-TokenSecretValue";

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
  Result<Secret> Token(std::map<std::string, std::string> vars, bool with_aws = true) {
    return ResolveBotToken(MapEnvironment(std::move(vars)), with_aws ? &aws : nullptr, http, clock, clock,
                           clock.NowUnixMs() + 5000);
  }
  Result<std::unique_ptr<Notifier>> Build(std::map<std::string, std::string> vars, bool with_aws = true) {
    return BuildNotifierFromEnvironment(MapEnvironment(std::move(vars)), with_aws ? &aws : nullptr, http, http, clock,
                                        clock, nullptr, clock.NowUnixMs() + 5000);
  }
};

TEST(DeliveryWiringTest, PolicyDefaultsDependOnTheTable) {
  Result<StateSettings> none = StateSettingsFromEnvironment(MapEnvironment({}));
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->policy.policy, UpdatePolicy::kAll);
  EXPECT_TRUE(none->table.empty());
  Result<StateSettings> table = StateSettingsFromEnvironment(MapEnvironment({{"STATE_TABLE", "gd-state"}}));
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->policy.policy, UpdatePolicy::kEscalations);
  EXPECT_EQ(table->policy.steps, (std::vector<int64_t>{10, 100, 1000}));
  Result<StateSettings> set = StateSettingsFromEnvironment(MapEnvironment(
      {{"STATE_TABLE", "t"}, {"UPDATE_POLICY", "first"}, {"ESCALATION_STEPS", "5,50"}, {"THREAD_REPLIES", "false"}}));
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->policy.policy, UpdatePolicy::kFirst);
  EXPECT_EQ(set->policy.steps, (std::vector<int64_t>{5, 50}));
  EXPECT_FALSE(set->policy.thread_replies);
}

TEST(DeliveryWiringTest, BadSettingsNameTheVariable) {
  for (auto [var, value] : std::vector<std::pair<std::string, std::string>>{
           {"UPDATE_POLICY", "sometimes"}, {"ESCALATION_STEPS", "100,10"}, {"THREAD_REPLIES", "yes"}}) {
    Result<StateSettings> s = StateSettingsFromEnvironment(MapEnvironment({{var, value}}));
    ASSERT_FALSE(s.has_value()) << var;
    EXPECT_EQ(s.error().code(), Code::kConfig);
    EXPECT_NE(s.error().message().find(var), std::string::npos) << s.error().message();
  }
}

TEST(DeliveryWiringTest, BotTokenFromEnvironmentSsmOrSecret) {
  Fixture f;
  Result<Secret> none = f.Token({});
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(f.Token({{"SLACK_BOT_TOKEN", kToken}})->Reveal(), kToken);

  f.http.Push(200, R"({"Parameter":{"Name":"/gd/token","Type":"SecureString","Value":")" + kToken + R"("}})");
  EXPECT_EQ(f.Token({{"SLACK_BOT_TOKEN_PARAMETER", "/gd/token"}})->Reveal(), kToken);
  EXPECT_NE(f.http.requests().back().body.find("\"WithDecryption\":true"), std::string::npos);

  f.http.Push(200, R"({"Name":"gd","SecretString":"{\"token\":\")" + kToken + R"(\"}"})");
  EXPECT_EQ(f.Token({{"SLACK_BOT_TOKEN_SECRET", "gd"}})->Reveal(), kToken);
}

TEST(DeliveryWiringTest, TokenErrorsNeverShowTheValue) {
  Fixture f;
  Result<Secret> bad = f.Token({{"SLACK_BOT_TOKEN", "https://hooks.slack.com/services/T/B/notatoken"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), Code::kConfig);
  EXPECT_EQ(bad.error().message().find("notatoken"), std::string::npos);
  Result<Secret> no_aws = f.Token({{"SLACK_BOT_TOKEN_PARAMETER", "/gd/token"}}, false);
  ASSERT_FALSE(no_aws.has_value());
  EXPECT_EQ(no_aws.error().code(), Code::kConfig);
  f.http.Push(400, R"({"__type":"ParameterNotFound","message":""})");
  Result<Secret> missing = f.Token({{"SLACK_BOT_TOKEN_PARAMETER", "/gd/nope"}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), Code::kConfig);
  EXPECT_NE(missing.error().message().find("SLACK_BOT_TOKEN_PARAMETER /gd/nope"), std::string::npos);
}

TEST(DeliveryWiringTest, AppModeNeedsAChannelAndASafeApiUrl) {
  Fixture f;
  EXPECT_EQ(f.Build({{"SLACK_BOT_TOKEN", kToken}}).error().code(), Code::kConfig);
  Result<std::unique_ptr<Notifier>> http_url =
      f.Build({{"SLACK_BOT_TOKEN", kToken}, {"SLACK_CHANNEL", "C1"}, {"SLACK_API_URL", "http://slack.example/api/"}});
  ASSERT_FALSE(http_url.has_value());
  EXPECT_NE(http_url.error().message().find("SLACK_API_URL"), std::string::npos);
  EXPECT_TRUE(f.Build({{"SLACK_BOT_TOKEN", kToken}, {"SLACK_CHANNEL", "C1"}}).has_value());
  EXPECT_TRUE(
      f.Build({{"SLACK_BOT_TOKEN", kToken}, {"SLACK_CHANNEL", "C1"}, {"SLACK_API_URL", "http://127.0.0.1:9/api/"}})
          .has_value());
  EXPECT_FALSE(
      f.Build({{"SLACK_BOT_TOKEN", kToken}, {"SLACK_CHANNEL", "C1"}, {"SLACK_API_URL", "slack.com"}}).has_value());
}

TEST(DeliveryWiringTest, StateTableNeedsCredentialsAndWebhookModeStillWorks) {
  Fixture f;
  Result<std::unique_ptr<Notifier>> no_aws =
      f.Build({{"SLACK_URL", "https://hooks.slack.com/services/T/B/x"}, {"STATE_TABLE", "gd"}}, false);
  ASSERT_FALSE(no_aws.has_value());
  EXPECT_NE(no_aws.error().message().find("STATE_TABLE"), std::string::npos);
  EXPECT_TRUE(f.Build({{"SLACK_URL", "https://hooks.slack.com/services/T/B/x"}, {"STATE_TABLE", "gd"}}).has_value());
  EXPECT_EQ(f.Build({}).error().code(), Code::kConfig);  // no webhook and no token
  EXPECT_TRUE(f.http.requests().empty());                // building talks to nobody
}

}  // namespace
}  // namespace gdslack
