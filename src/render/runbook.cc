#include "render/runbook.h"

#include <string_view>

namespace gdslack {
namespace {

// "Recon:EC2/PortProbeUnprotectedPort" -> "EC2"; "" when the type has no such part.
std::string_view ResourcePart(std::string_view type) {
  const std::size_t colon = type.find(':');
  if (colon == std::string_view::npos) return {};
  const std::size_t slash = type.find('/', colon + 1);
  if (slash == std::string_view::npos) return {};
  return type.substr(colon + 1, slash - colon - 1);
}

// The page name under .../guardduty/latest/ug/ for a finding.
std::string_view PageFor(const Finding& f) {
  if (f.kind == EventKind::kMalwareScan) return "compromised-s3object-malware-protection-gdu.html";
  const std::string_view part = ResourcePart(f.type);
  if (part == "Runtime") {
    // Runtime Monitoring's guide is split by resource type; its own page covers the rest.
    if (f.resource_type == "Instance") return "compromised-ec2.html";
    if (f.resource_type == "ECSCluster") return "compromised-ecs.html";
    if (f.resource_type == "Container") return "remediate-compromised-standalone-container.html";
    if (f.resource_type == "EKSCluster") return "guardduty-remediate-kubernetes.html";
    return "guardduty-remediate-runtime-monitoring.html";
  }
  if (part == "EC2") return "compromised-ec2.html";
  if (part == "IAMUser" || part == "IAM") return "compromised-creds.html";
  if (part == "S3") return "compromised-s3.html";
  if (part == "Kubernetes" || part == "EKS") return "guardduty-remediate-kubernetes.html";
  if (part == "ECS") return "compromised-ecs.html";
  if (part == "RDS") return "guardduty-remediate-compromised-database-rds.html";
  if (part == "Lambda") return "remediate-lambda-protection-finding-types.html";
  if (part == "Container") return "remediate-compromised-standalone-container.html";
  return "guardduty_remediate.html";
}

}  // namespace

std::string DefaultRunbookUrl(const Finding& f) {
  const std::string host =
      f.partition == "aws-cn" ? "https://docs.amazonaws.cn/en_us" : std::string("https://docs.aws.amazon.com");
  return host + "/guardduty/latest/ug/" + std::string(PageFor(f));
}

std::string RunbookUrl(const Finding& f) { return f.runbook_url.empty() ? DefaultRunbookUrl(f) : f.runbook_url; }

}  // namespace gdslack
