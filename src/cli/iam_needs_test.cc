#include "cli/iam_needs.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

DestinationConfig Slack(const std::string& name) {
  DestinationConfig d;
  d.name = name;
  d.kind = DestinationKind::kSlackWebhook;
  return d;
}

TEST(IamNeedsTest, ListsEachDestinationsParameterSecretOrTopic) {
  RoutingConfig config;
  DestinationConfig by_parameter = Slack("nonprod");
  by_parameter.url_parameter = "/guardduty-slack/webhook-nonprod";
  DestinationConfig by_secret = Slack("team");
  by_secret.url_secret = "guardduty-slack/team";
  DestinationConfig sns;
  sns.name = "pager";
  sns.kind = DestinationKind::kSns;
  sns.topic_arn = "arn:aws:sns:us-east-1:111111111111:pager";
  for (const DestinationConfig& d : {by_parameter, by_secret, sns}) config.destinations[d.name] = d;
  EXPECT_EQ(DescribeIamNeeds(config),
            "iam:\n"
            "  nonprod: ssm:GetParameter /guardduty-slack/webhook-nonprod\n"
            "  pager: sns:Publish arn:aws:sns:us-east-1:111111111111:pager\n"
            "  team: secretsmanager:GetSecretValue guardduty-slack/team\n");
}

TEST(IamNeedsTest, RoutingByOwnerNeedsTheOrganizationsReads) {
  RoutingConfig config;
  config.destinations["a"] = Slack("a");
  EXPECT_EQ(DescribeIamNeeds(config), "iam: none\n");
  config.owner_tags = {"team"};
  EXPECT_EQ(DescribeIamNeeds(config),
            "iam:\n"
            "  account owners: organizations:ListTagsForResource organizations:ListParents "
            "organizations:DescribeOrganizationalUnit (OrgRoleArn or DescribeAccountDirectly=true)\n");
  config.owner_tags.clear();
  Route route;
  route.to = {"a"};
  route.to_tag = "slack-destination";
  config.routes.push_back(route);
  EXPECT_NE(DescribeIamNeeds(config).find("organizations:ListParents"), std::string::npos);
}

TEST(IamNeedsTest, ADailySummaryNeedsTheGuardDutyReads) {
  RoutingConfig config;
  config.destinations["a"] = Slack("a");
  EXPECT_EQ(DescribeIamNeeds(config), "iam: none\n");
  config.destinations["a"].daily_summary = true;
  EXPECT_EQ(DescribeIamNeeds(config),
            "iam:\n"
            "  daily summary: guardduty:ListDetectors (\"*\") guardduty:GetFindingsStatistics guardduty:ListFindings "
            "guardduty:GetFindings (detectors of this account; SummarySchedule)\n");
}

TEST(IamNeedsTest, AnAppDestinationNeedsItsBotToken) {
  RoutingConfig config;
  DestinationConfig app = Slack("payments");
  app.kind = DestinationKind::kSlackApp;
  app.channel = "C0123456789";
  app.token_parameter = "/guardduty-slack/payments-token";
  DestinationConfig by_secret = app;
  by_secret.name = "risk";
  by_secret.token_parameter.clear();
  by_secret.token_secret = "guardduty-slack/risk-token";
  DestinationConfig from_environment = app;
  from_environment.name = "security";
  from_environment.token_parameter.clear();
  for (const DestinationConfig& d : {app, by_secret, from_environment}) config.destinations[d.name] = d;
  EXPECT_EQ(DescribeIamNeeds(config),
            "iam:\n"
            "  payments: ssm:GetParameter /guardduty-slack/payments-token\n"
            "  risk: secretsmanager:GetSecretValue guardduty-slack/risk-token\n");
}

TEST(IamNeedsTest, TheEnvironmentsWebhookAndInlineUrlsNeedNothing) {
  RoutingConfig config;
  config.destinations["security"] = Slack("security");
  DestinationConfig local = Slack("local");
  local.url = Secret("http://127.0.0.1:9/hook");
  config.destinations["local"] = local;
  EXPECT_EQ(DescribeIamNeeds(config), "iam: none\n");
}

}  // namespace
}  // namespace gdslack
