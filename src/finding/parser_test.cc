#include "finding/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/utf8.h"

namespace gdslack {
namespace {

const std::string kTestData = std::string(GDSLACK_SOURCE_DIR) + "/testdata/events/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Corpus(const std::string& name) { return ReadFile(kTestData + "corpus/" + name); }
std::string Edge(const std::string& name) { return ReadFile(kTestData + "edge/" + name); }

// Items of a document that must parse as a whole.
std::vector<ParsedItem> Items(const std::string& text, const std::string& source) {
  auto result = ParseDocument(text, source);
  if (!result.has_value()) {
    ADD_FAILURE() << source << ": " << result.error().ToString();
    return {};
  }
  return std::move(result).value();
}

// The one finding a single-finding document holds.
Finding One(const std::string& text, const std::string& source) {
  std::vector<ParsedItem> items = Items(text, source);
  if (items.size() != 1 || items[0].kind != ParsedItem::Kind::kFinding || !items[0].finding) {
    ADD_FAILURE() << source << ": expected exactly one finding, got " << items.size() << " items"
                  << (items.empty() ? "" : ", first: " + items[0].error.ToString());
    return Finding{};
  }
  return *items[0].finding;
}

Finding CorpusFinding(const std::string& name) { return One(Corpus(name), name); }
Finding EdgeFinding(const std::string& name) { return One(Edge(name), name); }

// Value of the first fact with `label`, or "<none>".
std::string FactValue(const std::vector<Fact>& facts, const std::string& label) {
  for (const Fact& f : facts) {
    if (f.label == label) return f.value;
  }
  return "<none>";
}

bool FactIsCode(const std::vector<Fact>& facts, const std::string& label) {
  for (const Fact& f : facts) {
    if (f.label == label) return f.code;
  }
  return false;
}

std::string Dump(const std::vector<Fact>& facts) {
  std::string out;
  for (const Fact& f : facts) out += f.label + "=" + f.value + (f.code ? " [code]" : "") + "\n";
  return out;
}

// The item errors of a document that parsed (JSON Lines or concatenated documents with bad parts).
std::vector<std::string> ItemErrorsOf(const std::string& text, const std::string& source) {
  auto result = ParseDocument(text, source);
  EXPECT_TRUE(result.has_value()) << result.error().message();
  std::vector<std::string> errors;
  if (!result.has_value()) return errors;
  for (const ParsedItem& item : *result) {
    if (item.kind == ParsedItem::Kind::kError) errors.push_back(item.error.message());
  }
  return errors;
}

std::string ErrorOf(const std::string& text, const std::string& source) {
  auto result = ParseDocument(text, source);
  if (result.has_value()) return "<parsed>";
  EXPECT_EQ(result.error().code(), Code::kInvalidInput);
  return result.error().message();
}

// ---------------------------------------------------------------------------------------------------
// The sample corpus.

TEST(FindingParserTest, ParsesEveryCorpusSampleToOneCompleteFinding) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kTestData + "corpus")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    std::vector<ParsedItem> items = Items(ReadFile(entry.path().string()), name);
    ASSERT_EQ(items.size(), 1u);
    ASSERT_EQ(items[0].kind, ParsedItem::Kind::kFinding) << items[0].error.ToString();
    const Finding& f = *items[0].finding;
    EXPECT_FALSE(f.id.empty());
    EXPECT_FALSE(f.type.empty());
    EXPECT_FALSE(f.title.empty());
    EXPECT_FALSE(f.account_id.empty());
    EXPECT_FALSE(f.region.empty());
    EXPECT_FALSE(f.event_id.empty());
    EXPECT_EQ(f.detail_type, "GuardDuty Finding");
    EXPECT_EQ(f.partition, "aws");
    EXPECT_TRUE(f.has_severity);
    EXPECT_EQ(f.band, BandFor(f.severity));
    if (f.severity >= 7 && f.severity < 9) {
      EXPECT_EQ(f.band, SeverityBand::kHigh);
    }
    if (f.type.rfind("AttackSequence:", 0) == 0) {
      EXPECT_EQ(f.band, SeverityBand::kCritical);
    }
    EXPECT_TRUE(f.created_at.epoch.has_value()) << f.created_at.text;
    EXPECT_TRUE(f.updated_at.epoch.has_value()) << f.updated_at.text;
    EXPECT_GE(f.count, 1);
    EXPECT_FALSE(f.resource_type.empty());
    if (f.resource_type != "AttackSequence") {
      EXPECT_FALSE(f.resource_facts.empty());
    }
    if (!f.action_type.empty()) {
      EXPECT_FALSE(f.actor_facts.empty()) << f.action_type;
    }
    for (const auto* facts : {&f.resource_facts, &f.actor_facts, &f.extra_facts}) {
      for (const Fact& fact : *facts) {
        EXPECT_FALSE(fact.label.empty());
        EXPECT_FALSE(fact.value.empty()) << fact.label;
        EXPECT_TRUE(IsValidUtf8(fact.value)) << fact.label;
      }
    }
  }
  EXPECT_GE(files, 111);
}

