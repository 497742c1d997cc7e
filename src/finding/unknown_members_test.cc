// The safety net: members no layout knows become facts labelled with their path; listed members never do.
#include <gtest/gtest.h>

#include <string>

#include "finding/facts.h"
#include "finding/parser.h"

namespace gdslack {
namespace {

using finding_internal::IsKnownMember;

Finding Parse(const nlohmann::json& detail) {
  const nlohmann::json event = {{"detail-type", "GuardDuty Finding"}, {"source", "aws.guardduty"}, {"detail", detail}};
  auto items = ParseDocument(event.dump(), "test", ParseOptions{});
  EXPECT_TRUE(items.has_value());
  EXPECT_EQ(items->size(), 1u);
  return *(*items)[0].finding;
}

nlohmann::json Detail() {
  return {{"id", "0123456789abcdef0123456789abcdef"},
          {"type", "Recon:EC2/Test"},
          {"accountId", "111122223333"},
          {"region", "us-east-1"},
          {"severity", 5},
          {"resource", {{"resourceType", "Instance"}, {"instanceDetails", {{"instanceId", "i-1"}}}}},
          {"service", {{"count", 1}}}};
}

TEST(UnknownMembersTest, ListsEveryMemberOfTheModelAndTheirSubtrees) {
  EXPECT_TRUE(IsKnownMember("customDetectionRuleName"));
  EXPECT_TRUE(IsKnownMember("service.malwareScanDetails.threats[].itemPaths[].hash"));
  EXPECT_TRUE(IsKnownMember("resource.instanceDetails.launchTime"));  // listed as not shown
  EXPECT_TRUE(IsKnownMember("service.additionalInfo"));               // a subtree
  EXPECT_FALSE(IsKnownMember("service.additionalInfo.sample"));       // below a subtree: not listed itself
  EXPECT_FALSE(IsKnownMember("service.brandNewThing"));
}

TEST(UnknownMembersTest, KnownFindingLeavesNothingToTheSafetyNet) {
  nlohmann::json d = Detail();
  d["resource"]["instanceDetails"]["launchTime"] = "2026-01-01T00:00:00Z";  // known, deliberately not shown
  d["service"]["additionalInfo"] = {{"value", "{}"}, {"type", "default"}, {"unusual", {{"x", 1}}}};
  EXPECT_TRUE(Parse(d).other_facts.empty());
}

TEST(UnknownMembersTest, ShowsAnUnknownMemberByItsPathWithItsValuesJoined) {
  nlohmann::json d = Detail();
  d["service"]["brandNewThing"] = {{"name", "alpha"}, {"items", {{{"id", "a"}}, {{"id", "b"}}, {{"id", "a"}}}}};
  d["resource"]["newResourceDetails"] = {{"arn", "arn:aws:new:::thing"}};
  const Finding f = Parse(d);
  ASSERT_EQ(f.other_facts.size(), 3u);
  // Sorted by path; list items are "[]", one fact per path with duplicates once.
  EXPECT_EQ(f.other_facts[0].label, "resource.newResourceDetails.arn");
  EXPECT_EQ(f.other_facts[0].value, "arn:aws:new:::thing");
  EXPECT_EQ(f.other_facts[1].label, "service.brandNewThing.items[].id");
  EXPECT_EQ(f.other_facts[1].value, "a, b");
  EXPECT_EQ(f.other_facts[2].label, "service.brandNewThing.name");
  EXPECT_TRUE(f.other_facts[2].code);
}

TEST(UnknownMembersTest, BoundsAHostileNumberOfUnknownMembers) {
  nlohmann::json d = Detail();
  for (int i = 0; i < 100; ++i) d["service"]["k" + std::to_string(i)] = std::string(2000, 'x');
  const Finding f = Parse(d);
  ASSERT_EQ(f.other_facts.size(), 21u);  // 20 paths, then "+N more"
  EXPECT_EQ(f.other_facts.back().value, "+80 more");
  for (const Fact& fact : f.other_facts) EXPECT_LE(fact.value.size(), 1024u);
}

}  // namespace
}  // namespace gdslack
