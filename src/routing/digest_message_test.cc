#include "routing/digest_message.h"

#include <gtest/gtest.h>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "render/mrkdwn.h"
#include "routing/test_findings.h"

namespace gdslack {
namespace {

using testing::MakeFinding;

// The golden payloads: one per line, compared byte for byte and type-checked against @slack/types by
// ctest `slack_types.digest` (tests/slack_types/check_payloads.sh). GDSLACK_UPDATE_GOLDENS=1 rewrites them.
const std::string kGolden = testing::SourceDir() + "/tests/routing/digest_golden.jsonl";

std::vector<std::string> GoldenCases() {
  // Low and Medium findings of the sample corpus, as one batch would bring them.
  std::vector<Finding> corpus;
  for (const std::string& file : testing::SampleFiles()) {
    Finding f = testing::SampleFinding(file);
    if (!AlwaysPostAlone(f)) corpus.push_back(f);
  }
  std::vector<const Finding*> ptrs;
  ptrs.reserve(corpus.size());
  for (const Finding& f : corpus) ptrs.push_back(&f);
  const std::vector<DigestGroup> groups = GroupForDigest(ptrs);

  // Hostile text where finding data reaches the digest (type, account name), and more groups than shown.
  std::vector<Finding> hostile;
  for (int i = 0; i < 45; ++i) {
    Finding f = MakeFinding(2 + (i % 5), "Recon:EC2/<!channel>&`x`" + std::to_string(i), "111111111111");
    f.account_name = "<https://evil.example|@here> *bold*";
    hostile.push_back(f);
  }
  std::vector<const Finding*> hostile_ptrs;
  hostile_ptrs.reserve(hostile.size());
  for (const Finding& f : hostile) hostile_ptrs.push_back(&f);
  const std::vector<DigestGroup> hostile_groups = GroupForDigest(hostile_ptrs);

  // Sample findings beside real ones of the same type and account: two groups, the sample one marked.
  std::vector<Finding> mixed;
  for (int i = 0; i < 4; ++i) {
    Finding f = MakeFinding(5, "Recon:EC2/PortProbeUnprotectedPort", "222222222222");
    f.sample = i % 2 == 0;
    mixed.push_back(f);
  }
  std::vector<const Finding*> mixed_ptrs;
  mixed_ptrs.reserve(mixed.size());
  for (const Finding& f : mixed) mixed_ptrs.push_back(&f);
  const std::vector<DigestGroup> mixed_groups = GroupForDigest(mixed_ptrs);

  return {RenderDigestPayload(groups, ""),
          RenderDigestPayload(groups, "<!here>"),
          RenderDigestPayload(groups, "", MessageFormat::kText),
          RenderDigestPayload(hostile_groups, "<!subteam^S0123>"),
          RenderDigestPayload(hostile_groups, "", MessageFormat::kText),
          RenderDigestPayload(mixed_groups, "<!here>"),
          RenderDigestPayload(mixed_groups, "", MessageFormat::kText)};
}

// What a single message keeps, a digest keeps too: the route's mention leads the text, sample findings are
// marked and never grouped with real ones, Slack fetches no URL, and linkified plain text is defanged.
TEST(DigestMessageTest, KeepsMentionSampleMarkerUnfurlsAndDefanging) {
  Finding real = MakeFinding(5, "Recon:EC2/Portscan", "111111111111");
  real.account_name = "ops.evil.example";
  Finding sample = real;
  sample.sample = true;
  const std::vector<const Finding*> members = {&real, &sample, &sample};
  const std::vector<DigestGroup> groups = GroupForDigest(members);
  ASSERT_EQ(groups.size(), 2u);
  for (MessageFormat format : {MessageFormat::kBlocks, MessageFormat::kText}) {
    const nlohmann::json payload = nlohmann::json::parse(RenderDigestPayload(groups, "<!subteam^S1>", format));
    EXPECT_EQ(payload["text"].get<std::string>().rfind("<!subteam^S1> ", 0), 0u) << payload.dump();
    EXPECT_EQ(payload["unfurl_links"], false);
    EXPECT_EQ(payload["unfurl_media"], false);
    EXPECT_NE(payload.dump().find("[SAMPLE]"), std::string::npos);
  }
  const std::string text =
      nlohmann::json::parse(RenderDigestPayload(groups, "", MessageFormat::kText))["text"].get<std::string>();
  EXPECT_NE(text.find("ops[.]evil[.]example"), std::string::npos) << text;
  EXPECT_EQ(text.find("ops.evil.example"), std::string::npos) << text;
  // All samples: the summary itself says so.
  const std::vector<const Finding*> only_samples = {&sample};
  EXPECT_EQ(
      nlohmann::json::parse(RenderDigestPayload(GroupForDigest(only_samples), ""))["text"].get<std::string>().rfind(
          "[SAMPLE] GuardDuty digest", 0),
      0u);
}

TEST(DigestMessageTest, MatchesGoldens) {
  const std::vector<std::string> cases = GoldenCases();
  const char* update = std::getenv("GDSLACK_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(kGolden, std::ios::binary);
    for (const std::string& c : cases) out << c << "\n";
  }
  std::ifstream in(kGolden, std::ios::binary);
  ASSERT_TRUE(in) << kGolden << " missing (GDSLACK_UPDATE_GOLDENS=1 writes it)";
  std::string line;
  std::size_t i = 0;
  while (std::getline(in, line)) {
    ASSERT_LT(i, cases.size());
    EXPECT_EQ(line, cases[i]) << "case " << i;
    ++i;
  }
  EXPECT_EQ(i, cases.size());
}

TEST(DigestMessageTest, StructureAndSafety) {
  const std::vector<std::string> cases = GoldenCases();
  const nlohmann::json plain = nlohmann::json::parse(cases[0]);
  const nlohmann::json& blocks = plain["attachments"][0]["blocks"];
  EXPECT_LE(blocks.size(), 50u);
  EXPECT_EQ(blocks[0]["type"], "header");
  EXPECT_NE(plain["text"].get<std::string>().find("GuardDuty digest: "), std::string::npos);
  EXPECT_FALSE(plain.contains("link_names"));
  EXPECT_EQ(nlohmann::json::parse(cases[1])["text"].get<std::string>().rfind("<!here> ", 0), 0u);

  const nlohmann::json hostile = nlohmann::json::parse(cases[3]);
  const std::string dumped = hostile.dump();
  EXPECT_EQ(dumped.find("<!channel>"), std::string::npos);  // escaped, never a mention
  EXPECT_EQ(dumped.find("<https://evil"), std::string::npos);
  EXPECT_NE(dumped.find("&lt;!channel&gt;"), std::string::npos);
  const nlohmann::json& hb = hostile["attachments"][0]["blocks"];
  // Header, context, the groups that fit Slack's total text budget, then "… and N more groups".
  std::size_t text_bytes = 0;
  for (const auto& block : hb) {
    if (block.contains("text")) text_bytes += block["text"]["text"].get<std::string>().size();
    if (block.contains("elements")) {
      for (const auto& e : block["elements"]) text_bytes += e["text"].get<std::string>().size();
    }
  }
  EXPECT_LE(text_bytes, kMaxMessageText);
  ASSERT_LT(hb.size(), 2 + kMaxDigestGroups + 1);
  EXPECT_NE(hb.back().dump().find(" more groups"), std::string::npos);
  EXPECT_EQ(hostile["attachments"][0]["color"], "#ECB22E");  // most severe group (Medium 6) first
}

}  // namespace
}  // namespace gdslack
