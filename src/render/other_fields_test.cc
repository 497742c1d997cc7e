// The safety net's section: members no layout knows (Finding::other_facts) are shown labelled, escaped and bounded.
#include <gtest/gtest.h>

#include "render/payload_checks_test.h"
#include "render/slack_message.h"

namespace gdslack {
namespace {

Finding WithOtherFacts(std::vector<Fact> facts) {
  Finding f;
  f.id = "0123456789abcdef0123456789abcdef";
  f.region = "us-east-1";
  f.type = "Tactic:NewService/Technique";
  f.other_facts = std::move(facts);
  return f;
}

std::string OtherFields(const json& payload) {
  for (const json& b : Blocks(payload)) {
    std::string t = b.contains("text") ? b.at("text").value("text", "") : "";
    if (t.rfind("*Other fields*", 0) == 0) return t;
  }
  return "";
}

TEST(OtherFieldsTest, ShowsUnknownMembersLabelledAndEscaped) {
  const json payload =
      Parse(RenderSlackPayload(WithOtherFacts({{"service.newThing.<!channel>", "<!here> *x* `y`", true},
                                               {"resource.newDetails.arn", "arn:aws:new:::a", true}})));
  ExpectWithinLimits(payload);
  EXPECT_EQ(OtherFields(payload),
            "*Other fields*\n\xE2\x80\xA2 *service.newThing.&lt;!channel&gt;:* `&lt;!here&gt; *x* "
            "\xCB\x8By\xCB\x8B`\n\xE2\x80\xA2 "
            "*resource.newDetails.arn:* `arn:aws:new:::a`");
}

TEST(OtherFieldsTest, StaysWithinItsBudget) {
  std::vector<Fact> facts;
  facts.reserve(21);
  for (int i = 0; i < 21; ++i) facts.push_back({"service.k" + std::to_string(i), std::string(1024, 'v'), true});
  const json payload = Parse(RenderSlackPayload(WithOtherFacts(facts)));
  ExpectWithinLimits(payload);
  const std::string section = OtherFields(payload);
  ASSERT_FALSE(section.empty());
  EXPECT_LE(section.size(), 1500u);
  EXPECT_NE(section.find("more_"), std::string::npos);  // what does not fit is counted
}

}  // namespace
}  // namespace gdslack
