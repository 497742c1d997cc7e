// Slack mrkdwn safety: escaping of untrusted text and the Block Kit limits, named once.
// Escaping follows https://docs.slack.dev/messaging/formatting-message-text: only &, <, > are control
// characters (& first). Nothing else is escaped (over-escaping shows literally, tryfabric/mack#21).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gdslack {

// Block Kit limits (docs/reference/slack.md#block-kit-limits), in Slack characters (SlackLength).
// Slack counts characters, not bytes (slack-go counts code points, #405); emoji-heavy text has been
// rejected below the documented count, so we count UTF-16 code units, which is never fewer than code
// points: CJK gets its full budget (1 unit each), an emoji outside the BMP costs 2.
inline constexpr std::size_t kMaxBlocks = 50;
inline constexpr std::size_t kMaxHeaderText = 150;
inline constexpr std::size_t kMaxSectionText = 3000;
inline constexpr std::size_t kMaxFields = 10;
inline constexpr std::size_t kMaxFieldText = 2000;
inline constexpr std::size_t kMaxContextElements = 10;
inline constexpr std::size_t kMaxButtonText = 75;
inline constexpr std::size_t kMaxButtonUrl = 3000;
inline constexpr std::size_t kMaxFallbackText = 3000;  // well under the 40,000 truncation point
// Slack also rejects a message whose blocks hold too much text in total (msg_blocks_too_long, about
// 13,200 characters, slackapi/bolt-js#2509, undocumented); every message stays under this.
inline constexpr std::size_t kMaxMessageText = 12000;

// Length of valid UTF-8 `s` as Slack's limits count it: UTF-16 code units.
std::size_t SlackLength(std::string_view s);
// Bytes of the longest code-point-aligned prefix of valid UTF-8 `s` with SlackLength <= max_chars.
std::size_t SlackPrefixLength(std::string_view s, std::size_t max_chars);

// &→&amp; <→&lt; >→&gt;. Also neutralises bare @here/@channel/@everyone by inserting U+200B after '@'
// (docs/reference/slack.md#escaping: whether they auto-parse with verbatim is unverified). Control characters other
// than \n and \t become spaces (\r\n becomes \n; U+2028/U+2029 become \n). Invalid UTF-8, bidi controls
// (U+202A..U+202E, U+2066..U+2069) and invisible characters (U+200B..U+200D, U+2060, U+FEFF) become
// U+FFFD, so hidden text is shown rather than obeyed or lost.
std::string EscapeMrkdwn(std::string_view untrusted);

// Escape, then cut to max_chars (SlackLength) without splitting a code point or an entity (&amp; &lt;
// &gt;), appending "…" when cut.
std::string EscapeAndTruncate(std::string_view untrusted, std::size_t max_chars);

// One line of mrkdwn prose for a value placed after a label: newlines and tabs become spaces (a line break
// would let untrusted text start its own quote, list or field line), then EscapeAndTruncate.
std::string MrkdwnLine(std::string_view untrusted, std::size_t max_chars);

// For plain_text objects (header, button): not parsed by Slack, so no escaping; control characters become
// spaces, newlines too (a header is one line), then cut to max_chars with "…".
std::string PlainText(std::string_view untrusted, std::size_t max_chars);

// For multi-line free text (descriptions) in a plain_text section: like PlainText but keeps \n, so the
// text reads as written while nothing in it (">" quotes, "*Account:*" lines, lists, links) is formatted.
std::string PlainTextLines(std::string_view untrusted, std::size_t max_chars);

// Inline code for an identifier, byte-exact for copying: inside a code span Slack forms no mention, so only
// &, <, > are escaped (Slack decodes them back) and control/invisible characters are cleaned as above. A
// backtick cannot sit inside `...`: a value with single backticks becomes a ```...``` span, which shows
// them literally; one with a run of backticks (or starting/ending with one) has its backticks replaced by
// U+02CB, which looks alike and cannot close the span. Empty for an empty or all-space value.
std::string CodeSpan(std::string_view untrusted, std::size_t max_chars);

// The top-level `text` (notification and fallback) is linkified by Slack clients: URLs, domains and e-mail
// addresses in it become links. Defangs them the way analysts do: "." before a letter becomes "[.]",
// "://" becomes "[://]", "@" between word characters becomes "[@]". For already clean text.
std::string DefangLinks(std::string_view text);

}  // namespace gdslack
