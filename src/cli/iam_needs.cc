#include "cli/iam_needs.h"

#include <sstream>
#include <utility>

namespace gdslack {

std::string DescribeIamNeeds(const RoutingConfig& config) {
  std::ostringstream out;
  for (const auto& [name, d] : config.destinations) {
    // A Slack app destination reads its bot token; a webhook its URL; each at most one of the two stores.
    for (const auto& [action, resource] : {std::pair<const char*, const std::string*>{"sns:Publish", &d.topic_arn},
                                           {"ssm:GetParameter", &d.url_parameter},
                                           {"secretsmanager:GetSecretValue", &d.url_secret},
                                           {"ssm:GetParameter", &d.token_parameter},
                                           {"secretsmanager:GetSecretValue", &d.token_secret}}) {
      if (!resource->empty()) out << "  " << name << ": " << action << " " << *resource << "\n";
    }
  }
  if (UsesAccountInfo(config)) {
    // Routing by owner reads Organizations, through the same access as account names (deploy/org-role.yaml).
    out << "  account owners: organizations:ListTagsForResource organizations:ListParents "
           "organizations:DescribeOrganizationalUnit (OrgRoleArn or DescribeAccountDirectly=true)\n";
  }
  if (WantsDailySummary(config)) {
    // The daily summary reads GuardDuty by this account's detector in each summary Region (deploy/template.yaml).
    out << "  daily summary: guardduty:ListDetectors (\"*\") guardduty:GetFindingsStatistics guardduty:ListFindings "
           "guardduty:GetFindings (detectors of this account; SummarySchedule)\n";
  }
  const std::string lines = out.str();
  return lines.empty() ? "iam: none\n" : "iam:\n" + lines;
}

}  // namespace gdslack
