#include "app/delivery_setup.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/bot_token.h"
#include "app/routing_setup.h"
#include "base/fake_clock.h"
#include "http/fake_http_client.h"
#include "routing/config_loader.h"
#include "routing/test_findings.h"

namespace gdslack {
namespace {

const std::string kToken = "xoxb-1234-5678-TokenSecretValue";

struct Fixture {
  FakeHttpClient http;
  FakeClock clock;
  AwsAccess aws;
  RoutingConfig config;
  Fixture() {
    Credentials c;
    c.access_key_id = "AKIDEXAMPLE";
    c.secret_access_key = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    aws.credentials = std::make_unique<StaticCredentialsProvider>(std::move(c));
    aws.region = "eu-west-2";
  }
  Result<Secret> Token(std::map<std::string, std::string> vars, bool with_aws = true) {
    const EnvLookup env = MapEnvironment(std::move(vars));
    return ReadBotToken(BotTokenFromEnvironment(env), env, with_aws ? &aws : nullptr, http, clock, clock,
                        clock.NowUnixMs() + 5000);
  }
  // Builds what Lambda's init builds: the routing file `yaml`, or without one the environment's configuration.
  Result<std::unique_ptr<DeliverySetup>> Build(std::map<std::string, std::string> vars, bool with_aws = true,
                                               const std::string& yaml = "") {
    const EnvLookup env = MapEnvironment(std::move(vars));
    Result<RoutingConfig> loaded = yaml.empty() ? RoutingConfigFromEnvironment(env) : LoadRoutingConfig(yaml, "r.yaml");
    if (!loaded) return loaded.error();
    config = std::move(*loaded);
    DestinationServices services;
    services.env = env;
    services.aws = with_aws ? &aws : nullptr;
    services.slack_http = &http;
    services.aws_http = &http;
    services.clock = &clock;
    services.sleeper = &clock;
    services.deadline_unix_ms = clock.NowUnixMs() + 5000;
    services.environment_webhook = [this, env, with_aws] {
      return ResolveWebhookUrl(env, with_aws ? &aws : nullptr, http, clock, clock, clock.NowUnixMs() + 5000);
    };
    return BuildDelivery(config, services);
  }
  Notifier* Default(DeliverySetup& setup) const { return setup.destinations->For(config.default_route, "slack"); }
};

TEST(DeliverySetupTest, PolicyDefaultsDependOnTheTable) {
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

TEST(DeliverySetupTest, BadSettingsNameTheVariable) {
  for (auto [var, value] : std::vector<std::pair<std::string, std::string>>{
           {"UPDATE_POLICY", "sometimes"}, {"ESCALATION_STEPS", "100,10"}, {"THREAD_REPLIES", "yes"}}) {
    Result<StateSettings> s = StateSettingsFromEnvironment(MapEnvironment({{var, value}}));
    ASSERT_FALSE(s.has_value()) << var;
    EXPECT_EQ(s.error().code(), Code::kConfig);
    EXPECT_NE(s.error().message().find(var), std::string::npos) << s.error().message();
  }
}

TEST(DeliverySetupTest, BotTokenFromEnvironmentSsmOrSecret) {
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

TEST(DeliverySetupTest, TokenErrorsNeverShowTheValue) {
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

TEST(DeliverySetupTest, AppModeNeedsAChannelAndASafeApiUrl) {
  Fixture f;
  EXPECT_EQ(f.Build({{"SLACK_BOT_TOKEN", kToken}}).error().code(), Code::kConfig);
  Result<std::unique_ptr<DeliverySetup>> http_url =
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

TEST(DeliverySetupTest, StateTableNeedsCredentialsAndWebhookModeStillWorks) {
  Fixture f;
  Result<std::unique_ptr<DeliverySetup>> no_aws =
      f.Build({{"SLACK_URL", "https://hooks.slack.com/services/T/B/x"}, {"STATE_TABLE", "gd"}}, false);
  ASSERT_FALSE(no_aws.has_value());
  EXPECT_NE(no_aws.error().message().find("STATE_TABLE"), std::string::npos);
  EXPECT_TRUE(f.Build({{"SLACK_URL", "https://hooks.slack.com/services/T/B/x"}, {"STATE_TABLE", "gd"}}).has_value());
  EXPECT_EQ(f.Build({}).error().code(), Code::kConfig);  // no webhook and no token
  EXPECT_TRUE(f.http.requests().empty());                // building talks to nobody
}

TEST(DeliverySetupTest, TheEnvironmentsUpdatePolicyIsItsRoutes) {
  Result<RoutingConfig> table = RoutingConfigFromEnvironment(MapEnvironment({{"STATE_TABLE", "gd"}}));
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->default_route.update_policy, UpdatePolicy::kEscalations);
  Result<RoutingConfig> app = RoutingConfigFromEnvironment(MapEnvironment(
      {{"SLACK_BOT_TOKEN_PARAMETER", "/gd/t"}, {"SLACK_CHANNEL", "C0123456"}, {"UPDATE_POLICY", "first"}}));
  ASSERT_TRUE(app.has_value());
  EXPECT_EQ(app->destinations.at("slack").kind, DestinationKind::kSlackApp);
  EXPECT_EQ(app->destinations.at("slack").channel, "C0123456");
  EXPECT_EQ(app->default_route.update_policy, UpdatePolicy::kFirst);
  EXPECT_EQ(RoutingConfigFromEnvironment(MapEnvironment({{"UPDATE_POLICY", "never"}})).error().code(), Code::kConfig);
}

// Without a table, `first` is judged against what this process posted: a finding seen for the first time posts
// whatever its count (its count-1 event may have been lost), and a later version of it does not.
TEST(DeliverySetupTest, FirstWithoutATableNeverSkipsAFindingForGood) {
  Fixture f;
  Result<std::unique_ptr<DeliverySetup>> setup =
      f.Build({{"SLACK_URL", "https://hooks.slack.com/services/T/B/x"}, {"UPDATE_POLICY", "first"}});
  ASSERT_TRUE(setup.has_value()) << setup.error().ToString();
  Finding f5 = testing::MakeFinding(5.0);
  f5.count = 5;
  f5.updated_at.text = "2026-12-01T00:00:05Z";
  f.http.Push(200, "ok");
  NotifyOutcome first = f.Default(**setup)->Notify(f5, f.clock.NowUnixMs() + 10000);
  ASSERT_TRUE(first.status.ok()) << first.status.ToString();
  EXPECT_TRUE(first.held_back.empty());
  Finding f6 = f5;
  f6.count = 6;
  f6.updated_at.text = "2026-12-01T00:00:06Z";
  NotifyOutcome again = f.Default(**setup)->Notify(f6, f.clock.NowUnixMs() + 10000);
  EXPECT_TRUE(again.status.ok());
  EXPECT_FALSE(again.held_back.empty());
  EXPECT_EQ(f.http.requests().size(), 1u);
}

TEST(DeliverySetupTest, ARoutingFileNamesASlackAppDestinationWithItsOwnToken) {
  Fixture f;
  const std::string yaml = R"(
destinations:
  hooks: {slack: {url: "https://hooks.slack.com/services/T/B/x"}}
  team-app: {slack: {channel: C0123456789, token_parameter: /guardduty-slack/team-token}}
routes:
  - {name: high, match: {severity: [high, critical]}, to: [team-app], mention: "<!here>"}
default: {to: [hooks]}
)";
  f.http.Push(
      200, R"({"Parameter":{"Name":"/guardduty-slack/team-token","Type":"SecureString","Value":")" + kToken + R"("}})");
  Result<std::unique_ptr<DeliverySetup>> setup = f.Build({{"SLACK_API_URL", "http://127.0.0.1:9/api/"}}, true, yaml);
  ASSERT_TRUE(setup.has_value()) << setup.error().ToString();
  ASSERT_EQ(f.http.requests().size(), 1u);  // the token, read once at build
  EXPECT_NE(f.http.requests()[0].body.find("/guardduty-slack/team-token"), std::string::npos);
  f.http.Push(200, R"({"ok":true,"channel":"C0123456789","ts":"1700000000.000100"})");
  Notifier* app = setup->get()->destinations->For(f.config.routes[0], "team-app");
  ASSERT_NE(app, nullptr);
  NotifyOutcome posted = app->Notify(testing::MakeFinding(8.0), f.clock.NowUnixMs() + 10000);
  ASSERT_TRUE(posted.status.ok()) << posted.status.ToString();
  const HttpRequest& call = f.http.requests().back();
  EXPECT_NE(call.url.find("chat.postMessage"), std::string::npos);
  EXPECT_NE(call.body.find("C0123456789"), std::string::npos);
  EXPECT_NE(call.body.find("<!here>"), std::string::npos);
  EXPECT_EQ(setup->get()->destinations->Where("team-app"), "127.0.0.1");
}

TEST(DeliverySetupTest, AnAppDestinationWithoutAnyTokenIsAConfigError) {
  Fixture f;
  Result<std::unique_ptr<DeliverySetup>> setup = f.Build({}, true, R"(
destinations: {app: {slack: {channel: C0123456789}}}
default: {to: [app]}
)");
  ASSERT_FALSE(setup.has_value());
  EXPECT_EQ(setup.error().code(), Code::kConfig);
  EXPECT_NE(setup.error().message().find("destination app: no Slack bot token"), std::string::npos);
}

// The daily summary (issue 20) posts a rendered payload as it is: to an app destination's channel with
// chat.postMessage, to a webhook as given; a summary destination needs no route, and SNS cannot take one.
TEST(DeliverySetupTest, SummaryPayloadsGoToAppAndWebhookDestinationsWithoutARoute) {
  Fixture f;
  const std::string yaml = R"(
destinations:
  hooks: {slack: {url: "https://hooks.slack.com/services/T/B/x"}}
  digest-app: {slack: {channel: C0123456789}, summary: daily}
  digest-hook: {slack: {url: "https://hooks.slack.com/services/T/B/summary"}, summary: daily}
  pager: {sns: {topic_arn: "arn:aws:sns:eu-west-2:111111111111:pager"}}
routes:
  - {name: page, match: {severity: critical}, to: [pager]}
default: {to: [hooks]}
)";
  Result<std::unique_ptr<DeliverySetup>> setup =
      f.Build({{"SLACK_BOT_TOKEN", kToken}, {"SLACK_API_URL", "http://127.0.0.1:9/api/"}}, true, yaml);
  ASSERT_TRUE(setup.has_value()) << setup.error().ToString();
  DestinationSet& set = *setup->get()->destinations;
  const std::string payload = R"({"text":"GuardDuty daily summary","blocks":[]})";
  const int64_t deadline = f.clock.NowUnixMs() + 10000;

  f.http.Push(200, R"({"ok":true,"channel":"C0123456789","ts":"1700000000.000100"})");
  NotifyOutcome app = set.PostPayload("digest-app", payload, deadline);
  ASSERT_TRUE(app.status.ok()) << app.status.ToString();
  EXPECT_NE(f.http.requests().back().url.find("chat.postMessage"), std::string::npos);
  const nlohmann::json args = nlohmann::json::parse(f.http.requests().back().body);
  EXPECT_EQ(args.at("channel"), "C0123456789");
  EXPECT_EQ(args.at("text"), "GuardDuty daily summary");

  f.http.Push(200, "ok");
  NotifyOutcome hook = set.PostPayload("digest-hook", payload, deadline);
  ASSERT_TRUE(hook.status.ok()) << hook.status.ToString();
  EXPECT_EQ(f.http.requests().back().url, "https://hooks.slack.com/services/T/B/summary");
  EXPECT_EQ(f.http.requests().back().body, payload);

  f.http.Push(404, "no_service");  // the webhook was removed: not retried, a failure
  NotifyOutcome refused = set.PostPayload("digest-hook", payload, deadline);
  EXPECT_FALSE(refused.status.ok());
  EXPECT_EQ(refused.http_status, 404);
  EXPECT_EQ(set.PostPayload("pager", payload, deadline).status.code(), Code::kInvalidInput);
  EXPECT_EQ(set.PostPayload("nowhere", payload, deadline).status.code(), Code::kInvalidInput);
}

}  // namespace
}  // namespace gdslack
