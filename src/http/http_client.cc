#include "http/http_client.h"
#include "base/strings.h"


namespace gdslack {
std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreAsciiCase(key, name)) return value;
  }
  return "";
}

std::string HostOf(std::string_view url) {
  // scheme://[userinfo@]host[:port][/path][?query][#fragment]. The userinfo may hold a password, so it is
  // skipped; the port is dropped ("hooks.slack.com", "127.0.0.1", "[::1]").
  std::size_t start = url.find("://");
  start = (start == std::string_view::npos) ? 0 : start + 3;
  std::string_view rest = url.substr(start);
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    return std::string(close == std::string_view::npos ? authority : authority.substr(0, close + 1));
  }
  const std::size_t colon = authority.find(':');
  return std::string(authority.substr(0, colon));
}

}  // namespace gdslack
