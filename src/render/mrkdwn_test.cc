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
  // Budgets are Slack characters (UTF-16 units); the ellipsis is one.
  const TruncCase cases[] = {
      {"short", 10, "short"},
      {"exactly10!", 10, "exactly10!"},
      {"eleven char", 10, "eleven ch" + ell},
      // Escaping happens first and counts: "a&b" -> "a&amp;b" (7 characters).
      {"a&b", 7, "a&amp;b"},
      {"a&b", 6, "a" + ell},  // "&amp;" would be cut: drop it whole
      {"ab&cd", 9, "ab&amp;cd"},
      {"ab&cdef", 10, "ab&amp;cd" + ell},
      {"ab&cd", 8, "ab&amp;" + ell},  // entity fits exactly before the ellipsis
      {"ab<cdef", 9, "ab&lt;cd" + ell},
      {"ab<cd", 7, "ab&lt;" + ell},
      {"abc>", 6, "abc" + ell},
      // Never split a code point; non-ASCII gets its full character budget.
      {"\xC3\xA9\xC3\xA9\xC3\xA9", 3, "\xC3\xA9\xC3\xA9\xC3\xA9"},
      {"\xC3\xA9\xC3\xA9\xC3\xA9", 2, "\xC3\xA9" + ell},
      // An emoji outside the BMP counts 2 (a UTF-16 surrogate pair).
      {"\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5", 4, "\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5"},
      {"\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5", 3, "\xF0\x9F\x94\xA5" + ell},
      {"\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5", 2, ell},
      {"abcdef", 2, "a" + ell},
      {"abcdef", 0, ""},
  };
  for (const TruncCase& c : cases) {
    const std::string got = EscapeAndTruncate(c.input, c.max);
    EXPECT_EQ(got, c.expected) << "input: " << c.input << " max " << c.max;
    EXPECT_LE(SlackLength(got), c.max);
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
      {"two\nlines\ttab\r\n", 150, "two lines tab  "},   {"x\x01y", 150, "x y"},
      {"ls\xE2\x80\xA8ps\xE2\x80\xA9.", 150, "ls ps ."}, {"0123456789", 8, "0123456" + ell},
      {"\xC3\xA9\xC3\xA9\xC3\xA9", 2, "\xC3\xA9" + ell}, {"bad \xC3", 150, "bad \xEF\xBF\xBD"},
  };
  for (const PlainCase& c : cases) {
    const std::string got = PlainText(c.input, c.max);
    EXPECT_EQ(got, c.expected) << "input: " << c.input;
    EXPECT_LE(SlackLength(got), c.max);
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
      // A single backtick: a ``` span shows it literally, so the value stays byte-exact.
      {"a`b", 100, "```a`b```"},
      // Runs of backticks, or one at either end, cannot sit in any span: the look-alike stands in.
      {"```js\nalert(1)```", 100, "`" + g + g + g + "js alert(1)" + g + g + g + "`"},
      {"`x", 100, "`" + g + "x`"},
      {"<https://evil|x> & y", 100, "`&lt;https://evil|x&gt; &amp; y`"},
      // No mention forms inside a code span: "@" is left exactly as it was.
      {"@here", 100, "`@here`"},
      {"ops@channel.example", 100, "`ops@channel.example`"},
      {"abcdefghij", 10, "`abcdefg" + ell + "`"},
      {"abc&", 10, "`abc&amp;`"},
      {"abc&", 9, "`abc" + ell + "`"},  // "&amp;" does not fit before the ellipsis
      {"abcdef", 5, "`ab" + ell + "`"},
      {"abcdef", 3, ""},  // too small for a useful span
      {"ab", 4, "`ab`"},
  };
  for (const CodeCase& c : cases) {
    const std::string got = CodeSpan(c.input, c.max);
    EXPECT_EQ(got, c.expected) << "input: " << c.input;
    EXPECT_LE(SlackLength(got), c.max);
  }
}

