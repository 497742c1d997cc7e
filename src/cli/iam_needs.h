// `guardduty-slack check-config --iam FILE`: the parameters, secrets and topics a routing file's destinations
// make the function read or publish to, so that a deployer can hold them against deploy/template.yaml's
// RoutingParameterPrefix, RoutingSecretPrefix and EscalationTopicArns before the first invocation is denied
// (docs/DEPLOY.md, "Routing file destinations").
#pragma once

#include <string>

#include "routing/config.h"

namespace gdslack {

// "iam:\n" then one "  DESTINATION: ACTION NAME-OR-ARN\n" per need, in destination order, or "iam: none\n".
// A Slack app destination needs its token_parameter or token_secret. A `slack: {}` destination needs nothing of its own
// (the stack's webhook is granted by name); an inline `url` needs nothing. Names are printed as the file gives them:
// they are names, not the secrets they hold. A file that routes by owner (UsesAccountInfo) also needs the three
// Organizations reads, on an "account owners:" line.
std::string DescribeIamNeeds(const RoutingConfig& config);

}  // namespace gdslack
