#include "summary/summary_builder.h"

#include <gtest/gtest.h>

#include "summary/fake_findings_source.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1800000000000;
constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kDeadline = kNow + 10000;

class Names : public AccountNameLookup {
 public:
  std::string Lookup(const std::string& id, int64_t) override { return id == "111111111111" ? "payments-prod" : ""; }
};

FakeFinding F(std::string id, std::string type, std::string account, double severity, int64_t age_ms,
              bool archived = false) {
  return FakeFinding{std::move(id), std::move(type), std::move(account), severity, kNow - age_ms, archived};
}

class SummaryBuilderTest : public ::testing::Test {
 protected:
  SummaryBuilderTest() {
    west_.findings = {F("a1", "Recon:EC2/Portscan", "111111111111", 2.0, kHour),
                      F("a2", "Recon:EC2/Portscan", "111111111111", 5.0, 2 * kHour),
                      F("a3", "Backdoor:EC2/C&CActivity.B", "222222222222", 8.0, 3 * kHour),
                      F("a4", "CryptoCurrency:EC2/BitcoinTool.B", "222222222222", 9.5, 23 * kHour),
                      F("old", "Recon:EC2/Portscan", "111111111111", 8.0, 30 * kHour),     // open, not recent
                      F("gone", "Recon:EC2/Portscan", "111111111111", 8.0, kHour, true)};  // archived
    east_.findings = {F("b1", "Recon:EC2/Portscan", "333333333333", 7.0, kHour),
                      F("b2", "Trojan:EC2/DNSDataExfiltration", "111111111111", 4.0, kHour)};
    inputs_.regions = {{"eu-west-1", &west_}, {"us-east-1", &east_}};
    inputs_.now_unix_ms = kNow;
  }
  FakeFindingsSource west_;
  FakeFindingsSource east_;
  SummaryInputs inputs_;
};

TEST_F(SummaryBuilderTest, CountsTheLastDayByBandTypeAndAccountAcrossRegions) {
  Names names;
  inputs_.names = &names;
  const DailySummary s = BuildDailySummary(inputs_, kDeadline);
  EXPECT_EQ(s.regions_read, (std::vector<std::string>{"eu-west-1", "us-east-1"}));
  EXPECT_TRUE(s.unreadable.empty());
  // Low 2.0; Medium 5.0, 4.0; High 8.0, 7.0; Critical 9.5. "old" is older than 24 h, "gone" is archived.
  EXPECT_EQ(s.by_band, (std::array<int64_t, 4>{1, 2, 2, 1}));
  EXPECT_EQ(s.total(), 6);
  ASSERT_EQ(s.top_types.size(), 4u);
  EXPECT_EQ(s.top_types[0].key, "Recon:EC2/Portscan");
  EXPECT_EQ(s.top_types[0].count, 3);
  ASSERT_EQ(s.top_accounts.size(), 3u);
  EXPECT_EQ(s.top_accounts[0].key, "111111111111");
  EXPECT_EQ(s.top_accounts[0].label, "payments-prod");
  EXPECT_EQ(s.top_accounts[0].count, 3);
  EXPECT_EQ(s.top_accounts[1].key, "222222222222");
  EXPECT_EQ(s.top_accounts[1].label, "");
  EXPECT_EQ(s.since_unix_ms, kNow - 24 * kHour);
}

TEST_F(SummaryBuilderTest, ListsOpenHighFindingsNotAcknowledgedMostSevereFirst) {
  inputs_.acknowledged = [](const std::string& id) { return id == "a3"; };
  const DailySummary s = BuildDailySummary(inputs_, kDeadline);
  // a4 9.5, old 8.0 (open whatever its age), b1 7.0; a3 acknowledged, "gone" archived.
  EXPECT_EQ(s.open_total, 3);
  EXPECT_FALSE(s.open_total_is_floor);
  ASSERT_EQ(s.open.size(), 3u);
  EXPECT_EQ(s.open[0].id, "a4");
  EXPECT_EQ(s.open[0].type, "CryptoCurrency:EC2/BitcoinTool.B");
  EXPECT_EQ(s.open[0].title, "Title of a4");
  EXPECT_EQ(s.open[1].id, "old");
  EXPECT_EQ(s.open[2].id, "b1");
}

