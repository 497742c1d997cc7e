#include "cli/cli_services.h"

#include "app/routing_setup.h"
#include "base/clock.h"

namespace gdslack {

AwsAccess* CliServices::Aws() {
  if (!aws_tried_) {
    aws_tried_ = true;
    Result<AwsAccess> access =
        ResolveAwsAccess(env, RunMode::kCli, http, SystemClock::Instance(), RealSleeper::Instance(),
                         SystemClock::Instance().NowUnixMs() + kCliAwsBudgetMs);
    if (access) aws_ = std::move(*access);
  }
  return aws_ ? &*aws_ : nullptr;
}

AccountNameLookup* CliServices::Names(std::ostream& err) {
  if (names_built_) return names_.get();
  names_built_ = true;
  Result<std::unique_ptr<AccountNameLookup>> built =
      BuildAccountNameLookup(env, Aws(), http, SystemClock::Instance(), RealSleeper::Instance());
  if (!built) {
    err << "guardduty-slack: account names off: " << built.error().message() << "\n";
    return nullptr;
  }
  names_ = std::move(*built);
  return names_.get();
}

Result<Secret> CliServices::Webhook() {
  return ResolveWebhookUrl(env, Aws(), http, SystemClock::Instance(), RealSleeper::Instance(),
                           SystemClock::Instance().NowUnixMs() + kCliAwsBudgetMs);
}

Result<RoutingConfig> CliServices::Routing(const std::string& config_flag) {
  // Only CONFIG_PARAMETER needs AWS; do not look for credentials otherwise.
  const bool needs_aws =
      config_flag.empty() && EnvOr(env, "CONFIG_FILE", "").empty() && !EnvOr(env, "CONFIG_PARAMETER", "").empty();
  return LoadRoutingConfiguration(env, RunMode::kCli, config_flag, needs_aws ? Aws() : nullptr, http,
                                  SystemClock::Instance(), RealSleeper::Instance(),
                                  SystemClock::Instance().NowUnixMs() + kCliAwsBudgetMs);
}

}  // namespace gdslack
