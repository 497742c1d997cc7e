#include "slack/triage_blocks.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TriageTarget Target() {
  return {"8c258d654378414b9bc26f61a93eb816", "eu-west-1", "123456789012", "Recon:EC2/PortProbeUnprotectedPort",
          "Instance:i-0abc (web-1)"};
}

nlohmann::json AppMessage() {
  return nlohmann::json::parse(R"({"text":"x","attachments":[{"color":"#f00","blocks":[
    {"type":"header","text":{"type":"plain_text","text":"h"}},
    {"type":"actions","elements":[{"type":"button","action_id":"open_guardduty_console","text":{"type":"plain_text","text":"Open"},"url":"https://console.aws.amazon.com/"}]}]}]})");
}

TEST(TriageBlocksTest, TheValueRoundTripsAndIsChecked) {
  const std::string v = EncodeTriageValue(Target());
  Result<TriageTarget> back = DecodeTriageValue(v);
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(back->finding_id, Target().finding_id);
  EXPECT_EQ(back->region, "eu-west-1");
  EXPECT_EQ(back->account_id, "123456789012");
  EXPECT_EQ(back->resource_id, "Instance:i-0abc (web-1)");

  for (const char* bad :
       {"", "{", "[]", R"({"f":"a"})", R"({"f":"a/b","r":"eu-west-1","a":"123456789012","t":"T","x":""})",
        R"({"f":"ab","r":"EU WEST","a":"123456789012","t":"T","x":""})",
        R"({"f":"ab","r":"eu-west-1","a":"12345","t":"T","x":""})",
        R"({"f":"ab","r":"eu-west-1","a":"123456789012","t":"","x":""})",
        R"({"f":"ab","r":"eu-west-1","a":"123456789012","t":"T\n","x":""})"}) {
    EXPECT_FALSE(DecodeTriageValue(bad).has_value()) << bad;
  }
}

TEST(TriageBlocksTest, AHostileResourceKeepsTheValueWithinSlacksLimit) {
  TriageTarget t = Target();
  t.resource_id = std::string(5000, '"');  // every byte doubles when escaped
  t.type = std::string(3000, 'T');
  const std::string v = EncodeTriageValue(t);
  EXPECT_LE(v.size(), kButtonValueMaxChars);
  EXPECT_TRUE(DecodeTriageValue(v).has_value());
}

TEST(TriageBlocksTest, ButtonsGoInsideTheAttachmentAndAreReplacedNotAdded) {
  nlohmann::json m = AppMessage();
  SetTriageBlocks(m, Target(), false, {});
  const nlohmann::json& blocks = m["attachments"][0]["blocks"];
  ASSERT_EQ(blocks.size(), 3u);
  const nlohmann::json& actions = blocks[2];
  EXPECT_EQ(actions["block_id"], "gds_triage");
  ASSERT_EQ(actions["elements"].size(), 3u);
  for (const nlohmann::json& e : actions["elements"]) {
    EXPECT_EQ(e["action_id"].get<std::string>().rfind("gds_", 0), 0u);
    EXPECT_EQ(e["value"], EncodeTriageValue(Target()));
  }
  EXPECT_EQ(actions["elements"][1]["action_id"], "gds_archive");
  EXPECT_FALSE(ShowsArchived(m));
  EXPECT_TRUE(TriageStatusLines(m).empty());

  SetTriageBlocks(m, Target(), true, {"Acknowledged by <@U1>", "Archived by <@U2>"});
  const nlohmann::json& again = m["attachments"][0]["blocks"];
  ASSERT_EQ(again.size(), 4u);  // header, console actions, status, triage actions
  EXPECT_EQ(again[1]["elements"][0]["action_id"], "open_guardduty_console");
  EXPECT_EQ(again[2]["block_id"], "gds_triage_status");
  EXPECT_EQ(again[3]["elements"][1]["action_id"], "gds_unarchive");
  EXPECT_TRUE(ShowsArchived(m));
  EXPECT_EQ(TriageStatusLines(m), (std::vector<std::string>{"Acknowledged by <@U1>", "Archived by <@U2>"}));
}

TEST(TriageBlocksTest, TheStatusKeepsTheLastFiveDecisions) {
  nlohmann::json m = AppMessage();
  SetTriageBlocks(m, Target(), false, {"1", "2", "3", "4", "5", "6", "7"});
  EXPECT_EQ(TriageStatusLines(m), (std::vector<std::string>{"3", "4", "5", "6", "7"}));
}

}  // namespace
}  // namespace gdslack
