#include "slack/triage_blocks.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "render/slack_message.h"

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

// App-mode payloads with the triage blocks (fresh, archived, after decisions, and for a hostile resource), one
// per line, for the Slack types check (ctest slack_types.triage): GDSLACK_TRIAGE_JSONL names the file.
TEST(TriageBlocksTest, WritesPayloadsForTypeCheck) {
  const char* env_path = std::getenv("GDSLACK_TRIAGE_JSONL");
  const std::string path = env_path != nullptr && *env_path != '\0'
                               ? std::string(env_path)
                               : (std::filesystem::temp_directory_path() / "gdslack-triage-payloads.jsonl").string();
  std::ofstream out(path);
  Finding f;
  f.id = "8c258d654378414b9bc26f61a93eb816";
  f.type = "Recon:EC2/PortProbeUnprotectedPort";
  f.account_id = "123456789012";
  f.region = "eu-west-1";
  f.severity = 8;
  f.has_severity = true;
  f.band = BandFor(8);
  f.resource_type = "Instance";
  f.resource_facts = {{"Instance", "i-0abc (web-1)", true}};
  Finding hostile = f;
  hostile.resource_facts = {{"Instance", std::string(3000, '"') + "<!channel>", true}};
  hostile.type = std::string(400, '*');
  int written = 0;
  for (const Finding* finding : {&f, &hostile}) {
    for (bool archived : {false, true}) {
      nlohmann::json m = nlohmann::json::parse(RenderSlackPayload(*finding));
      SetTriageBlocks(m, TriageTargetOf(*finding), archived,
                      archived ? std::vector<std::string>{"Acknowledged by <@U0ALICE> at 2026-12-07 23:40 UTC",
                                                          "Archived in GuardDuty by <@U0BOB> at 2026-12-07 23:41 UTC"}
                               : std::vector<std::string>{});
      const std::string line = m.dump();
      EXPECT_NE(line.find("gds_triage"), std::string::npos);
      EXPECT_EQ(ShowsArchived(m), archived);
      out << line << "\n";
      ++written;
    }
  }
  EXPECT_EQ(written, 4);
}

}  // namespace
}  // namespace gdslack
