#include "finding/json_read.h"

#include <gtest/gtest.h>

#include <limits>

namespace gdslack::finding_internal {
namespace {

TEST(JsonReadTest, FormatDoubleWritesWholeNumbersWithoutAFraction) {
  EXPECT_EQ(FormatDouble(8.0), "8");
  EXPECT_EQ(FormatDouble(-3.0), "-3");
  EXPECT_EQ(FormatDouble(0.0), "0");
  EXPECT_EQ(FormatDouble(5.3), "5.3");
  EXPECT_EQ(FormatDouble(-0.5), "-0.5");
  EXPECT_EQ(FormatDouble(999999999999999.0), "999999999999999");
  EXPECT_EQ(FormatDouble(1e15), "1e+15");  // beyond the integral range: %.15g
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::infinity()), "inf");
}

TEST(JsonReadTest, ToInt64RoundsDownAndRefusesOutOfRange) {
  EXPECT_EQ(ToInt64(2.0), 2);
  EXPECT_EQ(ToInt64(2.9), 2);
  EXPECT_EQ(ToInt64(-2.0), -2);
  EXPECT_EQ(ToInt64(-2.1), -3);  // floor, not truncation
  EXPECT_EQ(ToInt64(-0.5), -1);
  EXPECT_EQ(ToInt64(9.0e18), static_cast<int64_t>(9.0e18));
  EXPECT_EQ(ToInt64(9.1e18), std::nullopt);
  EXPECT_EQ(ToInt64(-9.1e18), std::nullopt);
  EXPECT_EQ(ToInt64(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
}

}  // namespace
}  // namespace gdslack::finding_internal
