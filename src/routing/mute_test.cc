#include "routing/mute.h"

#include <gtest/gtest.h>

#include "routing/test_findings.h"

namespace gdslack {
namespace {

TEST(MuteTest, AppliesUntilExpiryOnly) {
  Mute mute;
  mute.reason = "scanner";
  mute.match.types = {"Recon:*"};
  mute.until_unix_s = 1000;
  const std::vector<Mute> mutes = {mute};
  const Finding f = testing::MakeFinding(5);
  ASSERT_NE(ActiveMute(mutes, f, 999), nullptr);
  EXPECT_EQ(ActiveMute(mutes, f, 999)->reason, "scanner");
  EXPECT_EQ(ActiveMute(mutes, f, 1000), nullptr);  // expired: ignored
  EXPECT_EQ(ActiveMute(mutes, testing::MakeFinding(5, "Backdoor:EC2/Spambot"), 10), nullptr);
}

TEST(MuteTest, FirstMatchingMuteWins) {
  Mute a;
  a.reason = "a";
  a.match.accounts = {"2222*"};
  a.until_unix_s = 5000;
  Mute b;
  b.reason = "b";
  b.match.finding_ids = {"0123456789abcdef0123456789abcdef"};
  b.until_unix_s = 5000;
  const std::vector<Mute> mutes = {a, b};
  const Mute* m = ActiveMute(mutes, testing::MakeFinding(5), 1);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->reason, "b");
}

}  // namespace
}  // namespace gdslack