TEST(FindingParserTest, ReadsPortProbeSampleFieldByField) {
  Finding f = CorpusFinding("Recon_EC2-PortProbeUnprotectedPort.json");
  EXPECT_EQ(f.id, "ae7f69675d8744f78ab7ab2aab229d30");
  EXPECT_EQ(f.arn,
            "arn:aws:guardduty:eu-west-2:111111111111:detector/4b85f358-65e7-49b6-b9ae-b3816303fb12/finding/"
            "ae7f69675d8744f78ab7ab2aab229d30");
  EXPECT_EQ(f.type, "Recon:EC2/PortProbeUnprotectedPort");
  EXPECT_EQ(f.title, "Unprotected port on EC2 instance i-99999999 is being probed.");
  EXPECT_EQ(f.description, "EC2 instance has an unprotected port which is being probed by a known malicious host.");
  EXPECT_EQ(f.schema_version, "2.0");
  EXPECT_EQ(f.account_id, "111111111111");
  EXPECT_EQ(f.region, "eu-west-2");
  EXPECT_EQ(f.partition, "aws");
  EXPECT_DOUBLE_EQ(f.severity, 2);
  EXPECT_EQ(f.band, SeverityBand::kLow);
  EXPECT_FALSE(f.confidence.has_value());
  EXPECT_EQ(f.created_at.text, "2023-03-20T15:33:12.424Z");
  EXPECT_EQ(f.created_at.epoch, 1679326392);
  EXPECT_EQ(f.first_seen.text, "2023-03-20T15:33:12.000Z");
  EXPECT_EQ(f.last_seen.epoch, 1679326392);
  EXPECT_EQ(f.count, 1);
  EXPECT_FALSE(f.archived);
  EXPECT_TRUE(f.sample);
  EXPECT_EQ(f.resource_type, "Instance");
  EXPECT_EQ(f.action_type, "PORT_PROBE");
  EXPECT_EQ(f.resource_role, "TARGET");
  EXPECT_EQ(f.event_id, "1612a2a6-985e-5a0d-a958-716a1ce88f83");
  EXPECT_EQ(f.detail_type, "GuardDuty Finding");

  EXPECT_EQ(Dump(f.resource_facts),
            "Instance=i-99999999 [code]\n"
            "Instance type=m3.xlarge [code]\n"
            "AMI=ami-99999999 [code]\n"
            "Private IP=10.0.0.1 [code]\n"
            "Public IP=198.51.100.0 [code]\n"
            "VPC=GeneratedFindingVPCId [code]\n"
            "Instance profile=arn:aws:iam::111111111111:example/instance/profile [code]\n");
  EXPECT_EQ(Dump(f.actor_facts),
            "Probed ports=80 (HTTP), 443 (HTTPS)\n"
            "Remote IP=198.51.100.0 [code]\n"
            "Location=GeneratedFindingCityName1, GeneratedFindingCountryName1\n"
            "Network=GeneratedFindingASNOrg1 (AS9808)\n"
            "Other remote IPs=198.51.100.1 [code]\n"
            "Blocked=no\n");
  EXPECT_EQ(Dump(f.extra_facts),
            "Threat intel=GeneratedFindingThreatName\n"
            "Threat list=GeneratedFindingThreatListName\n");
}

TEST(FindingParserTest, ReadsBoto3ConvertedSample) {
  Finding f = CorpusFinding("Recon_EC2-PortProbeUnprotectedPort__boto3-converted.json");
  EXPECT_EQ(f.id, "6e4632e9929d47c393f3622da097fe9a");
  EXPECT_EQ(f.account_id, "1234567891234");
  EXPECT_EQ(f.region, "us-east-1");
  EXPECT_EQ(f.count, 2);
  EXPECT_TRUE(f.sample);  // only inside additionalInfo.value
  EXPECT_EQ(f.updated_at.epoch, 1759342755);
  EXPECT_EQ(FactValue(f.actor_facts, "Probed ports"), "80 (HTTP), 443 (HTTPS), 22 (SSH), 3306 (MySQL)");
  EXPECT_EQ(FactValue(f.actor_facts, "Other remote IPs"), "198.51.100.1, 198.51.100.2, 198.51.100.3");
  EXPECT_EQ(FactValue(f.resource_facts, "VPC"), "vpc-generatedvpcid1");
}

TEST(FindingParserTest, ReadsRdsLoginSample) {
  Finding f = CorpusFinding("CredentialAccess_RDS-AnomalousBehavior.SuccessfulLogin.json");
  EXPECT_EQ(f.resource_type, "RDSDBInstance");
  EXPECT_EQ(f.action_type, "RDS_LOGIN_ATTEMPT");
  EXPECT_EQ(f.band, SeverityBand::kHigh);
  EXPECT_EQ(Dump(f.resource_facts),
            "DB instance=GeneratedFindingDBInstanceId [code]\n"
            "DB cluster=GeneratedFindingDBClusterId [code]\n"
            "Engine=GeneratedFindingEngine 13.6\n"
            "DB user=GeneratedFindingUserName\n"
            "Application=GeneratedFindingApplicationName\n"
            "Database=GeneratedFindingDatabaseName\n");
  EXPECT_EQ(FactValue(f.actor_facts, "Remote IP"), "175.16.199.1");
  EXPECT_EQ(FactValue(f.actor_facts, "Network"), "GeneratedFindingAsnOrg");  // asn "0" is unknown
}

TEST(FindingParserTest, ReadsRdsLoginAttributesInWireCase) {
  Finding f = EdgeFinding("rds-login-attributes.json");
  EXPECT_EQ(FactValue(f.actor_facts, "DB users"), "admin, postgres");
  EXPECT_EQ(FactValue(f.actor_facts, "Applications"), "psql");
  EXPECT_EQ(FactValue(f.actor_facts, "Failed logins"), "48");
  EXPECT_EQ(FactValue(f.actor_facts, "Successful logins"), "1");
}

TEST(FindingParserTest, ReadsEksSample) {
  Finding f = CorpusFinding("Persistence_Kubernetes-ContainerWithSensitiveMount.json");
  EXPECT_EQ(f.resource_type, "EKSCluster");
  EXPECT_EQ(f.action_type, "KUBERNETES_API_CALL");
  EXPECT_EQ(Dump(f.resource_facts),
            "Cluster=GeneratedFindingEKSClusterName [code]\n"
            "Kubernetes user=GeneratedFindingUserName\n"
            "Groups=GeneratedFindingUserGroup\n"
            "Namespace/Pod=GeneratedFindingKubernetesWorkloadNamespace/GeneratedFindingKubernetesWorkloadName [code]\n"
            "Workload type=GeneratedFindingKubernetesWorkloadType\n"
            "Image=GeneratedFindingContainerImage [code]\n"
            "Host path=GeneratedFindingHostPath [code]\n");
  EXPECT_EQ(FactValue(f.actor_facts, "Verb"), "create");
  EXPECT_EQ(FactValue(f.actor_facts, "Request URI"), "GeneratedFindingRequestURI");
  EXPECT_EQ(FactValue(f.actor_facts, "Source IPs"), "10.0.0.23");
  EXPECT_EQ(FactValue(f.actor_facts, "Status code"), "201");
}

