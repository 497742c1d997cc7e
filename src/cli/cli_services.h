// CliServices: what one CLI run may need from AWS and the environment — credentials (environment or
// profile), account names, the webhook secret, the routing configuration — built on demand, so `render`
// without AWS configuration never touches the network.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "app/configuration.h"
#include "aws/environment.h"
#include "http/curl_http_client.h"
#include "routing/config.h"

namespace gdslack {

// Budget for reading AWS credentials, a secret or the configuration, and one account name.
inline constexpr int64_t kCliAwsBudgetMs = 5000;

struct CliServices {
  explicit CliServices(const EnvLookup& e) : env(e) {}

  // Names from ACCOUNT_NAMES and, when credentials exist, Organizations. Errors are reported once on `err`;
  // the run goes on with bare account ids.
  AccountNameLookup* Names(std::ostream& err);
  // The environment's webhook (SLACK_URL, SLACK_URL_PARAMETER, SLACK_URL_SECRET).
  Result<Secret> Webhook();
  // --config FILE, else CONFIG_FILE / CONFIG_PARAMETER, else the default; then the env shortcuts.
  Result<RoutingConfig> Routing(const std::string& config_flag);
  AwsAccess* Aws();

  const EnvLookup& env;
  CurlHttpClient http;        // AWS APIs
  CurlHttpClient slack_http;  // webhooks

 private:
  bool aws_tried_ = false;
  std::optional<AwsAccess> aws_;
  bool names_built_ = false;
  std::unique_ptr<AccountNameLookup> names_;
};

}  // namespace gdslack
