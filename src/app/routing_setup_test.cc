#include "app/routing_setup.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

#include "http/fake_http_client.h"

namespace gdslack {
namespace {

Result<RoutingConfig> Load(std::map<std::string, std::string> vars, const std::string& flag = "",
                           RunMode mode = RunMode::kCli) {
  FakeHttpClient http;
  FakeClock clock;
  return LoadRoutingConfiguration(MapEnvironment(std::move(vars)), mode, flag, nullptr, http, clock, clock,
                                  clock.NowUnixMs() + 1000);
}

TEST(RoutingSetupTest, ShortcutsWithoutAFile) {
  Result<RoutingConfig> c = Load({{"MIN_SEVERITY", "high"}, {"SKIP_SAMPLES", "true"}});
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->source, "environment");
  EXPECT_EQ(c->filters.min_severity, 7.0);
  EXPECT_TRUE(c->filters.skip_samples);
  EXPECT_FALSE(c->filters.skip_archived);
  EXPECT_EQ(Load({{"MIN_SEVERITY", "5.5"}})->filters.min_severity, 5.5);
}

TEST(RoutingSetupTest, BadShortcutsNameTheVariable) {
  EXPECT_EQ(Load({{"MIN_SEVERITY", "severe"}}).error().message().rfind("MIN_SEVERITY must be", 0), 0u);
  EXPECT_EQ(Load({{"SKIP_ARCHIVED", "yes please"}}).error().message().rfind("SKIP_ARCHIVED must be", 0), 0u);
}

TEST(RoutingSetupTest, FileFromFlagOrVariableAndShortcutsOverrideIt) {
  const std::string example = std::string(GDSLACK_SOURCE_DIR) + "/config/example.yaml";
  Result<RoutingConfig> c = Load({{"CONFIG_FILE", example}, {"SKIP_ARCHIVED", "false"}});
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->source, example);
  EXPECT_FALSE(c->filters.skip_archived);  // the file says true; the variable wins
  EXPECT_EQ(Load({}, example)->source, example);
  Result<RoutingConfig> missing = Load({{"CONFIG_FILE", "/nonexistent.yaml"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), Code::kConfig);
}

TEST(RoutingSetupTest, ParameterNeedsCredentials) {
  Result<RoutingConfig> c = Load({{"CONFIG_PARAMETER", "/gd/routing"}}, "", RunMode::kLambda);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message().find("CONFIG_PARAMETER /gd/routing"), std::string::npos);
}

}  // namespace
}  // namespace gdslack
