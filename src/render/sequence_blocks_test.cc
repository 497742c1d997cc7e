// Attack sequences at the API's maxima (testdata/events/sequences/, generate.py there) render within every
// Block Kit limit and show what a responder needs: tactics, indicators, actors, endpoints, resources and
// the strongest signals first.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "finding/parser.h"
#include "render/payload_checks_test.h"
#include "render/slack_message.h"

namespace gdslack {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Finding Load(const std::string& name) {
  const fs::path path = fs::path(GDSLACK_SOURCE_DIR) / "testdata/events/sequences" / name;
  Result<std::vector<ParsedItem>> items = ParseDocument(ReadFile(path), name, ParseOptions{});
  EXPECT_TRUE(items.has_value());
  EXPECT_EQ(items->size(), 1u);
  return *(*items)[0].finding;
}

std::string AllText(const json& payload) { return payload.dump(); }

const char* const kSequenceFiles[] = {
    "AttackSequence_IAM-CompromisedCredentials.json",   "AttackSequence_S3-CompromisedData.json",
    "AttackSequence_EKS-CompromisedCluster.json",       "AttackSequence_ECS-CompromisedCluster.json",
    "AttackSequence_EC2-CompromisedInstanceGroup.json",
};

TEST(SequenceMessageTest, ParsesTheSequenceAtTheApiMaxima) {
  const Finding f = Load("AttackSequence_IAM-CompromisedCredentials.json");
  EXPECT_EQ(f.sequence.signals.size(), 100u);
  EXPECT_EQ(f.sequence.indicators.size(), 100u);
  EXPECT_EQ(f.sequence.indicators[2].values.size(), 400u);
  EXPECT_EQ(f.sequence.actors.size(), 400u);
  EXPECT_EQ(f.sequence.endpoints.size(), 400u);
  EXPECT_EQ(f.sequence.resources.size(), 400u);
  EXPECT_EQ(f.sequence.actors[0].user_name, "john_doe0");
  EXPECT_EQ(f.sequence.actors[0].credential_uid, "AKIA_XAMPLE000000000");
  EXPECT_EQ(f.sequence.endpoints[0].asn_number, "64500");
  EXPECT_EQ(f.sequence.endpoints[0].country, "Germany");
  EXPECT_EQ(f.sequence.resources[1].account_id, "111122220001");
  ASSERT_TRUE(f.sequence.signals[0].first_seen.epoch.has_value());
  EXPECT_EQ(*f.sequence.signals[0].first_seen.epoch, 1740515000);
  EXPECT_EQ(f.sequence.description.size(), 4096u);
  // Sequence resources are their own section now, not facts of the finding's resource.
  EXPECT_TRUE(f.resource_facts.empty());
}

TEST(SequenceMessageTest, EveryTypeAtTheMaximaRendersWithinLimits) {
  for (const char* name : kSequenceFiles) {
    SCOPED_TRACE(name);
    const Finding f = Load(name);
    const json payload = Parse(RenderSlackPayload(f));
    ExpectWithinLimits(payload);
    const std::string text = AllText(payload);
    for (const char* heading :
         {"*MITRE ATT&amp;CK*", "*Tactics:* Initial Access", "*Techniques:* T1078.004", "*Key indicators*",
          "*Tor exit nodes:* `198.51.100.", "*High-risk APIs:* `", "*Actors*", "`john_doe0` (IAMUser)",
          "key `AKIA_XAMPLE000000000`", "MFA DISABLED", "*Network endpoints*", "`198.51.100.1` port 443",
          "Frankfurt am Main, Germany", "Example Hosting GmbH (AS64500)", "*Resources*", "*Strongest signals*",
          "*Attack sequence:* 100 signals", "more_", "*Span:* <!date^1740515000^"}) {
      EXPECT_NE(text.find(heading), std::string::npos) << heading;
    }
  }
}

TEST(SequenceMessageTest, StrongestSignalsComeFirstThenByTime) {
  const Finding f = Load("AttackSequence_S3-CompromisedData.json");
  const json payload = Parse(RenderSlackPayload(f));
  std::string signals;
  for (const json& b : Blocks(payload)) {
    const std::string t = b.contains("text") ? b.at("text").value("text", "") : "";
    if (t.rfind("*Strongest signals*", 0) == 0) signals = t;
  }
  ASSERT_FALSE(signals.empty());
  // Severity 9 signals are i % 4 == 3 among i % 3 == 0: i = 3, 15, 27, ... (earliest first).
  const std::size_t first = signals.find("\n\xE2\x80\xA2 ");
  const std::size_t second = signals.find("\n\xE2\x80\xA2 ", first + 1);
  ASSERT_NE(second, std::string::npos);
  const std::string line = signals.substr(first, second - first);
  EXPECT_NE(line.find("severity 9"), std::string::npos) << line;
  EXPECT_NE(line.find("4\xC3\x97"), std::string::npos) << line;  // signal 3 has count 4
  EXPECT_NE(line.find("<!date^1740515180^"), std::string::npos) << line;
}

TEST(SequenceMessageTest, HostileSequenceTextStaysInert) {
  Finding f;
  f.id = "0123456789abcdef0123456789abcdef";
  f.region = "us-east-1";
  f.sequence.uid = "seq";
  f.sequence.description = "> quoted\n*Account:* prod (999999999999)\n<!channel> https://evil.example";
  f.sequence.indicators = {{"TOR_IP", "", {"<!here>", "1.2.3.4`rm -rf`"}}, {"NEW_KEY", "*Bold* <@U1>", {"@channel"}}};
  f.sequence.actors = {{"a", "@here", "<b>", "", "", "", "", "", "", ""}};
  f.sequence.signals = {{"x`y", "", "FINDING", "d", 1, 9, true, {}, {}, {}}};
  const std::string payload_text = RenderSlackPayload(f);
  const json payload = Parse(payload_text);
  ExpectWithinLimits(payload);
  // The sequence description is plain_text: its ">" and "*Account:*" lines cannot become a quote or a field.
  bool plain = false;
  for (const json& b : Blocks(payload)) {
    if (b.contains("text") && b.at("text").at("type") == "plain_text" && b.at("type") == "section") {
      EXPECT_EQ(b.at("text").at("emoji"), false);
      if (b.at("text").at("text").get<std::string>().rfind("> quoted\n*Account:*", 0) == 0) plain = true;
    }
  }
  EXPECT_TRUE(plain);
  // A value ending in a backtick cannot be a ``` span: its backticks show as the U+02CB look-alike.
  EXPECT_NE(payload_text.find("`1.2.3.4\xCB\x8Brm -rf\xCB\x8B`"), std::string::npos);
  // A single inner backtick: a ``` span shows it as it is.
  EXPECT_NE(payload_text.find("```x`y```"), std::string::npos);
  EXPECT_EQ(payload_text.find("<!here>"), std::string::npos);
  EXPECT_EQ(payload_text.find("<@U1>"), std::string::npos);
}

// Index of the first block whose text starts with `heading`, or -1.
int BlockStarting(const json& payload, const std::string& heading) {
  const json& blocks = Blocks(payload);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].contains("text") && blocks[i].at("text").value("text", "").rfind(heading, 0) == 0) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

