// Where the routing configuration comes from, in order: the CLI's --config FILE; CONFIG_FILE (a path);
// CONFIG_PARAMETER (an SSM parameter holding the YAML or JSON, read once per sandbox like the webhook); in
// Lambda, config.yaml packaged beside bootstrap ($LAMBDA_TASK_ROOT/config.yaml) when present; else the
// default (everything to the environment's webhook). Then the environment shortcuts MIN_SEVERITY,
// SKIP_SAMPLES and SKIP_ARCHIVED override the file's global filters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/configuration.h"
#include "routing/config.h"

namespace gdslack {

// No routing file: the configuration the environment describes. One destination, "slack": a Slack app when a
// bot token is configured (SLACK_BOT_TOKEN, SLACK_BOT_TOKEN_PARAMETER or SLACK_BOT_TOKEN_SECRET, with
// SLACK_CHANNEL), else the incoming webhook (SLACK_URL*, or the CLI's --webhook-url); and the default route to
// it with UPDATE_POLICY and ESCALATION_STEPS. kConfig names the bad variable.
Result<RoutingConfig> RoutingConfigFromEnvironment(const EnvLookup& env);

// Lambda's errorType for an invalid routing configuration at init (the sandbox never starts handling).
inline constexpr std::string_view kErrorInvalidConfiguration = "Runtime.InvalidConfiguration";

// kConfig with "file:line: key: message" for an invalid file; AWS errors (CONFIG_PARAMETER) keep their code.
// `aws` may be null (then CONFIG_PARAMETER is a kConfig error).
Result<RoutingConfig> LoadRoutingConfiguration(const EnvLookup& env, RunMode mode, const std::string& config_flag,
                                               const AwsAccess* aws, HttpClient& http, const Clock& clock,
                                               Sleeper& sleeper, int64_t deadline_unix_ms);

// MIN_SEVERITY (low|medium|high|critical or 0-10), SKIP_SAMPLES and SKIP_ARCHIVED (true|false) into
// `config.filters`. kConfig naming the variable for a bad value.
Status ApplyEnvironmentShortcuts(const EnvLookup& env, RoutingConfig& config);

}  // namespace gdslack
