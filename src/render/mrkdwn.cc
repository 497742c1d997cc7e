#include "render/mrkdwn.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

#include "base/strings.h"
#include "base/utf8.h"

namespace gdslack {
namespace {

// U+200B ZERO WIDTH SPACE: placed after '@' so "@here" can never become a mention, whatever Slack's
// auto-parsing does (docs/reference/slack.md#escaping). Product-made; the same character in finding text is shown as
// U+FFFD.
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
  kKeepNewlines,  // prose: \n and \t survive
  kSingleLine,    // plain_text, code spans and one-line values: every control character becomes a space
};

// Length in bytes of the UTF-8 sequence starting with lead byte `c` (valid input).
std::size_t SequenceLength(unsigned char c) {
  if (c < 0x80) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

// Code point of the valid sequence at s[i..i+len).
uint32_t CodePointAt(std::string_view s, std::size_t i, std::size_t len) {
  const auto b = [&](std::size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (len) {
    case 1: return b(0);
    case 2: return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
    case 3: return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    default: return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
  }
}

// Characters that reorder what a reader sees ("exe.txt" shown for "txt.exe"): bidirectional embeddings,
// overrides and isolates. And characters that are there but cannot be seen (zero-width space, non-joiner,
// joiner, word joiner, byte-order mark): "admin" and "admin\u200B" must not look the same.
bool ShownAsReplacement(uint32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0x200B && cp <= 0x200D) ||
         cp == 0x2060 || cp == 0xFEFF;
}

// Valid UTF-8 with control characters replaced by spaces (\r\n collapses to \n first) and hidden or
// reordering characters by U+FFFD.
std::string CleanText(std::string_view untrusted, ControlMode mode) {
  const std::string valid = SanitizeUtf8(untrusted);
  const bool keep_newlines = mode == ControlMode::kKeepNewlines;
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size();) {
    const auto c = static_cast<unsigned char>(valid[i]);
    const std::size_t len = SequenceLength(c);
    if (len == 1) {
      if (c == '\r' && keep_newlines && i + 1 < valid.size() && valid[i + 1] == '\n') {
        // CRLF -> LF: the LF is kept on the next round.
      } else if ((c == '\n' || c == '\t') && keep_newlines) {
        out.push_back(static_cast<char>(c));
      } else if (c < 0x20 || c == 0x7F) {
        out.push_back(' ');
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    const uint32_t cp = CodePointAt(valid, i, len);
    if (cp >= 0x80 && cp <= 0x9F) {
      out.push_back(' ');  // C1 control
    } else if (cp == 0x2028 || cp == 0x2029) {
      out.push_back(keep_newlines ? '\n' : ' ');  // line/paragraph separator: line breaks in disguise
    } else if (ShownAsReplacement(cp)) {
      out.append(kReplacementChar);
    } else {
      out.append(valid, i, len);
    }
    i += len;
  }
  return out;
}

// &<> escaping of already clean text; in prose, bare @-broadcasts are neutralised as well.
std::string EscapeClean(std::string_view clean, bool prose) {
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
        if (prose && FollowsBroadcastName(clean.substr(i + 1))) out += kZeroWidthSpace;
        break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Longest prefix of escaped text `s` (valid UTF-8) that fits max_chars, ends on a code-point boundary and
// does not end inside an entity. The only '&' in escaped text starts &amp; &lt; or &gt;.
std::size_t SafeCut(std::string_view s, std::size_t max_chars) {
  std::size_t cut = SlackPrefixLength(s, max_chars);
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

// Cuts escaped text to max_chars with a visible ellipsis (one character).
std::string TruncateEscaped(std::string escaped, std::size_t max_chars) {
  if (SlackLength(escaped) <= max_chars) return escaped;
  if (max_chars < 1) return "";
  escaped.resize(SafeCut(escaped, max_chars - 1));
  escaped += kEllipsis;
  return escaped;
}

// Cuts clean, unescaped text to max_chars with a visible ellipsis.
std::string TruncatePlain(std::string clean, std::size_t max_chars) {
  if (SlackLength(clean) <= max_chars) return clean;
  if (max_chars < 1) return "";
  clean.resize(SlackPrefixLength(clean, max_chars - 1));
  clean += kEllipsis;
  return clean;
}

}  // namespace

std::size_t SlackLength(std::string_view s) {
  std::size_t chars = 0;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) chars += c >= 0xF0 ? 2 : 1;  // each lead byte; 4-byte sequences are surrogate pairs
  }
  return chars;
}

std::size_t SlackPrefixLength(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t len = SequenceLength(static_cast<unsigned char>(s[i]));
    const std::size_t units = len == 4 ? 2 : 1;
    if (chars + units > max_chars) break;
    chars += units;
    i += len;
  }
  return i;
}

std::string EscapeMrkdwn(std::string_view untrusted) {
  return EscapeClean(CleanText(untrusted, ControlMode::kKeepNewlines), /*prose=*/true);
}

std::string EscapeAndTruncate(std::string_view untrusted, std::size_t max_chars) {
  return TruncateEscaped(EscapeMrkdwn(untrusted), max_chars);
}

std::string MrkdwnLine(std::string_view untrusted, std::size_t max_chars) {
  return TruncateEscaped(EscapeClean(CleanText(untrusted, ControlMode::kSingleLine), /*prose=*/true), max_chars);
}

std::string PlainText(std::string_view untrusted, std::size_t max_chars) {
  return TruncatePlain(CleanText(untrusted, ControlMode::kSingleLine), max_chars);
}

std::string PlainTextLines(std::string_view untrusted, std::size_t max_chars) {
  return TruncatePlain(CleanText(untrusted, ControlMode::kKeepNewlines), max_chars);
}

std::string CodeSpan(std::string_view untrusted, std::size_t max_chars) {
  std::string inner = EscapeClean(CleanText(untrusted, ControlMode::kSingleLine), /*prose=*/false);
  // Slack shows `` literally and trims nothing; an all-space span renders oddly, so give it nothing.
  if (inner.find_first_not_of(' ') == std::string::npos) return "";
  std::string_view fence = "`";
  if (inner.find('`') != std::string::npos) {
    if (inner.find("``") == std::string::npos && inner.front() != '`' && inner.back() != '`') {
      fence = "```";
    } else {
      std::string replaced;
      for (char c : inner) {
        if (c == '`') {
          replaced += kBacktickLookalike;
        } else {
          replaced.push_back(c);
        }
      }
      inner = std::move(replaced);
    }
  }
  // Fences + at least one character + "…"; below that a span is pointless.
  const std::size_t fences = 2 * fence.size();
  const std::size_t length = SlackLength(inner);
  if (length + fences > max_chars && max_chars < fences + 2) return "";
  inner = TruncateEscaped(std::move(inner), max_chars - fences);
  // A cut can leave a backtick last, which would merge with a ``` fence.
  if (fence.size() == 3 && inner.back() == '`') return "";
  return std::string(fence) + inner + std::string(fence);
}

std::string DefangLinks(std::string_view text) {
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; };
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool has_prev = i > 0;
    const bool has_next = i + 1 < text.size();
    if (c == '.' && has_prev && has_next && word(text[i - 1]) &&
        std::isalpha(static_cast<unsigned char>(text[i + 1])) != 0) {
      out += "[.]";
    } else if (c == '@' && has_prev && has_next && word(text[i - 1]) && word(text[i + 1])) {
      out += "[@]";
    } else if (text.compare(i, 3, "://") == 0) {
      out += "[://]";
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace gdslack
