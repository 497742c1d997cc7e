#include "base/text_builder.h"

#include <gtest/gtest.h>

#include <limits>
#include <sstream>

namespace gdslack {
namespace {

// The routing descriptions were built with std::ostringstream: the numbers must read the same.
TEST(TextBuilderTest, NumbersPrintAsAnOstreamPrintsThem) {
  const double doubles[] = {0.0,
                            -0.0,
                            1.0,
                            7.5,
                            8.9,
                            0.1,
                            1e-5,
                            123456.0,
                            1234567.0,
                            1e21,
                            -3.25,
                            2.0 / 3,
                            99.99999,
                            1e100,
                            5e-324,
                            40.0,
                            0.30000000000000004,
                            std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::quiet_NaN()};
  for (double v : doubles) {
    std::ostringstream expected;
    expected << v;
    TextBuilder got;
    got << v;
    EXPECT_EQ(got.str(), expected.str()) << v;
  }
  const long long ints[] = {0, -1, 42, 1000000, std::numeric_limits<long long>::min()};
  for (long long v : ints) {
    std::ostringstream expected;
    expected << v;
    TextBuilder got;
    got << v;
    EXPECT_EQ(got.str(), expected.str());
  }
}

TEST(TextBuilderTest, TextAndCharactersAppendInOrder) {
  TextBuilder b;
  const std::string s = "route";
  b << s << ' ' << "a" << std::string_view("b") << 3 << 'c' << std::size_t{4} << 2.5;
  EXPECT_EQ(b.str(), "route ab3c42.5");
}

}  // namespace
}  // namespace gdslack
