#include "base/utf8.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x9A\xA8"));
}

TEST(Utf8Test, RejectsOverlongsSurrogatesAndTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("ab\xE2\x80"));        // cut short
}

// Unicode 15, section 3.9, Table 3-8: "substitution of maximal subparts".
TEST(Utf8Test, ReplacesMaximalSubpartsLikeUnicodeTable38) {
  std::string input = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
  std::string r(kReplacementChar);
  EXPECT_EQ(SanitizeUtf8(input), "a" + r + r + r + "b" + r + "c" + r + r + "d");
}

TEST(Utf8Test, TruncatesOnCodePointBoundaryWithEllipsis) {
  std::string s = "ab\xE2\x82\xAC\xE2\x82\xAC";  // "ab€€", 8 bytes
  EXPECT_EQ(TruncateUtf8(s, 8), s);
  // 7 bytes: keep 4, but "ab" + 2 bytes of € would split it, so keep "ab" then "…".
  EXPECT_EQ(TruncateUtf8(s, 7), std::string("ab") + std::string(kEllipsis));
  EXPECT_LE(TruncateUtf8(s, 7).size(), 7u);
  EXPECT_TRUE(IsValidUtf8(TruncateUtf8(s, 6)));
}

}  // namespace
}  // namespace gdslack
