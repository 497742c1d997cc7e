#include "render/runbook.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

Finding Of(const std::string& type, const std::string& resource_type = "") {
  Finding f;
  f.type = type;
  f.resource_type = resource_type;
  return f;
}

TEST(RunbookTest, DefaultPerFamily) {
  const std::string ug = "https://docs.aws.amazon.com/guardduty/latest/ug/";
  const std::vector<std::pair<Finding, std::string>> cases = {
      {Of("Recon:EC2/PortProbeUnprotectedPort"), "compromised-ec2.html"},
      {Of("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"), "compromised-creds.html"},
      {Of("AttackSequence:IAM/CompromisedCredentials"), "compromised-creds.html"},
      {Of("Policy:S3/BucketBlockPublicAccessDisabled"), "compromised-s3.html"},
      {Of("Discovery:Kubernetes/SuccessfulAnonymousAccess"), "guardduty-remediate-kubernetes.html"},
      {Of("AttackSequence:EKS/CompromisedCluster"), "guardduty-remediate-kubernetes.html"},
      {Of("AttackSequence:ECS/CompromisedCluster"), "compromised-ecs.html"},
      {Of("CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin"),
       "guardduty-remediate-compromised-database-rds.html"},
      {Of("Backdoor:Lambda/C&CActivity.B"), "remediate-lambda-protection-finding-types.html"},
      {Of("Execution:Runtime/NewBinaryExecuted", "Instance"), "compromised-ec2.html"},
      {Of("Execution:Runtime/NewBinaryExecuted", "EKSCluster"), "guardduty-remediate-kubernetes.html"},
      {Of("Execution:Runtime/NewBinaryExecuted", "ECSCluster"), "compromised-ecs.html"},
      {Of("Execution:Runtime/NewBinaryExecuted", "Container"), "remediate-compromised-standalone-container.html"},
      {Of("Execution:Runtime/NewBinaryExecuted", "Other"), "guardduty-remediate-runtime-monitoring.html"},
      {Of("Something new"), "guardduty_remediate.html"},
  };
  for (const auto& [f, page] : cases) EXPECT_EQ(DefaultRunbookUrl(f), ug + page) << f.type;
  Finding scan = Of("");
  scan.kind = EventKind::kMalwareScan;
  EXPECT_EQ(DefaultRunbookUrl(scan), ug + "compromised-s3object-malware-protection-gdu.html");
  Finding cn = Of("Recon:EC2/Portscan");
  cn.partition = "aws-cn";
  EXPECT_EQ(DefaultRunbookUrl(cn), "https://docs.amazonaws.cn/en_us/guardduty/latest/ug/compromised-ec2.html");
}

TEST(RunbookTest, ConfiguredUrlWins) {
  Finding f = Of("Recon:EC2/Portscan");
  EXPECT_EQ(RunbookUrl(f), "https://docs.aws.amazon.com/guardduty/latest/ug/compromised-ec2.html");
  f.runbook_url = "https://wiki.example.com/runbooks/ec2";
  EXPECT_EQ(RunbookUrl(f), "https://wiki.example.com/runbooks/ec2");
}

}  // namespace
}  // namespace gdslack
