#include "finding/finding.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(SeverityBandTest, MapsRangesLikeGuardDuty) {
  EXPECT_EQ(BandFor(0), SeverityBand::kLow);
  EXPECT_EQ(BandFor(1), SeverityBand::kLow);
  EXPECT_EQ(BandFor(3.9), SeverityBand::kLow);
  EXPECT_EQ(BandFor(4), SeverityBand::kMedium);
  EXPECT_EQ(BandFor(6.9), SeverityBand::kMedium);
  EXPECT_EQ(BandFor(7), SeverityBand::kHigh);
  EXPECT_EQ(BandFor(8.9), SeverityBand::kHigh);
  EXPECT_EQ(BandFor(9), SeverityBand::kCritical);
  EXPECT_EQ(BandFor(10), SeverityBand::kCritical);
  EXPECT_EQ(BandFor(-1), SeverityBand::kLow);
}

TEST(SeverityBandTest, NamesBands) {
  EXPECT_STREQ(BandName(SeverityBand::kLow), "Low");
  EXPECT_STREQ(BandName(SeverityBand::kMedium), "Medium");
  EXPECT_STREQ(BandName(SeverityBand::kHigh), "High");
  EXPECT_STREQ(BandName(SeverityBand::kCritical), "Critical");
}

Finding MakeFinding(const std::string& partition, const std::string& region, const std::string& id) {
  Finding f;
  f.partition = partition;
  f.region = region;
  f.id = id;
  return f;
}

TEST(ConsoleUrlTest, UsesRegionalHostInCommercialPartition) {
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws", "eu-west-2", "ae7f69675d8744f78ab7ab2aab229d30")),
            "https://eu-west-2.console.aws.amazon.com/guardduty/home?region=eu-west-2"
            "#/findings?macros=current&fId=ae7f69675d8744f78ab7ab2aab229d30");
}

TEST(ConsoleUrlTest, UsesPartitionHosts) {
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws-cn", "cn-north-1", "abc123")),
            "https://console.amazonaws.cn/guardduty/home?region=cn-north-1#/findings?macros=current&fId=abc123");
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws-us-gov", "us-gov-west-1", "abc123")),
            "https://console.amazonaws-us-gov.com/guardduty/home?region=us-gov-west-1"
            "#/findings?macros=current&fId=abc123");
}

TEST(ConsoleUrlTest, ArchivedFindingsUseAllMacro) {
  Finding f = MakeFinding("aws", "us-east-1", "abc123");
  f.archived = true;
  EXPECT_EQ(ConsoleUrl(f),
            "https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=all&fId=abc123");
}

TEST(ConsoleUrlTest, EmptyWhenIdOrRegionMissing) {
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws", "", "abc123")), "");
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws", "us-east-1", "")), "");
}

TEST(ConsoleUrlTest, EmptyWhenIdOrRegionCarriesUnsafeCharacters) {
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws", "us-east-1", "abc&fId=evil")), "");
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws", "evil.example/x", "abc123")), "");
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws", "us-east-1", "abc 123")), "");
  EXPECT_EQ(ConsoleUrl(MakeFinding("aws", "us-east-1", std::string(200, 'a'))), "");
}

TEST(ConsoleUrlTest, UnknownPartitionFallsBackToCommercialHost) {
  EXPECT_EQ(
      ConsoleUrl(MakeFinding("aws-iso", "us-east-1", "abc123")),
      "https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=abc123");
}

}  // namespace
}  // namespace gdslack
