#include "app/routing_setup.h"

#include "base/log.h"

#include <filesystem>

#include "app/bot_token.h"
#include "app/delivery_setup.h"
#include "aws/endpoints.h"
#include "aws/ssm.h"
#include "routing/config_loader.h"

namespace gdslack {
namespace {

Result<bool> EnvBool(const EnvLookup& env, const std::string& name, bool fallback) {
  const std::string value = EnvOr(env, name, "");
  if (value.empty()) return fallback;
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return Status(Code::kConfig, name + " must be true or false, not \"" + value + "\"");
}

}  // namespace

Result<RoutingConfig> RoutingConfigFromEnvironment(const EnvLookup& env) {
  RoutingConfig config = DefaultRoutingConfig();
  Result<StateSettings> settings = StateSettingsFromEnvironment(env);
  if (!settings) return settings.error();
  config.default_route.update_policy = settings->policy.policy;
  config.default_route.escalation_steps = settings->policy.steps;
  const BotTokenSource token = BotTokenFromEnvironment(env);
  if (!token.value.empty() || !token.parameter.empty() || !token.secret_id.empty()) {
    DestinationConfig& slack = config.destinations.begin()->second;
    slack.kind = DestinationKind::kSlackApp;
    slack.channel = EnvOr(env, "SLACK_CHANNEL", "");
    if (slack.channel.empty()) return Status(Code::kConfig, "SLACK_CHANNEL is required with a Slack bot token");
  }
  return config;
}

Status ApplyEnvironmentShortcuts(const EnvLookup& env, RoutingConfig& config) {
  const std::string min = EnvOr(env, "MIN_SEVERITY", "");
  if (!min.empty()) {
    std::optional<double> floor = ParseSeverityFloor(min);
    if (!floor) {
      return Status(Code::kConfig,
                    "MIN_SEVERITY must be low, medium, high, critical or a number from 0 to 10, not \"" + min + "\"");
    }
    config.filters.min_severity = *floor;
  }
  Result<bool> samples = EnvBool(env, "SKIP_SAMPLES", config.filters.skip_samples);
  if (!samples) return samples.error();
  config.filters.skip_samples = *samples;
  Result<bool> archived = EnvBool(env, "SKIP_ARCHIVED", config.filters.skip_archived);
  if (!archived) return archived.error();
  config.filters.skip_archived = *archived;
  return Status::Ok();
}

Result<RoutingConfig> LoadRoutingConfiguration(const EnvLookup& env, RunMode mode, const std::string& config_flag,
                                               const AwsAccess* aws, HttpClient& http, const Clock& clock,
                                               Sleeper& sleeper, int64_t deadline_unix_ms) {
  std::string path = !config_flag.empty() ? config_flag : EnvOr(env, "CONFIG_FILE", "");
  const std::string parameter = EnvOr(env, "CONFIG_PARAMETER", "");
  if (path.empty() && parameter.empty() && mode == RunMode::kLambda) {
    const std::string packaged = EnvOr(env, "LAMBDA_TASK_ROOT", "") + "/config.yaml";
    std::error_code ec;
    if (!EnvOr(env, "LAMBDA_TASK_ROOT", "").empty() && std::filesystem::exists(packaged, ec)) path = packaged;
  }
  Result<RoutingConfig> config = Status(Code::kInternal, "no configuration");
  if (path.empty() && parameter.empty()) {
    config = RoutingConfigFromEnvironment(env);
  } else if (!path.empty()) {
    config = LoadRoutingConfigFile(path);
  } else if (!parameter.empty()) {
    if (aws == nullptr)
      return Status(Code::kConfig, "cannot read CONFIG_PARAMETER " + parameter + ": no AWS credentials");
    Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kSsm, aws->region.empty() ? "us-east-1" : aws->region, env);
    if (!endpoint) return endpoint.error();
    SsmClient ssm(AwsClient(http, clock, sleeper, *aws->credentials, std::move(*endpoint)));
    Result<Secret> text = ssm.GetParameter(parameter, deadline_unix_ms);
    if (!text) {
      return Status(text.error().code() == Code::kNotFound ? Code::kConfig : text.error().code(),
                    "cannot read CONFIG_PARAMETER " + parameter + ": " + text.error().message());
    }
    config = LoadRoutingConfig(text->Reveal(), "SSM parameter " + parameter);
  }
  if (!config) return config.error();
  for (const std::string& w : ConfigWarnings(*config, clock.NowUnixMs() / 1000)) {
    Log(LogLevel::kWarn, "routing configuration warning", {{"warning", w}});
  }
  Status shortcuts = ApplyEnvironmentShortcuts(env, *config);
  if (!shortcuts.ok()) return shortcuts;
  return config;
}

}  // namespace gdslack