TEST(FindingParserTest, ReadsS3AndAccessKeySample) {
  Finding f = CorpusFinding("Policy_IAMUser-RootCredentialUsage__real-1.json");
  EXPECT_EQ(f.resource_type, "AccessKey");
  EXPECT_FALSE(f.sample);
  EXPECT_EQ(f.count, 204);
  EXPECT_EQ(Dump(f.resource_facts),
            "Access key=ASIAJZ3DXJKMP7MG3EKA [code]\n"
            "User=Root (Root)\n"
            "Principal=973743533182 [code]\n"
            "Bucket=res-guardduty [code]\n"
            "Public access=NOT_PUBLIC\n");
  EXPECT_EQ(Dump(f.actor_facts),
            "API=ListFindings [code]\n"
            "Service=guardduty.amazonaws.com\n"
            "Caller type=Remote IP\n"
            "Remote IP=81.2.69.144 [code]\n"
            "Location=San Antonio, United States\n"
            "Network=ATT-INTERNET4 (AS7018)\n"
            "Error code=NoSuchWebsiteConfiguration [code]\n");
}

TEST(FindingParserTest, PutsBucketFirstForS3BucketFindings) {
  Finding f = CorpusFinding("Exfiltration_S3-ObjectRead.Unusual.json");
  EXPECT_EQ(f.resource_type, "S3Bucket");
  ASSERT_FALSE(f.resource_facts.empty());
  EXPECT_EQ(f.resource_facts[0].label, "Bucket");
  EXPECT_EQ(f.resource_facts[0].value, "bucketName");
}

TEST(FindingParserTest, ReadsEcsMalwareScanSample) {
  Finding f = CorpusFinding("Execution_ECS-MaliciousFile.json");
  EXPECT_EQ(f.feature_name, "EbsVolumeScan");
  EXPECT_EQ(f.action_type, "");
  EXPECT_TRUE(f.actor_facts.empty());
  EXPECT_EQ(FactValue(f.resource_facts, "Cluster"), "GeneratedFindingECSClusterName");
  EXPECT_EQ(FactValue(f.resource_facts, "Task definition"),
            "arn:aws:ecs:region:123456789000:task-definition/mycluster/76f1f1asdf");
  EXPECT_EQ(FactValue(f.resource_facts, "Image"), "GeneratedFindingContainerImage");
  EXPECT_EQ(FactValue(f.resource_facts, "Volume"), "arn:aws:ec2:us-west-2:123456789000:volume/vol-09d5050dea915943d");
  EXPECT_EQ(FactValue(f.extra_facts, "Malware"), "EICAR-Test-File");
  EXPECT_EQ(FactValue(f.extra_facts, "Malware file"), "tmp/eicar.com, tmp/eicar-2.txt");
}

TEST(FindingParserTest, ReadsRuntimeContainerSample) {
  Finding f = CorpusFinding("PrivilegeEscalation_Runtime-DockerSocketAccessed.json");
  EXPECT_EQ(f.resource_type, "Container");
  EXPECT_EQ(f.feature_name, "RuntimeMonitoring");
  ASSERT_GE(f.resource_facts.size(), 3u);
  EXPECT_EQ(f.resource_facts[0].label, "Container");  // the container before its host
  EXPECT_EQ(f.resource_facts[0].value, "abcd1234");
  EXPECT_EQ(f.resource_facts[1].label, "Image");
  EXPECT_EQ(FactValue(f.resource_facts, "Instance"), "i-abcd1234 (buildserver-a-0)");
  EXPECT_EQ(FactValue(f.extra_facts, "Process"), "sshd (pid 2345)");
  EXPECT_EQ(FactValue(f.extra_facts, "Executable"), "/usr/bin/ssh");
  EXPECT_TRUE(FactIsCode(f.extra_facts, "Executable"));
}

TEST(FindingParserTest, ReadsDnsRequestSample) {
  Finding f = CorpusFinding("Trojan_EC2-DNSDataExfiltration.json");
  EXPECT_EQ(Dump(f.actor_facts),
            "Domain=GeneratedFindingAdditionalDomainName [code]\n"
            "Protocol=0\n"
            "Blocked=yes\n");
  EXPECT_EQ(f.resource_role, "ACTOR");
}

TEST(FindingParserTest, ReadsNetworkConnectionAndLambda) {
  Finding f = EdgeFinding("lambda-network-connection.json");
  EXPECT_EQ(f.resource_type, "Lambda");
  EXPECT_EQ(Dump(f.resource_facts),
            "Function=my-fn [code]\n"
            "Role=arn:aws:iam::123456789012:role/my-fn-role [code]\n");
  EXPECT_EQ(Dump(f.actor_facts),
            "Direction=OUTBOUND\n"
            "Protocol=TCP\n"
            "Remote IP=81.2.69.144 [code]\n"
            "Location=GeneratedFindingCityName, GeneratedFindingCountryName\n"
            "Network=AMAZON-02 (AS16509)\n"
            "Remote port=32794 (Unknown)\n"
            "Local port=22 (SSH)\n"
            "Blocked=no\n");
}

