#include "routing/webhook_url.h"

#include <algorithm>

#include "base/strings.h"
#include "base/url.h"

namespace gdslack {

bool IsLoopbackHost(std::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
}

Status CheckWebhookUrl(std::string_view url, const std::vector<std::string>& allowed_hosts) {
  const std::string host = AsciiLower(HostOf(url));
  const bool https = url.rfind("https://", 0) == 0;
  const bool http = url.rfind("http://", 0) == 0;
  const bool ascii = std::all_of(host.begin(), host.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if ((!https && !http) || host.empty() || !ascii) {
    return Status(Code::kConfig,
                  "the Slack webhook URL must start with https:// and name an ASCII host (value not shown)");
  }
  if (IsLoopbackHost(host)) return Status::Ok();
  if (!https) {
    return Status(Code::kConfig, "the Slack webhook URL for " + host +
                                     " must use https:// (plain http only to a loopback host; value not shown)");
  }
  const auto is = [&host](std::string_view h) { return AsciiLower(h) == host; };
  if (std::any_of(std::begin(kSlackWebhookHosts), std::end(kSlackWebhookHosts), is) ||
      std::any_of(allowed_hosts.begin(), allowed_hosts.end(), is)) {
    return Status::Ok();
  }
  return Status(Code::kConfig, "the Slack webhook URL's host " + host +
                                   " is not Slack's (hooks.slack.com, hooks.slack-gov.com); list it under "
                                   "allowed_webhook_hosts: to use it (value not shown)");
}

}  // namespace gdslack
