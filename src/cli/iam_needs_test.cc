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