TEST(FindingParserTest, ReadsAttackSequenceSignals) {
  Finding f = EdgeFinding("attack-sequence-signals.json");
  EXPECT_EQ(f.type, "AttackSequence:IAM/CompromisedCredentials");
  EXPECT_EQ(f.band, SeverityBand::kCritical);
  EXPECT_EQ(f.feature_name, "Correlation");
  EXPECT_EQ(f.sequence.description, "Line one of the sequence.\nLine two: 5 MITRE ATT&CK tactics observed.\n");
  // The sequence's resources, actors and endpoints are the sequence's own (rendered in their sections).
  EXPECT_TRUE(f.resource_facts.empty());
  ASSERT_EQ(f.sequence.resources.size(), 4u);
  EXPECT_EQ(f.sequence.resources[0].uid, "arn:aws:s3:::customer-data");
  EXPECT_EQ(f.sequence.resources[0].name, "customer-data");
  EXPECT_EQ(f.sequence.resources[0].type, "S3Bucket");
  EXPECT_EQ(f.sequence.resources[2].name, "only-a-name");
  ASSERT_EQ(f.sequence.actors.size(), 1u);
  EXPECT_EQ(f.sequence.actors[0].id, "actor-1");
  ASSERT_EQ(f.sequence.endpoints.size(), 1u);
  EXPECT_EQ(f.sequence.endpoints[0].ip, "10.0.0.1");
  EXPECT_EQ(f.sequence.uid, "arn:aws:guardduty:us-east-1:123456789012:detector/d/finding/f/sequence");
  ASSERT_EQ(f.sequence.signals.size(), 2u);
  EXPECT_EQ(f.sequence.signals[0].uid, "sig-1");
  EXPECT_EQ(f.sequence.signals[0].first_seen.epoch, 1740515000);
  EXPECT_EQ(f.sequence.signals[0].last_seen.epoch, 1740516000);
  EXPECT_EQ(f.sequence.signals[0].title, "Discovery:S3/TorIPCaller");
  EXPECT_EQ(f.sequence.signals[0].type, "FINDING");
  EXPECT_EQ(f.sequence.signals[0].description, "An S3 API was invoked from a Tor exit node.");
  EXPECT_EQ(f.sequence.signals[0].count, 3);
  EXPECT_TRUE(f.sequence.signals[0].has_severity);
  EXPECT_DOUBLE_EQ(f.sequence.signals[0].severity, 5);
  EXPECT_EQ(f.sequence.signals[1].title, "cloudtrail:DeleteTrail");
  EXPECT_EQ(f.sequence.signals[1].type, "CLOUD_TRAIL");
  EXPECT_FALSE(f.sequence.signals[1].has_severity);
}

TEST(FindingParserTest, ReadsCorpusAttackSequenceWithoutDetection) {
  Finding f = CorpusFinding("AttackSequence_S3-CompromisedData.json");
  EXPECT_EQ(f.band, SeverityBand::kCritical);
  EXPECT_EQ(f.resource_type, "AttackSequence");
  EXPECT_TRUE(f.sample);
  EXPECT_TRUE(f.sequence.signals.empty());
  EXPECT_TRUE(f.resource_facts.empty());
}

// ---------------------------------------------------------------------------------------------------
// Document shapes.

TEST(FindingParserTest, ReadsGetFindingsPascalCaseOutput) {
  std::vector<ParsedItem> items = Items(Edge("get-findings.json"), "get-findings.json");
  ASSERT_EQ(items.size(), 2u);
  ASSERT_EQ(items[0].kind, ParsedItem::Kind::kFinding);
  ASSERT_EQ(items[1].kind, ParsedItem::Kind::kFinding);
  const Finding& pascal = *items[0].finding;
  Finding camel = CorpusFinding("Recon_EC2-PortProbeUnprotectedPort.json");
  EXPECT_EQ(pascal.id, camel.id);
  EXPECT_EQ(pascal.account_id, "111111111111");
  EXPECT_EQ(pascal.region, camel.region);
  EXPECT_EQ(pascal.type, camel.type);
  EXPECT_EQ(pascal.title, camel.title);
  EXPECT_EQ(pascal.severity, camel.severity);
  EXPECT_EQ(pascal.created_at.epoch, camel.created_at.epoch);
  EXPECT_EQ(pascal.sample, camel.sample);
  EXPECT_EQ(pascal.action_type, "PORT_PROBE");
  EXPECT_EQ(Dump(pascal.resource_facts), Dump(camel.resource_facts));
  EXPECT_EQ(Dump(pascal.actor_facts), Dump(camel.actor_facts));
  EXPECT_EQ(Dump(pascal.extra_facts), Dump(camel.extra_facts));
  EXPECT_EQ(pascal.event_id, "");
  EXPECT_EQ(pascal.detail_type, "");
  // LoginAttributes arrives as loginAttributes after normalisation; both are read.
  EXPECT_EQ(FactValue(items[1].finding->actor_facts, "DB users"), "admin, postgres");
  EXPECT_EQ(FactValue(items[1].finding->resource_facts, "DB instance"), "GeneratedFindingDBInstanceId");
}

TEST(FindingParserTest, ReadsBarePascalCaseFinding) {
  Finding f = One(R"({"SchemaVersion":"2.0","Id":"abc","Type":"Recon:EC2/Portscan","AccountId":"123456789012",
                      "Region":"us-east-1","Severity":5,"Resource":{"ResourceType":"Instance",
                      "InstanceDetails":{"InstanceId":"i-1","Tags":[{"Key":"Name","Value":"web-1"}]}}})",
                  "boto3.json");
  EXPECT_EQ(f.id, "abc");
  EXPECT_EQ(f.account_id, "123456789012");
  EXPECT_EQ(f.band, SeverityBand::kMedium);
  EXPECT_EQ(FactValue(f.resource_facts, "Instance"), "i-1 (web-1)");
}

TEST(FindingParserTest, ReadsLowercaseFindingsWrapperAndEmptyWrapper) {
  std::vector<ParsedItem> items =
      Items(R"({"findings":[{"schemaVersion":"2.0","id":"a","type":"T","resource":{}}]})", "api.json");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kFinding);
  EXPECT_TRUE(Items(R"({"Findings":[]})", "none.json").empty());
  EXPECT_TRUE(Items("[]", "none.json").empty());
}

TEST(FindingParserTest, ReadsBareFinding) {
  const std::string event = Corpus("UnauthorizedAccess_EC2-SSHBruteForce.json");
  Finding from_event = One(event, "event.json");
  Finding bare = One(R"({"schemaVersion":"2.0","accountId":"123456789012","region":"us-west-2","id":"b1",
                         "type":"Recon:EC2/Portscan","severity":5,"title":"t","resource":{"resourceType":"Instance"}})",
                     "bare.json");
  EXPECT_EQ(bare.id, "b1");
  EXPECT_EQ(bare.account_id, "123456789012");
  EXPECT_EQ(bare.region, "us-west-2");
  EXPECT_EQ(bare.event_id, "");
  EXPECT_EQ(bare.detail_type, "");
  EXPECT_EQ(from_event.detail_type, "GuardDuty Finding");
}

