// Slack mrkdwn safety: escaping of untrusted text and the Block Kit limits, named once.
// Escaping follows https://docs.slack.dev/messaging/formatting-message-text: only &, <, > are control
// characters (& first). Nothing else is escaped (over-escaping shows literally, tryfabric/mack#21).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gdslack {

// Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). Slack does not say whether its
// "characters" are code points, UTF-16 units or bytes; a rejected message is a lost alert, so we count
// UTF-8 bytes, which is never more permissive than either.
inline constexpr std::size_t kMaxBlocks = 50;
inline constexpr std::size_t kMaxHeaderText = 150;
inline constexpr std::size_t kMaxSectionText = 3000;
inline constexpr std::size_t kMaxFields = 10;
inline constexpr std::size_t kMaxFieldText = 2000;
inline constexpr std::size_t kMaxContextElements = 10;
inline constexpr std::size_t kMaxButtonText = 75;
inline constexpr std::size_t kMaxButtonUrl = 3000;
inline constexpr std::size_t kMaxFallbackText = 3000;  // well under the 40,000 truncation point

// &→&amp; <→&lt; >→&gt;. Also neutralises bare @here/@channel/@everyone by inserting U+200B after '@'
// (docs/reference/slack.md#escaping: whether they auto-parse with verbatim is unverified). Control characters
// other than \n and \t become spaces (\r\n becomes \n; U+2028/U+2029 become \n). Invalid UTF-8 and bidi controls
// (U+202A..U+202E, U+2066..U+2069) become U+FFFD.
std::string EscapeMrkdwn(std::string_view untrusted);

// Escape, then cut to max_bytes without splitting a code point or an entity (&amp; &lt; &gt;), appending
// "…" when cut.
std::string EscapeAndTruncate(std::string_view untrusted, std::size_t max_bytes);

// For plain_text objects (header, button): not parsed by Slack, so no escaping; control characters become
// spaces, newlines too (a header is one line), then cut to max_bytes with "…".
std::string PlainText(std::string_view untrusted, std::size_t max_bytes);

// Inline code for an identifier: `value` with backticks replaced (a backtick run would close the span);
// escaped as mrkdwn (code spans do not protect against <...>).
std::string CodeSpan(std::string_view untrusted, std::size_t max_bytes);

}  // namespace gdslack
