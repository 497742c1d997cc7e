#include "render/mrkdwn.h"

#include <array>
#include <utility>

#include "base/utf8.h"
#include "base/strings.h"

namespace gdslack {
namespace {

// U+200B ZERO WIDTH SPACE: placed after '@' so "@here" can never become a mention, whatever Slack's
// auto-parsing does (docs/reference/slack.md#escaping).
constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";
// U+02CB MODIFIER LETTER GRAVE ACCENT: looks like a backtick but cannot open or close a code span.
constexpr std::string_view kBacktickLookalike = "\xCB\x8B";

constexpr std::array<std::string_view, 3> kBroadcastNames = {"here", "channel", "everyone"};

bool FollowsBroadcastName(std::string_view rest) {
  for (std::string_view name : kBroadcastNames) {
    if (StartsWithIgnoreAsciiCase(rest, name)) return true;
  }
  return false;
}

enum class ControlMode {
  kKeepNewlines,   // mrkdwn prose: \n and \t survive
  kSingleLine,     // plain_text and code spans: every control character becomes a space
};

// Valid UTF-8 with C0/DEL/C1 control characters replaced by spaces (\r\n collapses to \n first).
std::string CleanText(std::string_view untrusted, ControlMode mode) {
  const std::string valid = SanitizeUtf8(untrusted);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c == '\r' && i + 1 < valid.size() && valid[i + 1] == '\n' && mode == ControlMode::kKeepNewlines) {
      continue;  // CRLF -> LF
    }
    if ((c == '\n' || c == '\t') && mode == ControlMode::kKeepNewlines) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7F) {
      out.push_back(' ');
    } else if (c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) <= 0x9F) {
      out.push_back(' ');  // C1 control U+0080..U+009F (valid UTF-8, so the next byte is >= 0x80)
      ++i;
    } else if (c == 0xE2 && i + 2 < valid.size() &&
               ((valid[i + 1] == '\x80' && valid[i + 2] >= '\xAA' && valid[i + 2] <= '\xAE') ||
                (valid[i + 1] == '\x81' && valid[i + 2] >= '\xA6' && valid[i + 2] <= '\xA9'))) {
      // Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) reorder what a
      // reader sees ("exe.txt" shown for "txt.exe"); show that something was there instead of obeying it.
      out.append(kReplacementChar);
      i += 2;
    } else if (c == 0xE2 && valid.compare(i + 1, 1, "\x80") == 0 && i + 2 < valid.size() &&
               (valid[i + 2] == '\xA8' || valid[i + 2] == '\xA9')) {
      // U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR: line breaks in disguise.
      out.push_back(mode == ControlMode::kKeepNewlines ? '\n' : ' ');
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// &<> escaping and @-broadcast neutralising of already clean text; backticks optionally replaced.
std::string EscapeClean(std::string_view clean, bool replace_backticks) {
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '@':
        out.push_back('@');
        if (FollowsBroadcastName(clean.substr(i + 1))) out += kZeroWidthSpace;
        break;
      case '`':
        if (replace_backticks) {
          out += kBacktickLookalike;
        } else {
          out.push_back(c);
        }
        break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Longest prefix of escaped text `s` (valid UTF-8) that fits max_bytes, ends on a code-point boundary and
// does not end inside an entity. The only '&' in escaped text starts &amp; &lt; or &gt;.
std::size_t SafeCut(std::string_view s, std::size_t max_bytes) {
  std::size_t cut = Utf8PrefixLength(s, max_bytes);
  const std::size_t look_back = cut < 4 ? cut : 4;  // an entity is at most 5 bytes long
  for (std::size_t back = 1; back <= look_back; ++back) {
    const std::size_t p = cut - back;
    if (s[p] != '&') continue;
    const std::size_t entity_len = s.compare(p, 5, "&amp;") == 0 ? 5 : 4;
    if (p + entity_len > cut) cut = p;
    break;
  }
  return cut;
}

// Cuts escaped text to max_bytes with a visible ellipsis.
std::string TruncateEscaped(std::string escaped, std::size_t max_bytes) {
  if (escaped.size() <= max_bytes) return escaped;
  if (max_bytes < kEllipsis.size()) {
    escaped.resize(SafeCut(escaped, max_bytes));
    return escaped;
  }
  escaped.resize(SafeCut(escaped, max_bytes - kEllipsis.size()));
  escaped += kEllipsis;
  return escaped;
}

}  // namespace

std::string EscapeMrkdwn(std::string_view untrusted) {
  return EscapeClean(CleanText(untrusted, ControlMode::kKeepNewlines), /*replace_backticks=*/false);
}

std::string EscapeAndTruncate(std::string_view untrusted, std::size_t max_bytes) {
  return TruncateEscaped(EscapeMrkdwn(untrusted), max_bytes);
}

std::string PlainText(std::string_view untrusted, std::size_t max_bytes) {
  std::string clean = CleanText(untrusted, ControlMode::kSingleLine);
  if (clean.size() <= max_bytes) return clean;
  if (max_bytes < kEllipsis.size()) {
    clean.resize(Utf8PrefixLength(clean, max_bytes));
    return clean;
  }
  return TruncateUtf8(clean, max_bytes);
}

std::string CodeSpan(std::string_view untrusted, std::size_t max_bytes) {
  // "`" + at least one code point + "…" + "`" needs 2 + 1 + 3 bytes; below that a span is pointless.
  constexpr std::size_t kMinSpan = 6;
  std::string inner = EscapeClean(CleanText(untrusted, ControlMode::kSingleLine), /*replace_backticks=*/true);
  // Slack shows `` literally and trims nothing; an all-space span renders oddly, so give it nothing.
  if (inner.find_first_not_of(' ') == std::string::npos) return "";
  if (max_bytes < kMinSpan && inner.size() + 2 > max_bytes) return "";
  inner = TruncateEscaped(std::move(inner), max_bytes - 2);
  return "`" + inner + "`";
}

}  // namespace gdslack
