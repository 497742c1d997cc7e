#include "base/url.h"

#include "base/strings.h"

namespace gdslack {

Url SplitUrl(std::string_view text) {
  Url url;
  std::string_view rest = text;
  if (const std::size_t sep = text.find("://"); sep != std::string_view::npos) {
    url.scheme = AsciiLower(text.substr(0, sep));
    rest = text.substr(sep + 3);
  }
  const std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  // The last '@' ends the userinfo: a password may itself contain '@' only percent-encoded, but be lenient.
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    url.has_userinfo = true;
    url.userinfo = std::string(authority.substr(0, at));
    authority = authority.substr(at + 1);
  }
  std::size_t port_colon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close != std::string_view::npos && close + 1 < authority.size() && authority[close + 1] == ':') {
      port_colon = close + 1;
    }
  } else {
    port_colon = authority.find(':');
  }
  url.host = std::string(authority.substr(0, port_colon));
  if (port_colon != std::string_view::npos) url.port = std::string(authority.substr(port_colon + 1));

  if (const std::size_t hash = tail.find('#'); hash != std::string_view::npos) {
    url.fragment = std::string(tail.substr(hash + 1));
    tail = tail.substr(0, hash);
  }
  if (const std::size_t q = tail.find('?'); q != std::string_view::npos) {
    url.query = std::string(tail.substr(q + 1));
    tail = tail.substr(0, q);
  }
  url.path = std::string(tail);
  return url;
}

std::string Url::HostHeader() const {
  const bool default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  if (port.empty() || default_port) return host;
  return host + ":" + port;
}

std::string Url::AfterAuthority() const {
  std::string out = path;
  if (!query.empty()) out += "?" + query;
  if (!fragment.empty()) out += "#" + fragment;
  return out;
}

std::string PercentEncode(std::string_view s, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        keep.find(ch) != std::string_view::npos) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = HexDigitValue(s[i + 1]);
      const int lo = HexDigitValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string HostOf(std::string_view url) { return SplitUrl(url).host; }

}  // namespace gdslack
