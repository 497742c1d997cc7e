// Which Slack webhook URLs are accepted: the one rule that the configuration loader (and so check-config),
// init and `send --webhook-url` all apply, so that a file check-config passes never fails at init.
//   https://hooks.slack.com/…, https://hooks.slack-gov.com/…   Slack's own webhook hosts (commercial, GovSlack)
//   http(s)://127.0.0.1, localhost, [::1] (any port)           loopback: tests and a local proxy
//   https://HOST/… for a HOST listed in allowed_webhook_hosts   anything else, only when the file says so
// Host names are ASCII only (an internationalised name is written in its xn-- form): the Lambda package's libcurl
// carries no IDN library (src/lambda_link/idn_psl_stubs.c). The URL itself is a secret: errors never show it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gdslack {

// Slack's webhook hosts (docs/reference/slack.md#webhooks).
inline constexpr std::string_view kSlackWebhookHosts[] = {"hooks.slack.com", "hooks.slack-gov.com"};

bool IsLoopbackHost(std::string_view host);

// OK, or kConfig with a one-line reason that names the host at most (never the path, which is the secret).
Status CheckWebhookUrl(std::string_view url, const std::vector<std::string>& allowed_hosts = {});

}  // namespace gdslack
