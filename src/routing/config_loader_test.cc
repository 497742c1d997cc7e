#include "routing/config_loader.h"

#include <gtest/gtest.h>

#include "routing/test_findings.h"

namespace gdslack {
namespace {

using testing::SourceDir;

TEST(ConfigLoaderTest, LoadsTheExample) {
  Result<RoutingConfig> config = LoadRoutingConfigFile(SourceDir() + "/config/example.yaml");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->destinations.size(), 3u);
  const DestinationConfig& security = config->destinations.at("security");
  EXPECT_EQ(security.kind, DestinationKind::kSlackWebhook);
  EXPECT_EQ(security.digest_after, 5);
  EXPECT_EQ(security.pace_burst, 3);
  EXPECT_EQ(config->destinations.at("non-production").url_parameter, "/guardduty-slack/webhook-nonprod");
  EXPECT_EQ(config->destinations.at("on-call-sms").kind, DestinationKind::kSns);
  ASSERT_EQ(config->routes.size(), 4u);
  EXPECT_TRUE(config->routes[0].continue_matching);
  EXPECT_TRUE(config->routes[1].drop);
  EXPECT_EQ(config->routes[2].update_policy, UpdatePolicy::kFirst);
  const Route& production = config->routes[3];
  EXPECT_EQ(production.update_policy, UpdatePolicy::kEscalations);
  EXPECT_EQ(production.escalation_steps, (std::vector<int64_t>{10, 100, 1000}));
  ASSERT_EQ(production.routes.size(), 1u);
  // Children inherit destinations and policy, and add their own mention.
  EXPECT_EQ(production.routes[0].to, std::vector<std::string>{"security"});
  EXPECT_EQ(production.routes[0].update_policy, UpdatePolicy::kEscalations);
  EXPECT_EQ(production.routes[0].mention, "<!here>");
  EXPECT_EQ(config->default_route.to, std::vector<std::string>{"security"});
  ASSERT_EQ(config->mutes.size(), 2u);
  EXPECT_EQ(config->mutes[0].until_unix_s, *ParseMuteUntil("2027-01-01T00:00:00Z"));
  EXPECT_TRUE(config->filters.skip_archived);
}

TEST(ConfigLoaderTest, ReadsDailySummaryAndItsRegions) {
  Result<RoutingConfig> config = LoadRoutingConfig(
      "summary_regions: [eu-west-1, us-gov-west-1]\n"
      "destinations:\n  a:\n    slack: {}\n    summary: daily\n  b:\n    slack: {}\ndefault: {to: [a, b]}\n",
      "inline.yaml");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_TRUE(config->destinations.at("a").daily_summary);
  EXPECT_FALSE(config->destinations.at("b").daily_summary);
  EXPECT_TRUE(WantsDailySummary(*config));
  EXPECT_EQ(config->summary_regions, (std::vector<std::string>{"eu-west-1", "us-gov-west-1"}));
}

TEST(ConfigLoaderTest, AcceptsJson) {
  Result<RoutingConfig> config = LoadRoutingConfig(
      R"({"destinations": {"a": {"slack": {"url": "http://127.0.0.1:1/x"}}},
          "routes": [{"match": {"severity": ["high", "critical"]}, "to": ["a"]}],
          "default": {"drop": true}})",
      "inline.json");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->routes[0].match.bands.size(), 2u);
  EXPECT_TRUE(config->default_route.drop);
  EXPECT_EQ(config->destinations.at("a").url.Reveal(), "http://127.0.0.1:1/x");
  // As JSON tools write it: no space after a colon, tabs for indentation.
  Result<RoutingConfig> compact = LoadRoutingConfig(
      "{\n\t\"destinations\":{\"a\":{\"slack\":{\"url\":\"http://127.0.0.1:1/"
      "x\"}}},\n\t\"default\":{\"to\":[\"a\"]}\n}\n",
      "compact.json");
  ASSERT_TRUE(compact) << compact.error().message();
  EXPECT_EQ(compact->default_route.to, std::vector<std::string>{"a"});
}

struct BadCase {
  const char* text;
  const char* error_prefix;  // "bad.yaml:LINE: KEY"
};

class ConfigLoaderBadTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(ConfigLoaderBadTest, NamesLineAndKey) {
  Result<RoutingConfig> config = LoadRoutingConfig(GetParam().text, "bad.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code(), Code::kConfig);
  EXPECT_EQ(config.error().message().rfind(GetParam().error_prefix, 0), 0u) << config.error().message();
  EXPECT_EQ(config.error().message().find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ConfigLoaderBadTest,
    ::testing::Values(
        BadCase{"destinations: [", "bad.yaml:1: while parsing a flow node: did not find expected node content"},
        BadCase{"- just\n- a list\n", "bad.yaml:1: (top level)"},
        BadCase{"default: {drop: true}\n", "bad.yaml:1: destinations: required"},
        BadCase{"destinations:\n  a:\n    slack: {}\n", "bad.yaml:1: default: required"},
        BadCase{"destinations:\n  a:\n    slak: {}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.slak: unknown key"},
        BadCase{"destinations:\n  a:\n    sns: {topic_arn: nope}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.sns.topic_arn: not an SNS topic ARN"},
        BadCase{"destinations:\n  a:\n    slack: {url: \"https://hooks.slack.com/services/x\", url_secret: y}\n"
                "default: {to: a}\n",
                "bad.yaml:3: destinations.a.slack: give one of"},
        BadCase{"destinations:\n  a:\n    slack: {}\n    pace: {burst: 0}\ndefault: {to: a}\n",
                "bad.yaml:4: destinations.a.pace.burst: expected a whole number"},
        BadCase{"destinations:\n  a:\n    slack: {}\nroutes:\n  - to: b\ndefault: {to: a}\n",
                "bad.yaml:5: routes[0].to: unknown destination \"b\""},
        BadCase{"destinations:\n  a:\n    slack: {}\nroutes:\n  - match: {severity: 7}\n    to: a\ndefault: {to: a}\n",
                "bad.yaml:5: routes[0].match.severity: expected low"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\nroutes:\n  - match: {min_severity: 11}\n    to: a\ndefault: {to: a}\n",
            "bad.yaml:5: routes[0].match.min_severity:"},
        BadCase{"destinations:\n  a:\n    slack: {}\nroutes:\n  - match: {colour: red}\n    to: a\ndefault: {to: a}\n",
                "bad.yaml:5: routes[0].match.colour: unknown key"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\nroutes:\n  - match: {sample: maybe}\n    to: a\ndefault: {to: a}\n",
            "bad.yaml:5: routes[0].match.sample: expected true or false"},
        BadCase{"destinations:\n  a:\n    slack: {}\nroutes:\n  - name: x\ndefault: {to: a}\n",
                "bad.yaml:5: routes[0]: needs to:"},
        BadCase{"destinations:\n  a:\n    slack: {}\nroutes:\n  - to: a\n    mention: "
                "\"<https://evil|click>\"\ndefault: {to: a}\n",
                "bad.yaml:6: routes[0].mention: expected"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\nroutes:\n  - to: a\n    update_policy: sometimes\ndefault: {to: a}\n",
            "bad.yaml:6: routes[0].update_policy: expected all, first or escalations"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\nroutes:\n  - to: a\n    escalation_steps: [10, 5]\ndefault: {to: a}\n",
            "bad.yaml:6: routes[0].escalation_steps[1]: steps must be ascending"},
        BadCase{"destinations:\n  a:\n    slack: {}\ndefault: {to: a}\nmutes:\n  - reason: r\n    until: 2026-12-31\n",
                "bad.yaml:6: mutes[0]: needs match: or finding_id:"},
        BadCase{"destinations:\n  a:\n    slack: {}\ndefault: {to: a}\nmutes:\n  - reason: r\n    finding_id: x\n    "
                "until: soon\n",
                "bad.yaml:8: mutes[0].until: expected a date"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\ndefault: {to: a}\nmutes:\n  - finding_id: x\n    until: 2026-12-31\n",
            "bad.yaml:6: mutes[0].reason: required"},
        // Daily summaries (issue 20): daily only, Slack only, Region names only.
        BadCase{"destinations:\n  a:\n    slack: {}\n    summary: weekly\ndefault: {to: a}\n",
                "bad.yaml:4: destinations.a.summary: expected daily"},
        BadCase{"destinations:\n  a:\n    sns: {topic_arn: \"arn:aws:sns:eu-west-2:111111111111:t\"}\n"
                "    summary: daily\ndefault: {to: a}\n",
                "bad.yaml:4: destinations.a.summary: summaries are for Slack destinations"},
        BadCase{"summary_regions: [eu-west-1, \"evil.com/x\"]\ndestinations:\n  a:\n    slack: {}\ndefault: {to: a}\n",
                "bad.yaml:1: summary_regions: not a Region name: evil.com/x"},
        // What init refuses, check-config refuses (issue 17): webhook hosts, match-all mutes and drops, names.
        BadCase{"destinations:\n  a:\n    slack: {url: \"http://hooks.slack.com/services/x\"}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.slack.url: the Slack webhook URL for hooks.slack.com must use https://"},
        BadCase{"destinations:\n  a:\n    slack: {url: \"https://example.com/services/x\"}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.slack.url: the Slack webhook URL's host example.com is not Slack's"},
        BadCase{"destinations:\n  a:\n    slack: {url: \"not a url\"}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.slack.url: the Slack webhook URL must start with https://"},
        BadCase{"triage: {allowed_users: [\"alice\"]}\ndestinations:\n  a:\n    slack: {}\ndefault: {to: a}\n",
                "bad.yaml:1: triage.allowed_users: not a Slack user id (U0123ABCD): alice"},
        BadCase{"triage: {allowed_groups: [\"S1\"]}\ndestinations:\n  a:\n    slack: {}\ndefault: {to: a}\n",
                "bad.yaml:1: triage.allowed_groups: unknown key"},
        BadCase{"allowed_webhook_hosts: [\"proxy.internal/x\"]\ndestinations:\n  a:\n    slack: {}\ndefault: {to: a}\n",
                "bad.yaml:1: allowed_webhook_hosts: not a host name"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\ndefault: {to: a}\nmutes:\n  - reason: r\n    match: {type: \"*\"}\n"
            "    until: 9999-12-31\n",
            "bad.yaml:7: mutes[0].match: matches every finding"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\ndefault: {to: a}\nmutes:\n  - reason: r\n    match: {min_severity: "
            "low, account: [\"**\"], severity: [low, medium, high, critical]}\n    until: 2999-01-01\n",
            "bad.yaml:7: mutes[0].match: matches every finding"},
        BadCase{
            "destinations:\n  a:\n    slack: {}\nroutes:\n  - {match: {region: \"*\"}, drop: true}\ndefault: {to: a}\n",
            "bad.yaml:5: routes[0].drop: drops every finding"},
        BadCase{"destinations:\n  a:\n    slack: {}\nroutes:\n  - {name: x, match: {severity: high}, to: a}\n"
                "  - {name: x, match: {severity: low}, to: a}\ndefault: {to: a}\n",
                "bad.yaml:6: routes: the route name \"x\" is used twice"},
        BadCase{"destinations:\n  a:\n    slack: {}\n  a:\n    sns: {topic_arn: "
                "\"arn:aws:sns:eu-west-2:111111111111:t\"}\ndefault: {to: a}\n",
                "bad.yaml:4: destinations.a: defined twice"},
        // Slack app destinations (issue 17): a channel id, one token source, no webhook beside it, no digests.
        BadCase{"destinations:\n  a:\n    slack: {channel: \"#security\"}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.slack.channel: expected a channel id"},
        BadCase{"destinations:\n  a:\n    slack: {channel: C0123456789, url_parameter: /p}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.slack: a Slack destination has a webhook url or a channel"},
        BadCase{"destinations:\n  a:\n    slack: {channel: C0123456789, token_parameter: /p, token_secret: s}\n"
                "default: {to: a}\n",
                "bad.yaml:3: destinations.a.slack: give one of token_parameter, token_secret"},
        BadCase{"destinations:\n  a:\n    slack: {token_parameter: /p}\ndefault: {to: a}\n",
                "bad.yaml:3: destinations.a.slack: a bot token needs channel:"},
        BadCase{"destinations:\n  a:\n    slack: {channel: C0123456789}\n    digest_after: 3\ndefault: {to: a}\n",
                "bad.yaml:4: destinations.a.digest_after: digests are for Slack webhook destinations"}));

// The fixed formats the loader checks by hand (not std::regex, for init time): what passes and what does not.
TEST(ConfigLoaderTest, FixedFormatsAcceptExactlyTheirShape) {
  auto load = [](const std::string& destinations, const std::string& extra = "") {
    return LoadRoutingConfig("destinations:\n" + destinations + "default: {to: a}\n" + extra, "f.yaml");
  };
  for (const char* arn :
       {"arn:aws:sns:eu-west-2:111111111111:t", "arn:aws-us-gov:sns:us-gov-west-1:111111111111:a.b_c-d",
        "arn:aws-cn:sns:cn-north-1:111111111111:t"}) {
    EXPECT_TRUE(load(std::string("  a: {sns: {topic_arn: \"") + arn + "\"}}\n")) << arn;
  }
  for (const char* arn : {"arn:aws:sns:eu-west-2:11111111111:t", "arn:aws:sqs:eu-west-2:111111111111:t",
                          "arn:aws:sns:eu-west-2:111111111111:", "arn:aws:sns:eu-west-2:111111111111:t:x",
                          "arn:aws:sns:EU:111111111111:t", "arn:aws-xx:sns:eu-west-2:111111111111:t",
                          "arn:aws:sns:eu-west-2:111111111111:t/x"}) {
    EXPECT_FALSE(load(std::string("  a: {sns: {topic_arn: \"") + arn + "\"}}\n")) << arn;
  }
  for (const char* mention : {"<!here>", "<!subteam^S0123AB>", "<@U01234> <@W99>", "<!channel> <!everyone>"}) {
    EXPECT_TRUE(load("  a: {slack: {}}\nroutes:\n  - {to: a, mention: \"" + std::string(mention) + "\"}\n")) << mention;
  }
  for (const char* mention : {"<!here", "<@u123>", "<@U1>", "<!subteam^>", "<http://x|y>", "here", "<@B0123>"}) {
    EXPECT_FALSE(load("  a: {slack: {}}\nroutes:\n  - {to: a, mention: \"" + std::string(mention) + "\"}\n"))
        << mention;
  }
  for (const char* host : {"proxy.internal", "a", "x-1.example.com"}) {
    EXPECT_TRUE(LoadRoutingConfig(
        std::string("allowed_webhook_hosts: [\"") + host + "\"]\ndestinations:\n  a: {slack: {}}\ndefault: {to: a}\n",
        "h.yaml"))
        << host;
  }
  for (const char* host : {"-x.com", "x-.com", "a..b", "a.b.", "a_b.com", ""}) {
    EXPECT_FALSE(LoadRoutingConfig(
        std::string("allowed_webhook_hosts: [\"") + host + "\"]\ndestinations:\n  a: {slack: {}}\ndefault: {to: a}\n",
        "h.yaml"))
        << host;
  }
  EXPECT_TRUE(load("  a: {slack: {channel: G0123456}}\n"));
  EXPECT_FALSE(load("  a: {slack: {channel: C01234}}\n"));    // too short
  EXPECT_FALSE(load("  a: {slack: {channel: c0123456}}\n"));  // lower case
  EXPECT_TRUE(ParseMuteUntil("2026-12-31").has_value());
  EXPECT_FALSE(ParseMuteUntil("2026-1-231").has_value());
  EXPECT_FALSE(ParseMuteUntil("2026-12-3a").has_value());
}

TEST(ConfigLoaderTest, TheTriageSectionNamesWhoMayAct) {
  Result<RoutingConfig> c = LoadRoutingConfig(
      "triage:\n  allowed_users: [U0ALICE, W0BOB]\ndestinations:\n  a: {slack: {}}\ndefault: {to: a}\n", "t.yaml");
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->triage_allowed_users, (std::vector<std::string>{"U0ALICE", "W0BOB"}));
}

TEST(ConfigLoaderTest, AChannelMakesASlackAppDestination) {
  Result<RoutingConfig> config = LoadRoutingConfig(
      "destinations:\n  app:\n    slack: {channel: C0123456789, token_secret: gd/token}\n"
      "  hooks:\n    slack: {url_parameter: /gd/hook}\ndefault: {to: [app, hooks]}\n",
      "app.yaml");
  ASSERT_TRUE(config) << config.error().message();
  const DestinationConfig& app = config->destinations.at("app");
  EXPECT_EQ(app.kind, DestinationKind::kSlackApp);
  EXPECT_EQ(app.channel, "C0123456789");
  EXPECT_EQ(app.token_secret, "gd/token");
  EXPECT_TRUE(app.token_parameter.empty());
  EXPECT_EQ(config->destinations.at("hooks").kind, DestinationKind::kSlackWebhook);
}

TEST(ConfigLoaderTest, AllowedWebhookHostsAndLoopback) {
  for (const char* url :
       {"https://hooks.slack.com/services/x", "https://hooks.slack-gov.com/services/x", "http://127.0.0.1:8080/x",
        "https://localhost/x", "http://[::1]:9/x", "https://proxy.internal/x"}) {
    const std::string text =
        std::string("allowed_webhook_hosts: [proxy.internal]\ndestinations:\n  a:\n    slack: {url: \"") + url +
        "\"}\ndefault: {to: a}\n";
    Result<RoutingConfig> config = LoadRoutingConfig(text, "ok.yaml");
    EXPECT_TRUE(config) << url << ": " << config.error().message();
  }
  // A drop or mute with a real condition stays valid; so does a child drop under a matching parent.
  EXPECT_TRUE(
      LoadRoutingConfig("destinations:\n  a:\n    slack: {}\nroutes:\n  - match: {account: \"1*\"}\n"
                        "    routes: [{match: {type: \"*\"}, drop: true}]\n    to: a\n"
                        "default: {drop: true}\n",
                        "ok.yaml"));
}

TEST(ConfigLoaderTest, ExpiredMutesAreWarnings) {
  Result<RoutingConfig> config = LoadRoutingConfig(
      "destinations:\n  a:\n    slack: {}\ndefault: {to: a}\nmutes:\n  - {reason: old, finding_id: x, until: "
      "2020-01-31}\n"
      "  - {reason: live, finding_id: y, until: 2999-01-01}\n",
      "m.yaml");
  ASSERT_TRUE(config) << config.error().message();
  const std::vector<std::string> warnings = ConfigWarnings(*config, *ParseMuteUntil("2026-12-07"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "m.yaml:6: mutes[0]: expired (until 2020-01-31); it no longer applies, remove it");
}

TEST(ConfigLoaderTest, SummaryRegionsWithoutASummaryIsAWarning) {
  Result<RoutingConfig> config =
      LoadRoutingConfig("summary_regions: eu-west-1\ndestinations:\n  a:\n    slack: {}\ndefault: {to: a}\n", "s.yaml");
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(ConfigWarnings(*config, 0),
            std::vector<std::string>{
                "s.yaml: summary_regions is set but no destination has summary: daily; no summary is posted"});
  config->destinations.at("a").daily_summary = true;
  EXPECT_TRUE(ConfigWarnings(*config, 0).empty());
}

TEST(ConfigLoaderTest, UnreadableFileIsAConfigError) {
  Result<RoutingConfig> config = LoadRoutingConfigFile("/nonexistent/routing.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code(), Code::kConfig);
  EXPECT_NE(config.error().message().find("/nonexistent/routing.yaml"), std::string::npos);
}

TEST(ConfigLoaderTest, MuteUntilIncludesTheNamedDay) {
  EXPECT_EQ(ParseMuteUntil("2026-12-31"), ParseMuteUntil("2027-01-01T00:00:00Z"));
  EXPECT_EQ(ParseMuteUntil("2026-12-31T18:00:00+01:00"), ParseMuteUntil("2026-12-31T17:00:00Z"));
  EXPECT_FALSE(ParseMuteUntil("next week"));
}

TEST(ConfigLoaderTest, DefaultConfigSendsEverythingToTheEnvironmentWebhook) {
  RoutingConfig config = DefaultRoutingConfig();
  ASSERT_EQ(config.destinations.count("slack"), 1u);
  EXPECT_TRUE(config.destinations.at("slack").url.empty());
  EXPECT_EQ(config.default_route.to, std::vector<std::string>{"slack"});
}

}  // namespace
}  // namespace gdslack
