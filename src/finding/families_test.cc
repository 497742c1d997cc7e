// GuardDuty's newer families, read from testdata/events/families (SOURCES.md): the facts a responder needs.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "finding/parser.h"

namespace gdslack {
namespace {

std::string ReadFile(const std::string& name) {
  std::ifstream in(std::string(GDSLACK_SOURCE_DIR) + "/testdata/events/families/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Finding Family(const std::string& name, const ParseOptions& options = ParseOptions{}) {
  auto items = ParseDocument(ReadFile(name), name, options);
  EXPECT_TRUE(items.has_value());
  if (!items.has_value() || items->size() != 1 || !(*items)[0].finding) {
    ADD_FAILURE() << name << ": not one finding";
    return Finding{};
  }
  return *(*items)[0].finding;
}

// Values of every fact with `label`, in order.
std::vector<std::string> Values(const std::vector<Fact>& facts, const std::string& label) {
  std::vector<std::string> out;
  for (const Fact& f : facts) {
    if (f.label == label) out.push_back(f.value);
  }
  return out;
}

std::string Value(const std::vector<Fact>& facts, const std::string& label) {
  std::vector<std::string> values = Values(facts, label);
  return values.empty() ? "<none>" : values.front();
}

TEST(FamiliesTest, CustomDetectionRuleNamesItsRuleAndApiCalls) {
  const Finding f = Family("CustomRule_CredentialAccess_EC2-UnsecuredCredentials.json");
  EXPECT_EQ(f.custom_rule_name, "EC2PasswordDataRetrieved");
  ASSERT_EQ(f.sequence.signals.size(), 3u);
  ASSERT_EQ(f.sequence.signals[2].activities.size(), 1u);
  const ApiActivity& call = f.sequence.signals[2].activities[0];
  EXPECT_EQ(call.operation, "GetPasswordData");
  EXPECT_EQ(call.service, "ec2.amazonaws.com");
  EXPECT_EQ(call.error, "UnauthorizedOperation");
  EXPECT_EQ(call.user_agent, "aws-cli/2.17.0 Python/3.11 <!channel> *bold*");  // raw: escaping is the renderer's
  EXPECT_EQ(f.sequence.actors.at(0).account_name, "prod-payments");            // Account.Name's wire name "account"
  EXPECT_TRUE(f.other_facts.empty());
}

TEST(FamiliesTest, BackupFindingsNameWhatWasScannedAndEachInfectedFile) {
  EXPECT_EQ(Value(Family("Backup_Execution_EC2-MaliciousFile_Snapshot.json").resource_facts, "Snapshot"),
            "arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0");
  EXPECT_EQ(Value(Family("Backup_Execution_EC2-MaliciousFile_AMI.json").resource_facts, "AMI"),
            "arn:aws:ec2:us-east-1::image/ami-0123456789abcdef0");
  const Finding rp = Family("Backup_Execution_S3-MaliciousFile_RecoveryPoint.json");
  EXPECT_EQ(Value(rp.resource_facts, "Backup vault"), "s3-vault");
  EXPECT_EQ(Value(rp.resource_facts, "Scanned window"),
            "2026-06-01T00:00:00.000Z \xE2\x86\x92 2026-06-02T00:00:00.000Z");
  const Finding snap = Family("Backup_Execution_EC2-MaliciousFile_Snapshot.json");
  EXPECT_EQ(Value(snap.extra_facts, "Scan ID"), "f1e2d3c4b5a697887766554433221100");
  EXPECT_EQ(Value(snap.extra_facts, "Scan type"), "BACKUP_INITIATED");
  EXPECT_EQ(Value(snap.extra_facts, "Scan category"), "INCREMENTAL_SCAN");
  EXPECT_EQ(Value(snap.extra_facts, "Scan trigger"), "BACKUP");
  EXPECT_EQ(Value(snap.extra_facts, "Incremental baseline"), "arn:aws:ec2:us-east-1::snapshot/snap-0fedcba9876543210");
  EXPECT_EQ(Value(snap.extra_facts, "Unique threats"), "2");
  // One fact per file, never joined: path, hash, where.
  const std::vector<std::string> files = Values(snap.extra_facts, "Infected file");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0],
            "/var/www/uploads/eicar.com \xC2\xB7 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f "
            "\xC2\xB7 arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0 \xC2\xB7 /dev/xvda1");
  EXPECT_EQ(files[2],
            "/opt/app/bin/kworkerds \xC2\xB7 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  EXPECT_TRUE(snap.other_facts.empty());
}

TEST(FamiliesTest, AiProtectionNamesModelsAndGuardrail) {
  const Finding f = Family("AI_Impact_IAMUser-PromptInjection.Direct.json");
  EXPECT_EQ(Value(f.resource_facts, "Model"), "anthropic.claude-sonnet-4-5-20250929-v1:0");
  EXPECT_EQ(Value(f.resource_facts, "Guardrail"),
            "arn:aws:bedrock:us-east-1:111122223333:guardrail/gr-support-bot (version 3)");
  EXPECT_EQ(Value(f.resource_facts, "Guardrail action"), "INTERVENED");
  EXPECT_EQ(Value(f.resource_facts, "Blocked content"), "PROMPT_ATTACK (BLOCKED, HIGH), MISCONDUCT (BLOCKED, MEDIUM)");
  EXPECT_EQ(Value(Family("AI_Impact_IAMUser-CostHarvesting.json").resource_facts, "Model"),
            "anthropic.claude-opus-4-1-20250805-v1:0, meta.llama4-maverick-17b-instruct-v1:0, "
            "arn:aws:sagemaker:us-east-1:111122223333:endpoint/llm-prod");
}

TEST(FamiliesTest, SequenceResourcesCarryTheirData) {
  const Finding f = Family("Sequence_AttackSequence_ECS-CompromisedCluster.json");
  ASSERT_EQ(f.sequence.resources.size(), 3u);
  const SequenceResource& task = f.sequence.resources[1];
  EXPECT_EQ(task.type, "ECS_TASK");
  EXPECT_EQ(Value(task.details, "Task definition"),
            "arn:aws:ecs:us-east-1:111122223333:task-definition/payments-api:42");
  EXPECT_EQ(Value(task.details, "Launch type"), "FARGATE");
  EXPECT_EQ(Value(task.details, "Containers"), "c-api-1, c-sidecar-1");
  EXPECT_EQ(Value(f.sequence.resources[2].details, "Image"),
            "111122223333.dkr.ecr.us-east-1.amazonaws.com/payments-api:1.8.2");
  const Finding group = Family("Sequence_AttackSequence_EC2-CompromisedInstanceGroup.json");
  EXPECT_EQ(Value(group.sequence.resources[0].details, "Instances"),
            "i-0aaa1111bbbb2222c, i-0aaa1111bbbb2222d, i-0aaa1111bbbb2222e");
  EXPECT_EQ(Value(group.sequence.resources[1].details, "Version"), "7");
}

TEST(FamiliesTest, SkippedScanKeepsItsReasonPostedOrAcknowledged) {
  Result<ParseOptions> all = ParseOptionsFrom("", "all");
  ASSERT_TRUE(all.has_value());
  const Finding f = Family("MalwareProtection_ObjectScanResult_SKIPPED.json", *all);
  EXPECT_EQ(Value(f.extra_facts, "Skipped because"),
            "The object is an encrypted archive that cannot be scanned (UNSUPPORTED_FILE_TYPE)");
  // By default the result is acknowledged, and the note says why it was skipped.
  auto items = ParseDocument(ReadFile("MalwareProtection_ObjectScanResult_SKIPPED.json"), "s", ParseOptions{});
  ASSERT_TRUE(items.has_value());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].kind, ParsedItem::Kind::kOtherGuardDutyEvent);
  EXPECT_NE((*items)[0].detail_type.find("UNSUPPORTED_FILE_TYPE"), std::string::npos) << (*items)[0].detail_type;
}

}  // namespace
}  // namespace gdslack
