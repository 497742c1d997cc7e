#include "cli/iam_needs.h"

#include <sstream>

namespace gdslack {

std::string DescribeIamNeeds(const RoutingConfig& config) {
  std::ostringstream out;
  for (const auto& [name, d] : config.destinations) {
    const char* action = nullptr;
    const std::string* resource = nullptr;
    if (d.kind == DestinationKind::kSns) {
      action = "sns:Publish";
      resource = &d.topic_arn;
    } else if (!d.url_parameter.empty()) {
      action = "ssm:GetParameter";
      resource = &d.url_parameter;
    } else if (!d.url_secret.empty()) {
      action = "secretsmanager:GetSecretValue";
      resource = &d.url_secret;
    }
    if (action != nullptr) out << "  " << name << ": " << action << " " << *resource << "\n";
  }
  const std::string lines = out.str();
  return lines.empty() ? "iam: none\n" : "iam:\n" + lines;
}

}  // namespace gdslack
