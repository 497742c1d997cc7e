// Golden files: every sample event in testdata/events/corpus/ renders to exactly the payload stored in
// testdata/slack/<name>, and the events of testdata/events/{sequences,operations,securityhub}/ to the
// payloads in testdata/slack/<directory>/<name> (compared as parsed JSON, with a readable diff). After a deliberate
// change to the message, regenerate with GDSLACK_UPDATE_GOLDEN=1 and review the diff in git.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "finding/parser.h"
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

// Compares (or, with GDSLACK_UPDATE_GOLDEN, writes) one golden file; returns whether it was compared.
bool CompareGolden(const fs::path& want_path, const nlohmann::json& got, const std::string& name) {
  if (std::getenv("GDSLACK_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(want_path.parent_path());
    std::ofstream(want_path, std::ios::binary) << got.dump(2) << "\n";
    return false;
  }
  EXPECT_TRUE(fs::exists(want_path)) << "no golden file " << want_path << " (GDSLACK_UPDATE_GOLDEN=1 makes it)";
  if (!fs::exists(want_path)) return false;
  const nlohmann::json want = nlohmann::json::parse(ReadFile(want_path));
  EXPECT_EQ(got, want) << name << ": differs from its golden file; JSON Patch from golden to rendered:\n"
                       << nlohmann::json::diff(want, got).dump(2);
  return true;
}

TEST(GoldenTest, EveryCorpusEventRendersToItsGoldenPayload) {
  const fs::path root(GDSLACK_SOURCE_DIR);
  const fs::path events = root / "testdata/events/corpus";
  const fs::path golden = root / "testdata/slack";
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(events)) {
    const std::string name = entry.path().filename().string();
    Result<std::vector<ParsedItem>> items = ParseDocument(ReadFile(entry.path()), name, ParseOptions{});
    ASSERT_TRUE(items.has_value()) << items.error().ToString();
    ASSERT_EQ(items->size(), 1u) << name;
    ASSERT_EQ((*items)[0].kind, ParsedItem::Kind::kFinding) << name;
    const nlohmann::json got = nlohmann::json::parse(RenderSlackPayload(*(*items)[0].finding));
    if (CompareGolden(golden / name, got, name)) ++compared;
  }
  if (std::getenv("GDSLACK_UPDATE_GOLDEN") == nullptr) {
    EXPECT_EQ(compared, 111);
  }
}

// The attack sequences at the API maxima, GuardDuty's operational events and Security Hub findings: each
// event file renders to the array of payloads in testdata/slack/<directory>/<name> (Security Hub events
// carry several findings; a GuardDuty finding among them is acknowledged, not rendered).
TEST(GoldenTest, EveryNewEventKindRendersToItsGoldenPayloads) {
  const fs::path root(GDSLACK_SOURCE_DIR);
  int compared = 0;
  for (const char* directory : {"sequences", "operations", "securityhub"}) {
    for (const auto& entry : fs::directory_iterator(root / "testdata/events" / directory)) {
      if (entry.path().extension() != ".json") continue;
      const std::string name = entry.path().filename().string();
      Result<std::vector<ParsedItem>> items = ParseDocument(ReadFile(entry.path()), name, ParseOptions{});
      ASSERT_TRUE(items.has_value()) << items.error().ToString();
      nlohmann::json got = nlohmann::json::array();
      for (const ParsedItem& item : *items) {
        ASSERT_NE(item.kind, ParsedItem::Kind::kError) << name << ": " << item.error.ToString();
        if (item.kind == ParsedItem::Kind::kFinding)
          got.push_back(nlohmann::json::parse(RenderSlackPayload(*item.finding)));
      }
      ASSERT_FALSE(got.empty()) << name;
      if (CompareGolden(root / "testdata/slack" / directory / name, got, name)) ++compared;
    }
  }
  if (std::getenv("GDSLACK_UPDATE_GOLDEN") == nullptr) {
    EXPECT_EQ(compared, 12);  // 5 sequence types, 5 operational events, 2 Security Hub events
  }
}