TEST(FindingParserTest, ReadsArrayOfMixedItems) {
  std::vector<ParsedItem> items = Items(Edge("array.json"), "array.json");
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kFinding);
  EXPECT_EQ(items[0].finding->id, "ae7f69675d8744f78ab7ab2aab229d30");
  EXPECT_EQ(items[1].kind, ParsedItem::Kind::kOtherGuardDutyEvent);
  EXPECT_EQ(items[1].detail_type, "AWS API Call via CloudTrail");
  EXPECT_EQ(items[2].kind, ParsedItem::Kind::kError);
  EXPECT_EQ(items[2].error.code(), Code::kInvalidInput);
  EXPECT_EQ(items[2].error.message(),
            "array.json: item 3: not a GuardDuty finding (source \"aws.ec2\", detail-type \"EC2 Instance "
            "State-change Notification\")");
  EXPECT_EQ(items[3].kind, ParsedItem::Kind::kFinding);  // a bare finding inside the array
  EXPECT_EQ(items[3].finding->resource_type, "RDSDBInstance");
}

TEST(FindingParserTest, ReadsJsonLines) {
  std::vector<ParsedItem> items = Items(Edge("findings.jsonl"), "findings.jsonl");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kFinding);
  EXPECT_EQ(items[0].finding->type, "UnauthorizedAccess:EC2/SSHBruteForce");
  EXPECT_EQ(items[1].kind, ParsedItem::Kind::kFinding);
  EXPECT_EQ(items[1].finding->type, "UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B");
  EXPECT_EQ(items[2].kind, ParsedItem::Kind::kOtherGuardDutyEvent);
}

TEST(FindingParserTest, ReportsBadJsonLineWithDocumentByteOffset) {
  const std::string text = "{\"id\":\"a\",\"type\":\"T\",\"resource\":{}}\r\n{\"id\": }\n";
  // Line 2 starts at byte 38 (0-based 37); its '}' is the 8th byte of the line. The line is an error of its
  // own: the finding on line 1 is still read.
  EXPECT_EQ(ItemErrorsOf(text, "lines.jsonl"),
            std::vector<std::string>{"lines.jsonl: line 2: byte 45: syntax error: unexpected '}'"});
  EXPECT_EQ(ParseDocument(text, "lines.jsonl")->front().kind, ParsedItem::Kind::kFinding);
}

// One bad line of JSON Lines, or one bad document among concatenated (pretty-printed) ones, costs only
// itself, wherever it is: first, middle or last.
TEST(FindingParserTest, BadLinesAndDocumentsCostOnlyThemselves) {
  const std::string good = "{\"id\":\"a\",\"type\":\"T\",\"resource\":{}}";
  const std::string pretty = "{\n  \"id\": \"b\",\n  \"type\": \"T\",\n  \"resource\": {}\n}";
  const std::string text = "{\"id\": \n" + good + "\n" + pretty + "\nnot json\n" + good + "\n{\"open\": [1,\n";
  Result<std::vector<ParsedItem>> items = ParseDocument(text, "mixed.jsonl");
  ASSERT_TRUE(items.has_value()) << items.error().message();
  std::vector<std::string> kinds;
  for (const ParsedItem& item : *items) {
    kinds.push_back(item.kind == ParsedItem::Kind::kFinding
                        ? "finding"
                        : item.error.message().substr(0, item.error.message().find(": byte")));
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"mixed.jsonl: line 1", "finding", "finding", "mixed.jsonl: line 8",
                                             "finding", "mixed.jsonl: line 10"}));
}

TEST(FindingParserTest, ReportsTrailingJunkAfterPrettyPrintedValue) {
  // The value is read (and is no finding); the junk after it is an error of its own, naming its line and byte.
  const std::vector<std::string> errors = ItemErrorsOf("{\n \"a\": 1\n}\n}\n", "junk.json");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[1], "junk.json: line 4: byte 13: syntax error: unexpected '}'");
  const std::vector<std::string> inline_junk = ItemErrorsOf("{\"a\":1} xyz", "junk.json");
  ASSERT_EQ(inline_junk.size(), 2u);
  EXPECT_EQ(inline_junk[1], "junk.json: line 1: byte 9: syntax error: invalid literal");
}

TEST(FindingParserTest, IgnoresDeeplyNestedAdditionalInfoValue) {
  const std::string value = std::string(1000, '[') + std::string(1000, ']');
  Finding f =
      One(R"({"id":"a","type":"T","resource":{},"service":{"additionalInfo":{"value":")" + value + "\"}}}", "v.json");
  EXPECT_FALSE(f.sample);
}

TEST(FindingParserTest, NumbersItemsAcrossJsonLinesAndArrays) {
  const std::string text = "[{\"a\":1}, \"x\"]\n{\"source\":\"aws.ec2\"}\n";
  std::vector<ParsedItem> items = Items(text, "mixed.jsonl");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].error.message(),
            "mixed.jsonl: item 1: not a GuardDuty finding (no \"source\", \"detail\" or finding fields)");
  EXPECT_EQ(items[1].error.message(), "mixed.jsonl: item 2: not a GuardDuty finding (a string)");
  EXPECT_EQ(items[2].error.message(),
            "mixed.jsonl: item 3: not a GuardDuty finding (source \"aws.ec2\", detail-type \"\")");
}

// ---------------------------------------------------------------------------------------------------
// Envelope and flags.

TEST(FindingParserTest, TakesMemberAccountFromDetailNotEnvelope) {
  Finding f = EdgeFinding("delegated-admin.json");
  EXPECT_EQ(f.account_id, "222222222222");
}

TEST(FindingParserTest, ReadsArchivedNestedSampleCritical) {
  Finding f = EdgeFinding("archived-nested-sample.json");
  EXPECT_TRUE(f.archived);
  EXPECT_TRUE(f.sample);  // only in {"value":"{\"sample\":true,...}"}
  EXPECT_EQ(f.count, 42);
  EXPECT_DOUBLE_EQ(f.severity, 9.5);
  EXPECT_EQ(f.band, SeverityBand::kCritical);
}

