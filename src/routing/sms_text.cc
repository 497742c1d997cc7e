#include "routing/sms_text.h"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

namespace gdslack {
namespace {

// GSM 03.38 default alphabet, the non-ASCII part (as code points), and the extension table (2 septets).
constexpr char32_t kGsmNonAscii[] = {0xA3,  0xA5,  0xE8,  0xE9,  0xF9,  0xEC,  0xF2,  0xC7,  0xD8,  0xF8,
                                     0xC5,  0xE5,  0x394, 0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0, 0x3A8, 0x3A3,
                                     0x398, 0x39E, 0xC6,  0xE6,  0xDF,  0xC9,  0xA4,  0xA1,  0xC4,  0xD6,
                                     0xD1,  0xDC,  0xA7,  0xBF,  0xE4,  0xF6,  0xF1,  0xFC,  0xE0};
constexpr std::string_view kGsmExtension = "^{}\\[~]|";

int GsmSeptets(char32_t c) {
  if (c == 0x20AC) return 2;  // € is in the extension table
  if (c < 0x80) {
    if (kGsmExtension.find(static_cast<char>(c)) != std::string_view::npos) return 2;
    if (c == '`' || (c < 0x20 && c != '\n' && c != '\r')) return 0;
    if (c == 0x7F) return 0;
    return 1;
  }
  for (char32_t g : kGsmNonAscii) {
    if (g == c) return 1;
  }
  return 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c); }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// A Region as the console links need it: two letters, one or more words, a number of one or two digits
// ("us-east-1", "us-gov-west-1").
bool IsConsoleRegion(std::string_view r) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dash = r.find('-', start);
    parts.push_back(r.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() < 3 || parts.front().size() != 2 || parts.back().empty() || parts.back().size() > 2) return false;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].empty() || !std::all_of(parts[i].begin(), parts[i].end(), IsLower)) return false;
  }
  return std::all_of(parts.back().begin(), parts.back().end(), IsDigit);
}

bool AllOf(std::string_view s, std::size_t min, std::size_t max, bool (*ok)(char)) {
  return s.size() >= min && s.size() <= max && std::all_of(s.begin(), s.end(), ok);
}

// Keeps [A-Za-z0-9] and `extra`; anything else becomes `replacement` (runs collapsed). Seven or more digits
// in a row, even with spaces, '+', '-' or brackets between them, become '#': nothing from a finding may read
// as a phone number.
std::string Whitelist(std::string_view text, std::string_view extra, char replacement, std::size_t max) {
  std::string out;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    extra.find(c) != std::string_view::npos;
    if (ok) {
      out += c;
    } else if (!out.empty() && out.back() != replacement) {
      out += replacement;
    }
  }
  out = MaskDigitRuns(out);
  while (!out.empty() && out.back() == replacement) out.pop_back();
  if (out.size() > max) out = out.substr(0, max - 2) + "..";
  return out;
}

std::string ConsoleHost(const std::string& partition) {
  if (partition == "aws-cn") return "console.amazonaws.cn";
  if (partition == "aws-us-gov") return "console.amazonaws-us-gov.com";
  return "console.aws.amazon.com";
}

// Code points of valid UTF-8 (the parser guarantees validity; a stray byte counts as U+FFFD).
std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t c = n == 1 ? b : (b & (0x7F >> n));
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += n;
  }
  return out;
}

}  // namespace

// Plain character checks instead of std::regex, whose compilation costs a million instructions and whose code is
// ~50 KB of the Lambda package. A run of fewer than seven digits is kept as it is: any run starting later within it
// is shorter still, so no match can start inside it (the regex's leftmost-longest search finds none either).
std::string MaskDigitRuns(const std::string& in) {
  auto separator = [](char c) { return c == ' ' || c == '+' || c == '(' || c == ')' || c == '-'; };
  std::string out;
  std::size_t i = 0;
  while (i < in.size()) {
    if (!IsDigit(in[i])) {
      out += in[i++];
      continue;
    }
    std::size_t digits = 1;
    std::size_t last = i;
    for (std::size_t j = i + 1; j < in.size();) {
      std::size_t k = j;
      while (k < in.size() && separator(in[k])) ++k;
      if (k == in.size() || !IsDigit(in[k])) break;
      ++digits;
      last = k;
      j = k + 1;
    }
    if (digits >= 7) {
      out += '#';
    } else {
      out.append(in, i, last - i + 1);
    }
    i = last + 1;
  }
  return out;
}

SmsMeasure MeasureSms(std::string_view utf8) {
  SmsMeasure gsm;
  std::size_t utf16 = 0;
  for (char32_t c : CodePoints(utf8)) {
    utf16 += c > 0xFFFF ? 2 : 1;
    const int septets = GsmSeptets(c);
    if (septets == 0) gsm.gsm7 = false;
    gsm.units += static_cast<std::size_t>(septets);
  }
  if (!gsm.gsm7) gsm.units = utf16;
  return gsm;
}

std::string SmsText(const Finding& f) {
  const bool region_ok = IsConsoleRegion(f.region);
  char score[16];
  std::snprintf(score, sizeof score, "%.1f", f.severity);
  const std::string head = std::string("GuardDuty ") + BandName(f.band) + " " + score;
  // GuardDuty types are ThreatPurpose:ResourceType/ThreatFamily.Detail!Artifact; '.' becomes ' ' so a type
  // can never read as a domain.
  const std::string type = Whitelist(f.type, ":/!&_-", ' ', 80);
  const std::string account = !f.account_name.empty()                ? Whitelist(f.account_name, "_-", '-', 24)
                              : AllOf(f.account_id, 12, 12, IsDigit) ? "acct " + f.account_id
                                                                     : std::string();
  // Links, most useful first (the legacy form in AWS's EventBridge guide, docs/reference/guardduty.md): the finding
  // itself, the region's findings list, the region's GuardDuty console; the region is in each.
  std::vector<std::string> links;
  if (region_ok) {
    const std::string base = "https://" + ConsoleHost(f.partition) + "/guardduty/home?region=" + f.region;
    if (AllOf(f.id, 1, 64, IsAlnum)) links.push_back(base + "#/findings?search=id%3D" + f.id);
    links.push_back(base + "#/findings?macros=current");
    links.push_back(base);
  }
  links.emplace_back();  // last resort: no link
  auto compose = [&](const std::string& h, const std::string& t, const std::string& link) {
    std::string text = h;
    if (!t.empty()) text += " " + t;
    if (!account.empty()) text += " " + account;
    if (!region_ok && !f.region.empty()) text += " region ?";
    if (!link.empty()) text += "\n" + link;
    return text;
  };
  // The finding's own link is worth more than the word "GuardDuty" (the link names it anyway).
  const std::string short_head = std::string(BandName(f.band)) + " " + score;
  for (const std::string& link : links) {
    for (const std::string& h : {head, short_head}) {
      std::string text = compose(h, type, link);
      if (MeasureSms(text).FitsOneSms()) return text;
    }
  }
  // Nothing fits with the whole type: keep the shortest link and cut the type.
  const std::string& link = links.size() >= 2 ? links[links.size() - 2] : links.back();
  const std::size_t fixed = compose(head, "", link).size() + 1;
  const std::size_t room = fixed < 160 ? 160 - fixed : 0;
  std::string cut = room >= 4 ? type.substr(0, std::min(type.size(), room - 2)) + ".." : "";
  if (cut.size() > type.size()) cut = type;
  std::string text = compose(head, cut, link);
  return MeasureSms(text).FitsOneSms() ? text : head;
}

}  // namespace gdslack
