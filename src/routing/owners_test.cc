// Routing by owner (account_tag, ou, to_tag), owner_tags and runbooks: loaded, explained and decided,
// table-driven over the sample events.
#include "routing/owners.h"

#include <gtest/gtest.h>

#include "routing/config_loader.h"
#include "routing/matcher.h"
#include "routing/router.h"
#include "routing/test_findings.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000;

constexpr const char* kConfig = R"(
owner_tags: [owner, team]
runbooks:
  - {type: "Recon:*", url: "https://wiki.example.com/runbooks/recon"}
  - {type: "*:EC2/*", url: "https://wiki.example.com/runbooks/ec2"}
destinations:
  security: {slack: {url: "https://hooks.slack.com/services/T000/B000/XXXX"}}
  payments: {slack: {url: "https://hooks.slack.com/services/T000/B001/XXXX"}}
  platform: {slack: {url: "https://hooks.slack.com/services/T000/B002/XXXX"}}
  sandbox: {slack: {url: "https://hooks.slack.com/services/T000/B003/XXXX"}}
routes:
  - name: sandboxes
    match: {ou: "Sandbox*"}
    to: sandbox
  - name: platform-prod
    match: {account_tag: {team: "platform*"}, ou: "Workloads/*"}
    to: platform
  - name: by-tag
    match: {ou: ["Workloads/*", "Infrastructure"]}
    to_tag: slack-destination
    to: security
default: {to: security}
)";

RoutingConfig Load() {
  Result<RoutingConfig> config = LoadRoutingConfig(kConfig, "owners.yaml");
  EXPECT_TRUE(config.has_value()) << config.error().message();
  return config.has_value() ? *config : RoutingConfig{};
}

struct Account {
  std::map<std::string, std::string> tags;
  std::string ou_path;
};

struct Case {
  const char* name;
  Account account;
  std::vector<std::string> destinations;
  std::string owner;
  bool fell_back = false;
};

std::vector<std::string> Destinations(const RoutingDecision& d) {
  std::vector<std::string> out;
  for (const Delivery& x : d.deliveries) out.push_back(x.destination);
  return out;
}

TEST(OwnersRoutingTest, TableOverSampleEvents) {
  const RoutingConfig config = Load();
  ASSERT_TRUE(UsesAccountInfo(config));
  const std::vector<Case> cases = {
      {"payments prod by tag",
       {{{"team", "payments"}, {"slack-destination", "payments"}}, "Workloads/Prod"},
       {"payments"},
       "payments"},
      {"owner before team",
       {{{"owner", "alice"}, {"team", "payments"}}, "Workloads/Prod"},
       {"security"},
       "alice",
       true},
      {"platform by tag glob",
       {{{"team", "platform-core"}, {"slack-destination", "payments"}}, "Workloads/Dev"},
       {"platform"},
       "platform-core"},
      {"platform tag outside Workloads",
       {{{"team", "platform-core"}}, "Infrastructure"},
       {"security"},
       "platform-core",
       true},
      {"unknown destination falls back",
       {{{"slack-destination", "nowhere"}}, "Workloads/Prod"},
       {"security"},
       "",
       true},
      {"sandbox ou", {{}, "Sandbox-Teams"}, {"sandbox"}, ""},
      {"ou glob does not reach deeper levels by itself",
       {{{"slack-destination", "payments"}}, "Workloads"},
       {"security"},
       ""},
      {"no info at all (lookup failed)", {{}, ""}, {"security"}, ""},
  };
  int findings = 0;
  for (const std::string& file : testing::SampleFiles()) {
    Finding base = testing::SampleFinding(file);
    if (base.id.empty()) continue;
    ++findings;
    for (const Case& c : cases) {
      Finding f = base;
      f.account_tags = c.account.tags;
      f.account_ou_path = c.account.ou_path;
      const RoutingDecision d = RouteFinding(config, f, kNow);
      ASSERT_EQ(d.kind, RoutingDecision::Kind::kDeliver) << file << ": " << c.name << ": " << d.reason;
      EXPECT_EQ(Destinations(d), c.destinations) << file << ": " << c.name;
      EXPECT_EQ(OwnerOf(config, f), c.owner) << c.name;
      EXPECT_EQ(!d.notes.empty(), c.fell_back) << file << ": " << c.name;
    }
  }
  EXPECT_GT(findings, 20);
}