TEST(MrkdwnTest, TruncationNeverSplitsEntityOrCodePoint) {
  // Every cut point of a string dense with entities and multibyte characters.
  const std::string input = "&<>\xC3\xA9\xF0\x9F\x94\xA5&x<y>z\xE2\x82\xAC&&";
  for (std::size_t max = 0; max < 80; ++max) {
    const std::string got = EscapeAndTruncate(input, max);
    ASSERT_LE(SlackLength(got), max);
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
  EXPECT_EQ(EscapeMrkdwn("invoice"
                         "\xE2\x80\xAE"
                         "txt.exe"),
            "invoice" + r + "txt.exe");
  EXPECT_EQ(PlainText("a"
                      "\xE2\x81\xA6"
                      "b"
                      "\xE2\x81\xA9"
                      "c",
                      150),
            "a" + r + "b" + r + "c");
  EXPECT_EQ(EscapeMrkdwn("em"
                         "\xE2\x80\x94"
                         "dash"),
            "em"
            "\xE2\x80\x94"
            "dash");  // U+2014 is not a control
}

TEST(MrkdwnTest, InvisibleCharactersAreShownNotHidden) {
  // U+200B, U+200C, U+200D, U+2060, U+FEFF: "admin" and "ad\u200Bmin" must not look the same.
  const std::string r(kReplacementChar);
  for (std::string_view invisible : {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x81\xA0", "\xEF\xBB\xBF"}) {
    const std::string input = "ad" + std::string(invisible) + "min";
    EXPECT_EQ(EscapeMrkdwn(input), "ad" + r + "min");
    EXPECT_EQ(CodeSpan(input, 100), "`ad" + r + "min`");
    EXPECT_EQ(PlainText(input, 100), "ad" + r + "min");
    EXPECT_EQ(PlainTextLines(input, 100), "ad" + r + "min");
  }
  // Our own U+200B after '@' in prose is the only one a message carries.
  EXPECT_EQ(EscapeMrkdwn("@here"), "@" + std::string(kZwsp) + "here");
}

TEST(MrkdwnTest, CodeSpanIsByteExactForPlainIdentifiers) {
  for (std::string_view value :
       {"AKIA_OSFODNN7EXAMPLE", "arn:aws:iam::111122223333:user/john_doe", "john.doe@example.com",
        "python-requests/2.31.0 (@here; *bold* _it_ ~s~)", "\xE6\xBC\xA2\xE5\xAD\x97 \xF0\x9F\x94\xA5"}) {
    EXPECT_EQ(CodeSpan(value, 1000), "`" + std::string(value) + "`");
  }
}

TEST(MrkdwnTest, CountsCharactersLikeSlackNotBytes) {
  EXPECT_EQ(SlackLength("abc"), 3u);
  EXPECT_EQ(SlackLength("\xC3\xA9"), 1u);          // é
  EXPECT_EQ(SlackLength("\xE6\xBC\xA2"), 1u);      // 漢
  EXPECT_EQ(SlackLength("\xF0\x9F\x94\xA5"), 2u);  // 🔥, a surrogate pair
  // A section of 3000 CJK characters (9000 bytes) is allowed in full; one more is cut.
  std::string cjk;
  for (int i = 0; i < 3000; ++i) cjk += "\xE6\xBC\xA2";
  EXPECT_EQ(EscapeAndTruncate(cjk, kMaxSectionText), cjk);
  EXPECT_EQ(PlainTextLines(cjk, kMaxSectionText), cjk);
  const std::string cut = EscapeAndTruncate(cjk + "\xE6\xBC\xA2", kMaxSectionText);
  EXPECT_EQ(SlackLength(cut), kMaxSectionText);
  EXPECT_TRUE(cut.ends_with(kEllipsis));
  // 1500 emoji are 3000 UTF-16 units: allowed; 1501 are not.
  std::string emoji;
  for (int i = 0; i < 1500; ++i) emoji += "\xF0\x9F\x94\xA5";
  EXPECT_EQ(EscapeAndTruncate(emoji, kMaxSectionText), emoji);
  EXPECT_LE(SlackLength(EscapeAndTruncate(emoji + "\xF0\x9F\x94\xA5", kMaxSectionText)), kMaxSectionText);
  EXPECT_LE(SlackLength(PlainText(emoji + "x", kMaxHeaderText)), kMaxHeaderText);
}

TEST(MrkdwnTest, OneLineAndMultiLineText) {
  EXPECT_EQ(MrkdwnLine("a\n> quote\r\n*Account:* x\tb", 100), "a &gt; quote  *Account:* x b");
  EXPECT_EQ(PlainTextLines("> quote\r\n*Account:* prod\n<!channel>", 100), "> quote\n*Account:* prod\n<!channel>");
}

TEST(MrkdwnTest, DefangsWhatSlackWouldLinkify) {
  EXPECT_EQ(DefangLinks("see https://evil.example/login now"), "see https[://]evil[.]example/login now");
  EXPECT_EQ(DefangLinks("mail ops@corp.example"), "mail ops[@]corp[.]example");
  EXPECT_EQ(DefangLinks("GuardDuty High 8.0 in 111111111111/eu-west-1"),
            "GuardDuty High 8.0 in 111111111111/eu-west-1");
  EXPECT_EQ(DefangLinks("end."), "end.");
  EXPECT_EQ(DefangLinks("@here"), "@here");
}

}  // namespace
}  // namespace gdslack