Finding SequenceFinding() {
  Finding f;
  f.id = "0123456789abcdef0123456789abcdef";
  f.region = "us-east-1";
  f.type = "AttackSequence:EC2/CompromisedInstanceGroup";
  f.sequence.uid = "seq";
  return f;
}

TEST(SequenceMessageTest, IndicatorsHaveReadableLabelsAndWhatToFixComesFirst) {
  Finding f = SequenceFinding();
  // As GuardDuty might list them: alphabetically, the 2026 keys without a title.
  f.sequence.indicators = {{"ATTACK_TACTIC", "", {"Execution"}},         {"MALICIOUS_PACKAGE", "", {"npm:evil@1.0.0"}},
                           {"MISCONFIGURATION", "", {"IMDSv1 enabled"}}, {"REACHABILITY", "", {"Internet on 22"}},
                           {"SENSITIVE_DATA", "", {"s3://payroll"}},     {"TOR_IP", "", {"198.51.100.1"}},
                           {"VULNERABILITY", "", {"CVE-2024-3094"}}};
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const int indicators = BlockStarting(payload, "*Key indicators*");
  const int mitre = BlockStarting(payload, "*MITRE ATT&amp;CK*");
  ASSERT_GE(indicators, 0);
  ASSERT_GE(mitre, 0);
  EXPECT_LT(indicators, mitre);  // what to fix before the tactics lists
  const std::string text = Blocks(payload)[static_cast<std::size_t>(indicators)].at("text").at("text");
  std::size_t last = 0;
  for (const char* label : {"*Vulnerabilities:* `CVE-2024-3094`", "*Malicious packages:* `npm:evil@1.0.0`",
                            "*Sensitive data:* s3://payroll", "*Misconfigurations:* IMDSv1 enabled",
                            "*Reachable from:* Internet on 22", "*Tor exit nodes:* `198.51.100.1`"}) {
    const std::size_t at = text.find(label);
    ASSERT_NE(at, std::string::npos) << label << " in " << text;
    EXPECT_GT(at, last) << label;
    last = at;
  }
  for (const char* raw : {"VULNERABILITY", "MALICIOUS_PACKAGE", "REACHABILITY"}) {
    EXPECT_EQ(text.find(raw), std::string::npos) << raw;
  }
}