TEST(FindingParserTest, ReadsQuirkyValues) {
  Finding f = EdgeFinding("quirky-values.json");
  EXPECT_TRUE(f.has_severity);
  EXPECT_DOUBLE_EQ(f.severity, 8.5);  // "8.5" as a string
  EXPECT_EQ(f.band, SeverityBand::kHigh);
  ASSERT_TRUE(f.confidence.has_value());
  EXPECT_DOUBLE_EQ(*f.confidence, 0.75);
  EXPECT_EQ(f.created_at.epoch, 1700000000);  // epoch number
  EXPECT_EQ(f.created_at.text, "2023-11-14T22:13:20Z");
  EXPECT_EQ(f.updated_at.text, "2023-11-14T23:13:20+01:00");
  EXPECT_EQ(f.updated_at.epoch, 1700000000);
  EXPECT_EQ(f.region, "cn-north-1");
  EXPECT_EQ(f.partition, "aws-cn");  // derived: no "partition" member
  EXPECT_EQ(FactValue(f.resource_facts, "Instance"), "i-99999999 (web-1)");
}

TEST(FindingParserTest, ParsesTimestampForms) {
  auto created = [](const std::string& value) {
    return One(R"({"id":"a","type":"T","resource":{},"createdAt":)" + value + "}", "t.json").created_at;
  };
  EXPECT_EQ(created(R"("2024-02-29T12:00:00Z")").epoch, 1709208000);
  EXPECT_EQ(created(R"("2024-02-29T12:00:00.123456Z")").epoch, 1709208000);
  EXPECT_EQ(created(R"("2024-02-29T13:30:00+0130")").epoch, 1709208000);
  EXPECT_EQ(created(R"("2024-02-29T12:00:00")").epoch, 1709208000);
  EXPECT_EQ(created("1709208000.9").epoch, 1709208000);
  EXPECT_EQ(created("1709208000000").epoch, 1709208000);  // milliseconds
  EXPECT_EQ(created(R"("1709208000")").epoch, 1709208000);
  EXPECT_EQ(created("0").text, "1970-01-01T00:00:00Z");
  Timestamp bad = created(R"("2023-02-29T00:00:00Z")");
  EXPECT_EQ(bad.text, "2023-02-29T00:00:00Z");
  EXPECT_FALSE(bad.epoch.has_value());
  EXPECT_FALSE(created(R"("2023-01-01T00:00:00Zjunk")").epoch.has_value());
  EXPECT_FALSE(created("1e300").epoch.has_value());
  EXPECT_FALSE(created("{}").epoch.has_value());
}

TEST(FindingParserTest, DerivesPartitionFromRegion) {
  auto partition = [](const std::string& members) {
    return One(R"({"id":"a","type":"T","resource":{})" + members + "}", "p.json").partition;
  };
  EXPECT_EQ(partition(R"(,"region":"us-gov-west-1")"), "aws-us-gov");
  EXPECT_EQ(partition(R"(,"region":"cn-northwest-1")"), "aws-cn");
  EXPECT_EQ(partition(R"(,"region":"eu-west-1")"), "aws");
  EXPECT_EQ(partition(""), "aws");
  EXPECT_EQ(partition(R"(,"region":"us-gov-east-1","partition":"aws-us-gov")"), "aws-us-gov");
}

TEST(FindingParserTest, AcknowledgesOtherGuardDutyDetailTypes) {
  std::vector<ParsedItem> items = Items(Edge("other-guardduty-event.json"), "other.json");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kOtherGuardDutyEvent);
  EXPECT_EQ(items[0].detail_type, "AWS API Call via CloudTrail");
  EXPECT_FALSE(items[0].finding.has_value());
}

TEST(FindingParserTest, RejectsNonGuardDutyEvent) {
  std::vector<ParsedItem> items = Items(Edge("non-guardduty-event.json"), "x.json");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kError);
  EXPECT_EQ(items[0].error.code(), Code::kInvalidInput);
  EXPECT_EQ(items[0].error.message(),
            "x.json: item 1: not a GuardDuty finding (source \"aws.ec2\", detail-type \"EC2 Instance State-change "
            "Notification\")");
}

TEST(FindingParserTest, QuotesHostileEnvelopeStringsOnOneLine) {
  const std::string text = R"({"source":"evil\n<!channel>\"","detail-type":")" + std::string(300, 'x') + R"("})";
  std::vector<ParsedItem> items = Items(text, "x.json");
  ASSERT_EQ(items.size(), 1u);
  const std::string& message = items[0].error.message();
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_LT(message.size(), 250u);
  EXPECT_EQ(
      message.rfind("x.json: item 1: not a GuardDuty finding (source \"evil\\n<!channel>\\\"\", detail-type \"", 0), 0u)
      << message;
}

TEST(FindingParserTest, RejectsEventWithoutDetail) {
  std::vector<ParsedItem> items = Items(Edge("event-without-detail.json"), "e.json");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kError);
  EXPECT_EQ(items[0].error.message(),
            "e.json: item 1: GuardDuty Finding event without a finding object in \"detail\" (found nothing)");
}

TEST(FindingParserTest, RejectsDetailThatIsAString) {
  std::vector<ParsedItem> items = Items(Edge("detail-string.json"), "d.json");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kError);
  EXPECT_EQ(items[0].error.message(),
            "d.json: item 1: GuardDuty Finding event without a finding object in \"detail\" (found a string)");
}

TEST(FindingParserTest, RejectsDetailWithoutIdOrType) {
  std::vector<ParsedItem> items =
      Items(R"({"source":"aws.guardduty","detail-type":"GuardDuty Finding","detail":{"severity":8}})", "o.json");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, ParsedItem::Kind::kError);
  EXPECT_EQ(items[0].error.message(),
            "o.json: item 1: GuardDuty Finding event without a finding object in \"detail\" (found an object "
            "without \"id\" or \"type\")");
}

TEST(FindingParserTest, RejectsGuardDutyEventWithoutDetailType) {
  std::vector<ParsedItem> items = Items(R"({"source":"aws.guardduty","detail":{"x":1}})", "n.json");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].error.message(), "n.json: item 1: GuardDuty event without \"detail-type\"");
}

TEST(FindingParserTest, RejectsScalarsAndUnrelatedObjects) {
  std::vector<ParsedItem> items = Items("[1, true, null, [2], {\"hello\":\"world\"}]", "s.json");
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].error.message(), "s.json: item 1: not a GuardDuty finding (a number)");
  EXPECT_EQ(items[1].error.message(), "s.json: item 2: not a GuardDuty finding (a boolean)");
  EXPECT_EQ(items[2].error.message(), "s.json: item 3: not a GuardDuty finding (null)");
  EXPECT_EQ(items[3].error.message(), "s.json: item 4: not a GuardDuty finding (a number)");
  EXPECT_EQ(items[4].error.message(),
            "s.json: item 5: not a GuardDuty finding (no \"source\", \"detail\" or finding fields)");
}

