#include "app/summary_run.h"

#include <gtest/gtest.h>

#include "aws/environment.h"

namespace gdslack {
namespace {

TEST(SummaryRegionsTest, TheRoutingFileThenTheEnvironmentThenTheFunctionsRegion) {
  RoutingConfig config;
  const EnvLookup env = MapEnvironment({{"SUMMARY_REGIONS", " eu-west-1, us-east-1 ,"}});
  EXPECT_EQ(*SummaryRegions(config, env, "eu-central-1"), (std::vector<std::string>{"eu-west-1", "us-east-1"}));
  EXPECT_EQ(*SummaryRegions(config, MapEnvironment({}), "eu-central-1"), std::vector<std::string>{"eu-central-1"});
  config.summary_regions = {"ap-southeast-2"};
  EXPECT_EQ(*SummaryRegions(config, env, "eu-central-1"), std::vector<std::string>{"ap-southeast-2"});
}

TEST(SummaryRegionsTest, RefusesWhatIsNotARegionAndHavingNone) {
  const RoutingConfig config;
  Result<std::vector<std::string>> bad =
      SummaryRegions(config, MapEnvironment({{"SUMMARY_REGIONS", "eu-west-1,evil.example/x"}}), "eu-west-1");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Code::kConfig);
  EXPECT_EQ(bad.error().message(), "SUMMARY_REGIONS: not a Region name: evil.example/x");
  Result<std::vector<std::string>> none = SummaryRegions(config, MapEnvironment({}), "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), Code::kConfig);
}

}  // namespace
}  // namespace gdslack
