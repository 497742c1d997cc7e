#include "routing/summary_scope.h"

#include <gtest/gtest.h>

#include "routing/config_loader.h"

namespace gdslack {
namespace {

RoutingConfig Load(const std::string& routes) {
  Result<RoutingConfig> config = LoadRoutingConfig(
      "destinations:\n  payments: {slack: {}, summary: daily}\n  security: {slack: {}, summary: daily}\n" + routes,
      "scope.yaml");
  EXPECT_TRUE(config) << config.error().message();
  return config ? *config : RoutingConfig{};
}

struct ScopeCase {
  const char* name;
  const char* routes;
  const char* payments;  // DescribeSummaryScope of each destination
  const char* security;
};

class SummaryScopeTest : public ::testing::TestWithParam<ScopeCase> {};

TEST_P(SummaryScopeTest, CoversTheAccountsItsRoutesCanSend) {
  const RoutingConfig config = Load(GetParam().routes);
  EXPECT_EQ(DescribeSummaryScope(SummaryScopeFor(config, "payments")), GetParam().payments);
  EXPECT_EQ(DescribeSummaryScope(SummaryScopeFor(config, "security")), GetParam().security);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SummaryScopeTest,
    ::testing::Values(
        ScopeCase{"ids",
                  "routes:\n  - {name: p, match: {account: [\"222222222222\", \"111111111111\"]}, to: payments}\n"
                  "default: {to: security}\n",
                  "accounts 111111111111, 222222222222", "all accounts"},
        ScopeCase{"two routes unite",
                  "routes:\n  - {name: p, match: {account: \"111111111111\"}, to: payments}\n"
                  "  - {name: q, match: {account: \"333333333333\", severity: high}, to: payments}\n"
                  "default: {to: security}\n",
                  "accounts 111111111111, 333333333333", "all accounts"},
        ScopeCase{"a child narrows its parent",
                  "routes:\n  - name: p\n    match: {account: [\"111111111111\", \"222222222222\"]}\n    to: security\n"
                  "    routes:\n      - {name: c, match: {account: \"222222222222\"}, to: payments}\n"
                  "default: {drop: true}\n",
                  "account 222222222222", "accounts 111111111111, 222222222222"},
        ScopeCase{"a name glob cannot be filtered",
                  "routes:\n  - {name: p, match: {account: \"payments-*\"}, to: payments}\ndefault: {to: security}\n",
                  "all accounts (route p matches accounts by name or glob)", "all accounts"},
        ScopeCase{"an OU cannot be filtered",
                  "routes:\n  - {name: p, match: {ou: \"Workloads/*\"}, to: payments}\ndefault: {to: security}\n",
                  "all accounts (route p matches by account tag or OU)", "all accounts"},
        ScopeCase{"to_tag reaches every destination",
                  "routes:\n  - {name: t, match: {account: \"111111111111\"}, to_tag: team, to: security}\n"
                  "default: {drop: true}\n",
                  "all accounts (route t sends by the account tag team)",
                  "all accounts (route t sends by the account tag team)"},
        ScopeCase{"not reached at all", "default: {to: security}\n", "all accounts", "all accounts"}),
    [](const ::testing::TestParamInfo<ScopeCase>& param) {
      std::string name;
      for (const char* c = param.param.name; *c != '\0'; ++c) name += std::isalnum(*c) ? *c : '_';
      return name;
    });

TEST(RegionNameTest, AcceptsRegionsAndNothingElse) {
  for (const char* ok : {"eu-west-1", "us-gov-west-1", "cn-north-1", "ap-southeast-5"}) {
    EXPECT_TRUE(IsRegionName(ok)) << ok;
  }
  for (const char* bad : {"", "eu-west", "eu--1", "EU-west-1", "eu-west-1/x", "eu.west-1", "west-1", "eu-west-x"}) {
    EXPECT_FALSE(IsRegionName(bad)) << bad;
  }
}

}  // namespace
}  // namespace gdslack
