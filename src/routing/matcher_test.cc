#include "routing/matcher.h"

#include <gtest/gtest.h>

#include "routing/test_findings.h"

namespace gdslack {
namespace {

using testing::MakeFinding;

TEST(GlobMatchTest, Table) {
  struct Case {
    const char* pattern;
    const char* text;
    bool match;
  } cases[] = {
      {"*", "", true},
      {"*", "anything", true},
      {"Recon:*", "Recon:EC2/Portscan", true},
      {"Recon:*", "recon:EC2/Portscan", false},  // case-sensitive
      {"*:EC2/*", "Backdoor:EC2/Spambot", true},
      {"*:EC2/*", "Backdoor:S3/Spambot", false},
      {"dev-?", "dev-1", true},
      {"dev-?", "dev-12", false},
      {"a*b*c", "axxbyyc", true},
      {"a*b*c", "axxbyy", false},
      {"111111111111", "111111111111", true},
      {"", "", true},
      {"", "x", false},
  };
  for (const Case& c : cases) EXPECT_EQ(GlobMatch(c.pattern, c.text), c.match) << c.pattern << " ~ " << c.text;
}

TEST(MatcherTest, EmptyMatchesEverything) {
  EXPECT_TRUE(Matches(Matcher{}, MakeFinding(1)));
  EXPECT_EQ(Describe(Matcher{}), "everything");
}

TEST(MatcherTest, SeverityBandsAndRange) {
  Matcher bands;
  bands.bands = {SeverityBand::kHigh, SeverityBand::kCritical};
  EXPECT_TRUE(Matches(bands, MakeFinding(7.0)));
  EXPECT_TRUE(Matches(bands, MakeFinding(9.5)));
  EXPECT_FALSE(Matches(bands, MakeFinding(6.9)));
  Matcher range;
  range.min_severity = 4.0;
  range.max_severity = 7.0;  // exclusive
  EXPECT_TRUE(Matches(range, MakeFinding(4.0)));
  EXPECT_TRUE(Matches(range, MakeFinding(6.9)));
  EXPECT_FALSE(Matches(range, MakeFinding(7.0)));
  EXPECT_FALSE(Matches(range, MakeFinding(3.9)));
  EXPECT_EQ(Describe(range), "severity>=4 severity<7");
}

TEST(MatcherTest, AccountMatchesIdOrName) {
  Matcher m;
  m.accounts = {"dev-*"};
  Finding f = MakeFinding(5);
  EXPECT_FALSE(Matches(m, f));
  f.account_name = "dev-payments";
  EXPECT_TRUE(Matches(m, f));
  m.accounts = {"1111*"};
  EXPECT_TRUE(Matches(m, f));
}

TEST(MatcherTest, EveryFieldMustMatch) {
  Matcher m;
  m.regions = {"eu-*"};
  m.types = {"Recon:*"};
  m.resource_types = {"Instance"};
  m.sample = false;
  m.archived = false;
  Finding f = MakeFinding(5);
  EXPECT_TRUE(Matches(m, f));
  Finding other_region = f;
  other_region.region = "us-east-1";
  EXPECT_FALSE(Matches(m, other_region));
  Finding other_type = f;
  other_type.type = "Backdoor:EC2/Spambot";
  EXPECT_FALSE(Matches(m, other_type));
  Finding bucket = f;
  bucket.resource_type = "S3Bucket";
  EXPECT_FALSE(Matches(m, bucket));
  Finding sample = f;
  sample.sample = true;
  EXPECT_FALSE(Matches(m, sample));
  Finding archived = f;
  archived.archived = true;
  EXPECT_FALSE(Matches(m, archived));
  EXPECT_EQ(Describe(m), "region=eu-* type=Recon:* resource_type=Instance sample=false archived=false");
}

TEST(MatcherTest, FindingIdsAreExact) {
  Matcher m;
  m.finding_ids = {"0123456789abcdef0123456789abcdef"};
  EXPECT_TRUE(Matches(m, MakeFinding(2)));
  Finding f = MakeFinding(2);
  f.id = "0123456789abcdef0123456789abcdeX";
  EXPECT_FALSE(Matches(m, f));
}

}  // namespace
}  // namespace gdslack
