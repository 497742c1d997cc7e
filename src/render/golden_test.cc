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

}  // namespace
}  // namespace gdslack
