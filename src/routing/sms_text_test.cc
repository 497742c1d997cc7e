#include "routing/sms_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "routing/test_findings.h"

namespace gdslack {
namespace {

using testing::MakeFinding;

TEST(SmsMeasureTest, Gsm7AndUcs2) {
  EXPECT_TRUE(MeasureSms(std::string(160, 'a')).FitsOneSms());
  EXPECT_FALSE(MeasureSms(std::string(161, 'a')).FitsOneSms());
  const SmsMeasure ext = MeasureSms("a[b]");  // extension characters take two septets
  EXPECT_TRUE(ext.gsm7);
  EXPECT_EQ(ext.units, 6u);
  EXPECT_TRUE(MeasureSms("é£Ä").gsm7);  // in the default alphabet
  EXPECT_EQ(MeasureSms("€").units, 2u);
  const SmsMeasure ucs2 = MeasureSms("ok \xF0\x9F\x9A\xA8");  // U+1F6A8: UCS-2, a surrogate pair
  EXPECT_FALSE(ucs2.gsm7);
  EXPECT_EQ(ucs2.units, 5u);
  EXPECT_EQ(ucs2.limit(), 70u);
  EXPECT_FALSE(MeasureSms("`").gsm7);
}

TEST(SmsTextTest, EverySampleFitsOneGsm7Sms) {
  for (const std::string& file : testing::SampleFiles()) {
    SCOPED_TRACE(file);
    Finding f = testing::SampleFinding(file);
    f.account_name = "prod-payments";
    const std::string text = SmsText(f);
    const SmsMeasure m = MeasureSms(text);
    EXPECT_TRUE(m.gsm7) << text;
    EXPECT_LE(m.units, 160u) << text;
    EXPECT_NE(text.find(std::string(BandName(f.band)) + " "), std::string::npos) << text;
    EXPECT_NE(text.find(f.type.substr(0, 8)), std::string::npos) << text;
    EXPECT_NE(text.find("prod-payments"), std::string::npos) << text;
    EXPECT_NE(text.find("https://console.aws.amazon.com/guardduty/home?region=" + f.region), std::string::npos) << text;
  }
}

TEST(SmsTextTest, ShortTypesGetTheFindingLink) {
  Finding f = MakeFinding(9.5, "Recon:EC2/Portscan");
  f.account_name = "prod";
  EXPECT_EQ(SmsText(f),
            "Critical 9.5 Recon:EC2/Portscan prod\nhttps://console.aws.amazon.com/guardduty/home?region=eu-west-2"
            "#/findings?search=id%3D0123456789abcdef0123456789abcdef");
}

TEST(SmsTextTest, AttackerTextCannotCarryLinksOrPhoneNumbers) {
  Finding f = MakeFinding(9.5, "Recon:EC2/Call+44 20 7946 0958 or evil.example.com/x?y");
  f.account_name = "Call 0800123456 now: https://evil.example/login \xF0\x9F\x9A\xA8";
  f.region = "eu-west-2\nhttps://evil.example";
  f.id = "abc https://evil";
  f.partition = "aws";
  const std::string text = SmsText(f);
  EXPECT_TRUE(MeasureSms(text).gsm7) << text;
  EXPECT_LE(MeasureSms(text).units, 160u);
  EXPECT_EQ(text.find("evil.example"), std::string::npos) << text;
  EXPECT_EQ(text.find("0800123456"), std::string::npos) << text;
  EXPECT_EQ(text.find("7946"), std::string::npos) << text;      // spaced digits still read as a number
  EXPECT_EQ(text.find("https://"), std::string::npos) << text;  // region and id invalid: no link at all
}

// The hand-written scanner against the regex it replaces, over every string of up to 9 characters from an
// alphabet of digits, separators and letters (deterministic sample) and some longer ones.
TEST(SmsTextTest, MaskDigitRunsMatchesTheRegex) {
  const std::regex run(R"([0-9](?:[ +()\-]*[0-9]){6,})");
  const std::string alphabet = "01 +-()a#";
  std::vector<std::string> cases = {"",
                                    "1234567",
                                    "123456",
                                    "+1 (555) 010-9999",
                                    "a1b2c3d4e5f6g7",
                                    "12345678901234",
                                    "ip 10.0.0.1 port 22",
                                    "1-2-3-4-5-6",
                                    "1-2-3-4-5-6-7-",
                                    "--1234567--7654321x"};
  uint32_t seed = 12345;
  for (int n = 0; n < 20000; ++n) {
    seed = seed * 1103515245u + 12345u;
    const std::size_t len = 1 + (seed >> 16) % 14;
    std::string s;
    for (std::size_t i = 0; i < len; ++i) {
      seed = seed * 1103515245u + 12345u;
      s += alphabet[(seed >> 16) % alphabet.size()];
    }
    cases.push_back(s);
  }
  for (const std::string& c : cases) {
    EXPECT_EQ(MaskDigitRuns(c), std::regex_replace(c, run, "#")) << c;
  }
}

TEST(SmsTextTest, PartitionHosts) {
  Finding f = MakeFinding(8);
  f.partition = "aws-cn";
  f.region = "cn-north-1";
  EXPECT_NE(SmsText(f).find("https://console.amazonaws.cn/guardduty/home?region=cn-north-1"), std::string::npos);
}

}  // namespace
}  // namespace gdslack
