// Golden files: every sample event in testdata/events/corpus/ renders to exactly the payload stored in
// testdata/slack/<name> (compared as parsed JSON, with a readable diff). After a deliberate change to the
// message, regenerate with GDSLACK_UPDATE_GOLDEN=1 and review the diff in git.
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

TEST(GoldenTest, EveryCorpusEventRendersToItsGoldenPayload) {
  const fs::path root(GDSLACK_SOURCE_DIR);
  const fs::path events = root / "testdata/events/corpus";
  const fs::path golden = root / "testdata/slack";
  const bool update = std::getenv("GDSLACK_UPDATE_GOLDEN") != nullptr;
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(events)) {
    const std::string name = entry.path().filename().string();
    Result<std::vector<ParsedItem>> items = ParseDocument(ReadFile(entry.path()), name);
    ASSERT_TRUE(items.has_value()) << items.error().ToString();
    ASSERT_EQ(items->size(), 1u) << name;
    ASSERT_EQ((*items)[0].kind, ParsedItem::Kind::kFinding) << name;
    const nlohmann::json got = nlohmann::json::parse(RenderSlackPayload(*(*items)[0].finding));
    const fs::path want_path = golden / name;
    if (update) {
      fs::create_directories(golden);
      std::ofstream(want_path, std::ios::binary) << got.dump(2) << "\n";
      continue;
    }
    ASSERT_TRUE(fs::exists(want_path)) << "no golden file " << want_path << " (GDSLACK_UPDATE_GOLDEN=1 makes it)";
    const nlohmann::json want = nlohmann::json::parse(ReadFile(want_path));
    EXPECT_EQ(got, want) << name << ": differs from its golden file; JSON Patch from golden to rendered:\n"
                         << nlohmann::json::diff(want, got).dump(2);
    ++compared;
  }
  if (!update) {
    EXPECT_EQ(compared, 111);
  }
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
    nlohmann::json event = {
        {"version", "0"}, {"id", "e"}, {"detail-type", "GuardDuty Finding"}, {"source", "aws.guardduty"},
        {"account", "111111111111"}, {"region", "eu-west-1"},
        {"detail", {{"schemaVersion", "2.0"}, {"accountId", "111111111111"}, {"region", "eu-west-1"},
                    {"id", "0123456789abcdef0123456789abcdef"}, {"type", type}, {"severity", 5},
                    {"title", "t"}, {"resource", {{"resourceType", "SomethingNew"}}},
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