TEST(OwnersRoutingTest, TraceExplainsTagDecision) {
  const RoutingConfig config = Load();
  Finding f = testing::MakeFinding(8.0);
  f.account_tags = {{"slack-destination", "payments"}};
  f.account_ou_path = "Workloads/Prod";
  RoutingDecision d = RouteFinding(config, f, kNow);
  std::string trace;
  for (const std::string& line : d.trace) trace += line + "\n";
  EXPECT_NE(trace.find("by-tag [ou=Workloads/*|Infrastructure]: matched"), std::string::npos) << trace;
  EXPECT_NE(trace.find("to_tag slack-destination=payments -> destination payments"), std::string::npos) << trace;
  f.account_tags.clear();
  d = RouteFinding(config, f, kNow);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0], "route by-tag: account 111111111111 has no tag slack-destination; sent to its to: instead");
  EXPECT_NE(DescribeRoutingTree(config).find("-> the destination named by tag slack-destination, else security"),
            std::string::npos);
}

TEST(OwnersRoutingTest, RunbookFirstMatchWins) {
  const RoutingConfig config = Load();
  EXPECT_EQ(RunbookFor(config, testing::MakeFinding(5, "Recon:EC2/Portscan")),
            "https://wiki.example.com/runbooks/recon");
  EXPECT_EQ(RunbookFor(config, testing::MakeFinding(5, "Backdoor:EC2/Spambot")),
            "https://wiki.example.com/runbooks/ec2");
  EXPECT_EQ(RunbookFor(config, testing::MakeFinding(5, "Policy:S3/BucketPublic")), "");
}

TEST(OwnersRoutingTest, MatcherDescribesAndNeedsEveryTag) {
  Matcher m;
  m.account_tags = {{"team", "pay*"}, {"env", "prod"}};
  m.ous = {"Workloads/*"};
  EXPECT_EQ(Describe(m), "account_tag:env=prod account_tag:team=pay* ou=Workloads/*");
  EXPECT_FALSE(m.empty());
  EXPECT_FALSE(m.MatchesEverything());
  Finding f = testing::MakeFinding(5);
  f.account_ou_path = "Workloads/Prod";
  f.account_tags = {{"team", "payments"}};
  EXPECT_FALSE(Matches(m, f));  // env missing
  f.account_tags["env"] = "prod";
  EXPECT_TRUE(Matches(m, f));
  f.account_ou_path = "Sandbox";
  EXPECT_FALSE(Matches(m, f));
}

TEST(OwnersRoutingTest, NoInfoNeededWithoutTheKeys) {
  Result<RoutingConfig> config = LoadRoutingConfig(R"(
destinations: {a: {slack: {url: "https://hooks.slack.com/services/T/B/X"}}}
routes: [{match: {account: "1111*"}, to: a}]
default: {to: a}
)",
                                                   "plain.yaml");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_FALSE(UsesAccountInfo(*config));
}

TEST(OwnersRoutingTest, LoaderRejects) {
  const std::string head = R"(
destinations: {a: {slack: {url: "https://hooks.slack.com/services/T/B/X"}}}
default: {to: a}
)";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"routes: [{to_tag: dest}]", "needs to: as well"},
      {"routes: [{to_tag: dest, drop: true, match: {severity: high}}]", "a route either drops or has to_tag:"},
      {"routes: [{match: {account_tag: team}, to: a}]", "expected a mapping {tag-key: value-glob}"},
      {"routes: [{match: {account_tag: {team: \"\"}}, to: a}]", "empty tag key or value"},
      {"runbooks: [{type: \"*\", url: \"http://wiki.example.com/x\"}]", "expected an https:// URL"},
      {"runbooks: [{type: \"*\", url: \"https://wiki.example.com/a b\"}]", "expected an https:// URL"},
      {"runbooks: [{type: \"*\"}]", "needs type: (a glob) and url:"},
      {"runbooks: [{type: \"*\", url: \"https://x.example.com\", extra: 1}]", "unknown key"},
      {"owner_tags: []", "empty list"},
  };
  for (const auto& [yaml, message] : bad) {
    Result<RoutingConfig> config = LoadRoutingConfig(head + yaml, "bad.yaml");
    ASSERT_FALSE(config.has_value()) << yaml;
    EXPECT_NE(config.error().message().find(message), std::string::npos) << yaml << ": " << config.error().message();
  }
}

}  // namespace
}  // namespace gdslack