// GuardDuty's newer families (testdata/events/families/, SOURCES.md): custom detection rules, Malware Protection for
// AWS Backup, AI Protection, the newer attack sequences with the 2026 indicator keys, and a skipped S3 object scan
// (posted here with MALWARE_SCAN_RESULTS=all, so its reason shows).
TEST(GoldenTest, EveryNewFamilyRendersToItsGoldenPayloads) {
  const fs::path root(GDSLACK_SOURCE_DIR);
  Result<ParseOptions> options = ParseOptionsFrom("", "all");
  ASSERT_TRUE(options.has_value());
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(root / "testdata/events/families")) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    Result<std::vector<ParsedItem>> items = ParseDocument(ReadFile(entry.path()), name, *options);
    ASSERT_TRUE(items.has_value()) << items.error().ToString();
    ASSERT_EQ(items->size(), 1u) << name;
    ASSERT_EQ((*items)[0].kind, ParsedItem::Kind::kFinding) << name;
    // A family with its own layout leaves nothing to the safety net.
    EXPECT_TRUE((*items)[0].finding->other_facts.empty()) << name << ": " << (*items)[0].finding->other_facts[0].label;
    const nlohmann::json got = nlohmann::json::parse(RenderSlackPayload(*(*items)[0].finding));
    if (CompareGolden(root / "testdata/slack/families" / name, got, name)) ++compared;
  }
  if (std::getenv("GDSLACK_UPDATE_GOLDEN") == nullptr) {
    EXPECT_EQ(compared, 11);  // 1 custom rule, 4 Backup, 3 AI Protection, 2 sequences, 1 skipped scan
  }
}

// What is acknowledged by default (a clean malware scan, Security Hub's copy of a GuardDuty finding) yields
// no message.
TEST(GoldenTest, AcknowledgedEventsYieldNoMessage) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(GDSLACK_SOURCE_DIR) / "testdata/events/acknowledged")) {
    const std::string name = entry.path().filename().string();
    Result<std::vector<ParsedItem>> items = ParseDocument(ReadFile(entry.path()), name, ParseOptions{});
    ASSERT_TRUE(items.has_value());
    ASSERT_FALSE(items->empty());
    for (const ParsedItem& item : *items) EXPECT_EQ(item.kind, ParsedItem::Kind::kOtherGuardDutyEvent) << name;
    ++files;
  }
  EXPECT_EQ(files, 2);
}

// Every one of GuardDuty's 200 current finding types (testdata/finding-types.txt), plus types it has not
// invented yet, in a minimal event: parsed as a finding and rendered as a valid payload with the type shown.
TEST(GoldenTest, EveryKnownAndAnUnknownFindingTypeRenders) {
  std::ifstream list(fs::path(GDSLACK_SOURCE_DIR) / "testdata/finding-types.txt");
  std::vector<std::string> types;
  for (std::string line; std::getline(list, line);) {
    if (!line.empty()) types.push_back(line);
  }
  ASSERT_EQ(types.size(), 200u);
  types.push_back("Exfiltration:Bedrock/FutureTechnique.Custom");
  types.push_back("Tactic:NewService/Technique");
  for (const std::string& type : types) {
    nlohmann::json event = {{"version", "0"},
                            {"id", "e"},
                            {"detail-type", "GuardDuty Finding"},
                            {"source", "aws.guardduty"},
                            {"account", "111111111111"},
                            {"region", "eu-west-1"},
                            {"detail",
                             {{"schemaVersion", "2.0"},
                              {"accountId", "111111111111"},
                              {"region", "eu-west-1"},
                              {"id", "0123456789abcdef0123456789abcdef"},
                              {"type", type},
                              {"severity", 5},
                              {"title", "t"},
                              {"resource", {{"resourceType", "SomethingNew"}}},
                              {"service", {{"action", {{"actionType", "SOMETHING_NEW"}}}}}}}};
    Result<std::vector<ParsedItem>> items = ParseDocument(event.dump(), type);
    ASSERT_TRUE(items.has_value()) << type;
    ASSERT_EQ((*items)[0].kind, ParsedItem::Kind::kFinding) << type;
    const nlohmann::json payload = nlohmann::json::parse(RenderSlackPayload(*(*items)[0].finding));
    // Shown as mrkdwn, so "C&CActivity" appears as "C&amp;CActivity".
    std::string shown;
    for (char c : type) shown += c == '&' ? std::string("&amp;") : std::string(1, c);
    EXPECT_NE(payload.dump().find(shown), std::string::npos) << type;
  }
}

}  // namespace
}  // namespace gdslack
