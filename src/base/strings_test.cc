#include "base/strings.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(StringsTest, TrimWhitespaceRemovesAsciiSpaceAtBothEnds) {
  EXPECT_EQ(TrimWhitespace(" \t\r\n a b \v\f\r\n"), "a b");
  EXPECT_EQ(TrimWhitespace(""), "");
  EXPECT_EQ(TrimWhitespace(" \t "), "");
  EXPECT_EQ(TrimWhitespace("x"), "x");
  // Non-ASCII bytes (here U+00A0 in UTF-8) are not whitespace to it.
  EXPECT_EQ(TrimWhitespace("\xc2\xa0x"), "\xc2\xa0x");
}

TEST(StringsTest, AsciiLowerMapsOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Content-Type: ABC xyz 09"), "content-type: abc xyz 09");
  EXPECT_EQ(AsciiLower("\xc3\x84"), "\xc3\x84");  // "Ä" stays as it is
}

TEST(StringsTest, CaseInsensitiveComparisons) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("Retry-After", "retry-after"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("Retry-After", "retry-afte"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("a", "b"));
  EXPECT_TRUE(StartsWithIgnoreAsciiCase("HeRe you go", "here"));
  EXPECT_FALSE(StartsWithIgnoreAsciiCase("he", "here"));
  EXPECT_TRUE(StartsWithIgnoreAsciiCase("anything", ""));
}

TEST(StringsTest, HexDigitValue) {
  EXPECT_EQ(HexDigitValue('0'), 0);
  EXPECT_EQ(HexDigitValue('9'), 9);
  EXPECT_EQ(HexDigitValue('a'), 10);
  EXPECT_EQ(HexDigitValue('F'), 15);
  EXPECT_EQ(HexDigitValue('g'), -1);
  EXPECT_EQ(HexDigitValue('/'), -1);
  EXPECT_EQ(HexDigitValue('\0'), -1);
}

}  // namespace
}  // namespace gdslack
