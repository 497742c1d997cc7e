// Configuration read once per sandbox (Lambda) or per run (CLI): AWS access, the Slack webhook secret and
// account names. Every failure is a Status whose message names the variable or parameter and the likely
// missing permission — never a secret value or the webhook URL.
#pragma once

#include <memory>
#include <string>

#include "aws/credentials_provider.h"
#include "aws/environment.h"
#include "base/clock.h"
#include "base/result.h"
#include "base/secret.h"
#include "http/http_client.h"
#include "notify/notifier.h"

namespace gdslack {

enum class RunMode { kLambda, kCli };

struct AwsAccess {
  std::unique_ptr<CredentialsProvider> credentials;
  std::string region;
  std::string source;  // "environment", "profile dev" (for logs)
};

// Lambda: the function's session credentials from the environment. CLI: the environment, then the shared
// files (AWS_PROFILE; role_arn + source_profile through STS). kNotFound when there are none.
Result<AwsAccess> ResolveAwsAccess(const EnvLookup& env, RunMode mode, HttpClient& http, const Clock& clock,
                                   Sleeper& sleeper, int64_t deadline_unix_ms);

// The webhook URL: SLACK_URL, else SLACK_URL_PARAMETER (SSM SecureString, decrypted), else SLACK_URL_SECRET
// (Secrets Manager; the URL or JSON with a "url" key). `aws` may be null when no credentials exist.
// kConfig when none is set or the value is not an https webhook URL; AWS errors keep their code.
Result<Secret> ResolveWebhookUrl(const EnvLookup& env, const AwsAccess* aws, HttpClient& http, const Clock& clock,
                                 Sleeper& sleeper, int64_t deadline_unix_ms);

// A webhook URL from SSM (`parameter`, SecureString, decrypted) or, when `parameter` is empty, Secrets Manager
// (`secret_id`; the URL or JSON with a "url" key), validated. Errors name the parameter or secret (`label`
// when reading fails, e.g. "SLACK_URL_PARAMETER /x"; "" = the name) and the permission, never the value.
Result<Secret> ReadWebhookSecret(const std::string& parameter, const std::string& secret_id, const std::string& label,
                                 const EnvLookup& env, const AwsAccess* aws, HttpClient& http, const Clock& clock,
                                 Sleeper& sleeper, int64_t deadline_unix_ms,
                                 const std::vector<std::string>& allowed_hosts = {});

// routing/webhook_url.h's rule (Slack's hosts, loopback, or a host in `allowed_hosts`, the routing file's
// allowed_webhook_hosts). The message never shows the URL.
Status ValidateWebhookUrl(const Secret& url, const std::vector<std::string>& allowed_hosts = {});
// The rule above for any Slack or service URL: https:// with a host, or http:// to a loopback host.
bool IsHttpsOrLoopbackUrl(const std::string& url);

// Account names: ACCOUNT_NAMES (static map) first, then Organizations when `aws` is present (ORG_ROLE_ARN
// assumed if set; ACCOUNT_NAMES_ONLY=true skips Organizations). nullptr when neither is available.
// kConfig for a malformed ACCOUNT_NAMES or ORG_ROLE_ARN.
Result<std::unique_ptr<AccountNameLookup>> BuildAccountNameLookup(const EnvLookup& env, AwsAccess* aws,
                                                                  HttpClient& http, const Clock& clock,
                                                                  Sleeper& sleeper);

}  // namespace gdslack
