#include "render/mrkdwn.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "base/utf8.h"

namespace gdslack {
namespace {

constexpr std::string_view kZwsp = "\xE2\x80\x8B";
constexpr std::string_view kModGrave = "\xCB\x8B";  // ˋ

struct Case {
  std::string_view input;
  std::string_view expected;
};

TEST(MrkdwnTest, EscapeMrkdwnTable) {
  const std::string zw(kZwsp);
  const Case cases[] = {
      {"", ""},
      {"plain text", "plain text"},
      {"a & b", "a &amp; b"},
      {"<>", "&lt;&gt;"},
      {"&amp;", "&amp;amp;"},  // & first: an entity in the input stays literal
      {"<!channel> reset MFA at <https://evil.example|AWS Console> & more",
       "&lt;!channel&gt; reset MFA at &lt;https://evil.example|AWS Console&gt; &amp; more"},
      {"<@U123> <#C123> <!subteam^S1>", "&lt;@U123&gt; &lt;#C123&gt; &lt;!subteam^S1&gt;"},
      {"line1\nline2\tx", "line1\nline2\tx"},
      {"cr\r\nlf", "cr\nlf"},
      {"bell\x07 nul", "bell  nul"},
      {"del\x7F", "del "},
      {"c1\xC2\x85x", "c1 x"},
      {"ls\xE2\x80\xA8ps\xE2\x80\xA9", "ls\nps\n"},
      {"ell\xE2\x80\xA6", "ell\xE2\x80\xA6"},
      {"*bold* _it_ ~s~ `code`", "*bold* _it_ ~s~ `code`"},  // no over-escaping
      {"caf\xC3\xA9 \xF0\x9F\x94\xA5", "caf\xC3\xA9 \xF0\x9F\x94\xA5"},
      {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},
      {"user@example.com", "user@example.com"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EscapeMrkdwn(c.input), c.expected) << "input: " << c.input;
  }
  EXPECT_EQ(EscapeMrkdwn("@here now"), "@" + zw + "here now");
  EXPECT_EQ(EscapeMrkdwn("hi @channel"), "hi @" + zw + "channel");
  EXPECT_EQ(EscapeMrkdwn("@Everyone!"), "@" + zw + "Everyone!");
  EXPECT_EQ(EscapeMrkdwn("@@here"), "@@" + zw + "here");
  EXPECT_EQ(EscapeMrkdwn("@alice"), "@alice");
}

TEST(MrkdwnTest, EscapeAndTruncateTable) {
  const std::string ell(kEllipsis);
  struct TruncCase {
    std::string_view input;
    std::size_t max;
    std::string expected;
  };
  const TruncCase cases[] = {
      {"short", 10, "short"},
      {"exactly10!", 10, "exactly10!"},
      {"eleven char", 10, "eleven " + ell},
      // Escaping happens first and counts: "a&b" -> "a&amp;b" (7 bytes).
      {"a&b", 7, "a&amp;b"},
      {"a&b", 6, "a" + ell},             // "&amp;" would be cut: drop it whole
      {"ab&cd", 9, "ab&amp;cd"},
      {"ab&cdef", 10, "ab&amp;" + ell},  // entity fits exactly before the ellipsis
      {"ab&cd", 8, "ab" + ell},
      {"ab<cdef", 9, "ab&lt;" + ell},
      {"ab<cd", 7, "ab" + ell},
      {"abc>", 6, "abc" + ell},
      // Never split a code point: "é" is 2 bytes, "🔥" 4.
      {"\xC3\xA9\xC3\xA9\xC3\xA9", 5, "\xC3\xA9" + ell},
      {"\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5", 7, "\xF0\x9F\x94\xA5" + ell},
      {"\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5", 6, ell},
      {"abcdef", 2, "ab"},  // no room for the ellipsis
  };
  for (const TruncCase& c : cases) {
    const std::string got = EscapeAndTruncate(c.input, c.max);
    EXPECT_EQ(got, c.expected) << "input: " << c.input << " max " << c.max;
    EXPECT_LE(got.size(), c.max);
    EXPECT_TRUE(IsValidUtf8(got));
  }
}

TEST(MrkdwnTest, PlainTextTable) {
  const std::string ell(kEllipsis);
  struct PlainCase {
    std::string_view input;
    std::size_t max;
    std::string expected;
  };
  const PlainCase cases[] = {
      {"<!channel> & more", 150, "<!channel> & more"},  // not parsed by Slack: not escaped
      {"two\nlines\ttab\r\n", 150, "two lines tab  "},
      {"x\x01y", 150, "x y"},
      {"ls\xE2\x80\xA8ps\xE2\x80\xA9.", 150, "ls ps ."},
      {"0123456789", 8, "01234" + ell},
      {"\xC3\xA9\xC3\xA9\xC3\xA9", 5, "\xC3\xA9" + ell},
      {"bad \xC3", 150, "bad \xEF\xBF\xBD"},
  };
  for (const PlainCase& c : cases) {
    const std::string got = PlainText(c.input, c.max);
    EXPECT_EQ(got, c.expected) << "input: " << c.input;
    EXPECT_LE(got.size(), c.max);
  }
}

TEST(MrkdwnTest, CodeSpanTable) {
  const std::string ell(kEllipsis);
  const std::string g(kModGrave);
  struct CodeCase {
    std::string_view input;
    std::size_t max;
    std::string expected;
  };
  const CodeCase cases[] = {
      {"i-0abc", 100, "`i-0abc`"},
      {"", 100, ""},
      {"   ", 100, ""},
      {"a`b", 100, "`a" + g + "b`"},
      {"```js\nalert(1)```", 100, "`" + g + g + g + "js alert(1)" + g + g + g + "`"},
      {"<https://evil|x> & y", 100, "`&lt;https://evil|x&gt; &amp; y`"},
      {"abcdefghij", 10, "`abcde" + ell + "`"},
      {"abc&", 10, "`abc&amp;`"},
      {"abc&", 9, "`abc" + ell + "`"},  // "&amp;" does not fit before the ellipsis
      {"abcdef", 5, ""},                  // too small for a useful span
      {"ab", 4, "`ab`"},
  };
  for (const CodeCase& c : cases) {
    const std::string got = CodeSpan(c.input, c.max);
    EXPECT_EQ(got, c.expected) << "input: " << c.input;
    EXPECT_LE(got.size(), c.max);
  }
}

TEST(MrkdwnTest, TruncationNeverSplitsEntityOrCodePoint) {
  // Every cut point of a string dense with entities and multibyte characters.
  const std::string input = "&<>\xC3\xA9\xF0\x9F\x94\xA5&x<y>z\xE2\x82\xAC&&";
  for (std::size_t max = 0; max < 80; ++max) {
    const std::string got = EscapeAndTruncate(input, max);
    ASSERT_LE(got.size(), max);
    ASSERT_TRUE(IsValidUtf8(got)) << max;
    for (std::size_t i = got.find('&'); i != std::string::npos; i = got.find('&', i + 1)) {
      const std::string_view rest = std::string_view(got).substr(i);
      EXPECT_TRUE(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;"))
          << "partial entity at max " << max << ": " << got;
    }
  }
}

TEST(MrkdwnTest, BidiControlsAreShownNotObeyed) {
  // U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE would reorder the text a triager reads.
  const std::string r(kReplacementChar);
  EXPECT_EQ(EscapeMrkdwn("invoice" "\xE2\x80\xAE" "txt.exe"), "invoice" + r + "txt.exe");
  EXPECT_EQ(PlainText("a" "\xE2\x81\xA6" "b" "\xE2\x81\xA9" "c", 150), "a" + r + "b" + r + "c");
  EXPECT_EQ(EscapeMrkdwn("em" "\xE2\x80\x94" "dash"), "em" "\xE2\x80\x94" "dash");  // U+2014 is not a control
}

}  // namespace
}  // namespace gdslack
