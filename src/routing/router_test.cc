#include "routing/router.h"

#include <gtest/gtest.h>

#include "routing/config_loader.h"
#include "routing/test_findings.h"

namespace gdslack {
namespace {

using testing::MakeFinding;
using testing::SampleFiles;
using testing::SampleFinding;

const int64_t kNow = *ParseMuteUntil("2026-11-29");  // 2026-11-30T00:00Z: the scanner mute holds
const int64_t kAfterMutes = *ParseMuteUntil("2027-01-05");

RoutingConfig Example() {
  Result<RoutingConfig> config = LoadRoutingConfigFile(testing::SourceDir() + "/config/example.yaml");
  EXPECT_TRUE(config) << config.error().message();
  return config ? *config : RoutingConfig{};
}

std::vector<std::string> Destinations(const RoutingDecision& d) {
  std::vector<std::string> out;
  for (const Delivery& x : d.deliveries) out.push_back(x.destination);
  return out;
}

struct SampleCase {
  const char* file;
  int64_t now;
  RoutingDecision::Kind kind;
  std::vector<std::string> destinations;
  const char* reason;
  const char* mention;
};

using K = RoutingDecision::Kind;

// The example configuration over sample events: what each finding's path must be, read from the file.
TEST(RouterTest, ExampleConfigOverSampleEvents) {
  const RoutingConfig config = Example();
  const SampleCase cases[] = {
      {"corpus/AttackSequence_IAM-CompromisedCredentials.json",
       kNow,
       K::kDeliver,
       {"on-call-sms", "security"},
       "route page-on-critical, production-high",
       "<!here>"},
      {"demo/02-attack-sequence.json",
       kNow,
       K::kDeliver,
       {"on-call-sms", "security"},
       "route page-on-critical, production-high",
       "<!here>"},
      {"corpus/CredentialAccess_RDS-AnomalousBehavior.SuccessfulLogin.json",
       kNow,
       K::kDeliver,
       {"security"},
       "route production-high",
       "<!here>"},
      {"corpus/Discovery_Kubernetes-TorIPCaller.json", kNow, K::kDeliver, {"security"}, "route production", ""},
      {"corpus/Discovery_RDS-TorIPCaller.json", kNow, K::kDeliver, {"non-production"}, "route non-production", ""},
      {"corpus/Discovery_IAMUser-AnomalousBehavior.json", kNow, K::kDeliver, {"security"}, "route default", ""},
      {"corpus/Recon_EC2-Portscan.json",
       kNow,
       K::kMuted,
       {},
       "muted until 2026-12-31: Nightly vulnerability scan from the scanner account (ticket SEC-142)",
       ""},
      {"corpus/Recon_EC2-Portscan.json", kAfterMutes, K::kDeliver, {"security"}, "route production", ""},
  };
  for (const SampleCase& c : cases) {
    SCOPED_TRACE(c.file);
    const Finding f = SampleFinding(c.file);
    const RoutingDecision d = RouteFinding(config, f, c.now);
    EXPECT_EQ(d.kind, c.kind);
    EXPECT_EQ(Destinations(d), c.destinations);
    EXPECT_EQ(d.reason, c.reason);
    if (c.kind == K::kDeliver) {
      EXPECT_EQ(d.deliveries.back().route->mention, c.mention);
    }
    EXPECT_FALSE(d.trace.empty() && c.kind == K::kDeliver);
  }
}

TEST(RouterTest, EverySampleHasAPathAndCriticalPages) {
  const RoutingConfig config = Example();
  int critical = 0;
  for (const std::string& file : SampleFiles()) {
    SCOPED_TRACE(file);
    const Finding f = SampleFinding(file);
    const RoutingDecision d = RouteFinding(config, f, kNow);
    EXPECT_FALSE(d.reason.empty());
    for (const Delivery& x : d.deliveries) EXPECT_EQ(config.destinations.count(x.destination), 1u);
    if (f.band == SeverityBand::kCritical) {
      ++critical;
      EXPECT_EQ(Destinations(d).front(), "on-call-sms");
    } else {
      for (const std::string& dest : Destinations(d)) EXPECT_NE(dest, "on-call-sms");
    }
    if (f.severity >= 7 && d.kind == K::kDeliver) {
      EXPECT_EQ(d.deliveries.back().route->mention, "<!here>");
    }
  }
  EXPECT_GE(critical, 3);
}

TEST(RouterTest, SandboxLowFindingsAreDropped) {
  const RoutingDecision d = RouteFinding(Example(), MakeFinding(2, "Recon:EC2/Portscan", "123412341234"), kNow);
  EXPECT_EQ(d.kind, K::kDropped);
  EXPECT_EQ(d.reason, "dropped by route sandbox-noise");
}

TEST(RouterTest, GlobalFiltersComeFirst) {
  RoutingConfig config = Example();
  config.filters.min_severity = 7.0;
  int posted = 0;
  for (const std::string& file : SampleFiles()) {
    const Finding f = SampleFinding(file);
    const RoutingDecision d = RouteFinding(config, f, kAfterMutes);
    EXPECT_EQ(d.kind == K::kFiltered, f.severity < 7.0) << file;
    posted += d.kind == K::kDeliver ? 1 : 0;
  }
  EXPECT_GT(posted, 0);
  Finding sample = MakeFinding(8);
  sample.sample = true;
  config.filters.skip_samples = true;
  EXPECT_EQ(RouteFinding(config, sample, kNow).reason, "sample finding (skip_samples)");
  Finding archived = MakeFinding(8);
  archived.archived = true;
  EXPECT_EQ(RouteFinding(config, archived, kNow).reason, "archived finding (skip_archived)");
}

TEST(RouterTest, NoRouteMatchedAndDefaultDrops) {
  RoutingConfig config = DefaultRoutingConfig();
  config.default_route.to.clear();
  config.default_route.drop = true;
  const RoutingDecision d = RouteFinding(config, MakeFinding(5), kNow);
  EXPECT_EQ(d.kind, K::kDropped);
  EXPECT_EQ(d.reason, "dropped by route default");
}

TEST(RouterTest, TreeDescriptionListsEveryRoute) {
  const std::string tree = DescribeRoutingTree(Example());
  for (const char* needle :
       {"page-on-critical", "sandbox-noise", "non-production", "production-high", "- default",
        "on-call-sms: sns arn:aws:sns", "update_policy escalations steps 10 100 1000", "until 2026-12-31"}) {
    EXPECT_NE(tree.find(needle), std::string::npos) << needle << "\n" << tree;
  }
}

}  // namespace
}  // namespace gdslack