// ---------------------------------------------------------------------------------------------------
// Whole-document failures.

TEST(FindingParserTest, RejectsEmptyInput) {
  EXPECT_EQ(ErrorOf(Edge("empty.json"), "empty.json"), "empty.json: empty input");
  EXPECT_EQ(ErrorOf("", "stdin"), "stdin: empty input");
}

TEST(FindingParserTest, RejectsWhitespaceOnlyInput) {
  EXPECT_EQ(ErrorOf(Edge("whitespace.json"), "whitespace.json"), "whitespace.json: empty input");
}

TEST(FindingParserTest, ReportsMalformedJsonWithByteOffset) {
  EXPECT_EQ(ErrorOf(Edge("malformed.json"), "malformed.json"), "malformed.json: byte 28: syntax error: unexpected '}'");
  EXPECT_EQ(ErrorOf("{\"a\": tru}", "lit.json"), "lit.json: byte 10: syntax error: invalid literal");
  EXPECT_EQ(ErrorOf("{\"a\": [1, 2", "short.json"), "short.json: byte 12: syntax error: unexpected end of input");
  EXPECT_EQ(ErrorOf("{\"a\": \"line\nbreak\"}", "ctl.json"),
            "ctl.json: byte 12: syntax error: invalid string: control character U+000A (LF) must be escaped to "
            "\\u000A or \\n");
}

TEST(FindingParserTest, RejectsNestingDeeperThanLimit) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(ErrorOf(deep, "deep.json"), "deep.json: byte 257: nesting deeper than 256 levels");
  // Brackets inside strings do not count.
  const std::string in_string = R"({"id":"a","type":"T","resource":{},"title":")" + std::string(1000, '[') + "\"}";
  EXPECT_EQ(One(in_string, "s.json").title, std::string(1000, '['));
}

TEST(FindingParserTest, ToleratesModerateNestingInsideFinding) {
  const std::string nested = std::string(200, '[') + std::string(200, ']');
  Finding f = One(R"({"id":"a","type":"T","resource":{"resourceType":)" + nested +
                      R"(},"service":{"action":{"actionType":"PORT_PROBE","portProbeAction":)" + nested + "}}}",
                  "n.json");
  EXPECT_EQ(f.resource_type, "");
  EXPECT_EQ(f.action_type, "PORT_PROBE");
  EXPECT_TRUE(f.actor_facts.empty());
}

// ---------------------------------------------------------------------------------------------------
// Hostile and broken content.

TEST(FindingParserTest, ReplacesInvalidUtf8) {
  Finding f = EdgeFinding("invalid-utf8.json");
  const std::string r(kReplacementChar);
  EXPECT_EQ(f.title, "81.2.69.144 is performing SSH brute " + r + r + " force attacks against i-99999999.");
  EXPECT_TRUE(IsValidUtf8(f.title));
  EXPECT_TRUE(IsValidUtf8(f.description));
}

TEST(FindingParserTest, KeepsHostileTextRawForTheRenderer) {
  Finding f = EdgeFinding("hostile-title.json");
  EXPECT_EQ(f.title, "<!channel> reset MFA at <https://evil.example|AWS Console> & more");
  const std::string agent = FactValue(f.actor_facts, "User agent");
  EXPECT_NE(agent.find("<@U123> ```"), std::string::npos);
  EXPECT_NE(agent.find("\xE2\x80\xAE"), std::string::npos);  // U+202E RIGHT-TO-LEFT OVERRIDE
  EXPECT_TRUE(FactIsCode(f.actor_facts, "User agent"));
  EXPECT_EQ(FactValue(f.resource_facts, "User"),
            "<!everyone> \xE2\x80\xAE"
            "admin (IAMUser)");
}

TEST(FindingParserTest, CapsHugeFactValuesOnCodePointBoundary) {
  std::string text = Edge("hostile-title.json");
  std::string huge;
  for (int i = 0; i < 200000; ++i) huge += "\xC3\xA9";  // "é", 400 kB
  const std::string needle = "aws-cli/2.0";
  ASSERT_NE(text.find(needle), std::string::npos);
  text.replace(text.find(needle), needle.size(), huge);
  const std::string title_needle = "& more";
  text.replace(text.find(title_needle), title_needle.size(), huge);
  Finding f = One(text, "huge.json");
  const std::string agent = FactValue(f.actor_facts, "User agent");
  EXPECT_LE(agent.size(), 1024u);
  EXPECT_GT(agent.size(), 900u);
  EXPECT_TRUE(IsValidUtf8(agent));
  EXPECT_GT(f.title.size(), 400000u);  // titles stay whole; the renderer truncates for Slack
}

TEST(FindingParserTest, SurvivesNullsAndWrongTypes) {
  Finding f = EdgeFinding("wrong-types.json");
  EXPECT_EQ(f.id, "e4bf27df0ab4a235e9fa6b31c7673a78");
  EXPECT_FALSE(f.has_severity);  // null
  EXPECT_EQ(f.band, SeverityBand::kLow);
  EXPECT_EQ(f.title, "");  // an object
  EXPECT_EQ(f.created_at.text, "");
  EXPECT_FALSE(f.created_at.epoch.has_value());
  EXPECT_FALSE(f.updated_at.epoch.has_value());
  EXPECT_EQ(f.first_seen.text, "yesterday");
  EXPECT_FALSE(f.first_seen.epoch.has_value());
  EXPECT_EQ(f.count, 1);     // "many"
  EXPECT_FALSE(f.archived);  // "yes"
  EXPECT_FALSE(f.sample);    // value is not JSON
  EXPECT_EQ(f.action_type, "AWS_API_CALL");
  EXPECT_EQ(Dump(f.resource_facts),
            "Instance=12345 [code]\n"
            "Bucket=arn:aws:s3:::b [code]\n");
  EXPECT_EQ(Dump(f.actor_facts), "User agent=42 [code]\n");
  EXPECT_TRUE(f.extra_facts.empty());
}

