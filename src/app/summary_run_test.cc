#include "app/summary_run.h"

#include <gtest/gtest.h>

#include "aws/environment.h"
#include "state/memory_triage_store.h"

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

TEST(SummaryTriageTest, AcknowledgementsAndActiveMutesComeFromTheStore) {
  MemoryTriageStore store;
  const int64_t now_s = 1765000000;
  ASSERT_TRUE(store.Acknowledge(Acknowledgement{"f-acked", "U0ALICE01", now_s - 60}, 0).ok());
  ASSERT_TRUE(store
                  .AddMute(TriageMute{"Recon:EC2/PortProbeUnprotectedPort", "111111111111", "Instance:i-0abc",
                                      now_s + 3 * 86400, "U0BOB0001", now_s - 30, "f-muted"},
                           0)
                  .ok());
  ASSERT_TRUE(
      store.AddMute(TriageMute{"Old:Type", "222222222222", "", now_s - 1, "U0BOB0001", now_s - 900, "f-x"}, 0).ok());
  SummaryInputs inputs;
  inputs.now_unix_ms = now_s * 1000;
  inputs.mutes = {ExpiringMute{"from the routing file", now_s + 86400}};
  AddTriageDecisions(store, 0, &inputs);
  ASSERT_TRUE(inputs.acknowledged);
  EXPECT_TRUE(inputs.acknowledged("f-acked"));
  EXPECT_FALSE(inputs.acknowledged("f-other"));
  ASSERT_EQ(inputs.mutes.size(), 2u);  // the expired one is not active
  EXPECT_EQ(inputs.mutes[1].description,
            "Recon:EC2/PortProbeUnprotectedPort in 111111111111 on Instance:i-0abc (muted from Slack by U0BOB0001)");
  EXPECT_EQ(inputs.mutes[1].expires_at_unix_s, now_s + 3 * 86400);
}

// A table that cannot be read leaves the routing file's mutes and shows every finding as not acknowledged: the
// summary errs towards showing, never hides a finding because a read failed.
class UnreadableTriageStore : public MemoryTriageStore {
 public:
  Result<std::optional<Acknowledgement>> AcknowledgementOf(const std::string&, int64_t) override {
    return Status(Code::kUnavailable, "dynamodb:GetItem failed: ServiceUnavailable (HTTP 503)");
  }
  Result<std::vector<TriageMute>> ActiveMutes(int64_t, int64_t) override {
    return Status(Code::kUnavailable, "dynamodb:GetItem failed: ServiceUnavailable (HTTP 503)");
  }
};

TEST(SummaryTriageTest, AnUnreadableStoreHidesNothing) {
  UnreadableTriageStore store;
  ASSERT_TRUE(store.Acknowledge(Acknowledgement{"f-acked", "U0ALICE01", 1}, 0).ok());
  SummaryInputs inputs;
  inputs.now_unix_ms = 1765000000000;
  inputs.mutes = {ExpiringMute{"from the routing file", 1765086400}};
  AddTriageDecisions(store, 0, &inputs);
  ASSERT_TRUE(inputs.acknowledged);
  EXPECT_FALSE(inputs.acknowledged("f-acked"));
  ASSERT_EQ(inputs.mutes.size(), 1u);
  EXPECT_EQ(inputs.mutes[0].description, "from the routing file");
}

}  // namespace
}  // namespace gdslack
