// libFuzzer target for the escaping rules, on raw bytes (invalid UTF-8, controls, bidi and invisible
// characters included: nothing is sanitized before the escaper sees it). The oracle checks every rule:
//  - valid UTF-8, within the budget counted as Slack counts (SlackLength);
//  - mrkdwn: no raw '<' or '>', every '&' starts &amp; &lt; or &gt;, so no mention, link or date token can
//    form; a bare @here/@channel/@everyone always has U+200B after the '@' in prose;
//  - one-line values (MrkdwnLine, CodeSpan, PlainText) hold no line break, so they cannot start a quote, a
//    list or a fake "*Field:*" line;
//  - code spans are fenced by ` or ``` with no backtick run inside that could close them early, and are
//    byte-exact: unescaping the entities gives back the cleaned input whenever it has no backtick;
//  - invisible and reordering characters (U+200B..U+200D, U+2060, U+FEFF, bidi controls) never pass
//    through, except the product's own U+200B after '@' in prose;
//  - the top-level text's defanging leaves no bare "://" and no "." between a word character and a letter.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "render/mrkdwn.h"

namespace {

using gdslack::SlackLength;

void Check(bool ok) {
  if (!ok) std::abort();
}

constexpr std::string_view kZwsp = "\xE2\x80\x8B";

// Hidden or reordering characters that must never appear (U+200B is checked separately): U+200C, U+200D,
// U+2060, U+FEFF, U+202A..U+202E, U+2066..U+2069, U+2028, U+2029. One pass over the lead bytes.
bool HasForbiddenInvisible(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) return true;
    if (b0 != 0xE2) continue;
    if (b1 == 0x80 && (b2 == 0x8C || b2 == 0x8D || (b2 >= 0xA8 && b2 <= 0xAE))) return true;
    if (b1 == 0x81 && (b2 == 0xA0 || (b2 >= 0xA6 && b2 <= 0xA9))) return true;
  }
  return false;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

void CheckMrkdwn(std::string_view out, std::size_t budget, bool prose) {
  Check(gdslack::IsValidUtf8(out));
  Check(SlackLength(out) <= budget);
  Check(!HasForbiddenInvisible(out));
  for (std::size_t i = 0; i < out.size(); ++i) {
    Check(out[i] != '<' && out[i] != '>');
    if (out[i] == '&') {
      const std::string_view rest = out.substr(i);
      Check(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;"));
    }
    if (out.compare(i, kZwsp.size(), kZwsp) == 0) Check(prose && i > 0 && out[i - 1] == '@');  // ours only
    if (prose && out[i] == '@') {
      const std::string_view rest = out.substr(i + 1);
      for (std::string_view name : {"here", "channel", "everyone"}) Check(!StartsWithIgnoreCase(rest, name));
    }
  }
}

void CheckOneLine(std::string_view out) {
  Check(out.find('\n') == std::string_view::npos && out.find('\r') == std::string_view::npos);
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 5, "&amp;") == 0)
      out += '&', i += 4;
    else if (s.compare(i, 4, "&lt;") == 0)
      out += '<', i += 3;
    else if (s.compare(i, 4, "&gt;") == 0)
      out += '>', i += 3;
    else
      out += s[i];
  }
  return out;
}

void CheckCodeSpan(std::string_view span, std::string_view input, std::size_t budget) {
  CheckMrkdwn(span, budget, /*prose=*/false);
  CheckOneLine(span);
  if (span.empty()) return;
  const std::size_t fence = span.starts_with("```") && span.size() >= 6 && span.ends_with("```") ? 3 : 1;
  Check(span.front() == '`' && span.back() == '`' && span.size() >= 2 * fence + 1);
  const std::string_view inner = span.substr(fence, span.size() - 2 * fence);
  // Inside, no backtick can close the span early: none at all in `...`, no run and none at the ends in ```.
  if (fence == 1) {
    Check(inner.find('`') == std::string_view::npos);
  } else {
    Check(inner.find("``") == std::string_view::npos && inner.front() != '`' && inner.back() != '`');
  }
  // Byte-exact: what a reader copies (entities decoded by Slack) is the cleaned value, unless it was cut.
  const std::string clean = gdslack::PlainText(input, input.size() + 1);
  if (!inner.ends_with(gdslack::kEllipsis) && clean.find('`') == std::string::npos) {
    Check(Unescape(inner) == clean);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  // First two bytes choose a budget (0..65535), the rest is the untrusted text as raw bytes.
  const std::size_t budget = static_cast<std::size_t>(data[0]) << 8 | data[1];
  const std::string_view input(reinterpret_cast<const char*>(data) + 2, size - 2);

  CheckMrkdwn(gdslack::EscapeAndTruncate(input, budget), budget, /*prose=*/true);
  const std::string line = gdslack::MrkdwnLine(input, budget);
  CheckMrkdwn(line, budget, /*prose=*/true);
  CheckOneLine(line);
  CheckCodeSpan(gdslack::CodeSpan(input, budget), input, budget);

  const std::string plain = gdslack::PlainText(input, budget);
  Check(gdslack::IsValidUtf8(plain) && SlackLength(plain) <= budget && !HasForbiddenInvisible(plain));
  Check(plain.find(kZwsp) == std::string::npos);
  CheckOneLine(plain);
  const std::string lines = gdslack::PlainTextLines(input, budget);
  Check(gdslack::IsValidUtf8(lines) && SlackLength(lines) <= budget && !HasForbiddenInvisible(lines));
  Check(lines.find('\r') == std::string::npos);

  const std::string defanged = gdslack::DefangLinks(plain);
  for (std::size_t i = defanged.find("://"); i != std::string::npos; i = defanged.find("://", i + 1)) {
    Check(i > 0 && defanged[i - 1] == '[');  // "[://]": no scheme Slack would link
  }
  for (std::size_t i = 1; i + 1 < defanged.size(); ++i) {
    const auto word = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    };
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (defanged[i] == '.') Check(!(word(defanged[i - 1]) && letter(defanged[i + 1])));
  }
  return 0;
}