TEST_F(SummaryBuilderTest, ShowsTenOpenFindingsAndCountsTheRest) {
  for (int i = 0; i < 25; ++i) west_.findings.push_back(F("h" + std::to_string(i), "T", "111111111111", 7.5, kHour));
  const DailySummary s = BuildDailySummary(inputs_, kDeadline);
  EXPECT_EQ(s.open.size(), kOpenShown);
  EXPECT_EQ(s.open_total, 25 + 4);
  EXPECT_EQ(west_.get_calls, 1);  // only the ids shown are fetched
}

TEST_F(SummaryBuilderTest, AnUnreadableRegionIsNamedAndCountsNothing) {
  east_.fail = Status(Code::kNotFound, "guardduty:ListDetectors: no detector in us-east-1");
  const DailySummary s = BuildDailySummary(inputs_, kDeadline);
  EXPECT_EQ(s.regions_read, std::vector<std::string>{"eu-west-1"});
  ASSERT_EQ(s.unreadable.size(), 1u);
  EXPECT_EQ(s.unreadable[0].region, "us-east-1");
  EXPECT_NE(s.unreadable[0].reason.find("no detector in us-east-1"), std::string::npos) << s.unreadable[0].reason;
  EXPECT_EQ(s.by_band, (std::array<int64_t, 4>{1, 1, 1, 1}));
}

TEST_F(SummaryBuilderTest, AScopedSummaryAsksGuardDutyForItsAccountsOnly) {
  inputs_.scope.all_accounts = false;
  inputs_.scope.accounts = {"111111111111"};
  const DailySummary s = BuildDailySummary(inputs_, kDeadline);
  EXPECT_EQ(s.scope, "account 111111111111");
  EXPECT_EQ(s.total(), 3);     // a1, a2, b2
  EXPECT_EQ(s.open_total, 1);  // old
  ASSERT_FALSE(west_.criteria_seen.empty());
  EXPECT_EQ(west_.criteria_seen[0]["criterion"]["accountId"]["eq"], nlohmann::json({"111111111111"}));
  EXPECT_EQ(west_.criteria_seen[0]["criterion"]["updatedAt"]["gte"], kNow - 24 * kHour);
  EXPECT_EQ(west_.criteria_seen[0]["criterion"]["service.archived"]["eq"], nlohmann::json({"false"}));
}

TEST_F(SummaryBuilderTest, KeepsMutesExpiringWithinSevenDaysSoonestFirst) {
  const int64_t now_s = kNow / 1000;
  inputs_.mutes = {
      {"later", now_s + 6 * 86400}, {"too late", now_s + 8 * 86400}, {"expired", now_s - 10}, {"soon", now_s + 3600}};
  const DailySummary s = BuildDailySummary(inputs_, kDeadline);
  ASSERT_EQ(s.expiring_mutes.size(), 2u);
  EXPECT_EQ(s.expiring_mutes[0].description, "soon");
  EXPECT_EQ(s.expiring_mutes[1].description, "later");
}

TEST_F(SummaryBuilderTest, TopListsStopAtFive) {
  for (int i = 0; i < 8; ++i) {
    west_.findings.push_back(
        F("t" + std::to_string(i), "Type" + std::to_string(i), std::to_string(100000000000 + i), 2.0, kHour));
  }
  const DailySummary s = BuildDailySummary(inputs_, kDeadline);
  EXPECT_EQ(s.top_types.size(), kTopN);
  EXPECT_EQ(s.top_accounts.size(), kTopN);
}

}  // namespace
}  // namespace gdslack
