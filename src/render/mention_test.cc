#include "render/mention.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace gdslack {
namespace {

TEST(MentionTest, MentionLeadsTheTopLevelText) {
  EXPECT_EQ(nlohmann::json::parse(WithMention(R"({"text":"GuardDuty High"})", "<!here>"))["text"],
            "<!here> GuardDuty High");
  EXPECT_EQ(nlohmann::json::parse(WithMention(R"({"blocks":[]})", "<@U123>"))["text"], "<@U123>");
  EXPECT_EQ(WithMention(R"({"text":"x"})", ""), R"({"text":"x"})");
  EXPECT_EQ(WithMention("not json", "<!here>"), "not json");
}

}  // namespace
}  // namespace gdslack