TEST(FindingParserTest, SurvivesEmptyActionAndMissingResource) {
  Finding f = EdgeFinding("empty-action-no-resource.json");
  EXPECT_EQ(f.id, "d6bf27df0abae4665ec35fec7085faaa");
  EXPECT_EQ(f.action_type, "");
  EXPECT_EQ(f.resource_type, "");
  EXPECT_TRUE(f.resource_facts.empty());
  EXPECT_TRUE(f.actor_facts.empty());
}

TEST(FindingParserTest, DegradesOnUnknownResourceAndActionTypes) {
  Finding f = EdgeFinding("unknown-types.json");
  EXPECT_EQ(f.type, "Impact:Quantum/EntangledQubits");
  EXPECT_EQ(f.resource_type, "QuantumComputer");
  EXPECT_EQ(f.action_type, "TELEPATHY");
  EXPECT_TRUE(f.resource_facts.empty());
  EXPECT_TRUE(f.actor_facts.empty());
  EXPECT_EQ(f.title, "81.2.69.144 is performing SSH brute force attacks against i-99999999.");
}

TEST(FindingParserTest, SurvivesWrongTypesAtEveryLevel) {
  // Each member the parser reads replaced by each JSON type in turn.
  const std::vector<std::string> values = {"null", "1", "-1e308", "\"s\"", "[]", "{}", "[null]", "true"};
  for (const std::string& v : values) {
    SCOPED_TRACE(v);
    const std::string text = R"({"id":"a","type":"T","severity":)" + v + R"(,"resource":{"resourceType":"Instance",
        "instanceDetails":{"instanceId":)" +
                             v + R"(,"tags":)" + v + R"(,"networkInterfaces":[)" + v + R"(]},
        "s3BucketDetails":)" +
                             v + R"(,"kubernetesDetails":{"kubernetesWorkloadDetails":)" + v + R"(}},
        "service":{"count":)" +
                             v + R"(,"additionalInfo":{"value":)" + v + R"(},"action":{"actionType":"PORT_PROBE",
        "portProbeAction":{"portProbeDetails":[)" +
                             v + R"(,{"remoteIpDetails":)" + v + R"(}]}},
        "detection":{"sequence":{"signals":[)" +
                             v + R"(],"resources":)" + v + R"(}},
        "runtimeDetails":{"process":)" +
                             v + R"(}}})";
    std::vector<ParsedItem> items = Items(text, "t.json");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].kind, ParsedItem::Kind::kFinding);
  }
}

TEST(FindingParserTest, SurvivesTruncationAndByteFlipsOfRealSamples) {
  // A cheap in-test fuzz pass: every prefix length step and deterministic byte mutations must yield a
  // result or an error, never a crash (run under ASan/UBSan too).
  for (const char* name :
       {"Recon_EC2-PortProbeUnprotectedPort.json", "PrivilegeEscalation_Runtime-DockerSocketAccessed.json"}) {
    const std::string text = Corpus(name);
    for (std::size_t n = 0; n < text.size(); n += 37) {
      auto result = ParseDocument(std::string_view(text).substr(0, n), name);
      if (!result.has_value()) {
        EXPECT_EQ(result.error().code(), Code::kInvalidInput);
      }
    }
    uint32_t state = 12345;
    const char kBytes[] = {'"', '{', '}', '[', ']', ',', ':', '0', 'n', '\\', '\xff', ' ', '\x80'};
    for (int round = 0; round < 300; ++round) {
      std::string mutated = text;
      for (int k = 0; k < 3; ++k) {
        state = state * 1664525u + 1013904223u;
        const std::size_t pos = state % mutated.size();
        state = state * 1664525u + 1013904223u;
        mutated[pos] = kBytes[state % sizeof(kBytes)];
      }
      auto result = ParseDocument(mutated, name);
      if (result.has_value()) {
        for (const ParsedItem& item : *result) {
          if (item.finding) {
            EXPECT_TRUE(IsValidUtf8(item.finding->title));
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// JSON entry: lone surrogates and JSON Lines detection (issue 9, issue 12 item 3).

TEST(FindingParserTest, LoneSurrogateEscapesBecomeReplacementCharacters) {
  // JSON's grammar allows an escaped lone surrogate; an attacker-controlled field (user agent) can carry one.
  // It must cost a U+FFFD, not the finding.
  const std::string text =
      R"({"source":"aws.guardduty","detail-type":"GuardDuty Finding","region":"us-east-1","detail":)"
      R"({"id":"f1","type":"Recon:EC2/PortProbeUnprotectedPort","title":"a\udc00b \ud800x","resource":{}}})";
  Finding f = One(text, "surrogate.json");
  EXPECT_EQ(f.id, "f1");
  EXPECT_EQ(f.title,
            "a\xEF\xBF\xBD"
            "b \xEF\xBF\xBDx");
}

TEST(FindingParserTest, LoneSurrogateInOneJsonLineKeepsEveryLine) {
  const std::string text =
      "{\"id\":\"a\",\"type\":\"T\",\"resource\":{},\"title\":\"\\udc00\"}\n"
      "{\"id\":\"b\",\"type\":\"T\",\"resource\":{}}\n";
  std::vector<ParsedItem> items = Items(text, "lines.jsonl");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].finding->title, "\xEF\xBF\xBD");
  EXPECT_EQ(items[1].finding->id, "b");
}

TEST(FindingParserTest, JsonLinesOfScalarsAndErrorsAfterTheFirstValue) {
  // A complete value, then a broken one on the next line: the error names the second line's byte.
  const std::vector<std::string> errors = ItemErrorsOf("1\n[", "s.jsonl");
  ASSERT_EQ(errors.size(), 2u);  // 1 is no finding; "[" is a broken line of its own
  EXPECT_EQ(errors[1], "s.jsonl: line 2: byte 4: syntax error: unexpected end of input");
  // Never an "out of memory" for a syntax error (the old catch-all said so for any exception).
  EXPECT_EQ(ErrorOf("{\"a\":", "x.json").find("out of memory"), std::string::npos);
}

}  // namespace
}  // namespace gdslack
