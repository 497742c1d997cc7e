#include "summary/summary_message.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "render/mrkdwn.h"

namespace gdslack {
namespace {

using nlohmann::json;

DailySummary Sample() {
  DailySummary s;
  s.scope = "accounts 111111111111, 222222222222";
  s.since_unix_ms = 1799913600000;
  s.until_unix_ms = 1800000000000;
  s.regions_read = {"eu-west-1"};
  s.unreadable = {{"us-east-1", "kNotFound: no detector in us-east-1"}};
  s.by_band = {4, 3, 2, 1};
  s.top_types = {{"Recon:EC2/Portscan", "", 6}, {"Backdoor:EC2/C&CActivity.B", "", 3}};
  s.top_accounts = {{"111111111111", "payments-prod", 7}, {"222222222222", "", 3}};
  s.open = {{"f1", "CryptoCurrency:EC2/BitcoinTool.B", "Bitcoin on i-1", "222222222222", "", "eu-west-1", 9.5}};
  s.open_total = 4;
  s.expiring_mutes = {{"Scanner in staging", 1800100000}};
  return s;
}

// Every mrkdwn text of the payload, and the limits Slack enforces on each place it can sit.
void ExpectWithinSlackLimits(const json& payload, std::vector<std::string>* texts) {
  ASSERT_TRUE(payload.at("blocks").is_array());
  EXPECT_LE(payload.at("blocks").size(), kMaxBlocks);
  EXPECT_LE(SlackLength(payload.at("text").get<std::string>()), kMaxFallbackText);
  EXPECT_EQ(payload.at("unfurl_links"), false);
  std::size_t total = 0;
  for (const json& block : payload.at("blocks")) {
    if (block.contains("text")) {
      const std::string t = block.at("text").at("text");
      EXPECT_LE(SlackLength(t), block.at("type") == "header" ? kMaxHeaderText : kMaxSectionText);
      total += SlackLength(t);
      texts->push_back(t);
    }
    if (block.contains("fields")) {
      EXPECT_LE(block.at("fields").size(), kMaxFields);
      for (const json& f : block.at("fields")) {
        EXPECT_LE(SlackLength(f.at("text").get<std::string>()), kMaxFieldText);
        total += SlackLength(f.at("text").get<std::string>());
        texts->push_back(f.at("text"));
      }
    }
    if (block.contains("elements")) {
      for (const json& e : block.at("elements")) texts->push_back(e.at("text"));
    }
  }
  EXPECT_LE(total, kMaxMessageText);
}

TEST(SummaryMessageTest, ShowsBandsTopListsOpenFindingsMutesAndUnreadRegions) {
  const json payload = json::parse(RenderSummaryPayload(Sample(), "payments"));
  std::vector<std::string> texts;
  ExpectWithinSlackLimits(payload, &texts);
  EXPECT_EQ(payload.at("text"), "GuardDuty daily summary: 10 findings in the last 24 hours (1 Region not read)");
  std::string all;
  for (const std::string& t : texts) all += t + "\n";
  EXPECT_NE(all.find("*Critical*\n1"), std::string::npos) << all;
  EXPECT_NE(all.find("*Low*\n4"), std::string::npos);
  EXPECT_NE(all.find("`Recon:EC2/Portscan`\n6"), std::string::npos);
  // Finding types come from GuardDuty: escaped (the & of C&C).
  EXPECT_NE(all.find("`Backdoor:EC2/C&amp;CActivity.B`\n3"), std::string::npos);
  EXPECT_NE(all.find("payments-prod (111111111111)\n7"), std::string::npos);
  EXPECT_NE(all.find("*us-east-1*: kNotFound: no detector in us-east-1"), std::string::npos);
  EXPECT_NE(all.find("Open High and Critical findings not acknowledged: 4*"), std::string::npos);
  EXPECT_NE(all.find("…and 3 more"), std::string::npos);
  EXPECT_NE(all.find("2027-01-16T11:46:40Z"), std::string::npos);  // the mute's expiry, 1800100000
  EXPECT_NE(all.find("accounts 111111111111, 222222222222"), std::string::npos);
}

TEST(SummaryMessageTest, HostileNamesAreEscapedAndCut) {
  DailySummary s = Sample();
  const std::string hostile = "<!channel> <https://evil.example|click> @here " + std::string(5000, '&');
  s.top_accounts[0].label = hostile;
  s.top_types[0].key = hostile;
  s.open[0].title = hostile;
  s.open[0].account_name = hostile;
  s.expiring_mutes[0].description = hostile;
  for (int i = 0; i < 40; ++i) s.unreadable.push_back({"eu-west-" + std::to_string(i), hostile});
  const json payload = json::parse(RenderSummaryPayload(s, "payments"));
  std::vector<std::string> texts;
  ExpectWithinSlackLimits(payload, &texts);
  for (const std::string& t : texts) {
    EXPECT_EQ(t.find("<!channel>"), std::string::npos) << t;
    EXPECT_EQ(t.find("<https://evil"), std::string::npos) << t;
  }
}

// Writes the payloads to GDSLACK_SUMMARY_JSONL for tests/slack_types (Slack's own @slack/types): the
// slack_types.summary test type-checks them.
TEST(SummaryMessageTest, WritesPayloadsForTypeCheck) {
  const char* path = std::getenv("GDSLACK_SUMMARY_JSONL");
  if (path == nullptr || *path == '\0') path = "/dev/null";
  std::ofstream out(path);
  DailySummary empty;
  empty.scope = "all accounts";
  out << RenderSummaryPayload(Sample(), "payments") << "\n" << RenderSummaryPayload(empty, "security") << "\n";
  EXPECT_TRUE(out.good());
}

}  // namespace
}  // namespace gdslack