TEST(SequenceMessageTest, CustomRuleMatchNamesItsRuleAndCountsItsApiCalls) {
  Finding f = SequenceFinding();
  f.type = "CredentialAccess:EC2/UnsecuredCredentials";
  f.custom_rule_name = "EC2PasswordDataRetrieved`*x*";
  Signal signal{"EC2PasswordDataRetrieved", "", "CLOUD_TRAIL", "", 1, 5, true, {}, {}, {}};
  signal.activities = {{"GetPasswordData", "ec2.amazonaws.com", "", "aws-cli <!channel>"},
                       {"GetPasswordData", "ec2.amazonaws.com", "AccessDenied", "aws-cli <!channel>"},
                       {"DescribeInstances", "ec2.amazonaws.com", "", ""}};
  f.sequence.signals = {signal};
  const std::string payload_text = RenderSlackPayload(f);
  const json payload = Parse(payload_text);
  ExpectWithinLimits(payload);
  EXPECT_GE(BlockStarting(payload, "*Custom detection rule:* 1 signal"), 0);
  EXPECT_EQ(BlockStarting(payload, "*Attack sequence:*"), -1);
  const int calls = BlockStarting(payload, "*API calls*");
  ASSERT_GE(calls, 0);
  EXPECT_EQ(
      Blocks(payload)[static_cast<std::size_t>(calls)].at("text").at("text"),
      "*API calls*\n\xE2\x80\xA2 `GetPasswordData` (ec2.amazonaws.com) \xC2\xB7 2\xC3\x97 \xC2\xB7 errors "
      "`AccessDenied`\n\xE2\x80\xA2 `DescribeInstances` (ec2.amazonaws.com) \xC2\xB7 1\xC3\x97\n\xE2\x80\xA2 *User "
      "agents:* `aws-cli &lt;!channel&gt;`");
  // The rule's name is a field, as a code span: its markup shows as typed.
  EXPECT_NE(payload_text.find("*Custom detection rule*\\n```EC2PasswordDataRetrieved`*x*```"), std::string::npos);
}

TEST(SequenceMessageTest, ResourcesShowTheirTypeReadablyWithTheirData) {
  Finding f = SequenceFinding();
  SequenceResource task{"arn:aws:ecs:us-east-1:1:task/c/1", "", "ECS_TASK", "1", "us-east-1", "", {}};
  task.details = {{"Task definition", "arn:aws:ecs:us-east-1:1:task-definition/api:4", true},
                  {"Launch type", "FARGATE <b>", false}};
  SequenceResource group{"web-asg", "", "AUTOSCALING_AUTO_SCALING_GROUP", "1", "us-east-1", "", {}};
  group.details = {{"Instances", "i-1, i-2", true}};
  f.sequence.resources = {task, group};
  const json payload = Parse(RenderSlackPayload(f));
  const int resources = BlockStarting(payload, "*Resources*");
  ASSERT_GE(resources, 0);
  const std::string text = Blocks(payload)[static_cast<std::size_t>(resources)].at("text").at("text");
  EXPECT_NE(
      text.find("ECS task `arn:aws:ecs:us-east-1:1:task/c/1` \xC2\xB7 account `1` \xC2\xB7 us-east-1 \xC2\xB7 Task "
                "definition `arn:aws:ecs:us-east-1:1:task-definition/api:4` \xC2\xB7 Launch type FARGATE &lt;b&gt;"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("Auto Scaling group `web-asg`"), std::string::npos) << text;
  EXPECT_NE(text.find("Instances `i-1, i-2`"), std::string::npos) << text;
}

}  // namespace
}  // namespace gdslack
