#include "routing/digest.h"

#include <gtest/gtest.h>

#include "routing/test_findings.h"

namespace gdslack {
namespace {

using testing::MakeFinding;

TEST(DigestTest, GroupsByBandTypeAndAccount) {
  std::vector<Finding> findings = {MakeFinding(2), MakeFinding(2.5), MakeFinding(5),
                                   MakeFinding(2, "Recon:EC2/Portscan", "222222222222"),
                                   MakeFinding(5, "Backdoor:EC2/Spambot")};
  findings[1].count = 7;
  findings[1].updated_at.epoch = 100;
  std::vector<const Finding*> ptrs;
  ptrs.reserve(findings.size());
  for (const Finding& f : findings) ptrs.push_back(&f);
  const std::vector<DigestGroup> groups = GroupForDigest(ptrs);
  ASSERT_EQ(groups.size(), 4u);
  // Medium first (two groups of one, by type), then Low (two findings of the 1111 account before 2222).
  EXPECT_EQ(groups[0].band, SeverityBand::kMedium);
  EXPECT_EQ(groups[0].type, "Backdoor:EC2/Spambot");
  EXPECT_EQ(groups[1].type, "Recon:EC2/Portscan");
  EXPECT_EQ(groups[2].band, SeverityBand::kLow);
  EXPECT_EQ(groups[2].findings, 2u);
  EXPECT_EQ(groups[2].occurrences, 8);
  EXPECT_DOUBLE_EQ(groups[2].max_severity, 2.5);
  EXPECT_EQ(groups[2].latest, &findings[1]);
  EXPECT_EQ(groups[3].account_id, "222222222222");
}

TEST(DigestTest, HighAndCriticalArePostedAlone) {
  EXPECT_FALSE(AlwaysPostAlone(MakeFinding(6.9)));
  EXPECT_TRUE(AlwaysPostAlone(MakeFinding(7.0)));
  EXPECT_TRUE(AlwaysPostAlone(MakeFinding(9.0)));
}

}  // namespace
}  // namespace gdslack
