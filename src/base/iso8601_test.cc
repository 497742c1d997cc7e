#include "base/iso8601.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(Iso8601Test, ParsesUtcWithAndWithoutFraction) {
  EXPECT_EQ(ParseIso8601Ms("2015-08-30T12:36:00Z"), 1440938160000);
  EXPECT_EQ(ParseIso8601Ms("2015-08-30T12:36:00.250Z"), 1440938160250);
  EXPECT_EQ(ParseIso8601Ms("2015-08-30T12:36:00.2Z"), 1440938160200);
  EXPECT_EQ(ParseIso8601Ms("2015-08-30T12:36:00.123456789Z"), 1440938160123);
  EXPECT_EQ(ParseIso8601Ms("2015-08-30t12:36:00z"), 1440938160000);
  EXPECT_EQ(ParseIso8601Ms("2015-08-30 12:36:00"), 1440938160000);  // no zone: UTC
  EXPECT_EQ(ParseIso8601Ms("1970-01-01T00:00:00Z"), 0);
}

TEST(Iso8601Test, ParsesOffsets) {
  EXPECT_EQ(ParseIso8601Ms("2024-02-29T13:30:00+01:30"), 1709208000000);
  EXPECT_EQ(ParseIso8601Ms("2024-02-29T13:30:00+0130"), 1709208000000);
  EXPECT_EQ(ParseIso8601Ms("2024-02-29T10:00:00-02:00"), 1709208000000);
}

TEST(Iso8601Test, BeforeTheEpochAndLeapSecond) {
  EXPECT_EQ(ParseIso8601Ms("1969-12-31T23:59:59.500Z"), -500);
  EXPECT_EQ(ParseIso8601Seconds("1969-12-31T23:59:59.500Z"), -1);  // rounded down, not toward zero
  EXPECT_EQ(ParseIso8601Seconds("2016-12-31T23:59:60Z"), 1483228800);
}

TEST(Iso8601Test, RejectsWhatIsNotATimestamp) {
  for (const char* bad : {"", "2015-08-30", "2015-08-30T12:36:00.Z", "2015-08-30T12:36:00Zjunk", "2023-02-29T00:00:00Z",
                          "2015-13-01T00:00:00Z", "2015-00-01T00:00:00Z", "2015-08-30T24:00:00Z",
                          "2015-08-30T12:60:00Z", "2015-08-30T12:36:61Z", "2015-08-30T12:36:00+2400",
                          "2015-08-30T12:36:00+01", "2015/08/30T12:36:00Z", "２015-08-30T12:36:00Z"}) {
    EXPECT_FALSE(ParseIso8601Ms(bad).has_value()) << bad;
  }
}

TEST(Iso8601Test, Formats) {
  EXPECT_EQ(FormatIso8601Utc(1440938160), "2015-08-30T12:36:00Z");
  EXPECT_EQ(FormatIso8601Utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601Utc(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatIso8601Utc(253402300799), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatIso8601BasicUtc(1440938160000), "20150830T123600Z");
  EXPECT_EQ(FormatIso8601BasicUtc(1440938160999), "20150830T123600Z");
}

TEST(Iso8601Test, RoundTrips) {
  for (int64_t s : {int64_t{0}, int64_t{951782400}, int64_t{1709208000}, int64_t{4102444799}}) {
    EXPECT_EQ(ParseIso8601Seconds(FormatIso8601Utc(s)), s) << s;
  }
}

}  // namespace
}  // namespace gdslack
