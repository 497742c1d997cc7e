// Url: the one URL splitter. Splits "scheme://[userinfo@]host[:port][/path][?query][#fragment]" into its
// parts without judging them; callers decide what they accept (SigV4 wants http(s) and no userinfo, the
// webhook sender wants a host). A URL can be a secret (a Slack webhook's path is its credential): only
// `host` is ever fit for messages and logs.
#pragma once

#include <string>
#include <string_view>

namespace gdslack {

struct Url {
  std::string scheme;         // lower-cased; "" when the text has no "://" (then the authority starts at 0)
  std::string userinfo;       // may hold a password; never shown
  std::string host;           // as written; an IPv6 literal keeps its brackets ("[::1]")
  std::string port;           // as written after ':'; "" when absent
  std::string path;           // from the first '/' after the authority up to '?' or '#'; "" when absent
  std::string query;          // after '?' up to '#', without the '?'
  std::string fragment;       // after '#', without the '#'
  bool has_userinfo = false;  // an '@' in the authority, even with nothing before it

  // "host[:port]" as an HTTP Host header carries it: the port only when it is not the scheme's default
  // (80 for http, 443 for https).
  std::string HostHeader() const;
  // Everything after the authority ("/services/T0/B0/secret?x#y"): the part of a webhook URL that is the
  // credential. "" when there is none.
  std::string AfterAuthority() const;
};

// Splits `text`; never fails (missing parts stay empty).
Url SplitUrl(std::string_view text);

// %XX-encodes (upper-case hex) every byte except ASCII letters, digits and the bytes in `keep`.
// RFC 3986 unreserved: keep "-._~" (SigV4); JavaScript's encodeURIComponent: keep "-_.!~*'()".
std::string PercentEncode(std::string_view s, std::string_view keep);

// Decodes each well-formed %XX; anything else, a malformed '%' included, is copied as it is.
std::string PercentDecode(std::string_view s);

// The host part of a URL ("hooks.slack.com", "127.0.0.1", "[::1]"), for messages that must not show the
// full URL.
std::string HostOf(std::string_view url);

}  // namespace gdslack
